import { useId, useRef, useState } from 'react';
import { ENROLMENT_INPUT_MAX } from '../../../shared/sync/enrolment-link';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import { useSessionStore } from '../../stores/session-store';
import { useSyncStore } from '../../stores/sync-store';

/**
 * Enrols this terminal with a manager's one-time code or the back office's enrolment link (typed, pasted
 * or scanned). `firstRun`: on the sign-in screen of a brand-new terminal, where nobody is signed in and
 * nothing is replaced.
 */
export function EnrolForm({
  restore = false,
  firstRun = false,
  serverUrl,
}: {
  restore?: boolean;
  firstRun?: boolean;
  serverUrl: string;
}) {
  const t = useT();
  const id = useId();
  const enrol = useSyncStore((s) => s.enrol);
  const busy = useSyncStore((s) => s.busy);
  const sessionEnded = useSessionStore((s) => s.sessionEnded);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  const submit = async () => {
    const codeMissing = code.trim() === '';
    const nameMissing = name.trim() === '';
    setCodeError(codeMissing ? t('sync.enrol.codeMissing') : null);
    setNameError(nameMissing ? t('sync.enrol.nameMissing') : null);
    setError(null);
    if (codeMissing) return codeRef.current?.focus();
    if (nameMissing) return nameRef.current?.focus();
    const failure = await enrol(code.trim(), name.trim());
    if (failure) {
      // The core's sentence; what was typed stays for another try.
      setError(failure.message);
      codeRef.current?.focus();
      return;
    }
    await sessionEnded(t(firstRun ? 'sync.enrol.welcome' : 'sync.enrol.signedOut', { name: name.trim() }));
  };

  return (
    <form
      className="form enrol-form"
      aria-labelledby={`${id}-heading`}
      aria-busy={busy}
      data-testid="enrol-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${id}-heading`}>{restore ? t('sync.enrol.againHeading') : t('sync.enrol.heading')}</h2>
      {restore ? (
        <p className="callout" role="note">
          {t('sync.restoreDetected')}
        </p>
      ) : null}
      <p>{t('sync.enrol.intro', { url: serverUrl })}</p>
      {firstRun ? null : (
        <ul className="muted enrol-form__notes">
          <li>{t('sync.enrol.replaces')}</li>
          <li>{t('sync.enrol.fresh')}</li>
          <li>{t('sync.enrol.signOut')}</li>
        </ul>
      )}
      <TextField
        id={`${id}-code`}
        label={t('sync.enrol.code')}
        value={code}
        onChange={setCode}
        error={codeError}
        inputRef={codeRef}
        maxLength={ENROLMENT_INPUT_MAX}
        hint={t('sync.enrol.codeHint')}
      />
      <TextField
        id={`${id}-name`}
        label={t('sync.enrol.name')}
        value={name}
        onChange={setName}
        error={nameError}
        inputRef={nameRef}
        maxLength={100}
      />
      {error ? (
        <p role="alert" className="error" data-testid="enrol-error">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>
          {t('sync.enrol.submit')}
        </button>
      </div>
    </form>
  );
}

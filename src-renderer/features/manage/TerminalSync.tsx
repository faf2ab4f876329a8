import { useId, useRef, useState } from 'react';
import { ENROLMENT_INPUT_MAX } from '../../../shared/sync/enrolment-link';
import { FieldList } from '../../components/FieldList';
import { ServerBadge } from '../../components/ServerBadge';
import { TextField } from '../../components/TextField';
import { useDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useSessionStore } from '../../stores/session-store';
import { useSyncStore } from '../../stores/sync-store';
import { useTerminalStore } from '../../stores/terminal-store';

/** This terminal and the central server: enrolment with a manager's code, the sync state, "Sync now". */
export function TerminalSync() {
  const t = useT();
  const dateTime = useDateTime();
  const status = useTerminalStore((s) => s.status);
  const busy = useSyncStore((s) => s.busy);
  const syncError = useSyncStore((s) => s.error);
  const syncedAt = useSyncStore((s) => s.syncedAt);
  const syncNow = useSyncStore((s) => s.syncNow);

  if (!status) return <p className="muted">{t('status.loading')}</p>;
  const { sync, server } = status;
  const when = (iso: string | null) => (iso ? dateTime(iso) : t('status.never'));

  return (
    <div className="terminal-sync" data-testid="terminal-sync">
      <section aria-labelledby="sync-status-heading">
        <h2 id="sync-status-heading">{t('sync.heading')}</h2>
        <FieldList
          fields={[
            {
              id: 'sync-server',
              label: t('status.server'),
              value: <ServerBadge state={server.state} label={t(`status.server.${server.state}`)} />,
            },
            {
              id: 'sync-state',
              label: t('sync.state'),
              value: (
                <span data-state={sync.state}>
                  {t(`sync.state.${sync.state}`)}
                  {sync.epoch !== undefined ? ` · ${t('sync.epoch', { epoch: sync.epoch })}` : ''}
                </span>
              ),
            },
            ...(sync.terminalName
              ? [{ id: 'sync-name', label: t('sync.terminalName'), value: sync.terminalName }]
              : []),
            {
              id: 'sync-terminal-id',
              label: t('status.terminalId'),
              value: <code>{status.terminalId}</code>,
            },
            ...(sync.enrolled
              ? [
                  {
                    id: 'sync-pending',
                    label: t('sync.pending'),
                    value: String(sync.pendingSales),
                  },
                  { id: 'sync-push', label: t('sync.lastPush'), value: when(sync.lastPushAt) },
                  { id: 'sync-pull', label: t('sync.lastPull'), value: when(sync.lastPullAt) },
                  {
                    id: 'sync-error',
                    label: t('sync.lastError'),
                    value: sync.lastError ?? t('sync.noError'),
                  },
                ]
              : []),
          ]}
        />
        {sync.state === 'enrolled' ? (
          <>
            <div className="button-row">
              <button type="button" className="primary" disabled={busy} onClick={() => void syncNow()}>
                {t('sync.now')}
              </button>
            </div>
            {syncError ? (
              <p role="alert" className="error" data-testid="sync-now-error">
                {syncError}
              </p>
            ) : syncedAt ? (
              <p role="status" className="muted" data-testid="sync-now-done">
                {t('sync.done', { at: dateTime(syncedAt) })}
              </p>
            ) : null}
          </>
        ) : null}
      </section>
      {sync.state === 'enrolled' ? null : server.state === 'not_configured' ? (
        <p className="callout" role="note" data-testid="enrol-no-server">
          {t('sync.enrol.noServer')}
        </p>
      ) : (
        <EnrolForm restore={sync.state === 'restore_detected'} serverUrl={server.url ?? ''} />
      )}
    </div>
  );
}

function EnrolForm({ restore, serverUrl }: { restore: boolean; serverUrl: string }) {
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
    await sessionEnded(t('sync.enrol.signedOut', { name: name.trim() }));
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
      <ul className="muted enrol-form__notes">
        <li>{t('sync.enrol.replaces')}</li>
        <li>{t('sync.enrol.fresh')}</li>
        <li>{t('sync.enrol.signOut')}</li>
      </ul>
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

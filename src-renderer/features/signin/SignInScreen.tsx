import { useEffect, useRef, useState } from 'react';
import { PinPad } from '../../components/PinPad';
import { useT } from '../../i18n/use-t';
import { useSessionStore } from '../../stores/session-store';
import { useTerminalStore } from '../../stores/terminal-store';
import { EnrolForm } from '../manage/EnrolForm';

export function SignInScreen() {
  const t = useT();
  const staff = useSessionStore((s) => s.staff);
  const error = useSessionStore((s) => s.error);
  const busy = useSessionStore((s) => s.busy);
  const signIn = useSessionStore((s) => s.signIn);
  const clearError = useSessionStore((s) => s.clearError);
  const notice = useSessionStore((s) => s.notice);
  const [staffId, setStaffId] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const pinRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (staffId) pinRef.current?.focus();
  }, [staffId]);

  useEffect(() => {
    performance.mark('pos:first-screen');
  }, []);

  const submit = async () => {
    if (!staffId) return;
    const ok = await signIn(staffId, pin);
    if (!ok) {
      setPin('');
      pinRef.current?.focus();
    }
  };

  return (
    <section className="panel signin" aria-labelledby="signin-heading" data-screen="signin">
      <h1 id="signin-heading">{t('signin.heading')}</h1>
      {notice ? (
        <p className="callout" role="status" data-testid="signin-notice">
          {notice}
        </p>
      ) : null}
      {staff.length === 0 ? <NoStaff /> : null}
      <div className="signin__staff" role="group" aria-label={t('signin.who')}>
        {staff.map((person) => (
          <button
            key={person.id}
            type="button"
            className="staff-button"
            data-staff={person.id}
            aria-pressed={staffId === person.id}
            onClick={() => {
              setStaffId(person.id);
              setPin('');
              clearError();
            }}
          >
            <span className="staff-button__name">{person.name}</span>
            <span className="staff-button__role">{person.roleName}</span>
          </button>
        ))}
      </div>
      {staffId ? (
        <PinPad
          label={t('signin.pin')}
          value={pin}
          onChange={setPin}
          onSubmit={() => void submit()}
          submitLabel={t('signin.submit')}
          clearLabel={t('pin.clear')}
          error={error}
          busy={busy}
          inputRef={pinRef}
        />
      ) : null}
    </section>
  );
}

/**
 * A terminal nobody can sign in to. A brand-new one with a central server enrols here with the code from
 * the back office (main admits the enrolment without a session only while the terminal holds no staff).
 */
function NoStaff() {
  const t = useT();
  const status = useTerminalStore((s) => s.status);
  if (status?.sync.state !== 'standalone' || status.server.state === 'not_configured') {
    return <p>{t('signin.noStaff')}</p>;
  }
  return (
    <>
      <p className="callout" role="note" data-testid="first-run">
        {t('sync.enrol.firstRun')}
      </p>
      <EnrolForm firstRun serverUrl={status.server.url ?? ''} />
    </>
  );
}

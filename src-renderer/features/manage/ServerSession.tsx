import { useId, useRef, useState } from 'react';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import { useManageStore } from '../../stores/manage-store';

/**
 * This staff member's session on the central server: the sign-in form until there is one, then who is
 * signed in. The password goes to main, which keeps the server's token; the screen never sees it.
 */
export function ServerSession() {
  const t = useT();
  const id = useId();
  const server = useManageStore((s) => s.server);
  const error = useManageStore((s) => s.serverError);
  const signIn = useManageStore((s) => s.signIn);
  const signOut = useManageStore((s) => s.signOut);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  if (server === null) return <p className="muted">{t('status.loading')}</p>;
  if (!server.configured) {
    return (
      <p role="alert" className="callout" data-testid="server-not-configured">
        {t('manage.server.notConfigured')}
      </p>
    );
  }
  if (server.signedIn) {
    return (
      <p className="manage__server" data-testid="server-session">
        {t('manage.server.signedInAs', {
          name: server.name ?? server.email ?? '',
          email: server.email ?? '',
        })}
        <button type="button" onClick={() => void signOut()}>
          {t('manage.server.signOut')}
        </button>
      </p>
    );
  }

  const submit = async () => {
    setBusy(true);
    const done = await signIn(email, password);
    setBusy(false);
    // A wrong password is typed again; the email stays.
    if (done) setPassword('');
    else passwordRef.current?.focus();
  };

  return (
    <form
      className="form manage__signin"
      aria-labelledby={`${id}-heading`}
      aria-busy={busy}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${id}-heading`}>{t('manage.server.heading')}</h2>
      <p className="muted">{t('manage.server.intro', { url: server.serverUrl ?? '' })}</p>
      <TextField
        id={`${id}-email`}
        label={t('manage.server.email')}
        type="email"
        value={email}
        onChange={setEmail}
      />
      <TextField
        id={`${id}-password`}
        label={t('manage.server.password')}
        type="password"
        value={password}
        onChange={setPassword}
        inputRef={passwordRef}
      />
      {error ? (
        <p role="alert" className="error" data-testid="server-error">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy || !email || !password}>
          {t('manage.server.signIn')}
        </button>
      </div>
    </form>
  );
}

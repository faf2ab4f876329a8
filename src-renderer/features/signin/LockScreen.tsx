import { useEffect, useRef, useState } from 'react';
import { PinPad } from '../../components/PinPad';
import { useT } from '../../i18n/use-t';
import { useSessionStore } from '../../stores/session-store';

export function LockScreen() {
  const t = useT();
  const session = useSessionStore((s) => s.session);
  const error = useSessionStore((s) => s.error);
  const busy = useSessionStore((s) => s.busy);
  const unlock = useSessionStore((s) => s.unlock);
  const signOut = useSessionStore((s) => s.signOut);
  const [pin, setPin] = useState('');
  const pinRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    pinRef.current?.focus();
  }, []);

  const submit = async () => {
    if (!(await unlock(pin))) {
      setPin('');
      pinRef.current?.focus();
    }
  };

  return (
    <section className="panel signin" aria-labelledby="lock-heading" data-screen="lock">
      <h1 id="lock-heading">{t('lock.heading')}</h1>
      <p>{t('lock.who', { name: session?.name ?? '' })}</p>
      <PinPad
        label={t('signin.pin')}
        value={pin}
        onChange={setPin}
        onSubmit={() => void submit()}
        submitLabel={t('lock.unlock')}
        clearLabel={t('pin.clear')}
        error={error}
        busy={busy}
        inputRef={pinRef}
      />
      <p>
        <button type="button" onClick={() => void signOut()}>
          {t('lock.switch')}
        </button>
      </p>
    </section>
  );
}

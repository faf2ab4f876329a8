import { useEffect, useId, useRef, useState } from 'react';
import { parseAmount } from '../../lib/amount-input';
import { useT } from '../../i18n/use-t';
import { useMoney } from '../../i18n/use-money';
import { useSellStore } from '../../stores/sell-store';
import { useShiftStore } from '../../stores/shift-store';

export function OpenShiftScreen() {
  const t = useT();
  const money = useMoney();
  const currency = useSellStore((s) => s.cart?.currency ?? 'EUR');
  const open = useShiftStore((s) => s.open);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const submit = async () => {
    const amount = parseAmount(text, currency);
    if (amount === null) {
      setError(t('amount.invalid', { example: money(1250, currency) }));
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    const failure = await open(amount);
    setBusy(false);
    if (failure) {
      setError(failure.message);
      inputRef.current?.focus();
    }
  };

  return (
    <section className="panel" aria-labelledby="open-shift-heading" data-screen="open-shift">
      <h1 id="open-shift-heading">{t('shift.openHeading')}</h1>
      <p>{t('shift.openIntro')}</p>
      <form
        className="form"
        aria-busy={busy}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={id}>{t('shift.float', { currency })}</label>
        <input
          id={id}
          ref={inputRef}
          inputMode="decimal"
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error ? (
          <p id={`${id}-error`} role="alert" className="error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {t('shift.open')}
        </button>
      </form>
    </section>
  );
}

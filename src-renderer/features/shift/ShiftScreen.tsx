import { useEffect, useId, useRef, useState } from 'react';
import { ZReportTable } from '../../components/ZReportTable';
import { parseAmount } from '../../lib/amount-input';
import { useDateTime, useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { can, useSessionStore } from '../../stores/session-store';
import { useSellStore } from '../../stores/sell-store';
import { useShiftStore } from '../../stores/shift-store';

/** The open shift's figures so far, and closing it with the counted cash. */
export function ShiftScreen() {
  const t = useT();
  const money = useMoney();
  const dateTime = useDateTime();
  const currency = useSellStore((s) => s.cart?.currency ?? 'EUR');
  const session = useSessionStore((s) => s.session);
  const current = useShiftStore((s) => s.current);
  const close = useShiftStore((s) => s.close);
  const load = useShiftStore((s) => s.load);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  // The figures move with every sale; read them fresh whenever the screen opens.
  useEffect(() => {
    void load();
  }, [load]);

  if (!current) return null;

  const submit = async () => {
    const amount = parseAmount(text, currency);
    if (amount === null) {
      setError(t('amount.invalid', { example: money(1250, currency) }));
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    const failure = await close(amount);
    setBusy(false);
    if (failure) {
      setError(failure.message);
      inputRef.current?.focus();
    }
  };

  return (
    <section className="panel panel--wide" aria-labelledby="shift-heading" data-screen="shift">
      <h1 id="shift-heading">{t('shift.heading')}</h1>
      <ZReportTable report={current} money={(a) => money(a, currency)} dateTime={dateTime} t={t} />
      <h2>{t('shift.closeHeading')}</h2>
      {can(session, 'shift.close') ? (
        <form
          className="form"
          aria-busy={busy}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor={id}>{t('shift.counted', { currency })}</label>
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
            {t('shift.close')}
          </button>
        </form>
      ) : (
        <p>{t('shift.closeNotAllowed')}</p>
      )}
    </section>
  );
}

/** The Z report of the shift just closed, until a new shift is opened. */
export function ZReportScreen() {
  const t = useT();
  const money = useMoney();
  const dateTime = useDateTime();
  const currency = useSellStore((s) => s.cart?.currency ?? 'EUR');
  const closed = useShiftStore((s) => s.closed);
  const dismiss = useShiftStore((s) => s.dismissReport);
  if (!closed) return null;
  return (
    <section className="panel panel--wide" aria-labelledby="z-heading" data-screen="z-report">
      <h1 id="z-heading">{t('z.heading')}</h1>
      <ZReportTable report={closed} money={(a) => money(a, currency)} dateTime={dateTime} t={t} />
      <button type="button" className="primary" onClick={dismiss}>
        {t('shift.openNew')}
      </button>
    </section>
  );
}

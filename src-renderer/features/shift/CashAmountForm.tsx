import { useEffect, useId, useRef, useState } from 'react';
import { useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { parseAmount } from '../../lib/amount-input';
import { TextField } from '../../components/TextField';

interface CashAmountFormProps {
  label: string;
  submitLabel: string;
  currency: string;
  autoFocus?: boolean;
  /** Sends the amount in minor units; a failure's sentence is shown under the field. */
  onAmount: (amount: number) => Promise<{ message: string } | null>;
}

/** One cash amount typed by hand (the float, the counted cash): what was typed stays on an error. */
export function CashAmountForm({
  label,
  submitLabel,
  currency,
  autoFocus = false,
  onAmount,
}: CashAmountFormProps) {
  const t = useT();
  const money = useMoney();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    if (autoFocus) inputRef.current?.focus();
  }, [autoFocus]);

  const submit = async () => {
    const amount = parseAmount(text, currency);
    if (amount === null) {
      setError(t('amount.invalid', { example: money(1250, currency) }));
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    const failure = await onAmount(amount);
    setBusy(false);
    if (failure) {
      setError(failure.message);
      inputRef.current?.focus();
    }
  };

  return (
    <form
      className="form"
      aria-busy={busy}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <TextField
        id={id}
        label={label}
        value={text}
        onChange={setText}
        error={error}
        inputRef={inputRef}
        inputMode="decimal"
      />
      <button type="submit" className="primary" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}

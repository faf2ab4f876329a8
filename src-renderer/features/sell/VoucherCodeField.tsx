import type { Ref } from 'react';
import { useT } from '../../i18n/use-t';

interface VoucherCodeFieldProps {
  id: string;
  value: string;
  onChange: (code: string) => void;
  /** Checks the code: a wedge scanner types the 164 characters and Enter, so Enter checks, never submits. */
  onCheck: () => void;
  error: string | null;
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
  busy?: boolean;
}

/** The field a voucher's code is scanned or pasted into, with its Check button beside it. */
export function VoucherCodeField(props: VoucherCodeFieldProps) {
  const t = useT();
  const { id, value, onChange, onCheck, error, inputRef, autoFocus, busy } = props;
  return (
    <>
      <label htmlFor={id}>{t('voucher.code')}</label>
      <div className="voucher-code__row">
        <input
          id={id}
          ref={inputRef}
          autoComplete="off"
          spellCheck={false}
          maxLength={400}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            onCheck();
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          data-autofocus={autoFocus ? true : undefined}
          data-testid="voucher-code"
        />
        <button type="button" onClick={onCheck} disabled={busy}>
          {t('voucher.check')}
        </button>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="error">
          {error}
        </p>
      ) : null}
    </>
  );
}

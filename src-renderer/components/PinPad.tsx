import { useId, type RefObject } from 'react';

interface PinPadProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  submitLabel: string;
  clearLabel: string;
  error: string | null;
  busy: boolean;
  inputRef?: RefObject<HTMLInputElement | null>;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** PIN entry by keyboard or by touching the keypad; the core's sentence shows beside it on an error. */
export function PinPad({
  label,
  value,
  onChange,
  onSubmit,
  submitLabel,
  clearLabel,
  error,
  busy,
  inputRef,
}: PinPadProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const press = (digit: string) => {
    if (value.length < 8) onChange(value + digit);
    inputRef?.current?.focus();
  };
  return (
    <form
      className="pinpad"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        className="pinpad__input"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
        data-autofocus
      />
      {error ? (
        <p id={errorId} role="alert" className="error">
          {error}
        </p>
      ) : null}
      <div className="pinpad__keys">
        {KEYS.map((digit) => (
          <button key={digit} type="button" tabIndex={-1} onClick={() => press(digit)}>
            {digit}
          </button>
        ))}
        <button type="button" tabIndex={-1} onClick={() => onChange('')}>
          {clearLabel}
        </button>
        <button type="button" tabIndex={-1} onClick={() => press('0')}>
          0
        </button>
        <button type="submit" className="primary" disabled={busy || value.length < 4}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

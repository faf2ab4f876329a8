import type { Ref } from 'react';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The sentence under the field; it also marks the field invalid for assistive technology. */
  error?: string | null | undefined;
  inputRef?: Ref<HTMLInputElement>;
  inputMode?: 'decimal' | 'numeric' | 'text';
  type?: 'text' | 'email' | 'password' | 'date' | 'datetime-local';
  maxLength?: number;
  /** The dialog focuses this field first. */
  autoFocus?: boolean;
  /** A line under the field about what it means, e.g. "new customer" for 0 previous orders. */
  hint?: string | null | undefined;
}

export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  inputRef,
  inputMode,
  type,
  maxLength,
  autoFocus,
  hint,
}: TextFieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type={type}
        inputMode={inputMode}
        autoComplete="off"
        maxLength={maxLength}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        data-autofocus={autoFocus ? true : undefined}
      />
      {hint ? (
        <span id={`${id}-hint`} className="muted small">
          {hint}
        </span>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="error">
          {error}
        </p>
      ) : null}
    </>
  );
}

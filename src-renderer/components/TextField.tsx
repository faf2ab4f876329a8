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
  maxLength?: number;
  /** The dialog focuses this field first. */
  autoFocus?: boolean;
}

export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  inputRef,
  inputMode,
  maxLength,
  autoFocus,
}: TextFieldProps) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        inputMode={inputMode}
        autoComplete="off"
        maxLength={maxLength}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-autofocus={autoFocus ? true : undefined}
      />
      {error ? (
        <p id={`${id}-error`} role="alert" className="error">
          {error}
        </p>
      ) : null}
    </>
  );
}

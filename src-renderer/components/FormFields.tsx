import type { ReactNode } from 'react';
import type { Language } from '../../shared/ipc/types';

// Labelled form controls beside TextField, each with its error sentence under it; the error also marks
// the control invalid for assistive technology.

export function FieldError({ id, error }: { id: string; error: string | null | undefined }) {
  return error ? (
    <p id={`${id}-error`} role="alert" className="error">
      {error}
    </p>
  ) : null;
}

/** The two languages as a select lists them, each in its own words. */
export const LANGUAGE_OPTIONS: { value: Language; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'de', label: 'Deutsch' },
];

/**
 * A settings form's answer under its buttons: the refusal as an alert, or what was done as a status
 * (`<testId>-error`, `<testId>-notice`).
 */
export function FormOutcome({
  error,
  notice,
  testId,
}: {
  error: string | null;
  notice: string | null;
  testId: string;
}) {
  return (
    <>
      {error ? (
        <p role="alert" className="error" data-testid={`${testId}-error`}>
          {error}
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="ok" data-testid={`${testId}-notice`}>
          {notice}
        </p>
      ) : null}
    </>
  );
}

interface SelectFieldProps<V extends string> {
  id: string;
  label: string;
  value: V;
  options: { value: V; label: string }[];
  onChange: (value: V) => void;
  error?: string | null | undefined;
  disabled?: boolean;
  /** Focused when its dialog opens (Dialog.tsx). */
  autoFocus?: boolean;
}

export function SelectField<V extends string>(props: SelectFieldProps<V>) {
  const { id, label, value, options, onChange, error, disabled, autoFocus } = props;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        data-autofocus={autoFocus ? true : undefined}
        onChange={(e) => onChange(e.target.value as V)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={id} error={error} />
    </>
  );
}

interface CheckFieldProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}

export function CheckField({ id, label, checked, onChange, disabled }: CheckFieldProps) {
  return (
    <div className="check-field">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

interface TextAreaFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** A line under the label on what to write, e.g. the format of each line. */
  hint?: string;
  error?: string | null | undefined;
  rows?: number;
  /** Shown while the field is empty, e.g. what an empty field stands for. */
  placeholder?: string;
}

/** The ids of a control's hint and error, for its aria-describedby; undefined when it has neither. */
export function describedByOf(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

/** A control's label and, under it, the line on what to write (ids as describedByOf names them). */
export function FieldLabel({ id, label, hint }: { id: string; label: string; hint?: string | undefined }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={`${id}-hint`} className="muted small">
          {hint}
        </span>
      ) : null}
    </>
  );
}

export function TextAreaField({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  rows = 3,
  placeholder,
}: TextAreaFieldProps) {
  return (
    <>
      <FieldLabel id={id} label={label} hint={hint} />
      <textarea
        id={id}
        rows={rows}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByOf(id, hint, error)}
      />
      <FieldError id={id} error={error} />
    </>
  );
}

/** One cell of the editor's grid: a control with its label and error stacked. */
export function FieldCell({ children, wide }: { children: ReactNode; wide?: boolean }) {
  return <div className={`field-cell${wide ? ' field-cell--wide' : ''}`}>{children}</div>;
}

interface FilterSelectProps<V extends string> {
  id: string;
  label: string;
  /** The first choice, '' in the value: no filter. */
  anyLabel: string;
  value: V | '';
  values: readonly V[];
  labelOf: (value: V) => string;
  onChange: (value: V | '') => void;
}

/** A list filter's choice among fixed values, or any of them. */
export function FilterSelect<V extends string>(props: FilterSelectProps<V>) {
  const { id, label, anyLabel, value, values, labelOf, onChange } = props;
  return (
    <div className="field-cell">
      <SelectField<V | ''>
        id={id}
        label={label}
        value={value}
        options={[{ value: '', label: anyLabel }, ...values.map((v) => ({ value: v, label: labelOf(v) }))]}
        onChange={onChange}
      />
    </div>
  );
}

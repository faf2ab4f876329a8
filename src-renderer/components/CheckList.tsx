import { describedByOf, FieldError } from './FormFields';

interface CheckListProps<V extends string> {
  id: string;
  legend: string;
  /** A line under the legend on what the choice means. */
  hint?: string | undefined;
  options: { value: V; label: string }[];
  value: readonly V[];
  onChange: (value: V[]) => void;
  error?: string | null | undefined;
}

/** Several of a few choices (a person's venues, a role's permissions): checkboxes under one legend. */
export function CheckList<V extends string>(props: CheckListProps<V>) {
  const { id, legend, hint, options, value, onChange, error } = props;
  const toggle = (v: V, on: boolean) =>
    // In the order of the options, whatever order they were ticked in.
    onChange(options.map((o) => o.value).filter((o) => (o === v ? on : value.includes(o))));
  return (
    <fieldset
      id={id}
      className="field-cell field-cell--wide"
      aria-describedby={describedByOf(id, hint, error)}
    >
      <legend>{legend}</legend>
      {hint ? (
        <span id={`${id}-hint`} className="muted small">
          {hint}
        </span>
      ) : null}
      {options.map((o) => (
        <div className="check-field" key={o.value}>
          <input
            id={`${id}-${o.value}`}
            type="checkbox"
            checked={value.includes(o.value)}
            onChange={(e) => toggle(o.value, e.target.checked)}
          />
          <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
      <FieldError id={id} error={error} />
    </fieldset>
  );
}

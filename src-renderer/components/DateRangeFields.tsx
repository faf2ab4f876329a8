import { TextField } from './TextField';

/** The from/to date pair of the report filters: two date fields that change the range together. */
export function DateRangeFields(props: {
  id: string;
  from: string;
  to: string;
  fromLabel: string;
  toLabel: string;
  onChange: (from: string, to: string) => void;
}) {
  const { id, from, to, onChange } = props;
  return (
    <>
      <div className="field-cell">
        <TextField
          id={`${id}-from`}
          label={props.fromLabel}
          type="date"
          value={from}
          onChange={(v) => onChange(v, to)}
        />
      </div>
      <div className="field-cell">
        <TextField
          id={`${id}-to`}
          label={props.toLabel}
          type="date"
          value={to}
          onChange={(v) => onChange(from, v)}
        />
      </div>
    </>
  );
}

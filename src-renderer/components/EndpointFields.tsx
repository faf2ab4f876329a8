import { FieldCell } from './FormFields';
import { TextField } from './TextField';

/** A port as typed, or NaN so the request's schema refuses it with its sentence. */
export function portOf(typed: string): number {
  return /^\d{1,5}$/.test(typed.trim()) ? Number(typed.trim()) : NaN;
}

interface EndpointFieldsProps {
  id: string;
  labels: { host: string; port: string };
  host: string;
  port: string;
  errors: { host?: string | undefined; port?: string | undefined };
  onChange: (field: 'host' | 'port', value: string) => void;
}

/** A device's or server's address and port on the network (a printer, a mail server), as two cells. */
export function EndpointFields({ id, labels, host, port, errors, onChange }: EndpointFieldsProps) {
  return (
    <>
      <FieldCell>
        <TextField
          id={`${id}-host`}
          label={labels.host}
          value={host}
          onChange={(v) => onChange('host', v)}
          error={errors.host}
        />
      </FieldCell>
      <FieldCell>
        <TextField
          id={`${id}-port`}
          label={labels.port}
          inputMode="numeric"
          value={port}
          onChange={(v) => onChange('port', v)}
          error={errors.port}
        />
      </FieldCell>
    </>
  );
}

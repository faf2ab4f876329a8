import { useState } from 'react';
import type { ZodType } from 'zod';
import { fieldErrors, withServerFields, type FieldErrors } from './field-errors';

interface Failure {
  reason: string;
  message: string;
}

export interface RecordForm<D> {
  draft: D;
  set: <K extends keyof D>(field: K, value: D[K]) => void;
  /** Sentences beside fields: the schema's once the manager tried to save, and the server's. */
  errors: FieldErrors;
  /** The server's sentence about the whole form (a version conflict, an unreachable server). */
  formError: string | null;
  busy: boolean;
  submit: () => Promise<void>;
}

/**
 * A record's form: the draft as typed, checked with the same schema the server uses, sent as the body
 * `toBody` makes of it. A refusal keeps every field as typed.
 */
export function useRecordForm<D extends object>(options: {
  initial: D;
  schema: ZodType;
  toBody: (draft: D) => unknown;
  save: (body: never) => Promise<Failure | null>;
}): RecordForm<D> {
  const { schema, toBody, save } = options;
  const [draft, setDraft] = useState(options.initial);
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);

  const own = tried ? fieldErrors(schema, toBody(draft)) : {};
  return {
    draft,
    set(field, value) {
      setDraft((d) => ({ ...d, [field]: value }));
    },
    errors: withServerFields(own, failure),
    formError: failure?.message ?? null,
    busy,
    async submit() {
      setTried(true);
      const parsed = schema.safeParse(toBody(draft));
      if (!parsed.success) return;
      setBusy(true);
      setFailure(null);
      const result = await save(parsed.data as never);
      setBusy(false);
      setFailure(result);
    },
  };
}

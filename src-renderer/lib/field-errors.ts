import type { ZodType } from 'zod';
import { fieldsOf } from '../../shared/server-api/call';

// Field errors for a form: the same zod schema the server validates with is run on the draft as the
// manager types, and a refusal from the server lands beside the same fields. A path such as
// `prices.0.unitPrice` names a nested field.

export type FieldErrors = Record<string, string>;

/** Each invalid field's first sentence, or {} when the value passes the schema. */
export function fieldErrors(schema: ZodType, value: unknown): FieldErrors {
  const parsed = schema.safeParse(value);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in errors)) errors[path] = issue.message;
  }
  return errors;
}

/** The server's per-field sentences of a refusal, merged over what the form found itself. */
export function withServerFields(
  own: FieldErrors,
  failure: { reason: string; message: string } | null,
): FieldErrors {
  return failure ? { ...own, ...fieldsOf(failure) } : own;
}

/** The sentence at `path` or at the first field under it (`path.3`, `path.3.name`): one control's error. */
export function errorWithin(errors: FieldErrors, path: string): string | undefined {
  return errors[path] ?? Object.entries(errors).find(([field]) => field.startsWith(`${path}.`))?.[1];
}

import type { z } from 'zod';
import { reject } from '../errors';

/** Parses a payload or rejects (and so quarantines) with the first few problems named. */
export function parsePayload<T>(schema: z.ZodType<T>, payload: unknown, type: string): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`)
      .join('; ');
    reject('INVALID_PAYLOAD', `The ${type} payload is not what the server expects (${issues}).`);
  }
  return parsed.data;
}

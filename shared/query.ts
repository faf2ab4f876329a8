import { z } from 'zod';

// Query-string pieces the server's routes and the back office's forms share. Query strings carry
// text, so numbers are coerced and booleans spelled out.

export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Offset pages: limit and offset, for lists whose rows number in the thousands. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};

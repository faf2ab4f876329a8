import { z } from 'zod';
import { text } from '../text';

// Field rules the pushed records share (sale-record.ts, payloads.ts). Money and counts are strict
// integers in minor units.

export const id = text().min(1).max(100);
export const uuid = z.uuid();
export const instant = z.iso.datetime({ offset: true });
export const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** Signed minor units: refund payments are negative. */
export const signedMinor = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
export const qty = z.number().int().min(0).max(1_000_000);
/** SQLite's boolean: 0 or 1. */
export const flag = z.union([z.literal(0), z.literal(1)]);

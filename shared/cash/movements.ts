import { z } from 'zod';
import { text } from '../text';
import { instant, minor, signedMinor, uuid, id } from '../sync/fields';
import type { Permission } from '../auth/permissions';
import { MAX_REASON_LENGTH, MAX_REASON_NOTE_LENGTH } from './reasons';

// Cash that moves through the drawer without a sale (docs/CASH.md): paid in, paid out, a drop to the
// safe, a change of float, and "no sale" (the drawer opened, no money moved). Each is recorded in the
// terminal's chain and pushed like a sale, and the expected cash at the close counts it.

export const CASH_MOVEMENT_KINDS = ['paid_in', 'paid_out', 'drop', 'float_change', 'no_sale'] as const;
export type CashMovementKind = (typeof CASH_MOVEMENT_KINDS)[number];

/**
 * The permission a movement needs: "no sale" only opens the drawer, every other kind moves money. The
 * terminal's dispatcher checks it before the movement is made, the server again when it arrives.
 */
export function movementPermission(kind: CashMovementKind): Permission {
  return kind === 'no_sale' ? 'drawer.open' : 'cash.move';
}

/** What the cashier asks for: an amount as typed (never negative) and, for a float change, its direction. */
export const cashMovementInputSchema = z.strictObject({
  kind: z.enum(CASH_MOVEMENT_KINDS),
  amount: minor,
  /** A float change adds to the drawer or takes from it; the other kinds have one direction each. */
  direction: z.enum(['in', 'out']).optional(),
  reason: text().trim().min(1).max(MAX_REASON_LENGTH),
  note: text().trim().max(MAX_REASON_NOTE_LENGTH).nullable().optional(),
});
export type CashMovementInput = z.input<typeof cashMovementInputSchema>;
/** The input as parsed (trimmed, bounded): what the main process's service receives. */
export type CashMovementRequest = z.output<typeof cashMovementInputSchema>;

/** Why an input cannot be recorded, before anything is looked up; each has its sentence on the terminal. */
export type CashMovementShapeError =
  'CASH_AMOUNT_REQUIRED' | 'CASH_NO_SALE_AMOUNT' | 'CASH_DIRECTION_REQUIRED';

/**
 * What the movement does to the drawer, in minor units: positive in, negative out, 0 for "no sale". The
 * one rule the terminal's expected cash and the server's shift report share.
 */
export function drawerDelta(
  input: Pick<CashMovementInput, 'kind' | 'amount' | 'direction'>,
): { ok: true; delta: number } | { ok: false; error: CashMovementShapeError } {
  if (input.kind === 'no_sale')
    return input.amount === 0 ? { ok: true, delta: 0 } : { ok: false, error: 'CASH_NO_SALE_AMOUNT' };
  if (input.amount <= 0) return { ok: false, error: 'CASH_AMOUNT_REQUIRED' };
  switch (input.kind) {
    case 'paid_in':
      return { ok: true, delta: input.amount };
    case 'paid_out':
    case 'drop':
      return { ok: true, delta: -input.amount };
    case 'float_change':
      if (!input.direction) return { ok: false, error: 'CASH_DIRECTION_REQUIRED' };
      return { ok: true, delta: input.direction === 'in' ? input.amount : -input.amount };
  }
}

/** `cash.movement` in the outbox and on the wire: the stored row, with the terminal that made it. */
export const cashMovementPayloadSchema = z.object({
  terminalId: uuid,
  id: uuid,
  shiftId: uuid,
  kind: z.enum(CASH_MOVEMENT_KINDS),
  /** The drawer's change: positive in, negative out (drawerDelta). */
  amount: signedMinor,
  currency: text().regex(/^[A-Z]{3}$/),
  reason: text().max(MAX_REASON_LENGTH),
  note: text().max(MAX_REASON_NOTE_LENGTH).nullable(),
  /** Who did it; a demo terminal's own staff ids are kept as text. */
  staffId: id,
  at: instant,
});
export type CashMovementPayload = z.infer<typeof cashMovementPayloadSchema>;

/** A movement as the terminal stores and shows it. */
export type CashMovementRow = Omit<CashMovementPayload, 'terminalId'>;

/** Per kind, for the Z and X reports and the server's shift report. */
export interface CashMovementTotals {
  kind: CashMovementKind;
  count: number;
  amount: number;
}

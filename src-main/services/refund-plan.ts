import type { Language } from '../../shared/ipc/types';
import { formatMinor } from '../../shared/money';
import { err, ok, type Result } from '../../shared/result';
import type { Translate } from '../messages';
import { allocateRefund, describeRefundable, type Paid, type Tender } from './refund-tenders';

// What a refund or void gives back and how the money goes, for a sale of this terminal
// (sale-service.ts) and another terminal's (remote-refund-service.ts, docs/ORDERS.md): one rule.

/** A refund or void as the till asks for it. */
export interface RefundInput {
  saleId: string;
  kind: 'refund' | 'void';
  units?: { lineId: string; unitIndex: number }[] | undefined;
  reason: string;
  tender?: 'cash' | 'card' | undefined;
  reference?: string | undefined;
  override?: { reason: string } | undefined;
}

export interface RefundPlan<U> {
  /** The units given back: every unit still charged for a void, else exactly those asked for. */
  units: U[];
  amount: number;
  /** The money per tender, before dropping nothing-to-pay parts (a comp pays out nothing). */
  parts: { tender: Tender; amount: number }[];
  /** The reason as recorded: a supervisor's tender override is part of it. */
  reason: string;
}

export function planRefund<U extends { lineId: string; unitIndex: number; total: number }>(
  /** The units still charged. */
  open: readonly U[],
  payments: readonly Paid[],
  currency: string,
  input: RefundInput,
  words: { t: Translate; language: Language },
  /**
   * Of the amount, this much stays with the customer as credit on an exchange's new sale (tender
   * 'exchange', exchange-service.ts) instead of being paid back; the rest goes back as any refund's.
   */
  credit = 0,
): Result<RefundPlan<U>> {
  const { t } = words;
  const chosen =
    input.kind === 'void'
      ? open
      : (input.units ?? []).map((want) =>
          open.find((u) => u.lineId === want.lineId && u.unitIndex === want.unitIndex),
        );
  const units = chosen.flatMap((u) => (u ? [u] : []));
  if (units.length === 0 || units.length !== chosen.length)
    return err('UNIT_NOT_REFUNDABLE', t('UNIT_NOT_REFUNDABLE'));
  const amount = units.reduce((n, u) => n + u.total, 0);
  const { override } = input;
  const kept = Math.min(credit, amount);
  // The money goes back the way it came, less what went back already, unless a supervisor overrides.
  // Credit kept for an exchange must be money the sale still holds, as a refund of it would be.
  const fits = kept === 0 || allocateRefund(payments, amount) !== undefined;
  const paid = override
    ? [
        {
          tender: input.tender ?? payments.find((p) => p.amount > 0)?.tender ?? 'cash',
          amount: amount - kept,
        },
      ]
    : fits
      ? allocateRefund(payments, amount - kept, input.tender)
      : undefined;
  const parts = paid && [...(kept > 0 ? [{ tender: 'exchange' as const, amount: kept }] : []), ...paid];
  if (!parts) {
    const money = (n: number) => `${formatMinor(n, currency, words.language)} ${currency}`;
    return err(
      'REFUND_TENDER_NOT_PAID',
      t('REFUND_TENDER_NOT_PAID', { left: describeRefundable(payments, money) }),
    );
  }
  const reason = override ? `${input.reason} (tender override: ${override.reason})` : input.reason;
  return ok({ units, amount, parts, reason });
}

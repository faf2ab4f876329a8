import type { Language } from '../../shared/ipc/types';
import { formatMinor } from '../../shared/money';
import { err, ok, type Result } from '../../shared/result';
import type { ReasonLists } from '../../shared/cash/reasons';
import type { Translate } from '../messages';
import { checkReason } from './reasons';
import {
  allocateRefund,
  describeRefundable,
  refundableMoney,
  type Paid,
  type Tender,
} from './refund-tenders';

// What a refund or void gives back and how the money goes, for a sale of this terminal
// (sale-service.ts) and another terminal's (remote-refund-service.ts, docs/ORDERS.md): one rule.

/** A refund or void as the till asks for it. */
export interface RefundInput {
  saleId: string;
  kind: 'refund' | 'void';
  units?: { lineId: string; unitIndex: number }[] | undefined;
  /** A label from the organisation's `refund` or `void` list (docs/CASH.md "Reasons"). */
  reason: string;
  note?: string | null | undefined;
  /**
   * 'voucher': the money goes onto a new credit voucher (docs/CASH.md "Refunds onto a voucher"); a
   * refund of this terminal's own sale only.
   */
  tender?: 'cash' | 'card' | 'voucher' | undefined;
  reference?: string | undefined;
  override?: { reason: string } | undefined;
}

export interface RefundPlan<U> {
  /** The units given back: every unit still charged for a void, else exactly those asked for. */
  units: U[];
  amount: number;
  /** The money per tender, before dropping nothing-to-pay parts (a comp pays out nothing). */
  parts: { tender: Tender; amount: number }[];
  /**
   * The money that goes onto a new credit voucher instead (tender 'voucher' asked, docs/CASH.md "Refunds
   * onto a voucher"); 0 otherwise. Not in `parts`: those go back to what the sale was paid with.
   */
  toVoucher: number;
  /** The reason as listed, so reports group by it. */
  reason: string;
  /** The note, with a supervisor's tender override's words after it; null without either. */
  note: string | null;
}

export function planRefund<U extends { lineId: string; unitIndex: number; total: number }>(
  /** The units still charged. */
  open: readonly U[],
  payments: readonly Paid[],
  currency: string,
  input: RefundInput,
  words: { t: Translate; language: Language; reasons: ReasonLists | undefined },
  /**
   * Of the amount, this much stays with the customer as credit on an exchange's new sale (tender
   * 'exchange', exchange-service.ts) instead of being paid back; the rest goes back as any refund's.
   */
  credit = 0,
): Result<RefundPlan<U>> {
  const { t } = words;
  // A void is a refund of everything: the category is its kind, and an exchange gives back as a refund.
  const listed = checkReason(words.reasons, input.kind, input.reason, t);
  if (!listed.ok) return listed;
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
  const exchange = kept > 0 ? [{ tender: 'exchange' as const, amount: kept }] : [];
  const money = (n: number) => `${formatMinor(n, currency, words.language)} ${currency}`;
  const notPaid = () =>
    err('REFUND_TENDER_NOT_PAID', t('REFUND_TENDER_NOT_PAID', { left: describeRefundable(payments, money) }));
  // Onto a new voucher the money stays with the venue, so it needs no override whatever the sale was paid
  // with; but it is never more than the money the sale still holds (a comp holds none).
  const toVoucher = input.tender === 'voucher' ? amount - kept : 0;
  const holds = refundableMoney(payments);
  if (input.tender === 'voucher' && toVoucher > holds)
    return err('VOUCHER_CREDIT_OVER', t('VOUCHER_CREDIT_OVER', { max: money(holds) }));
  // The money goes back the way it came, less what went back already, unless a supervisor overrides.
  // Credit kept for an exchange must be money the sale still holds, as a refund of it would be.
  const fits = kept === 0 || allocateRefund(payments, amount) !== undefined;
  const paid =
    input.tender === 'voucher'
      ? []
      : override
        ? [
            {
              tender: input.tender ?? payments.find((p) => p.amount > 0)?.tender ?? 'cash',
              amount: amount - kept,
            },
          ]
        : fits
          ? allocateRefund(payments, amount - kept, input.tender)
          : undefined;
  if (!paid) return notPaid();
  const parts = [...exchange, ...paid];
  // The override's words are the supervisor's own, not a listed reason: they go with the note.
  const said = [input.note?.trim(), override && `tender override: ${override.reason}`].filter(Boolean);
  return ok({
    units,
    amount,
    parts,
    toVoucher,
    reason: listed.value,
    note: said.length > 0 ? said.join('; ') : null,
  });
}

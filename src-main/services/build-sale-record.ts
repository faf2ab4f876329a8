import { splitByWeights, type PricedBasket } from '../../shared/discounts';
import type { TenderInput } from '../../shared/ipc/contract';
import type { SignedApprovalFields } from '../../shared/sync/approval-proof';
import { issueTickets, type SealTicket } from '../../shared/tickets/issue';
import type {
  ApprovalRow,
  PaymentRow,
  SaleLineRow,
  SaleRecord,
  SaleUnitRow,
} from '../../shared/sync/sale-record';
import type { PricedCart } from './cart-service';
import {
  DEFAULT_VOUCHER_DAYS as DEFAULT_DAYS,
  voucherExpiry,
  type VoucherClaims,
} from '../../shared/vouchers/rules';
import type { StoredVoucherRow } from '../db/repos/voucher-repo';
import { compApprovals, compedQty, liveComps } from './cart-comps';

/** A sale about to be committed: it has no refunds yet, and its receipt number comes with the commit. */
export type NewSaleRecord = Omit<SaleRecord, 'refunds' | 'vouchers'> & {
  /** A training sale's vouchers carry no code (secret and key id null): nothing can spend them. */
  vouchers: StoredVoucherRow[];
};

/** Signs a voucher's code with the device key; undefined: no key (before enrolment, or training). */
export type SealVoucher = (claims: VoucherClaims) => { secret: string; keyId: string };

/** Who let a sale past the terminal's minutes offline with their PIN (docs/CASH.md "Offline limits"). */
export interface OfflineGrant {
  approverId: string;
  /** What the approval records as its reason, e.g. "offline 95 min, limit 60". */
  reason: string;
}

export interface SaleRecordInput {
  /** The cart as checkout validated it. */
  priced: Pick<PricedCart, 'cart' | 'basket' | 'code' | 'evaluation' | 'source' | 'priced'>;
  tenders: readonly TenderInput[];
  /** The cash part's rounding as checkout accepted it (docs/CASH.md "Cash rounding"); 0 if absent. */
  cashRounding?: number | undefined;
  saleId: string;
  shiftId: string;
  cashierId: string;
  now: string;
  /** A new id for each payment, redemption, approval and ticket. */
  ids: () => string;
  /** Signs an approval (approval-proof.ts); the signature stays null before enrolment. */
  sign: (approval: SignedApprovalFields) => ApprovalRow;
  /** Signs a ticket's secret with the device key; undefined before enrolment (tickets without secrets). */
  sealTicket?: SealTicket | undefined;
  /** Signs each gift voucher the sale issues; absent: the vouchers carry no code (training only). */
  sealVoucher?: SealVoucher | undefined;
  /** A voucher product's validity in days (the product's voucherDays or the default). */
  voucherDays?: ((productId: string) => number) | undefined;
  /** The voucher each tender spends, by the tender's position; null for other tenders. */
  voucherIds?: readonly (string | null)[] | undefined;
  /** The sale whose units this one takes in exchange (exchange-service.ts). */
  exchangeOf?: string | undefined;
  /**
   * A training sale (docs/CASH.md "Training mode"): marked, with no redemption (it uses no code) and no
   * ticket secrets (the caller passes no sealTicket), so nothing of it counts or admits anyone.
   */
  training?: boolean | undefined;
  /** The supervisor who let the sale past the minutes offline; recorded as an approval of kind 'offline'. */
  offlineGrant?: OfflineGrant | null | undefined;
}

/**
 * The sale record checkout commits, from a priced cart and its tenders: no store, no clock, no
 * randomness of its own, so what a sale records is decided here and testable alone.
 *
 * Each line splits into units (a refund gives back exactly what a unit was charged): the code's
 * discount per unit as the engine gave it, and the line's custom discount spread over the units in
 * proportion to what each costs after the code. Each unit of a ticket line with a performance gets its
 * admission ticket (shared/tickets/issue.ts), issued at the sale's time.
 */
export function buildSaleRecord(input: SaleRecordInput): NewSaleRecord {
  const { priced, saleId, now, ids } = input;
  const evaluation = priced.evaluation?.ok ? priced.evaluation : null;
  const code = evaluation ? priced.code : null;
  const codeByLine = new Map(evaluation?.lines.map((l) => [l.lineId, l]) ?? []);
  const pricedByLine = new Map(priced.priced.lines.map((l) => [l.lineId, l]));
  const lines: SaleLineRow[] = [];
  const units: SaleUnitRow[] = [];
  const comps = priced.cart.comps ?? [];
  priced.cart.lines.forEach((line, index) => {
    const p = pricedByLine.get(line.id);
    const comped = compedQty(comps, line);
    const comp = comps.find((c) => c.lineId === line.id);
    // The engine priced the units before the comped ones (cart-comps.ts: the last units are comped).
    const paidQty = line.qty - comped;
    const codeUnits = codeByLine.get(line.id)?.unitDiscounts ?? new Array<number>(paidQty).fill(0);
    const customUnits = splitByWeights(
      p?.customDiscount ?? 0,
      codeUnits.map((d) => line.unitPrice - d),
    );
    lines.push({
      id: line.id,
      saleId,
      lineNo: index + 1,
      kind: line.kind,
      itemId: line.itemId,
      name: line.name,
      eventId: line.eventId ?? null,
      performanceId: line.scheduleId ?? null,
      priceBandId: line.priceBandId ?? null,
      ticketTypeId: line.ticketTypeId ?? null,
      inventoryItemId: line.inventoryItemId ?? null,
      category: line.category ?? null,
      qty: line.qty,
      unitPrice: line.unitPrice,
      vatRate: line.vatRate,
      ...lineMoney(line, p, comped),
      compReason: comped > 0 && comp ? comp.reason : null,
      compNote: comped > 0 && comp ? comp.note : null,
    });
    for (let u = 0; u < line.qty; u++) {
      const isComped = u >= paidQty;
      const codeDiscount = isComped ? 0 : (codeUnits[u] ?? 0);
      const customDiscount = isComped ? 0 : (customUnits[u] ?? 0);
      const unitComp = isComped ? line.unitPrice : 0;
      units.push({
        lineId: line.id,
        unitIndex: u,
        unitPrice: line.unitPrice,
        codeDiscount,
        customDiscount,
        comp: unitComp,
        total: line.unitPrice - codeDiscount - customDiscount - unitComp,
        refundId: null,
        refundedElsewhereId: null,
        // A seated line's units each take their seat, in the order they were picked (docs/SEATING.md).
        seatId: line.seats?.[u]?.seatId ?? null,
        seatLabel: line.seats?.[u]?.text ?? null,
      });
    }
  });

  const payments: PaymentRow[] = input.tenders.map((tender, i) => {
    const cash = tender.tender === 'cash' ? (tender.tendered ?? tender.amount) : null;
    return {
      id: ids(),
      saleId,
      refundId: null,
      shiftId: input.shiftId,
      tender: tender.tender,
      amount: tender.amount,
      tendered: cash,
      changeGiven: cash === null ? null : cash - tender.amount,
      reference: tender.tender === 'card' ? tender.reference : null,
      createdAt: now,
      voucherId: tender.tender === 'voucher' ? (input.voucherIds?.[i] ?? null) : null,
    };
  });

  const { custom, overuse, customer } = priced.cart;
  const overridden = overuse && evaluation && evaluation.overridden.length > 0 ? evaluation.overridden : null;
  const approvals: SignedApprovalFields[] = [];
  if (overuse && overridden) {
    approvals.push({
      id: ids(),
      saleId,
      kind: 'overuse',
      approverId: overuse.approverId,
      reason: overuse.reason,
      note: overuse.note,
      limits: JSON.stringify(overridden),
      createdAt: now,
    });
  }
  if (custom?.approverId) {
    approvals.push({
      id: ids(),
      saleId,
      kind: 'custom_discount',
      approverId: custom.approverId,
      reason: custom.reason,
      note: custom.note,
      limits: '[]',
      createdAt: now,
    });
  }
  for (const comp of compApprovals(liveComps(comps, priced.cart.lines))) {
    approvals.push({
      id: ids(),
      saleId,
      kind: 'comp',
      approverId: comp.approverId,
      reason: comp.reason,
      // A comp's note is its line's (compNote): one approval may cover lines with different notes.
      note: null,
      limits: JSON.stringify(comp.lineIds),
      createdAt: now,
    });
  }
  if (input.offlineGrant) {
    approvals.push({
      id: ids(),
      saleId,
      kind: 'offline',
      approverId: input.offlineGrant.approverId,
      reason: input.offlineGrant.reason,
      note: null,
      limits: JSON.stringify(['OFFLINE_TOO_LONG']),
      createdAt: now,
    });
  }
  const compTotal = lines.reduce((n, l) => n + l.comp, 0);
  return {
    sale: {
      id: saleId,
      receiptNo: 0,
      shiftId: input.shiftId,
      cashierId: input.cashierId,
      currency: priced.basket.currency,
      customerId: customer?.id ?? null,
      customer: customer ? JSON.stringify(customer) : null,
      gross: priced.priced.gross,
      codeDiscount: priced.priced.codeDiscount,
      customDiscount: priced.priced.customDiscount,
      comp: compTotal,
      total: priced.priced.total,
      codeId: code?.id ?? null,
      codeVersion: code?.version ?? null,
      codeText: code?.code ?? null,
      codeAuto: priced.source === 'auto' ? 1 : 0,
      customKind: custom?.kind ?? null,
      customValue: custom?.value ?? null,
      customReason: custom?.reason ?? null,
      customNote: custom?.note ?? null,
      status: 'completed',
      createdAt: now,
      exchangeOf: input.exchangeOf ?? null,
      training: input.training ? 1 : 0,
      cashRounding: input.cashRounding ?? 0,
    },
    lines,
    units,
    payments,
    redemption:
      code && evaluation && !input.training
        ? {
            id: ids(),
            saleId,
            codeId: code.id,
            codeVersion: code.version,
            customerId: customer?.id ?? null,
            itemUses: evaluation.itemUses,
            discount: evaluation.discount,
            overuse: overridden ? 1 : 0,
            releasedAt: null,
            createdAt: now,
          }
        : null,
    scopes: input.training ? [] : discountScopes(lines),
    approvals: approvals.map(input.sign),
    tickets: issueTickets({ saleId, issuedAt: now, lines, units, ids, seal: input.sealTicket }),
    vouchers: issueVouchers(input, lines, units),
  };
}

/**
 * One voucher per unit of each voucher line (docs/CASH.md "Selling one"), worth what the unit was
 * charged (a voucher line is never discounted, so its price), valid for its product's days.
 */
function issueVouchers(
  input: SaleRecordInput,
  lines: readonly SaleLineRow[],
  units: readonly SaleUnitRow[],
): StoredVoucherRow[] {
  const { saleId, now, ids } = input;
  const currency = input.priced.basket.currency;
  const vouchers: StoredVoucherRow[] = [];
  for (const line of lines) {
    if (line.kind !== 'voucher') continue;
    const days = input.voucherDays?.(line.itemId) ?? DEFAULT_DAYS;
    for (const unit of units.filter((u) => u.lineId === line.id)) {
      const id = ids();
      const claims: VoucherClaims = {
        voucherId: id,
        amount: unit.total,
        currency,
        issuedAt: now,
        expiresAt: voucherExpiry(now, days),
      };
      const sealed = input.sealVoucher?.(claims);
      vouchers.push({
        id,
        saleId,
        lineId: line.id,
        unitIndex: unit.unitIndex,
        refundId: null,
        amount: unit.total,
        currency,
        issuedAt: now,
        expiresAt: claims.expiresAt,
        secret: sealed?.secret ?? null,
        keyId: sealed?.keyId ?? null,
      });
    }
  }
  return vouchers;
}

/**
 * The sale just committed as loadSale (sale-repo.ts) reads it back, without reading it: no refunds yet,
 * and its payments and the code's scopes in the order loadSale gives them. Lines, units, tickets and
 * approvals are already in that order as built.
 */
export function committedSaleRecord(written: NewSaleRecord): SaleRecord {
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    ...written,
    vouchers: written.vouchers as SaleRecord['vouchers'],
    payments: [...written.payments].sort((a, b) => byText(a.createdAt, b.createdAt) || byText(a.id, b.id)),
    scopes: [...written.scopes].sort(
      (a, b) => byText(a.eventId, b.eventId) || byText(a.performanceId, b.performanceId),
    ),
    refunds: [],
  };
}

/** Where a code's discount went: one row per event and performance (none for a line without an event). */
export function discountScopes(
  lines: readonly Pick<SaleLineRow, 'eventId' | 'performanceId' | 'codeDiscount'>[],
): NewSaleRecord['scopes'] {
  const discounted = lines.filter((l) => l.codeDiscount > 0);
  return [...new Map(discounted.map((l) => [`${l.eventId}|${l.performanceId}`, l])).values()]
    .filter((l) => l.eventId)
    .map((l) => ({ eventId: l.eventId as string, performanceId: l.performanceId ?? '' }));
}

/**
 * A line's money as priced; a line the engine left out of its answer is at full price. `comped` units
 * were not priced (cart-comps.ts): their full price is `comp`, outside gross and total, so
 * gross + comp = unit price × quantity and gross − discounts = total, as before comps.
 */
export function lineMoney(
  line: { unitPrice: number; qty: number },
  priced: Omit<PricedBasket['lines'][number], 'lineId'> | undefined,
  comped = 0,
): { gross: number; codeDiscount: number; customDiscount: number; comp: number; total: number } {
  const paid = line.unitPrice * (line.qty - comped);
  const comp = line.unitPrice * comped;
  return {
    gross: priced?.gross ?? paid,
    codeDiscount: priced?.codeDiscount ?? 0,
    customDiscount: priced?.customDiscount ?? 0,
    comp,
    total: priced?.total ?? paid,
  };
}

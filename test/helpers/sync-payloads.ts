import { randomUUID } from 'node:crypto';
import type { CashMovementKind, CashMovementPayload } from '../../shared/cash/movements';
import { chainHash, GENESIS_HASH } from '../../src-main/db/repos/outbox-repo';
import { discountScopes } from '../../src-main/services/build-sale-record';
import { ticketSealer, type TicketSigningKey } from '../../shared/node/tickets/secret';
import { signApproval, type ApprovalSigner } from '../../shared/sync/approval-proof';
import { issueTickets, reissueTicket } from '../../shared/tickets/issue';
import type {
  TerminalRefundPayload,
  TerminalSalePayload,
  TicketReissuePayload,
} from '../../shared/sync/payloads';
import type { TicketRow, VoucherRow } from '../../shared/sync/sale-record';
import { signVoucher } from '../../shared/node/vouchers/secret';
import { DEFAULT_VOUCHER_DAYS, voucherExpiry } from '../../shared/vouchers/rules';
import type { Escrow, Mutation, MutationType } from '../../shared/sync/protocol';

// Outbox rows exactly as a terminal writes them: the payload shapes of src-main/services/
// sale-service.ts (checkout, refund) and shift-service.ts, chained with the terminal's chainHash.

export interface Outbox {
  entries: Mutation[];
  append(type: MutationType, payload: Record<string, unknown>, createdAt?: string): Mutation;
}

export function outbox(): Outbox {
  const entries: Mutation[] = [];
  return {
    entries,
    append(type, payload, createdAt = new Date().toISOString()) {
      const prevHash = entries.at(-1)?.hash ?? GENESIS_HASH;
      // Stored as canonical JSON and read back with JSON.parse, as the terminal's outbox does.
      const stored = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
      const entry: Mutation = {
        seq: entries.length + 1,
        mutationId: randomUUID(),
        type,
        payload: stored,
        prevHash,
        hash: chainHash(prevHash, stored),
        createdAt,
      };
      entries.push(entry);
      return entry;
    },
  };
}

export function shiftOpenPayload(terminalId: string, openedBy: string, openingFloat = 10_000) {
  return { terminalId, id: randomUUID(), openedBy, openedAt: new Date().toISOString(), openingFloat };
}

export function shiftClosePayload(
  terminalId: string,
  shiftId: string,
  closedBy: string,
  countedCash: number,
) {
  return {
    terminalId,
    shiftId,
    closedBy,
    closedAt: new Date().toISOString(),
    countedCash,
    expectedCash: countedCash,
  };
}

export interface LineSpec {
  /** 'voucher': a gift voucher line (VAT 0); the sale issues one voucher per unit (docs/CASH.md). */
  kind?: 'ticket' | 'addon' | 'merch' | 'fee' | 'voucher';
  itemId?: string;
  eventId?: string | null;
  performanceId?: string | null;
  ticketTypeId?: string | null;
  priceBandId?: string | null;
  qty: number;
  unitPrice: number;
  /** Code discount per unit. */
  unitDiscount?: number;
  /** The seat of each unit, in unit order (docs/SEATING.md): a seated ticket line. */
  seats?: { id: string; label: string }[];
}

export interface SaleSpec {
  terminalId: string;
  shiftId: string;
  cashierId: string;
  receiptNo?: number;
  currency?: string;
  /** The cash rounding of the sale: the one tender pays total + cashRounding (docs/CASH.md). */
  cashRounding?: number;
  lines: LineSpec[];
  code?: { id: string; version?: number; code?: string; customerId?: string | null };
  overuse?: { approverId: string; reason: string; limits: string[] };
  /** The terminal's signing key: approvals are signed as checkout signs them; without it, unsigned. */
  signer?: ApprovalSigner | undefined;
  /** The same key for ticket secrets; without it, tickets are made without secrets, as before enrolment. */
  ticketSigner?: TicketSigningKey | undefined;
  escrow?: Escrow;
  tender?: 'cash' | 'card' | 'complimentary';
  /** Parts paid with gift vouchers (tender 'voucher'); the tender above pays what is left. */
  vouchersPaid?: { voucherId: string; amount: number }[];
  /** How long the vouchers the sale issues are valid (default DEFAULT_VOUCHER_DAYS). */
  voucherDays?: number;
  createdAt?: string;
  /** The customer picked at the till, stored as the terminal stores it (JSON text). */
  customer?: { id: string; name: string; email?: string; phone?: string };
}

/**
 * checkout()'s outbox payload: { terminalId, sale, lines, units, payments, redemption, scopes, approvals,
 * tickets, escrow }. Tickets are made as checkout makes them: one per unit of a ticket line with a
 * performance (shared/tickets/issue.ts).
 */
export function salePayload(spec: SaleSpec): TerminalSalePayload {
  const saleId = randomUUID();
  const now = spec.createdAt ?? new Date().toISOString();
  const lines = spec.lines.map((l, index) => {
    const gross = l.unitPrice * l.qty;
    const codeDiscount = (l.unitDiscount ?? 0) * l.qty;
    return {
      id: randomUUID(),
      saleId,
      lineNo: index + 1,
      kind: l.kind ?? 'ticket',
      itemId: l.itemId ?? randomUUID(),
      name: 'Item',
      eventId: l.eventId ?? null,
      performanceId: l.performanceId ?? null,
      priceBandId: l.priceBandId ?? null,
      ticketTypeId: l.ticketTypeId ?? null,
      inventoryItemId: null,
      category: null,
      qty: l.qty,
      unitPrice: l.unitPrice,
      vatRate: (l.kind ?? 'ticket') === 'voucher' ? 0 : 1900,
      gross,
      codeDiscount,
      customDiscount: 0,
      comp: 0,
      compReason: null,
      compNote: null,
      total: gross - codeDiscount,
    };
  });
  const units = lines.flatMap((line, i) =>
    Array.from({ length: line.qty }, (_, u) => {
      const discount = spec.lines[i]?.unitDiscount ?? 0;
      return {
        lineId: line.id,
        unitIndex: u,
        unitPrice: line.unitPrice,
        codeDiscount: discount,
        customDiscount: 0,
        comp: 0,
        total: line.unitPrice - discount,
        refundId: null,
        refundedElsewhereId: null,
        seatId: spec.lines[i]?.seats?.[u]?.id ?? null,
        seatLabel: spec.lines[i]?.seats?.[u]?.label ?? null,
      };
    }),
  );
  const gross = lines.reduce((n, l) => n + l.gross, 0);
  const codeDiscount = lines.reduce((n, l) => n + l.codeDiscount, 0);
  const total = gross - codeDiscount;
  const tender = spec.tender ?? 'cash';
  const byVoucher = (spec.vouchersPaid ?? []).reduce((n, v) => n + v.amount, 0);
  const rest = total + (spec.cashRounding ?? 0) - byVoucher;
  const discounted = lines.filter((l) => l.codeDiscount > 0);
  const overridden = spec.code && spec.overuse ? spec.overuse : undefined;
  return {
    terminalId: spec.terminalId,
    sale: {
      id: saleId,
      receiptNo: spec.receiptNo ?? 1,
      shiftId: spec.shiftId,
      cashierId: spec.cashierId,
      currency: spec.currency ?? 'EUR',
      customerId: spec.customer?.id ?? spec.code?.customerId ?? null,
      customer: spec.customer ? JSON.stringify({ ...spec.customer, priorOrders: 0, groups: [] }) : null,
      gross,
      codeDiscount,
      customDiscount: 0,
      comp: 0,
      total,
      codeId: spec.code?.id ?? null,
      codeVersion: spec.code ? (spec.code.version ?? 1) : null,
      codeText: spec.code?.code ?? null,
      codeAuto: 0,
      customKind: null,
      customValue: null,
      customReason: null,
      customNote: null,
      status: 'completed',
      createdAt: now,
      exchangeOf: null,
      training: 0,
      cashRounding: spec.cashRounding ?? 0,
    },
    lines,
    units,
    payments: [
      ...(spec.vouchersPaid ?? []).map((v) => ({
        id: randomUUID(),
        saleId,
        refundId: null,
        shiftId: spec.shiftId,
        tender: 'voucher' as const,
        amount: v.amount,
        tendered: null,
        changeGiven: null,
        reference: null,
        createdAt: now,
        voucherId: v.voucherId,
      })),
      ...(rest > 0 || byVoucher === 0
        ? [
            {
              id: randomUUID(),
              saleId,
              refundId: null,
              shiftId: spec.shiftId,
              tender,
              amount: rest,
              tendered: tender === 'cash' ? rest : null,
              changeGiven: tender === 'cash' ? 0 : null,
              reference: tender === 'card' ? 'ref' : null,
              createdAt: now,
              voucherId: null,
            },
          ]
        : []),
    ],
    redemption: spec.code
      ? {
          id: randomUUID(),
          saleId,
          codeId: spec.code.id,
          codeVersion: spec.code.version ?? 1,
          customerId: spec.code.customerId ?? null,
          itemUses: discounted.reduce((n, l) => n + l.qty, 0),
          discount: codeDiscount,
          overuse: overridden ? 1 : 0,
          releasedAt: null,
          createdAt: now,
        }
      : null,
    scopes: discountScopes(lines),
    approvals: overridden
      ? [
          // Signed as checkout signs it (docs/SECURITY.md "Overuse proof").
          signApproval(
            {
              id: randomUUID(),
              saleId,
              kind: 'overuse' as const,
              approverId: overridden.approverId,
              reason: overridden.reason,
              note: null,
              limits: JSON.stringify(overridden.limits),
              createdAt: now,
            },
            spec.terminalId,
            spec.signer,
          ),
        ]
      : [],
    tickets: issueTickets({
      saleId,
      issuedAt: now,
      lines,
      units,
      ids: randomUUID,
      seal: spec.ticketSigner && ticketSealer(spec.ticketSigner),
    }),
    vouchers: saleVouchers(saleId, now, lines, units, spec),
    ...(spec.escrow ? { escrow: spec.escrow } : {}),
  };
}

/** One voucher per unit of a voucher line, signed as checkout signs it (unsigned without a key). */
function saleVouchers(
  saleId: string,
  issuedAt: string,
  lines: readonly { id: string; kind: string }[],
  units: readonly { lineId: string; unitIndex: number; total: number }[],
  spec: SaleSpec,
): VoucherRow[] {
  const voucherLines = new Set(lines.filter((l) => l.kind === 'voucher').map((l) => l.id));
  const currency = spec.currency ?? 'EUR';
  const expiresAt = voucherExpiry(issuedAt, spec.voucherDays ?? DEFAULT_VOUCHER_DAYS);
  return units
    .filter((u) => voucherLines.has(u.lineId))
    .map((u) => {
      const claims = { voucherId: randomUUID(), amount: u.total, currency, issuedAt, expiresAt };
      return {
        id: claims.voucherId,
        saleId,
        lineId: u.lineId,
        unitIndex: u.unitIndex,
        refundId: null,
        amount: u.total,
        currency,
        issuedAt,
        expiresAt,
        secret: spec.ticketSigner ? signVoucher(claims, spec.ticketSigner) : 'unsigned',
        keyId: spec.ticketSigner?.keyId ?? '0000000000000000',
      };
    });
}

/** refund()'s outbox payload for a void (every unit still charged) or a refund of some units. */
export function refundPayload(
  sale: ReturnType<typeof salePayload>,
  spec: {
    kind: 'refund' | 'void';
    staffId: string;
    shiftId?: string;
    units?: { lineId: string; unitIndex: number }[];
    escrow?: Escrow;
    /** The cash rounding of the refund: it pays back amount + cashRounding. */
    cashRounding?: number;
    /** Parts paid back onto gift vouchers (tender 'voucher'); cash pays back the rest. */
    vouchersBack?: { voucherId: string; amount: number }[];
    /**
     * A credit voucher the refund pays out onto (docs/CASH.md "Refunds onto a voucher"): its payment
     * names it, and cash pays back the rest. `currency` and `voucherAmount` let a test make it wrong.
     */
    toVoucher?: { amount: number; currency?: string; voucherAmount?: number };
  },
): TerminalRefundPayload {
  const picked = spec.units
    ? sale.units.filter((u) => spec.units?.some((w) => w.lineId === u.lineId && w.unitIndex === u.unitIndex))
    : sale.units;
  const amount = picked.reduce((n, u) => n + u.total, 0);
  const now = new Date().toISOString();
  const refundId = randomUUID();
  const shiftId = spec.shiftId ?? sale.sale.shiftId;
  const credit = spec.toVoucher;
  const cashBack =
    amount +
    (spec.cashRounding ?? 0) -
    (spec.vouchersBack ?? []).reduce((n, v) => n + v.amount, 0) -
    (credit?.amount ?? 0);
  const voucherId = randomUUID();
  const expiresAt = voucherExpiry(now, DEFAULT_VOUCHER_DAYS);
  const vouchers = credit
    ? [
        {
          id: voucherId,
          saleId: sale.sale.id,
          lineId: null,
          unitIndex: null,
          refundId,
          amount: credit.voucherAmount ?? credit.amount,
          currency: credit.currency ?? sale.sale.currency,
          issuedAt: now,
          expiresAt,
          secret: 'unsigned',
          keyId: '0000000000000000',
        },
      ]
    : [];
  return {
    terminalId: sale.terminalId,
    refund: {
      id: refundId,
      refundNo: 1,
      saleId: sale.sale.id,
      kind: spec.kind,
      shiftId,
      staffId: spec.staffId,
      // Free text, as a terminal from before reason lists pushed it: the server still takes it.
      reason: 'customer changed plans',
      note: null,
      amount,
      createdAt: now,
      cashRounding: spec.cashRounding ?? 0,
    },
    units: picked.map((u) => ({ lineId: u.lineId, unitIndex: u.unitIndex })),
    payments: [
      ...(spec.vouchersBack ?? []).map((v) => ({
        id: randomUUID(),
        saleId: sale.sale.id,
        refundId,
        shiftId,
        tender: 'voucher' as const,
        amount: -v.amount,
        tendered: null,
        changeGiven: null,
        reference: null,
        createdAt: now,
        voucherId: v.voucherId,
      })),
      ...(credit
        ? [
            {
              id: randomUUID(),
              saleId: sale.sale.id,
              refundId,
              shiftId,
              tender: 'voucher' as const,
              amount: -credit.amount,
              tendered: null,
              changeGiven: null,
              reference: null,
              createdAt: now,
              voucherId,
            },
          ]
        : []),
      ...(cashBack > 0
        ? [
            {
              id: randomUUID(),
              saleId: sale.sale.id,
              refundId,
              shiftId,
              tender: 'cash' as const,
              amount: -cashBack,
              tendered: null,
              changeGiven: null,
              reference: null,
              createdAt: now,
              voucherId: null,
            },
          ]
        : []),
    ],
    ...(spec.escrow ? { escrow: spec.escrow } : {}),
    vouchers,
  };
}

/**
 * The reprint's `ticket.reissue` payload (src-main/services/ticket-service.ts): each of `tickets` (every
 * ticket of the sale when left out) replaced by a new one signed now with `signer`.
 */
export function reissuePayload(
  sale: ReturnType<typeof salePayload>,
  spec: { staffId: string; signer: TicketSigningKey; tickets?: readonly TicketRow[]; at?: string },
): TicketReissuePayload {
  const at = spec.at ?? new Date().toISOString();
  const seal = ticketSealer(spec.signer);
  return {
    terminalId: sale.terminalId,
    saleId: sale.sale.id,
    staffId: spec.staffId,
    at,
    tickets: (spec.tickets ?? sale.tickets).map((old) => {
      const { status: _status, ...fresh } = reissueTicket(old, { id: randomUUID(), issuedAt: at, seal });
      return fresh;
    }),
  };
}

/** A `cash.movement` as the terminal's cash service records it: `amount` is the drawer's signed change. */
export function cashMovementPayload(
  terminalId: string,
  shiftId: string,
  staffId: string,
  movement: { kind: CashMovementKind; amount: number; reason?: string; note?: string | null },
): CashMovementPayload {
  return {
    terminalId,
    id: randomUUID(),
    shiftId,
    currency: 'EUR',
    reason: 'Correction',
    note: null,
    staffId,
    at: new Date().toISOString(),
    ...movement,
  };
}

import { customerSchema } from '../../shared/ipc/contract';
import type { CustomerInput } from '../../shared/ipc/domains/sell';
import type { Language } from '../../shared/ipc/types';
import { splitByWeights } from '../../shared/discounts';
import type { ApprovalRow } from '../../shared/ipc/domains/sales';
import { signApproval, type ApprovalSigner } from '../../shared/sync/approval-proof';
import { REASON_MESSAGES } from '../../shared/discounts/messages';
import { formatMinor } from '../../shared/money';
import { err, ok, type Result } from '../../shared/result';
import { isoNow, type Clock } from '../clock';
import type { Db } from '../db/connection';
import { addSold, getPerformance } from '../db/repos/catalogue-repo';
import { appendOutbox } from '../db/repos/outbox-repo';
import {
  countOverusesSince,
  findSaleId,
  insertRefund,
  insertSale,
  loadSale,
  markVoided,
  nextReceiptNo,
  nextRefundNo,
  type PaymentRow,
  type SaleLineRow,
  type SaleRecord,
  type SaleUnitRow,
  recentCustomerRows,
} from '../db/repos/sale-repo';
import { getOpenShift } from '../db/repos/shift-repo';
import { newId } from '../ids';
import type { Translate } from '../messages';
import type { CartService } from './cart-service';
import { allocateRefund, describeRefundable } from './refund-tenders';
import type { EscrowLedger } from './sync/escrow';
import { limitReasonOf, saleNeeds } from '../../shared/sync/counters';

import type { Actor } from './staff-service';

export type TenderInput =
  | { tender: 'cash'; amount: number; tendered?: number | undefined }
  | { tender: 'card'; amount: number; reference: string }
  | { tender: 'complimentary'; amount: number };

interface Deps {
  db: Db;
  clock: Clock;
  t: Translate;
  language: () => Language;
  cart: CartService;
  terminalId: () => string;
  overuseCapPerDay: number;
  /** Escrow leases once the terminal is enrolled (docs/SYNC.md); absent or standalone: local counts only. */
  escrow?: EscrowLedger | undefined;
  /** The device signing key once enrolled: every approval recorded is signed (docs/SECURITY.md). */
  approvalSigner?: (() => ApprovalSigner | undefined) | undefined;
}

export type SaleService = ReturnType<typeof createSaleService>;

export function createSaleService({
  db,
  clock,
  t,
  language,
  cart,
  terminalId,
  overuseCapPerDay,
  escrow,
  approvalSigner,
}: Deps) {
  const mode = () => escrow?.mode() ?? 'standalone';

  /** The server honours an approval only with the device's signature over it (docs/SECURITY.md). */
  const signed = (approvals: Omit<ApprovalRow, 'signature'>[]): ApprovalRow[] => {
    const signer = approvalSigner?.();
    return approvals.map((a) => signApproval(a, terminalId(), signer));
  };

  const startOfDay = () => {
    const d = new Date(clock.now());
    d.setHours(0, 0, 0, 0);
    return d.toISOString();
  };

  const overuseCapLeft = () => overuseCapPerDay - countOverusesSince(db, startOfDay());

  function checkTenders(
    tenders: readonly TenderInput[],
    total: number,
    currency: string,
    actor: Actor,
  ): Result<{ change: number }> {
    const sum = tenders.reduce((n, p) => n + p.amount, 0);
    if (sum !== total) {
      const money = (amount: number) => `${formatMinor(amount, currency, language())} ${currency}`;
      return err('TENDER_MISMATCH', t('TENDER_MISMATCH', { paid: money(sum), total: money(total) }));
    }
    let change = 0;
    for (const tender of tenders) {
      if (tender.tender === 'cash' && tender.tendered !== undefined) {
        if (tender.tendered < tender.amount) return err('CASH_SHORT', t('CASH_SHORT'));
        change += tender.tendered - tender.amount;
      }
      if (tender.tender === 'complimentary' && !actor.role.permissions.includes('custom.approve')) {
        return err('FORBIDDEN', t('FORBIDDEN', { role: actor.role.name, action: t('ACTION_COMP') }));
      }
    }
    return ok({ change });
  }

  return {
    overuseCapLeft,

    /** Completes the current cart as one transaction. Calling again with the same cart id returns the same sale. */
    checkout(actor: Actor, input: { cartId: string; tenders: TenderInput[] }): Result<SaleRecord> {
      const already = loadSale(db, input.cartId);
      if (already) return ok(already);
      if (input.cartId !== cart.id()) return err('STALE_CART', t('STALE_CART'));
      const shift = getOpenShift(db);
      if (!shift) return err('NO_SHIFT', t('NO_SHIFT'));
      // Expired leases (or all of them, if the clock went back) must be out of reach before pricing.
      if (mode() !== 'standalone') escrow?.beforeSale();
      const priced = cart.priceCart(actor);
      if (priced.cart.lines.length === 0) return err('EMPTY_CART', t('EMPTY_CART'));
      if (priced.source === 'manual' && priced.evaluation && !priced.evaluation.ok) {
        return err(
          'CODE_NOT_APPLICABLE',
          t('CODE_NOT_APPLICABLE', { message: priced.evaluation.message[language()] }),
        );
      }
      const tenders = checkTenders(input.tenders, priced.priced.total, priced.basket.currency, actor);
      if (!tenders.ok) return tenders;
      const perPerformance = new Map<string, number>();
      for (const line of priced.cart.lines) {
        if (line.kind === 'ticket' && line.scheduleId)
          perPerformance.set(line.scheduleId, (perPerformance.get(line.scheduleId) ?? 0) + line.qty);
      }
      for (const [performanceId, qty] of perPerformance) {
        const performance = getPerformance(db, performanceId);
        if (!performance || performance.capacity - performance.sold < qty) {
          return err(
            'CAPACITY',
            t('CAPACITY', { left: Math.max(0, (performance?.capacity ?? 0) - (performance?.sold ?? 0)) }),
          );
        }
      }

      const evaluation = priced.evaluation?.ok ? priced.evaluation : null;
      if (priced.code && evaluation && escrow?.blockedOffline(priced.code))
        return err('CODE_NEEDS_SERVER', t('CODE_NEEDS_SERVER'));
      const needs =
        mode() === 'standalone' ? [] : saleNeeds(perPerformance, evaluation ? priced.code : null, evaluation);
      if (mode() === 'restore_detected' && needs.length > 0)
        return err('RESTORE_DETECTED', t('SYNC_RESTORE_DETECTED'));
      // Only a supervisor's overuse grant lets code units go without a lease; seats never do.
      const overuseGranted = priced.cart.overuse !== null && (evaluation?.overridden.length ?? 0) > 0;

      const now = isoNow(clock);
      const saleId = input.cartId;
      const codeByLine = new Map(evaluation?.lines.map((l) => [l.lineId, l]) ?? []);
      const pricedByLine = new Map(priced.priced.lines.map((l) => [l.lineId, l]));
      const lines: SaleLineRow[] = [];
      const units: SaleUnitRow[] = [];
      priced.cart.lines.forEach((line, index) => {
        const p = pricedByLine.get(line.id);
        const codeUnits = codeByLine.get(line.id)?.unitDiscounts ?? new Array<number>(line.qty).fill(0);
        const afterCode = codeUnits.map((d) => line.unitPrice - d);
        const customUnits = splitByWeights(p?.customDiscount ?? 0, afterCode);
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
          gross: p?.gross ?? line.unitPrice * line.qty,
          codeDiscount: p?.codeDiscount ?? 0,
          customDiscount: p?.customDiscount ?? 0,
          total: p?.total ?? line.unitPrice * line.qty,
        });
        for (let u = 0; u < line.qty; u++) {
          const codeDiscount = codeUnits[u] ?? 0;
          const customDiscount = customUnits[u] ?? 0;
          units.push({
            lineId: line.id,
            unitIndex: u,
            unitPrice: line.unitPrice,
            codeDiscount,
            customDiscount,
            total: line.unitPrice - codeDiscount - customDiscount,
            refundId: null,
          });
        }
      });
      const payments: PaymentRow[] = input.tenders.map((tender) => ({
        id: newId(),
        saleId,
        refundId: null,
        shiftId: shift.id,
        tender: tender.tender,
        amount: tender.amount,
        tendered: tender.tender === 'cash' ? (tender.tendered ?? tender.amount) : null,
        changeGiven: tender.tender === 'cash' ? (tender.tendered ?? tender.amount) - tender.amount : null,
        reference: tender.tender === 'card' ? tender.reference : null,
        createdAt: now,
      }));
      const { custom, overuse, customer } = priced.cart;
      const code = evaluation ? priced.code : null;
      const discounted = lines.filter((l) => l.codeDiscount > 0);
      const record: Omit<SaleRecord, 'refunds'> = {
        sale: {
          id: saleId,
          receiptNo: 0,
          shiftId: shift.id,
          cashierId: actor.staffId,
          currency: priced.basket.currency,
          customerId: customer?.id ?? null,
          customer: customer ? JSON.stringify(customer) : null,
          gross: priced.priced.gross,
          codeDiscount: priced.priced.codeDiscount,
          customDiscount: priced.priced.customDiscount,
          total: priced.priced.total,
          codeId: code?.id ?? null,
          codeVersion: code?.version ?? null,
          codeText: code?.code ?? null,
          codeAuto: priced.source === 'auto' ? 1 : 0,
          customKind: custom?.kind ?? null,
          customValue: custom?.value ?? null,
          customReason: custom?.reason ?? null,
          status: 'completed',
          createdAt: now,
        },
        lines,
        units,
        payments,
        redemption:
          code && evaluation
            ? {
                id: newId(),
                saleId,
                codeId: code.id,
                codeVersion: code.version,
                customerId: customer?.id ?? null,
                itemUses: evaluation.itemUses,
                discount: evaluation.discount,
                overuse: overuse && evaluation.overridden.length > 0 ? 1 : 0,
                releasedAt: null,
                createdAt: now,
              }
            : null,
        scopes: [...new Map(discounted.map((l) => [`${l.eventId}|${l.performanceId}`, l])).values()]
          .filter((l) => l.eventId)
          .map((l) => ({ eventId: l.eventId as string, performanceId: l.performanceId ?? '' })),
        approvals: signed([
          ...(overuse && evaluation && evaluation.overridden.length > 0
            ? [
                {
                  id: newId(),
                  saleId,
                  kind: 'overuse' as const,
                  approverId: overuse.approverId,
                  reason: overuse.reason,
                  limits: JSON.stringify(evaluation.overridden),
                  createdAt: now,
                },
              ]
            : []),
          ...(custom?.approverId
            ? [
                {
                  id: newId(),
                  saleId,
                  kind: 'custom_discount' as const,
                  approverId: custom.approverId,
                  reason: custom.reason,
                  limits: '[]',
                  createdAt: now,
                },
              ]
            : []),
        ]),
      };

      const refused = db.transaction(() => {
        // The leases are spent in this very transaction: a sale and its escrow commit together or not at all.
        const taken =
          escrow && needs.length > 0
            ? escrow.take(needs, (counter) => overuseGranted && limitReasonOf(counter) !== undefined)
            : null;
        if (taken && !taken.ok) return taken;
        record.sale.receiptNo = nextReceiptNo(db);
        insertSale(db, record);
        for (const [performanceId, qty] of perPerformance) addSold(db, performanceId, qty);
        const entry = appendOutbox(db, {
          mutationId: newId(),
          type: 'sale',
          payload: {
            terminalId: terminalId(),
            ...record,
            ...(mode() === 'standalone' ? {} : { escrow: taken?.escrow ?? { leaseUses: [], unbacked: [] } }),
          },
          createdAt: now,
        });
        if (escrow && mode() !== 'standalone') {
          const redemption = record.redemption && {
            id: record.redemption.id,
            codeId: record.redemption.codeId,
          };
          escrow.recordSale(
            saleId,
            taken ?? { ok: true, rows: [], escrow: { leaseUses: [], unbacked: [] } },
            redemption,
            entry.seq,
          );
        }
        return null;
      })();
      if (refused) {
        const reason = limitReasonOf(refused.counter);
        if (!reason) return err('CAPACITY', t('CAPACITY', { left: refused.held }));
        return err(
          'CODE_NOT_APPLICABLE',
          t('CODE_NOT_APPLICABLE', { message: REASON_MESSAGES[reason][language()] }),
        );
      }
      cart.reset();
      return ok(loadSale(db, saleId) as SaleRecord);
    },

    /**
     * Customers of this terminal's latest sales, to pick again. A completed sale counts as one more
     * previous order than the customer had when it was made.
     */
    recentCustomers(limit = 20): CustomerInput[] {
      const customers: CustomerInput[] = [];
      for (const row of recentCustomerRows(db, limit)) {
        let json: unknown;
        try {
          json = JSON.parse(row.customer);
        } catch {
          continue;
        }
        const parsed = customerSchema.safeParse(json);
        if (!parsed.success) continue;
        const c = parsed.data;
        customers.push({ ...c, priorOrders: c.priorOrders + (row.status === 'completed' ? 1 : 0) });
      }
      return customers;
    },

    find(ref: { saleId?: string | undefined; receiptNo?: number | undefined }): Result<SaleRecord> {
      const id = findSaleId(db, ref);
      const sale = id ? loadSale(db, id) : undefined;
      return sale ? ok(sale) : err('UNKNOWN_SALE', t('UNKNOWN_SALE'));
    },

    /**
     * Refunds the named units (or, as a void, every unit still charged) and pays the money back the way
     * the sale was paid (src-main/services/refund-tenders.ts). Each unit returns exactly what it was
     * charged. A void gives the code use back.
     */
    refund(
      actor: Actor,
      input: {
        saleId: string;
        kind: 'refund' | 'void';
        units?: { lineId: string; unitIndex: number }[] | undefined;
        reason: string;
        tender?: 'cash' | 'card' | undefined;
        reference?: string | undefined;
        override?: { reason: string } | undefined;
      },
    ): Result<SaleRecord> {
      const sale = loadSale(db, input.saleId);
      if (!sale) return err('UNKNOWN_SALE', t('UNKNOWN_SALE'));
      if (sale.sale.status === 'voided') return err('ALREADY_VOIDED', t('ALREADY_VOIDED'));
      const shift = getOpenShift(db);
      if (!shift) return err('NO_SHIFT', t('NO_SHIFT'));
      const open = sale.units.filter((u) => u.refundId === null);
      const chosen =
        input.kind === 'void'
          ? open
          : (input.units ?? []).map((want) =>
              open.find((u) => u.lineId === want.lineId && u.unitIndex === want.unitIndex),
            );
      if (chosen.length === 0 || chosen.some((u) => !u))
        return err('UNIT_NOT_REFUNDABLE', t('UNIT_NOT_REFUNDABLE'));
      const picked = chosen as SaleUnitRow[];
      const amount = picked.reduce((n, u) => n + u.total, 0);
      const override = input.override;
      if (override && !actor.role.permissions.includes('custom.approve')) {
        return err(
          'FORBIDDEN',
          t('FORBIDDEN', { role: actor.role.name, action: t('ACTION_REFUND_OVERRIDE') }),
        );
      }
      // The money goes back the way it came (a comp pays out nothing) unless a supervisor overrides.
      const parts = override
        ? [{ tender: input.tender ?? sale.payments.find((p) => p.amount > 0)?.tender ?? 'cash', amount }]
        : allocateRefund(sale.payments, amount, input.tender);
      if (!parts) {
        const money = (n: number) =>
          `${formatMinor(n, sale.sale.currency, language())} ${sale.sale.currency}`;
        return err(
          'REFUND_TENDER_NOT_PAID',
          t('REFUND_TENDER_NOT_PAID', { left: describeRefundable(sale.payments, money) }),
        );
      }
      const now = isoNow(clock);
      const refundId = newId();
      const payments: PaymentRow[] = parts
        .filter((part) => part.amount > 0)
        .map((part) => ({
          id: newId(),
          saleId: sale.sale.id,
          refundId,
          shiftId: shift.id,
          tender: part.tender,
          amount: -part.amount,
          tendered: null,
          changeGiven: null,
          reference: part.tender === 'card' ? (input.reference ?? null) : null,
          createdAt: now,
        }));
      const lineById = new Map(sale.lines.map((l) => [l.id, l]));
      const seats = new Map<string, number>();
      for (const unit of picked) {
        const line = lineById.get(unit.lineId);
        if (line?.kind === 'ticket' && line.performanceId)
          seats.set(line.performanceId, (seats.get(line.performanceId) ?? 0) + 1);
      }
      const voidsAll = picked.length === open.length;
      const escrowed = mode() !== 'standalone';
      db.transaction(() => {
        const refund = {
          id: refundId,
          refundNo: nextRefundNo(db),
          saleId: sale.sale.id,
          kind: input.kind,
          shiftId: shift.id,
          staffId: actor.staffId,
          reason: override ? `${input.reason} (tender override: ${override.reason})` : input.reason,
          amount,
          createdAt: now,
        };
        insertRefund(db, refund, picked, payments);
        for (const [performanceId, n] of seats) addSold(db, performanceId, -n);
        const releases = input.kind === 'void' && voidsAll;
        if (releases) markVoided(db, sale.sale.id, now);
        // Seats of refunded tickets, and on a void the code's units, go back to the leases they came from.
        const given = escrow && escrowed ? escrow.giveBack(sale.sale.id, seats, releases) : null;
        const entry = appendOutbox(db, {
          mutationId: newId(),
          type: input.kind,
          payload: {
            terminalId: terminalId(),
            refund,
            units: picked.map((u) => ({ lineId: u.lineId, unitIndex: u.unitIndex })),
            payments,
            ...(given ? { escrow: given } : {}),
          },
          createdAt: now,
        });
        if (escrow && escrowed && releases) escrow.recordRelease(sale.sale.id, entry.seq);
      })();
      return ok(loadSale(db, sale.sale.id) as SaleRecord);
    },
  };
}

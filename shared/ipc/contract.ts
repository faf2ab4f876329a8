import { z } from 'zod';
import { MAX_MONEY_MINOR, MAX_MONEY_SENTENCE } from '../money/limits';
import { text } from '../text';
import { cashMovementInputSchema } from '../cash/movements';
import { MAX_REASON_LENGTH, MAX_REASON_NOTE_LENGTH, REASON_CATEGORIES } from '../cash/reasons';
import { customerPhoneSchema } from '../customers/schema';
import type { Result } from '../result';
import { channels as c, type ChannelName, type Domain } from './channels';
import {
  TICKET_ORDERS,
  type PrinterSettings,
  type PrinterStatus,
  type PrintJobView,
  type TicketsPdfFile,
} from './domains/printing';
import type { CartView, CodeOption, CustomerInput, VoucherCheckView } from './domains/sell';
import { MAX_VOUCHERS_PER_SALE } from '../vouchers/rules';
import { TICKET_PDF_FORMATS } from '../tickets/layout';
import { doorRequestSchemas, type DoorResponseTypes } from './door-schemas';
import { hostSchema } from './host-schema';
import { mailRequestSchemas, type MailResponseTypes } from './mail-schemas';
import { journalRequestSchemas, type JournalResponseTypes } from './journal-schemas';
import { customerRequestSchemas, type CustomerResponseTypes } from './customer-schemas';
import { reservationRequestSchemas, type ReservationResponseTypes } from './reservation-schemas';
import { seatRequestSchemas, type SeatResponseTypes } from './seating-schemas';
import { REPRINT_MODES, type TicketReprint } from './domains/tickets';
import { MAX_REPRINT_TICKETS } from '../tickets/issue';
import { manageRequestSchemas, type ManageResponseTypes } from './manage-schemas';
import { syncRequestSchemas, type SyncResponseTypes } from './sync-schemas';
import type { ExchangePreview, ExchangeView, RefundableOrder, RemoteRefundView } from './domains/sales';
import type {
  CatalogueEvent,
  PerformanceOffer,
  SaleView,
  SessionView,
  StaffSummary,
  TerminalSettings,
  TerminalStatus,
  ZReportView,
} from './types';
import type { CashMovementView } from './domains/shift';

export const languageSchema = z.enum(['en', 'de']);

const empty = z.object({}).strict();
const id = text().min(1).max(100);
const pin = text().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits');
const minor = z.number().int().nonnegative().max(MAX_MONEY_MINOR, MAX_MONEY_SENTENCE);
const qty = z.number().int().min(1).max(1000);
/**
 * A reason picked from the organisation's list for its category (docs/CASH.md "Reasons"): only its
 * length is checked here, the main process checks that it is listed.
 */
const reason = text().trim().min(1, 'pick a reason').max(MAX_REASON_LENGTH);
/** The cashier's own words beside the listed reason; empty means none. */
const note = text().trim().max(MAX_REASON_NOTE_LENGTH).nullable().optional();

export const customerSchema = z
  .object({
    id: text().min(1).max(100),
    name: text().trim().min(1).max(200),
    email: text().email().max(200).optional(),
    phone: customerPhoneSchema.optional(),
    emailConsent: z.boolean().optional(),
    priorOrders: z.number().int().nonnegative(),
    groups: z.array(text().min(1).max(100)).max(50),
  })
  .strict() satisfies z.ZodType<CustomerInput>;

/** Units of a sale to give back, each once. */
const unitsGivenBack = z
  .array(z.object({ lineId: id, unitIndex: z.number().int().min(0).max(100_000) }).strict())
  .min(1)
  .max(1000)
  .refine((us) => new Set(us.map((u) => `${u.lineId}#${u.unitIndex}`)).size === us.length, {
    message: 'list each item once',
  });

/**
 * A refund of some units of a sale: here (a local id) or another terminal's (a uuid on the server). Only
 * a refund here may pay out onto a new gift voucher (docs/CASH.md "Refunds onto a voucher").
 */
function refundRequest<Id extends z.ZodType<string>, Tender extends 'cash' | 'card' | 'voucher'>(
  saleId: Id,
  tenders: readonly [Tender, ...Tender[]],
) {
  return z
    .object({
      saleId,
      units: unitsGivenBack,
      reason,
      note,
      tender: z.enum(tenders).optional(),
      reference: text().max(64).optional(),
      // Paying back another way than the sale was paid needs a supervisor and, in their words, why.
      override: z
        .object({ reason: text().trim().min(3, 'say why in a few words').max(MAX_REASON_NOTE_LENGTH) })
        .strict()
        .optional(),
    })
    .strict();
}

const paperWidth = z.union([z.literal(58), z.literal(80)]);
const duplicate = z.boolean().optional();

/** One way a sale is paid, as the till sends it; the renderer's form and checkout both use this type. */
export const tenderSchema = z.discriminatedUnion('tender', [
  z.object({ tender: z.literal('cash'), amount: minor, tendered: minor.optional() }).strict(),
  z
    .object({
      tender: z.literal('card'),
      amount: minor,
      reference: text().trim().min(1, 'enter the card terminal reference').max(64),
    })
    .strict(),
  z.object({ tender: z.literal('complimentary'), amount: minor }).strict(),
  // The scanned code of a gift voucher and the part of its balance to spend (docs/CASH.md "Paying with one").
  z
    .object({
      tender: z.literal('voucher'),
      amount: minor.min(1, 'take at least 0.01 from the voucher'),
      code: text().min(1, 'scan the voucher').max(400),
    })
    .strict(),
]);
export type TenderInput = z.infer<typeof tenderSchema>;

/**
 * An exchange (docs/ORDERS.md "Exchanges"): units of a sale given back for new tickets. `fullPrice`
 * confirms going ahead when the order's code no longer applies; `refundTender` as a refund's `tender`.
 */
const exchangeAsked = {
  saleId: id,
  units: unitsGivenBack,
  lines: z
    .array(
      z
        .object({
          performanceId: id,
          ticketPriceId: id,
          qty,
          // A seated performance's new seats, one per ticket, picked into the cart first (docs/SEATING.md).
          seatIds: z.array(id).min(1).max(50).optional(),
        })
        .strict(),
    )
    .min(1, 'pick at least one new ticket')
    .max(20),
  reason,
  note,
  fullPrice: z.boolean().optional(),
  refundTender: z.enum(['cash', 'card']).optional(),
  reference: text().max(64).optional(),
};
const exchangePreviewSchema = z.object(exchangeAsked).strict();
const exchangeSchema = z
  .object({
    ...exchangeAsked,
    /** What pays the difference when the new tickets cost more; empty when they do not. */
    tenders: z
      .array(tenderSchema)
      .max(10)
      .refine((ts) => ts.every((x) => x.tender !== 'complimentary'), {
        message: 'pay the difference in cash or by card',
      })
      .refine((ts) => ts.reduce((n, x) => n + x.amount, 0) <= MAX_MONEY_MINOR, {
        message: `the tenders together may be ${MAX_MONEY_SENTENCE}`,
      }),
  })
  .strict();

/** One zod schema per request; unknown keys are refused so a typo never passes silently. */
export const requestSchemas = {
  [c.system.status]: empty,
  [c.system.loadDemo]: empty,
  [c.settings.get]: empty,
  [c.settings.update]: z.object({ language: languageSchema.optional() }).strict(),
  [c.staff.list]: empty,
  [c.staff.session]: empty,
  [c.staff.signIn]: z.object({ staffId: id, pin }).strict(),
  [c.staff.signOut]: empty,
  [c.staff.lock]: empty,
  [c.staff.unlock]: z.object({ pin }).strict(),
  [c.catalogue.events]: empty,
  [c.catalogue.performance]: z.object({ performanceId: id }).strict(),
  [c.cart.get]: empty,
  [c.cart.addTicket]: z.object({ performanceId: id, ticketPriceId: id, qty }).strict(),
  [c.cart.addProduct]: z.object({ productId: id, qty }).strict(),
  // `amount` only for an open-amount voucher product; a fixed one sells at its price.
  [c.cart.addVoucher]: z
    .object({
      productId: id,
      qty: qty.min(1).max(MAX_VOUCHERS_PER_SALE),
      amount: minor.min(1, 'enter the voucher amount').max(MAX_MONEY_MINOR).optional(),
    })
    .strict(),
  [c.vouchers.check]: z.object({ code: text().min(1, 'scan the voucher').max(400) }).strict(),
  [c.cart.setQty]: z.object({ lineId: id, qty: z.number().int().min(0).max(1000) }).strict(),
  [c.cart.clear]: empty,
  // A customer typed by hand (no store): the main process ignores any figures sent and counts them itself.
  [c.cart.setCustomer]: z
    .object({
      customer: customerSchema
        .extend({
          priorOrders: z.number().int().nonnegative().optional(),
          groups: z.array(text().min(1).max(100)).max(50).optional(),
        })
        .nullable(),
    })
    .strict(),
  [c.cart.applyCode]: z.object({ input: text().max(2048) }).strict(),
  [c.cart.removeCode]: empty,
  [c.cart.grantOveruse]: z.object({ approverId: id, pin, reason, note }).strict(),
  [c.cart.setCustomDiscount]: z
    .object({
      kind: z.enum(['percentage', 'fixed']),
      value: z.number().int().min(1),
      reason,
      note,
      approver: z.object({ staffId: id, pin }).strict().optional(),
    })
    .strict()
    .refine((v) => v.kind !== 'percentage' || v.value <= 10000, {
      message: 'a percentage is at most 100 %',
      path: ['value'],
    }),
  [c.cart.removeCustomDiscount]: empty,
  // docs/CASH.md "Comps": a line (or `qty` of its units), or with no line the whole order.
  [c.cart.comp]: z
    .object({
      lineId: id.optional(),
      qty: qty.optional(),
      reason,
      note,
      approver: z.object({ staffId: id, pin }).strict().optional(),
    })
    .strict(),
  [c.cart.removeComp]: z.object({ lineId: id.optional() }).strict(),
  [c.codes.search]: z
    .object({ query: text().max(64), limit: z.number().int().min(1).max(200).default(50) })
    .strict(),
  [c.checkout.complete]: z
    .object({
      cartId: id,
      tenders: z
        .array(tenderSchema)
        .max(10)
        .refine((ts) => ts.reduce((n, x) => n + x.amount, 0) <= MAX_MONEY_MINOR, {
          message: `the tenders together may be ${MAX_MONEY_SENTENCE}`,
        }),
      // docs/CASH.md "Offline limits": a supervisor's PIN lets a sale past the minutes offline.
      offlineApproval: z.object({ approverId: id, pin }).strict().optional(),
    })
    .strict(),
  [c.sales.find]: z
    .object({ saleId: id.optional(), receiptNo: z.number().int().min(1).optional() })
    .strict()
    .refine((v) => v.saleId !== undefined || v.receiptNo !== undefined, {
      message: 'give a receipt number',
      path: ['receiptNo'],
    }),
  [c.sales.refund]: refundRequest(id, ['cash', 'card', 'voucher']),
  [c.sales.void]: z.object({ saleId: id, reason, note, tender: z.literal('voucher').optional() }).strict(),
  [c.sales.order]: z.object({ saleId: z.uuid() }).strict(),
  [c.sales.refundElsewhere]: refundRequest(z.uuid(), ['cash', 'card']),
  [c.sales.voidElsewhere]: z.object({ saleId: z.uuid(), reason, note }).strict(),
  [c.sales.exchangePreview]: exchangePreviewSchema,
  [c.sales.exchange]: exchangeSchema,
  [c.tickets.reprint]: z
    .object({
      saleId: id,
      mode: z.enum(REPRINT_MODES),
      // Left out: every valid ticket of the sale.
      ticketIds: z
        .array(id)
        .min(1, 'pick at least one ticket, or leave the list out for all of them')
        .max(MAX_REPRINT_TICKETS)
        .refine((ids) => new Set(ids).size === ids.length, { message: 'list each ticket once' })
        .optional(),
    })
    .strict(),
  [c.shift.current]: empty,
  [c.shift.open]: z.object({ openingFloat: minor }).strict(),
  [c.shift.close]: z.object({ countedCash: minor }).strict(),
  [c.shift.report]: z.object({ shiftId: id }).strict(),
  [c.cash.move]: cashMovementInputSchema,
  [c.cash.reasons]: z.strictObject({ category: z.enum(REASON_CATEGORIES) }),
  [c.training.get]: empty,
  [c.training.set]: z.strictObject({ on: z.boolean() }),
  [c.print.receipt]: z.object({ saleId: id, duplicate }).strict(),
  [c.print.refund]: z.object({ refundId: id, duplicate }).strict(),
  [c.print.zReport]: z.object({ shiftId: id, duplicate }).strict(),
  [c.print.preview]: z
    .object({
      saleId: id.optional(),
      refundId: id.optional(),
      shiftId: id.optional(),
      width: paperWidth.optional(),
      language: languageSchema.optional(),
      duplicate,
    })
    .strict()
    .refine((v) => [v.saleId, v.refundId, v.shiftId].filter((x) => x !== undefined).length === 1, {
      message: 'give exactly one of saleId, refundId or shiftId',
      path: ['saleId'],
    }),
  [c.print.status]: empty,
  [c.print.settingsGet]: empty,
  [c.print.settingsUpdate]: z
    .object({
      output: z.enum(['none', 'network', 'system', 'pdf']).optional(),
      host: hostSchema.nullable().optional(),
      port: z.number().int().min(1).max(65535).optional(),
      paperWidth: paperWidth.optional(),
      language: languageSchema.optional(),
      copies: z.number().int().min(1).max(3).optional(),
      systemPrinter: text().trim().min(1).max(200).nullable().optional(),
      ticketOrder: z.enum(TICKET_ORDERS).optional(),
      drawerKick: z.boolean().optional(),
    })
    .strict(),
  [c.print.test]: empty,
  // A sale's valid tickets as a PDF to save (docs/TICKETS.md "Printing tickets"); the printer's language unless given.
  [c.print.ticketsPdf]: z
    .object({ saleId: id, format: z.enum(TICKET_PDF_FORMATS), language: languageSchema.optional() })
    .strict(),
  ...manageRequestSchemas,
  ...syncRequestSchemas,
  ...doorRequestSchemas,
  ...mailRequestSchemas,
  ...journalRequestSchemas,
  ...customerRequestSchemas,
  ...reservationRequestSchemas,
  ...seatRequestSchemas,
} satisfies Record<ChannelName, z.ZodType>;

/** What each channel answers with when it succeeds. */
export interface ResponseTypes
  extends
    ManageResponseTypes,
    SyncResponseTypes,
    DoorResponseTypes,
    MailResponseTypes,
    JournalResponseTypes,
    CustomerResponseTypes,
    ReservationResponseTypes,
    SeatResponseTypes {
  [c.system.status]: TerminalStatus;
  [c.system.loadDemo]: { codes: number };
  [c.settings.get]: TerminalSettings;
  [c.settings.update]: TerminalSettings;
  [c.staff.list]: StaffSummary[];
  [c.staff.session]: SessionView | null;
  [c.staff.signIn]: SessionView;
  [c.staff.signOut]: null;
  [c.staff.lock]: SessionView | null;
  [c.staff.unlock]: SessionView;
  [c.catalogue.events]: CatalogueEvent[];
  [c.catalogue.performance]: PerformanceOffer;
  [c.cart.get]: CartView;
  [c.cart.addTicket]: CartView;
  [c.cart.addProduct]: CartView;
  [c.cart.addVoucher]: CartView;
  [c.vouchers.check]: VoucherCheckView;
  [c.cart.setQty]: CartView;
  [c.cart.clear]: CartView;
  [c.cart.setCustomer]: CartView;
  /** Customers of this terminal's latest sales, newest first, each once. */
  [c.cart.applyCode]: CartView;
  [c.cart.removeCode]: CartView;
  [c.cart.grantOveruse]: CartView;
  [c.cart.setCustomDiscount]: CartView;
  [c.cart.removeCustomDiscount]: CartView;
  [c.cart.comp]: CartView;
  [c.cart.removeComp]: CartView;
  [c.codes.search]: CodeOption[];
  [c.checkout.complete]: SaleView;
  [c.sales.find]: SaleView;
  [c.sales.refund]: SaleView;
  [c.sales.void]: SaleView;
  [c.sales.order]: RefundableOrder;
  [c.sales.refundElsewhere]: RemoteRefundView;
  [c.sales.voidElsewhere]: RemoteRefundView;
  [c.sales.exchangePreview]: ExchangePreview;
  [c.sales.exchange]: ExchangeView;
  [c.tickets.reprint]: TicketReprint;
  [c.shift.current]: ZReportView | null;
  [c.shift.open]: ZReportView;
  [c.shift.close]: ZReportView;
  [c.shift.report]: ZReportView;
  [c.cash.move]: CashMovementView;
  [c.cash.reasons]: readonly string[];
  /**
   * `terminal`: this terminal's own switch has it in training, whoever sells; `server`: the back office
   * has (PUT /v1/terminals/:id/training, as the last pull said). The session says whether its sales are.
   */
  [c.training.get]: { terminal: boolean; server: boolean };
  [c.training.set]: { terminal: boolean; server: boolean };
  [c.print.receipt]: PrintJobView[];
  [c.print.refund]: PrintJobView[];
  [c.print.zReport]: PrintJobView[];
  /** The document as an SVG image. */
  [c.print.preview]: string;
  [c.print.status]: PrinterStatus;
  [c.print.settingsGet]: PrinterSettings;
  [c.print.settingsUpdate]: PrinterSettings;
  [c.print.test]: PrintJobView[];
  [c.print.ticketsPdf]: TicketsPdfFile;
}

export type RequestOf<C extends ChannelName> = z.input<(typeof requestSchemas)[C]>;
export type ParsedRequestOf<C extends ChannelName> = z.output<(typeof requestSchemas)[C]>;
export type ResponseOf<C extends ChannelName> = ResponseTypes[C];

/**
 * Failures every channel can answer with, besides its own business reasons. STORAGE_FULL and
 * STORAGE_FAILED: the disk under the terminal's store refused a write, and nothing was saved.
 */
export type TransportReason =
  | 'INVALID_REQUEST'
  | 'UNKNOWN_CHANNEL'
  | 'FORBIDDEN'
  | 'UNAUTHORIZED'
  | 'INTERNAL'
  | 'STORAGE_FULL'
  | 'STORAGE_FAILED';
export type IpcResult<T> = Result<T>;

/** `window.pos`: one function per channel, grouped by domain. */
export type PosApi = {
  [D in Domain]: {
    [V in keyof (typeof c)[D]]: (typeof c)[D][V] extends infer C extends ChannelName
      ? (request: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>
      : never;
  };
};

import { channels as c } from '../../shared/ipc/channels';
import type { TerminalSettings, TerminalStatus } from '../../shared/ipc/types';
import { ok, type Result } from '../../shared/result';
import type { BackupService } from '../services/backup-service';
import type { CartService } from '../services/cart-service';
import type { CatalogueService } from '../services/catalogue-service';
import type { CheckoutService } from '../services/checkout-service';
import type { OveruseCaps } from '../services/overuse-caps';
import type { VoucherService } from '../services/vouchers/voucher-service';
import type { ExchangeService } from '../services/exchange-service';
import type { DoorService } from '../services/door/door-service';
import type { MailService } from '../services/mail/mail-service';
import type { JournalService } from '../services/journal/journal-service';
import type { CustomerService } from '../services/customers/customer-service';
import type { ReservationService } from '../services/reservations/reservation-service';
import type { ManageService } from '../services/manage-service';
import type { RemoteRefundService } from '../services/remote-refund-service';
import type { SaleService } from '../services/sale-service';
import type { SettingsService } from '../services/settings-service';
import type { PrintService } from '../services/printing/print-service';
import type { ShiftService } from '../services/shift-service';
import type { SeatLeases } from '../services/seats/seat-leases';
import type { SeatService } from '../services/seats/seat-service';
import type { StaffService } from '../services/staff-service';
import type { Training } from '../services/training';
import type { SyncService } from '../services/sync/sync-service';
import type { TicketService } from '../services/ticket-service';
import type { CashService } from '../services/cash-service';
import type { Handlers } from './dispatcher';
import { createDoorHandlers } from './door-handlers';
import { createMailHandlers } from './mail-handlers';
import { createManageHandlers } from './manage-handlers';
import { createSyncHandlers } from './sync-handlers';

export interface Services {
  status(): TerminalStatus;
  loadDemo(): Promise<Result<{ codes: number }>>;
  settings: SettingsService;
  staff: StaffService;
  training: Training;
  catalogue: CatalogueService;
  cart: CartService;
  checkout: CheckoutService;
  /** The overuse caps per business day a grant is held to (docs/CASH.md); checkout asks them again. */
  overuseCaps: OveruseCaps;
  vouchers: VoucherService;
  sales: SaleService;
  remoteRefunds: RemoteRefundService;
  exchanges: ExchangeService;
  tickets: TicketService;
  shifts: ShiftService;
  cash: CashService;
  printing: PrintService;
  backups: Pick<BackupService, 'afterShiftClose'>;
  manage: ManageService;
  sync: SyncService;
  door: DoorService;
  mail: MailService;
  journal: JournalService;
  customers: CustomerService;
  reservations: ReservationService;
  seats: SeatService;
  seatLeases: Pick<SeatLeases, 'acquire'>;
}

/**
 * Maps every channel to its service. Who may call which channel is declared in access.ts and checked by
 * the dispatcher before a handler runs; a handler gets the admitted actor. Service-level checks (a
 * second person's PIN, an approver's permission) stay in the services.
 */
export function createHandlers(s: Services): Handlers {
  /** Something for the server was written: the status bar's count changes and a push is due. */
  const afterWrite = <T>(result: Result<T>): Result<T> => {
    if (result.ok) s.sync.afterWrite();
    return result;
  };

  return {
    [c.system.status]: () => ok(s.status()),
    [c.system.loadDemo]: () => s.loadDemo(),
    [c.settings.get]: () => ok(s.settings.get()),
    [c.settings.update]: (request) => ok(s.settings.update(request as Partial<TerminalSettings>)),

    [c.staff.list]: () => ok(s.staff.list()),
    [c.staff.session]: () => ok(s.staff.current()),
    [c.staff.signIn]: (r) => s.staff.signIn(r.staffId, r.pin),
    [c.staff.signOut]: () => {
      s.staff.signOut();
      // The cart goes, and its seats' holds on the server with it.
      s.seats.discard();
      s.manage.forget();
      return ok(null);
    },
    [c.staff.lock]: () => {
      s.staff.lock();
      return ok(s.staff.current());
    },
    [c.staff.unlock]: (r) => s.staff.unlock(r.pin),

    [c.catalogue.events]: () => ok(s.catalogue.events()),
    [c.catalogue.performance]: (r) => s.catalogue.performance(r.performanceId),

    [c.cart.get]: (_r, a) => ok(s.cart.view(a)),
    [c.cart.addTicket]: (r, a) => s.cart.addTicket(a, r),
    [c.cart.addProduct]: (r, a) => s.cart.addProduct(a, r),
    [c.cart.addVoucher]: (r, a) => s.cart.addVoucher(a, r),
    [c.vouchers.check]: (r) => s.vouchers.check(r.code),
    // A seated line's seats are released when it goes (docs/SEATING.md "At the window").
    [c.cart.setQty]: (r, a) => s.seats.setQty(a, r),
    [c.cart.clear]: async (_r, a) => ok(await s.seats.clear(a)),
    // Figures typed with the customer are ignored: the main process counts them (customer-service.ts).
    [c.cart.setCustomer]: (r, a) => ok(s.customers.typed(a, r.customer)),
    [c.cart.applyCode]: async (r, a) => {
      const applied = s.cart.applyCode(a, r.input);
      if (!applied.ok || s.sync.ledger.mode() === 'standalone') return applied;
      // Enrolled: fetch the leases the code needs now, so the cart shows what checkout will do.
      await s.sync.prepare(s.cart.escrowNeeds(a));
      return ok(s.cart.view(a));
    },
    [c.cart.removeCode]: (_r, a) => ok(s.cart.removeCode(a)),
    [c.cart.grantOveruse]: (r, a) => s.cart.grantOveruse(a, r, s.overuseCaps),
    [c.cart.setCustomDiscount]: (r, a) => s.cart.setCustom(a, r),
    [c.cart.removeCustomDiscount]: (_r, a) => ok(s.cart.removeCustom(a)),
    [c.cart.comp]: (r, a) => s.cart.comp(a, r),
    [c.cart.removeComp]: (r, a) => ok(s.cart.removeComp(a, r)),

    [c.codes.search]: (r, a) => ok(s.cart.searchCodes(a, r.query, r.limit)),

    [c.checkout.complete]: (r, a) => s.checkout.complete(a, r),

    [c.sales.find]: (r) => s.sales.find(r),
    [c.sales.refund]: (r, a) => s.sales.refund(a, { ...r, kind: 'refund' }),
    [c.sales.void]: (r, a) => s.sales.refund(a, { ...r, kind: 'void' }),
    [c.sales.order]: (r) => s.remoteRefunds.order(r.saleId),
    [c.sales.refundElsewhere]: (r, a) => s.remoteRefunds.refund(a, { ...r, kind: 'refund' }),
    [c.sales.voidElsewhere]: (r, a) => s.remoteRefunds.refund(a, { ...r, kind: 'void' }),
    [c.sales.exchangePreview]: (r, a) => s.exchanges.preview(a, r),
    [c.sales.exchange]: (r, a) => s.exchanges.exchange(a, r),

    [c.tickets.reprint]: (r, a) => s.tickets.reprint(a, r),

    [c.shift.current]: () => ok(s.shifts.current()),
    // A round right away: an opened shift takes its leases, a closed one pushes their return.
    // Seat leases are taken while the server answers (docs/SEATING.md "Offline: seat leases").
    [c.shift.open]: async (r, a) => {
      const opened = afterWrite(s.shifts.open(a, r.openingFloat));
      if (opened.ok) await s.seatLeases.acquire();
      return opened;
    },
    // The Z report prints and the store is backed up (docs/OPERATIONS.md) once the close has committed.
    [c.shift.close]: (r, a) =>
      s.backups.afterShiftClose(s.printing.afterShiftClose(afterWrite(s.shifts.close(a, r.countedCash)))),
    [c.shift.report]: (r) => s.shifts.report(r.shiftId),
    [c.cash.move]: async (r, a) => afterWrite(await s.cash.move(a, r)),
    [c.cash.reasons]: (r) => ok(s.cash.reasons(r.category)),
    [c.training.get]: () => ok({ terminal: s.training.terminal(), server: s.training.server() }),
    [c.training.set]: (r) => {
      s.training.setTerminal(r.on);
      return ok({ terminal: s.training.terminal(), server: s.training.server() });
    },

    [c.print.receipt]: (r) => s.printing.printSale(r.saleId, r.duplicate),
    [c.print.refund]: (r) => s.printing.printRefund(r.refundId, r.duplicate),
    [c.print.zReport]: (r) => s.printing.printZReport(r.shiftId, r.duplicate),
    [c.print.preview]: (r) => s.printing.preview({ ...r, paperWidth: r.width }),
    [c.print.status]: () => ok(s.printing.status()),
    [c.print.settingsGet]: () => ok(s.printing.settings()),
    [c.print.settingsUpdate]: (r) => s.printing.updateSettings(r),
    [c.print.test]: () => s.printing.testPrint(),
    [c.print.ticketsPdf]: (r) => s.printing.ticketsPdf(r.saleId, r.format, r.language),

    ...createManageHandlers(s.manage),
    ...createSyncHandlers({ sync: s.sync, staff: s.staff, cart: s.cart }),
    ...createDoorHandlers(s.door),
    ...createMailHandlers(s.mail),
    [c.journal.search]: (r) => s.journal.search(r),
    [c.journal.open]: (r) => s.journal.open(r.ref),
    [c.customers.search]: (r) => s.customers.search(r.q),
    [c.customers.create]: (r, a) => s.customers.create(a, r),
    [c.customers.attach]: (r, a) => s.customers.attach(a, r.customerId),
    [c.customers.detail]: (r) => s.customers.detail(r.customerId),

    [c.reservations.reserve]: (r, a) => s.reservations.reserve(a, r),
    [c.reservations.list]: (r) => s.reservations.list(r),
    [c.reservations.pickup]: (r, a) => s.reservations.pickup(a, r),
    [c.reservations.cancel]: (r, a) => s.reservations.cancel(a, r),

    [c.seats.map]: (r) => s.seats.map(r.performanceId),
    [c.seats.states]: (r) => s.seats.states(r.performanceId),
    [c.seats.pick]: (r, a) => s.seats.pick(a, r),
    [c.seats.unpick]: (r, a) => s.seats.unpick(a, r.seatIds),
    [c.seats.best]: (r) => s.seats.best(r),
  };
}

import type { Permission } from '../../shared/auth/permissions';
import { channels as c } from '../../shared/ipc/channels';
import type { Actor } from '../../shared/ipc/domains/staff';
import type { TerminalSettings, TerminalStatus } from '../../shared/ipc/types';
import { ok, type Result } from '../../shared/result';
import type { CartService } from '../services/cart-service';
import type { CatalogueService } from '../services/catalogue-service';
import type { ManageService } from '../services/manage-service';
import type { SaleService } from '../services/sale-service';
import type { SettingsService } from '../services/settings-service';
import type { PrintService } from '../services/printing/print-service';
import type { ShiftService } from '../services/shift-service';
import type { StaffService } from '../services/staff-service';
import type { SyncService } from '../services/sync/sync-service';
import type { Handlers } from './dispatcher';
import { createManageHandlers } from './manage-handlers';
import { createSyncHandlers } from './sync-handlers';

export interface Services {
  status(): TerminalStatus;
  loadDemo(): Promise<Result<{ codes: number }>>;
  settings: SettingsService;
  staff: StaffService;
  catalogue: CatalogueService;
  cart: CartService;
  sales: SaleService;
  shifts: ShiftService;
  printing: PrintService;
  manage: ManageService;
  sync: SyncService;
}

/**
 * Maps every channel to its service. Permissions are checked here, in main, for every call: the
 * renderer hiding a button is a convenience, never the control.
 */
export function createHandlers(s: Services): Handlers {
  /** Runs `fn` as the signed-in actor if they hold `permission`; otherwise answers with the reason. */
  const as =
    <Req, T>(
      permission: Permission | undefined,
      fn: (actor: Actor, request: Req) => Result<T> | Promise<Result<T>>,
    ) =>
    (request: Req): Result<T> | Promise<Result<T>> => {
      const actor = s.staff.require(permission);
      return actor.ok ? fn(actor.value, request) : actor;
    };
  /** Something for the server was written: the status bar's count changes and a push is due. */
  const afterWrite = <T>(result: Result<T>): Result<T> => {
    if (result.ok) s.sync.afterWrite();
    return result;
  };
  const okAs = <Req, T>(permission: Permission | undefined, fn: (actor: Actor, request: Req) => T) =>
    as<Req, T>(permission, (actor, request) => ok(fn(actor, request)));

  return {
    [c.system.status]: () => ok(s.status()),
    // The demo seeds staff with well-known PINs: only a manager may, and never on an enrolled terminal.
    [c.system.loadDemo]: as('staff.manage', () => s.loadDemo()),
    [c.settings.get]: () => ok(s.settings.get()),
    [c.settings.update]: (request) => ok(s.settings.update(request as Partial<TerminalSettings>)),

    [c.staff.list]: () => ok(s.staff.list()),
    [c.staff.session]: () => ok(s.staff.current()),
    [c.staff.signIn]: (r) => s.staff.signIn(r.staffId, r.pin),
    [c.staff.signOut]: () => {
      s.staff.signOut();
      s.cart.reset();
      s.manage.forget();
      return ok(null);
    },
    [c.staff.lock]: () => {
      s.staff.lock();
      return ok(s.staff.current());
    },
    [c.staff.unlock]: (r) => s.staff.unlock(r.pin),

    [c.catalogue.events]: okAs('sell', () => s.catalogue.events()),
    [c.catalogue.performance]: as('sell', (_a, r: { performanceId: string }) =>
      s.catalogue.performance(r.performanceId),
    ),

    [c.cart.get]: okAs('sell', (a) => s.cart.view(a)),
    [c.cart.addTicket]: as('sell', (a, r: { performanceId: string; ticketPriceId: string; qty: number }) =>
      s.cart.addTicket(a, r),
    ),
    [c.cart.addProduct]: as('sell', (a, r: { productId: string; qty: number }) => s.cart.addProduct(a, r)),
    [c.cart.setQty]: as('sell', (a, r: { lineId: string; qty: number }) => s.cart.setQty(a, r)),
    [c.cart.clear]: okAs('sell', (a) => s.cart.clear(a)),
    [c.cart.setCustomer]: okAs('sell', (a, r: Parameters<Handlers[typeof c.cart.setCustomer]>[0]) =>
      s.cart.setCustomer(a, r.customer),
    ),
    [c.cart.recentCustomers]: okAs('sell', () => s.sales.recentCustomers()),
    [c.cart.applyCode]: as('sell', async (a, r: { input: string }) => {
      const applied = s.cart.applyCode(a, r.input);
      if (!applied.ok || s.sync.ledger.mode() === 'standalone') return applied;
      // Enrolled: fetch the leases the code needs now, so the cart shows what checkout will do.
      await s.sync.prepare(s.cart.escrowNeeds(a));
      return ok(s.cart.view(a));
    }),
    [c.cart.removeCode]: okAs('sell', (a) => s.cart.removeCode(a)),
    [c.cart.grantOveruse]: as('sell', (a, r: { approverId: string; pin: string; reason: string }) =>
      s.cart.grantOveruse(a, r, s.sales.overuseCapLeft),
    ),
    [c.cart.setCustomDiscount]: as(
      'discount.custom',
      (a, r: Parameters<Handlers[typeof c.cart.setCustomDiscount]>[0]) => s.cart.setCustom(a, r),
    ),
    [c.cart.removeCustomDiscount]: okAs('sell', (a) => s.cart.removeCustom(a)),

    [c.codes.search]: okAs('sell', (a, r: { query: string; limit: number }) =>
      s.cart.searchCodes(a, r.query, r.limit),
    ),

    // Printing starts after the sale committed and never changes its result.
    [c.checkout.complete]: as('sell', async (a, r: Parameters<Handlers[typeof c.checkout.complete]>[0]) => {
      if (r.cartId === s.cart.id()) await s.sync.prepare(s.cart.escrowNeeds(a));
      const sale = s.sales.checkout(a, r);
      if (sale.ok) s.sync.afterWrite();
      return s.printing.afterSale(sale);
    }),

    [c.sales.find]: as('sell', (_a, r: { saleId?: string | undefined; receiptNo?: number | undefined }) =>
      s.sales.find(r),
    ),
    [c.sales.refund]: as('refund', (a, r: Parameters<Handlers[typeof c.sales.refund]>[0]) =>
      s.printing.afterRefund(afterWrite(s.sales.refund(a, { ...r, kind: 'refund' }))),
    ),
    [c.sales.void]: as('void', (a, r: { saleId: string; reason: string }) =>
      s.printing.afterRefund(afterWrite(s.sales.refund(a, { ...r, kind: 'void' }))),
    ),

    [c.shift.current]: okAs('sell', () => s.shifts.current()),
    // A round right away: an opened shift takes its leases, a closed one pushes their return.
    [c.shift.open]: as('sell', (a, r: { openingFloat: number }) =>
      afterWrite(s.shifts.open(a, r.openingFloat)),
    ),
    [c.shift.close]: as('shift.close', (a, r: { countedCash: number }) =>
      s.printing.afterShiftClose(afterWrite(s.shifts.close(a, r.countedCash))),
    ),
    [c.shift.report]: as('shift.close', (_a, r: { shiftId: string }) => s.shifts.report(r.shiftId)),

    [c.print.receipt]: as('sell', (_a, r: { saleId: string; duplicate?: boolean | undefined }) =>
      s.printing.printSale(r.saleId, r.duplicate),
    ),
    [c.print.refund]: as('sell', (_a, r: { refundId: string; duplicate?: boolean | undefined }) =>
      s.printing.printRefund(r.refundId, r.duplicate),
    ),
    [c.print.zReport]: as('shift.close', (_a, r: { shiftId: string; duplicate?: boolean | undefined }) =>
      s.printing.printZReport(r.shiftId, r.duplicate),
    ),
    // A Z report is for those who may close a shift; receipts for anyone who sells.
    [c.print.preview]: (r) =>
      as(r.shiftId !== undefined ? 'shift.close' : 'sell', () =>
        s.printing.preview({ ...r, paperWidth: r.width }),
      )(r),
    [c.print.status]: okAs('sell', () => s.printing.status()),
    [c.print.settingsGet]: okAs('sell', () => s.printing.settings()),
    [c.print.settingsUpdate]: as(
      'catalogue.manage',
      (_a, r: Parameters<Handlers[typeof c.print.settingsUpdate]>[0]) => s.printing.updateSettings(r),
    ),
    [c.print.test]: as('sell', () => s.printing.testPrint()),

    ...createManageHandlers(s.manage, s.staff, as),
    ...createSyncHandlers({ sync: s.sync, staff: s.staff, cart: s.cart }, as),
  };
}

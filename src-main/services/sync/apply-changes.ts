import { BUILT_IN_ROLES, isPermission } from '../../../shared/auth/permissions';
import type {
  EventRecord,
  Performance,
  PriceBand,
  Product,
  TicketPrice,
  TicketType,
  Venue,
} from '../../../shared/catalogue/types';
import type { CodeRecord } from '../../../shared/codes/types';
import type { Change, ChangeEntity, PullResponse } from '../../../shared/sync/protocol';
import type { Db } from '../../db/connection';
import { storedTicketLayout } from '../../../shared/tickets/layout';
import {
  setEventTicketLayout,
  setPerformanceOveruseCap,
  setReceiptHeader,
  setVenueReasons,
  setVenueCashRounding,
  upsertCatalogue,
} from '../../db/repos/catalogue-repo';
import { parseReasonLists } from '../../../shared/cash/reasons';
import { parseCashRoundingSetting } from '../../../shared/money/cash-rounding';
import { getCode, upsertChildCode, upsertCode } from '../../db/repos/code-repo';
import { deleteCodeUsage, upsertCodeUsage, upsertLease } from '../../db/repos/lease-repo';
import {
  clearPinFailures,
  getStaff,
  saveServerPinState,
  upsertRole,
  upsertStaff,
} from '../../db/repos/staff-repo';
import {
  clearSeen,
  deleteCatalogueRow,
  deleteCodeChild,
  deleteCodeRow,
  deleteRoleRow,
  deleteStaffRow,
  dropUnseen,
  evictCodeText,
  listCodeChildren,
  markSeen,
  upsertCodeChild,
  withForeignKeysDeferredToPages,
  type ChildCodeRow,
} from '../../db/repos/sync-catalogue-repo';
import { overuseCapValue } from '../../../shared/auth/overuse-cap';
import {
  setOfflineLimits,
  setServerTraining,
  setTerminalOveruseCap,
  setVoucherSharePercent,
} from '../../db/repos/meta-repo';
import { upsertPulledVouchers } from '../../db/repos/voucher-repo';
import { getSyncState, saveCursor } from '../../db/repos/sync-repo';
import { replaceTicketKeys, upsertRevocations } from '../../db/repos/ticket-trust-repo';
import { recordRefundsElsewhere } from '../../db/repos/sale-repo';
import { upsertPulledCustomers } from '../../db/repos/customer-repo';
import { deleteSeatMap, setPerformanceSeatMap, upsertSeatMap } from '../../db/repos/seat-repo';
import { seatMapSchema } from '../../../shared/seating/seat-map-zod';

// Parents before children inside a page, so most pages never lean on the deferred foreign keys.
const ORDER: Record<ChangeEntity, number> = {
  seatMap: -1,
  venue: 0,
  event: 1,
  price_band: 2,
  ticket_type: 3,
  performance: 4,
  ticket_price: 5,
  product: 6,
  role: 7,
  staff: 8,
  code: 9,
  code_child: 10,
  code_usage: 11,
};

type Data = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const iso = (v: unknown): string => new Date(str(v) ?? 0).toISOString();

// The server's rows may carry more than the terminal stores (organisation, timestamps): keep the
// fields of shared/catalogue/types.ts only, under the change's id.
const venue = (id: string, d: Data): Venue => ({
  id,
  name: str(d.name) ?? '',
  currency: str(d.currency) ?? 'EUR',
  timezone: str(d.timezone) ?? 'UTC',
});
const event = (id: string, d: Data): EventRecord => ({
  id,
  venueId: str(d.venueId) ?? '',
  name: str(d.name) ?? '',
  description: str(d.description) ?? '',
  category: str(d.category),
});
const performance = (id: string, d: Data): Performance => ({
  id,
  eventId: str(d.eventId) ?? '',
  startsAt: iso(d.startsAt),
  capacity: num(d.capacity),
  status: (str(d.status) ?? 'on_sale') as Performance['status'],
});
const named = (id: string, d: Data): PriceBand & TicketType => ({
  id,
  eventId: str(d.eventId) ?? '',
  name: str(d.name) ?? '',
});
const ticketPrice = (id: string, d: Data): TicketPrice => ({
  id,
  eventId: str(d.eventId) ?? '',
  performanceId: str(d.performanceId),
  ticketTypeId: str(d.ticketTypeId) ?? '',
  priceBandId: str(d.priceBandId) ?? '',
  unitPrice: num(d.unitPrice),
  vatRate: num(d.vatRate),
});
const product = (id: string, d: Data): Product => ({
  id,
  kind: (str(d.kind) ?? 'merch') as Product['kind'],
  name: str(d.name) ?? '',
  unitPrice: num(d.unitPrice),
  vatRate: num(d.vatRate),
  category: str(d.category),
  inventoryItemId: str(d.inventoryItemId),
  eventId: str(d.eventId),
  // docs/CASH.md "Selling one": a voucher's validity; absent or not a whole 1–3650: stored NULL, the
  // default (the key stays, so upsertCatalogue clears an earlier value).
  voucherDays:
    Number.isInteger(d.voucherDays) && num(d.voucherDays) >= 1 && num(d.voucherDays) <= 3650
      ? num(d.voucherDays)
      : undefined,
});

function codeRecord(id: string, d: Data): CodeRecord {
  const code = d as unknown as CodeRecord;
  return {
    ...code,
    id,
    parentId: code.parentId ?? null,
    description: code.description ?? '',
    offlinePolicy: code.offlinePolicy ?? 'deny',
    rules: code.rules ?? {},
    createdAt: code.createdAt ?? new Date(0).toISOString(),
    updatedAt: code.updatedAt ?? new Date(0).toISOString(),
  };
}

/**
 * A child's terms are its parent's (DECISIONS.md); it gets a code row of its own over them, so the
 * dropdown and the engine treat it like any other. A child is handed out to one person: it never
 * auto-applies.
 */
function materialiseChild(db: Db, child: ChildCodeRow, parent: CodeRecord): void {
  evictCodeText(db, child.code, child.id);
  upsertChildCode(
    db,
    { id: child.id, code: child.code, status: parent.status === 'active' ? child.status : parent.status },
    parent,
  );
}

function applyChange(db: Db, change: Change, seen: boolean): void {
  const mark = (entity: Parameters<typeof markSeen>[1], id: string) => {
    if (seen) markSeen(db, entity, id);
  };
  if ('deleted' in change) {
    switch (change.entity) {
      case 'role':
        return deleteRoleRow(db, change.id);
      case 'staff':
        return deleteStaffRow(db, change.id);
      case 'code':
        return deleteCodeRow(db, change.id);
      case 'code_child':
        deleteCodeChild(db, change.id);
        return deleteCodeRow(db, change.id);
      case 'code_usage':
        return deleteCodeUsage(db, change.id);
      case 'seatMap':
        return deleteSeatMap(db, change.id);
      default:
        return deleteCatalogueRow(db, change.entity, change.id);
    }
  }
  const d = change.data as unknown as Data;
  const id = change.id;
  switch (change.entity) {
    case 'venue':
      upsertCatalogue(db, 'venues', [venue(id, d)]);
      setReceiptHeader(
        db,
        id,
        Array.isArray(d.receiptHeader) ? d.receiptHeader.filter((l) => typeof l === 'string') : [],
      );
      // Absent (an older server): the lists held stay. Lists that do not parse fall back to the defaults.
      if ('reasons' in d) setVenueReasons(db, id, parseReasonLists(d.reasons));
      // Absent (an older server): the setting held stays. One that does not parse follows the currency.
      if ('cashRounding' in d) setVenueCashRounding(db, id, parseCashRoundingSetting(d.cashRounding));
      return mark('catalogue', id);
    case 'event':
      upsertCatalogue(db, 'events', [event(id, d)]);
      // Absent (an older server): the layout held stays. One that does not parse prints as the default.
      if ('ticketLayout' in d) setEventTicketLayout(db, id, storedTicketLayout(d.ticketLayout));
      return mark('catalogue', id);
    case 'performance':
      upsertCatalogue(db, 'performances', [performance(id, d)]);
      // docs/SEATING.md: the map it uses. Absent (an older server): what the terminal holds stays.
      if ('seatMapId' in d) setPerformanceSeatMap(db, id, str(d.seatMapId));
      // docs/CASH.md "Per performance": its overuse cap. Absent (an older server): the cap held stays; one
      // that does not parse is no cap, as the server never sends one.
      if ('overuseCap' in d) {
        const cap = overuseCapValue.safeParse(d.overuseCap);
        setPerformanceOveruseCap(db, id, cap.success ? cap.data : null);
      }
      return mark('catalogue', id);
    case 'seatMap': {
      // A map that does not parse is left out, as if not sent: its performance then sells nothing seated.
      const map = seatMapSchema.safeParse(change.data);
      if (map.success) upsertSeatMap(db, { ...map.data, id });
      return;
    }
    case 'price_band':
      upsertCatalogue(db, 'price_bands', [named(id, d)]);
      return mark('catalogue', id);
    case 'ticket_type':
      upsertCatalogue(db, 'ticket_types', [named(id, d)]);
      return mark('catalogue', id);
    case 'ticket_price':
      upsertCatalogue(db, 'ticket_prices', [ticketPrice(id, d)]);
      return mark('catalogue', id);
    case 'product':
      upsertCatalogue(db, 'products', [product(id, d)]);
      return mark('catalogue', id);
    case 'role': {
      const role = change.data;
      upsertRole(db, {
        id,
        name: role.name,
        permissions: role.permissions.filter(isPermission),
        customDiscountCeiling: { percent: role.ceilingPercent, amount: role.ceilingAmount },
        overuseCap: role.overuseCap ?? null,
      });
      return mark('role', id);
    }
    case 'staff': {
      const staff = change.data;
      // A new PIN is a manager's reset: it ends this terminal's own lock too ("ask a manager").
      const before = getStaff(db, id);
      if (before && staff.pinHash && before.pinHash !== staff.pinHash) clearPinFailures(db, id);
      // No PIN: a manager who only uses the admin API; kept off the sign-in list.
      upsertStaff(db, {
        id,
        name: staff.name,
        roleId: staff.roleId,
        pinHash: staff.pinHash ?? '',
        active: staff.active && staff.pinHash !== null,
        // Absent from a server before training mode: nobody is in training.
        training: staff.training ?? false,
        // Absent (an older server) or not a cap: the role's cap, as before staff had their own.
        overuseCap: overuseCapValue.catch(null).parse(staff.overuseCap ?? null),
      });
      // The server's word on the person's PIN failures (all terminals): the latest replaces the last.
      // This terminal's own count and lock stay as they are, so an older pull never unlocks anyone.
      if (staff.pinFailures !== undefined) {
        saveServerPinState(db, id, {
          failures: staff.pinFailures,
          lockedUntil: staff.pinLockedUntil ? new Date(staff.pinLockedUntil).toISOString() : null,
        });
      }
      return mark('staff', id);
    }
    case 'code': {
      const record = codeRecord(id, d);
      evictCodeText(db, record.code, id);
      upsertCode(db, record);
      for (const child of listCodeChildren(db, id)) materialiseChild(db, child, record);
      return mark('code', id);
    }
    case 'code_child': {
      const child = change.data;
      const row: ChildCodeRow = { id, code: child.code, parentId: child.parentId, status: child.status };
      upsertCodeChild(db, row);
      const parent = getCode(db, child.parentId);
      if (parent) materialiseChild(db, row, parent);
      return mark('code_child', id);
    }
    case 'code_usage': {
      const usage = change.data;
      upsertCodeUsage(db, usage);
      return mark('code_usage', usage.codeId);
    }
  }
}

/**
 * One page of a pull in one transaction, cursor included: a crash re-pulls the page, never skips it.
 * A full snapshot may span pages; rows it did not mention are dropped when its last page lands.
 */
export function applyPullPage(
  db: Db,
  page: PullResponse,
  p: { requestCursor: string | null; usageThrough: number; at: string },
): number {
  return withForeignKeysDeferredToPages(db, () => {
    const state = getSyncState(db);
    if (!state) return 0;
    let resetting = state.resetting;
    if (page.reset && (!resetting || p.requestCursor === null)) {
      clearSeen(db);
      resetting = true;
      // The built-in roles live in code on the server and may not travel; staff need them.
      for (const role of BUILT_IN_ROLES) {
        upsertRole(db, role);
        markSeen(db, 'role', role.id);
      }
    }
    const changes = [...page.changes].sort((a, b) => ORDER[a.entity] - ORDER[b.entity]);
    for (const change of changes) applyChange(db, change, resetting);
    for (const lease of page.leases) if (lease.epoch === state.epoch) upsertLease(db, lease, p.at);
    // docs/TICKETS.md "Trust". Absent (an older server): what the terminal holds stays.
    if (page.ticketKeys) replaceTicketKeys(db, page.ticketKeys);
    // docs/CASH.md "Offline limits". Absent (an older server): what the terminal holds stays.
    if (page.offlineLimits) setOfflineLimits(db, page.offlineLimits);
    // docs/CASH.md "Overuse caps". Absent (an older server): what the terminal holds stays.
    if (page.overuseCap) setTerminalOveruseCap(db, page.overuseCap.cap);
    // docs/CASH.md "Training mode". Absent (an older server): what the terminal holds stays.
    if (page.training !== undefined) setServerTraining(db, page.training);
    // docs/CASH.md "Offline": vouchers and this terminal's share. Absent (an older server): kept.
    if (page.vouchers) upsertPulledVouchers(db, page.vouchers, p.at, p.usageThrough);
    if (page.voucherSharePercent !== undefined) setVoucherSharePercent(db, page.voucherSharePercent);
    if (page.revocations) upsertRevocations(db, page.revocations);
    if (page.refundsElsewhere)
      recordRefundsElsewhere(db, page.refundsElsewhere, { now: p.at, terminalId: state.terminalId });
    // docs/CUSTOMERS.md "At the terminal": the offline subset, with the server's counts as of now.
    if (page.customers) upsertPulledCustomers(db, page.customers, p.at);
    const finished = !page.more;
    if (finished && resetting) {
      dropUnseen(db);
      resetting = false;
    }
    saveCursor(db, { cursor: page.cursor, resetting, finished, usageThrough: p.usageThrough, at: p.at });
    return changes.length;
  });
}

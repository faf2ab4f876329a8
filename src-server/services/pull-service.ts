import { z } from 'zod';
import { text } from '../../shared/text';
import { BUILT_IN_ROLES } from '../../shared/auth/permissions';
import { keyIdOf } from '../../shared/node/tickets/secret';
import {
  MAX_TICKET_KEYS,
  type Change,
  type PullRequest,
  type PullResponse,
  type RefundElsewhere,
  type RoleRecord,
  type TicketKey,
  type TicketRevocation,
} from '../../shared/sync/protocol';
import type { OfflineCustomer } from '../../shared/customers/offline';
import type { VoucherBalance } from '../../shared/vouchers/rules';
import { toBalance } from '../db/repos/voucher-repo';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import type { CodeRow } from '../db/repos/code-repo';
import { watermark } from '../db/repos/change-pos';
import { leasesOf } from '../db/repos/escrow-repo';
import {
  generationOf,
  pullEntity,
  pullTombstones,
  SNAPSHOT_ORDER,
  type PulledRow,
  type PullEntity,
} from '../db/repos/pull-repo';
import { getTerminal, recordPull } from '../db/repos/terminal-repo';
import { ticketKeys } from '../db/repos/ticket-repo';
import { reject } from '../errors';
import { toView } from './code-service';

// DECISIONS.md "Pull". Two kinds of page, both keyset-paged (no OFFSET):
// - snapshot (cursor null or not ours): every row, entity by entity in dependency order, each page
//   with reset: true; it starts below the watermark b + 1 (change-pos.ts) and, once done, continues
//   as changes after b: a row not yet final when the snapshot began sits above b, so nothing written
//   while the snapshot was paged is missed.
// - changes: everything with a position after the cursor and below the watermark, in (change_pos,
//   entity, id) order, tombstones of hard deletes included.
// Revoked tickets page in the same stream and leave in `revocations`, this terminal's sales refunded
// elsewhere in `refundsElsewhere` (docs/ORDERS.md), the offline subset of customers in `customers`
// (docs/CUSTOMERS.md "At the terminal"), gift vouchers and their balances in `vouchers` (docs/CASH.md
// "Offline"); the organisation's ticket keys
// go in full with every page, like the terminal's leases (docs/TICKETS.md "Trust").

export const DEFAULT_PULL_LIMIT = 5000;
/** Sorts after every entity name: "everything at this position is sent". */
const PAST_ALL = '~';
/** A snapshot page reads every row as it stands, whatever its position. */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

const cursorSchema = z.union([
  z.strictObject({
    v: z.literal(1),
    g: text(),
    m: z.literal('s'),
    b: z.number().int().min(0),
    r: z.number().int().min(0),
    p: z.number().int().min(0),
    i: text().nullable(),
    sm: z.literal(true).optional(),
  }),
  z.strictObject({
    v: z.literal(1),
    g: text(),
    m: z.literal('c'),
    p: z.number().int().min(0),
    e: text(),
    i: text(),
    sm: z.literal(true).optional(),
  }),
]);
type Cursor = z.infer<typeof cursorSchema>;

/**
 * What the pulling terminal understands beyond the oldest terminals. A terminal that does not say it
 * understands seat maps gets no `seatMap` change (its change schema would refuse the page) and no
 * `seatMapId` on performances. Its cursor records the choice (`sm`): a terminal updated to understand
 * maps holds a cursor past maps it never got, so its first pull saying so starts a full snapshot.
 */
interface Audience {
  seatMaps: boolean;
}

const skipsEntity = (audience: Audience, entity: PullEntity): boolean =>
  entity === 'seatMap' && !audience.seatMaps;

/** The entities whose tombstones the audience does not get. */
const hiddenEntities = (audience: Audience): PullEntity[] => (audience.seatMaps ? [] : ['seatMap']);

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string | null): Cursor | undefined {
  if (!text) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const BUILT_IN_RECORDS: RoleRecord[] = BUILT_IN_ROLES.map((r) => ({
  id: r.id,
  name: r.name,
  permissions: [...r.permissions],
  ceilingPercent: r.customDiscountCeiling.percent,
  ceilingAmount: r.customDiscountCeiling.amount,
  overuseCap: r.overuseCap,
}));

/** A page's rows as the response carries them: changes, and revoked tickets apart. */
function pageRows(
  rows: readonly (PulledRow & { deleted?: true })[],
  audience: Audience,
): {
  changes: Change[];
  revocations: TicketRevocation[];
  refundsElsewhere: RefundElsewhere[];
  customers: OfflineCustomer[];
  vouchers: VoucherBalance[];
} {
  const vouchers: VoucherBalance[] = [];
  const changes: Change[] = [];
  const revocations: TicketRevocation[] = [];
  const refundsElsewhere: RefundElsewhere[] = [];
  const customers: OfflineCustomer[] = [];
  for (const row of rows) {
    if (row.entity === 'customer') {
      customers.push(offlineCustomer(row));
    } else if (row.entity === 'voucher') {
      vouchers.push(toBalance(row.data));
    } else if (row.entity === 'sale_refund') {
      const d = row.data;
      refundsElsewhere.push({
        id: row.id,
        saleId: d.saleId as string,
        terminalId: d.terminalId as string,
        kind: d.kind as RefundElsewhere['kind'],
        staffId: d.staffId as string,
        amount: Number(d.amount),
        units: d.units as RefundElsewhere['units'],
        createdAt: new Date(d.createdAt as string | Date).toISOString(),
      });
    } else if (row.entity === 'ticket_revocation') {
      revocations.push({
        ticketId: row.id,
        status: row.data.status as TicketRevocation['status'],
        changedAt: new Date(row.data.changedAt as string | Date).toISOString(),
      });
    } else if (row.deleted) {
      changes.push({ entity: row.entity, id: row.id, deleted: true });
    } else {
      changes.push(toChange(row, audience));
    }
  }
  return { changes, revocations, refundsElsewhere, customers, vouchers };
}

function offlineCustomer({ id, data: d }: PulledRow): OfflineCustomer {
  const lastOrderAt = d.lastOrderAt as string | Date | null;
  return {
    id,
    name: d.name as string,
    email: (d.email as string | null) ?? null,
    phone: (d.phone as string | null) ?? null,
    groups: (d.groups as string[] | null) ?? [],
    emailConsent: d.emailConsent === true,
    completedOrders: Number(d.completedOrders),
    lastOrderAt: lastOrderAt === null ? null : new Date(lastOrderAt).toISOString(),
    hasCodes: d.hasCodes === true,
  };
}

async function ticketKeysOf(tx: Queryable, orgId: string): Promise<TicketKey[]> {
  const keys = await ticketKeys(tx, orgId, MAX_TICKET_KEYS);
  return keys.map((k) => ({ keyId: keyIdOf(k.publicKey), ...k }));
}

function toChange(row: PulledRow, audience: Audience): Change {
  if (row.entity === 'code') {
    const {
      usage: _usage,
      lifecycle: _lifecycle,
      remainingUses: _remaining,
      ...record
    } = toView(row.data as unknown as CodeRow);
    return { entity: 'code', id: row.id, data: record };
  }
  if (row.entity === 'performance' && !audience.seatMaps) {
    const { seatMapId: _seatMapId, ...performance } = row.data;
    return { entity: 'performance', id: row.id, data: performance } as unknown as Change;
  }
  if (row.entity === 'product' && row.data.voucherDays === null) {
    // Only a gift voucher has days (docs/CASH.md "Selling one"): other kinds leave the field out.
    const { voucherDays: _days, ...product } = row.data;
    return { entity: 'product', id: row.id, data: product } as unknown as Change;
  }
  // The SELECT of each entity is written as that entity's record (pull-repo.ts).
  return { entity: row.entity, id: row.id, data: row.data } as unknown as Change;
}

const before = (a: PulledRow, b: { pos: number; entity: string; id: string }) =>
  a.pos !== b.pos ? a.pos < b.pos : a.entity !== b.entity ? a.entity < b.entity : a.id < b.id;

async function snapshotPage(
  tx: Queryable,
  { orgId, venueId, id: terminalId }: { orgId: string; venueId: string; id: string },
  cursor: Extract<Cursor, { m: 's' }>,
  limit: number,
  now: string,
  audience: Audience,
): Promise<{ rows: PulledRow[]; next: Extract<Cursor, { m: 's' }> | undefined }> {
  const rows: PulledRow[] = [];
  let { r: rank, p: pos, i: id } = cursor;
  while (rank < SNAPSHOT_ORDER.length && rows.length < limit) {
    const entity = SNAPSHOT_ORDER[rank] as PullEntity;
    const want = limit - rows.length;
    const bound = id === null ? { from: pos } : { after: [pos, id] as [number, string] };
    let page = skipsEntity(audience, entity)
      ? []
      : await pullEntity(tx, orgId, entity, bound, want, now, venueId, terminalId, UNBOUNDED);
    if (entity === 'role') {
      // Built-in roles live in code: they sit at position 0, before every stored role.
      const builtIn = BUILT_IN_RECORDS.filter((r) => pos === 0 && (id === null || r.id > id)).map(
        (r): PulledRow => ({ pos: 0, entity, id: r.id, data: { ...r } }),
      );
      page = [...builtIn, ...page]
        .sort((a, b) => (a.pos !== b.pos ? a.pos - b.pos : a.id < b.id ? -1 : 1))
        .slice(0, want);
    }
    rows.push(...page);
    const last = page.at(-1);
    if (page.length === want && last) {
      return { rows, next: { ...cursor, r: rank, p: last.pos, i: last.id } };
    }
    rank += 1;
    pos = 0;
    id = null;
  }
  return { rows, next: rank < SNAPSHOT_ORDER.length ? { ...cursor, r: rank, p: 0, i: null } : undefined };
}

async function changesPage(
  tx: Queryable,
  { orgId, venueId, id: terminalId }: { orgId: string; venueId: string; id: string },
  cursor: Extract<Cursor, { m: 'c' }>,
  limit: number,
  now: string,
  audience: Audience,
  below: number,
): Promise<{ rows: PulledRow[]; more: boolean }> {
  const candidates: PulledRow[] = [];
  let more = false;
  for (const entity of SNAPSHOT_ORDER) {
    if (skipsEntity(audience, entity)) continue;
    const bound =
      entity > cursor.e
        ? { from: cursor.p }
        : entity === cursor.e
          ? { after: [cursor.p, cursor.i] as [number, string] }
          : { above: cursor.p };
    const rows = await pullEntity(tx, orgId, entity, bound, limit, now, venueId, terminalId, below);
    if (rows.length === limit) more = true;
    candidates.push(...rows);
  }
  const gone = await pullTombstones(
    tx,
    orgId,
    [cursor.p, cursor.e, cursor.i],
    limit,
    hiddenEntities(audience),
    below,
  );
  if (gone.length === limit) more = true;
  candidates.push(...gone.map((t) => ({ ...t, data: {}, deleted: true as const })));
  candidates.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  if (candidates.length > limit) more = true;
  return { rows: candidates.slice(0, limit), more };
}

/**
 * POST /v1/sync/pull: one page of changes from one REPEATABLE READ snapshot. The time of the pull is
 * written after that read-only transaction, for the back office's Terminals screen.
 */
export async function pull(
  ctx: ServerContext,
  principal: Principal,
  request: PullRequest,
): Promise<PullResponse> {
  const page = await pullPage(ctx, principal, request);
  await recordPull(ctx.db, request.terminalId, ctx.now().toISOString(), request.pendingSales);
  return page;
}

async function pullPage(
  ctx: ServerContext,
  principal: Principal,
  request: PullRequest,
): Promise<PullResponse> {
  if (principal.kind !== 'terminal' || principal.terminalId !== request.terminalId) {
    reject('FORBIDDEN', 'A terminal pulls only for itself: send its own device token.');
  }
  const limit = request.limit ?? DEFAULT_PULL_LIMIT;
  const now = ctx.now().toISOString();
  return ctx.db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const terminal = await getTerminal(tx, principal.orgId, request.terminalId);
    if (!terminal) reject('UNAUTHENTICATED', 'This terminal is not enrolled: ask a manager to enrol it.');
    if (terminal.state === 'restore_detected') {
      reject(
        'RESTORED_FROM_BACKUP',
        'This terminal was restored from a backup: ask a manager for an enrolment code and re-enrol it.',
      );
    }
    const generation = await generationOf(tx, terminal.orgId);
    // Read in this transaction's snapshot: every position below it is committed and visible here.
    const below = await watermark(tx);
    const leases = await leasesOf(tx, terminal.id, terminal.epoch);
    const keys = await ticketKeysOf(tx, terminal.orgId);
    const audience: Audience = { seatMaps: request.seatMaps === true };
    const sm = audience.seatMaps ? { sm: true as const } : {};
    let cursor = decodeCursor(request.cursor);
    if (cursor?.g !== generation || (cursor.sm === true) !== audience.seatMaps) cursor = undefined;
    if (!cursor || cursor.m === 's') {
      const start = cursor ?? {
        v: 1 as const,
        g: generation,
        m: 's' as const,
        b: below - 1,
        r: 0,
        p: 0,
        i: null,
        ...sm,
      };
      const page = await snapshotPage(tx, terminal, start, limit, now, audience);
      const next: Cursor = page.next ?? {
        v: 1,
        g: generation,
        m: 'c',
        p: start.b,
        e: PAST_ALL,
        i: '',
        ...sm,
      };
      return {
        cursor: encodeCursor(next),
        more: page.next !== undefined || below - 1 > start.b,
        reset: true,
        ...pageRows(page.rows, audience),
        leases,
        epoch: terminal.epoch,
        offlineLimits: { maxSale: terminal.offlineMaxSale, maxMinutes: terminal.offlineMaxMinutes },
        overuseCap: { cap: terminal.overuseCap },
        training: terminal.training,
        voucherSharePercent: terminal.voucherSharePercent,
        ticketKeys: keys,
      };
    }
    const page = await changesPage(tx, terminal, cursor, limit, now, audience, below);
    const last = page.rows.at(-1);
    const next: Cursor = last ? { ...cursor, p: last.pos, e: last.entity, i: last.id } : cursor;
    return {
      cursor: encodeCursor(next),
      more: page.more,
      reset: false,
      ...pageRows(page.rows, audience),
      leases,
      epoch: terminal.epoch,
      offlineLimits: { maxSale: terminal.offlineMaxSale, maxMinutes: terminal.offlineMaxMinutes },
      overuseCap: { cap: terminal.overuseCap },
      training: terminal.training,
      voucherSharePercent: terminal.voucherSharePercent,
      ticketKeys: keys,
    };
  });
}

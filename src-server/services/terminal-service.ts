import type { OfflineLimits } from '../../shared/sync/offline-limits';
import { randomInt } from 'node:crypto';
import { v7 as uuid } from 'uuid';
import type { Page } from '../../shared/server-api/page';
import type { LeaseView, RegisterRequest, RegisterResponse, ReviewItem } from '../../shared/sync/protocol';
import type { TerminalLeaseRow, TerminalRow } from '../../shared/sync/terminal-admin';
import { newToken, tokenHash } from '../auth/secrets';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { entityExists } from '../db/repos/catalogue-repo';
import * as escrow from '../db/repos/escrow-repo';
import { listReviewItems } from '../db/repos/review-item-repo';
import * as repo from '../db/repos/terminal-repo';
import { reject } from '../errors';
import { pick, recordAudit } from './audit';
import { DEFAULT_LEASE_CAP_PERCENT } from './escrow-service';
import { endSeatLeasesOf } from './seat-lease-return-apply';

/** A terminal as the audit log records it: never its device token or enrolment code (hashed or not). */
async function auditedTerminal(
  db: Queryable,
  orgId: string,
  id: string,
): Promise<Record<string, unknown> | null> {
  const terminal = await repo.terminalRecord(db, orgId, id);
  return pick(terminal, [
    'id',
    'venueId',
    'name',
    'epoch',
    'revokedAt',
    'leaseCapPercent',
    'offlineMaxSale',
    'offlineMaxMinutes',
    'overuseCap',
    'training',
    'voucherSharePercent',
  ]);
}

const ENROLMENT_HOURS = 24;
// Read aloud and typed on a touch screen: no look-alike characters.
const ENROLMENT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function enrolmentCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) code += ENROLMENT_ALPHABET[randomInt(ENROLMENT_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

const normaliseEnrolment = (code: string) => code.trim().toUpperCase();

export async function createEnrolmentCode(
  ctx: ServerContext,
  principal: Principal & { kind: 'staff' },
  venueId: string,
): Promise<{ enrolmentCode: string; venueId: string; expiresAt: string }> {
  if (!(await entityExists(ctx.db, 'venues', principal.orgId, venueId)))
    reject('NOT_FOUND', 'There is no such venue.');
  const code = enrolmentCode();
  const expiresAt = new Date(ctx.now().getTime() + ENROLMENT_HOURS * 3600_000).toISOString();
  await ctx.db.transaction(async (tx) => {
    await repo.insertEnrolmentCode(tx, {
      codeHash: tokenHash(code),
      orgId: principal.orgId,
      venueId,
      createdBy: principal.staffId,
      expiresAt,
    });
    // The code itself is the secret that enrols a device: only that one was issued, and until when.
    await recordAudit(tx, ctx, principal, {
      action: 'terminal.enrolment_code_issue',
      entityKind: 'venue',
      entityId: venueId,
      after: { venueId, expiresAt },
    });
  });
  return { enrolmentCode: code, venueId, expiresAt };
}

/**
 * docs/SECURITY.md "Overuse proof": each enrolment registers the key its approvals are signed with. A
 * terminal of an older version sends none; its approvals are then stored but never honoured.
 */
async function registerSigningKey(
  tx: Queryable,
  terminalId: string,
  epoch: number,
  publicKey: string | undefined,
): Promise<void> {
  if (publicKey) await repo.insertSigningKey(tx, { terminalId, epoch, publicKey });
}

/** The terminal enrolled itself with a manager's enrolment code: it is the actor. */
async function auditEnrolment(
  tx: Queryable,
  ctx: ServerContext,
  orgId: string,
  terminalId: string,
  action: 'terminal.enrol' | 'terminal.reenrol',
): Promise<void> {
  await recordAudit(
    tx,
    ctx,
    { kind: 'terminal', orgId, terminalId },
    {
      action,
      entityKind: 'terminal',
      entityId: terminalId,
      after: await auditedTerminal(tx, orgId, terminalId),
    },
  );
}

/** docs/SYNC.md: an enrolment code from a manager buys a terminal id, an epoch and a device token, once. */
export async function registerTerminal(
  ctx: ServerContext,
  input: RegisterRequest,
): Promise<RegisterResponse> {
  const codeHash = tokenHash(normaliseEnrolment(input.enrolmentCode));
  return ctx.db.transaction(async (tx) => {
    const scope = await repo.claimEnrolmentCode(tx, codeHash, ctx.now().toISOString());
    if (!scope) {
      reject(
        'INVALID_ENROLMENT_CODE',
        'This enrolment code is unknown, used or expired: ask a manager for a new one.',
      );
    }
    if (input.terminalId) {
      // DECISIONS.md: a terminal stopped after a restore keeps its id and starts a new epoch; its
      // old token stops working and its chain starts again at seq 1.
      const terminal = await repo.lockTerminal(tx, input.terminalId);
      if (terminal?.orgId !== scope.orgId || terminal.venueId !== scope.venueId) {
        reject(
          'NOT_FOUND',
          'There is no such terminal at the venue of this enrolment code: check the terminal id, or enrol it as a new terminal.',
        );
      }
      if (terminal.state !== 'restore_detected') {
        reject(
          'NOT_RESTORED',
          'This terminal is in good standing and needs no re-enrolment: enrol a fresh data folder as a new terminal instead.',
        );
      }
      const deviceToken = newToken();
      const epoch = await repo.startNewEpoch(tx, {
        id: terminal.id,
        tokenHash: tokenHash(deviceToken),
        name: input.name,
        codeHash,
      });
      await registerSigningKey(tx, terminal.id, epoch, input.signingKey);
      await auditEnrolment(tx, ctx, scope.orgId, terminal.id, 'terminal.reenrol');
      return { terminalId: terminal.id, epoch, deviceToken, venueId: terminal.venueId };
    }
    const terminalId = uuid();
    const deviceToken = newToken();
    const { epoch } = await repo.insertTerminal(tx, {
      id: terminalId,
      orgId: scope.orgId,
      venueId: scope.venueId,
      name: input.name,
      tokenHash: tokenHash(deviceToken),
      codeHash,
    });
    await registerSigningKey(tx, terminalId, epoch, input.signingKey);
    await auditEnrolment(tx, ctx, scope.orgId, terminalId, 'terminal.enrol');
    return { terminalId, epoch, deviceToken, venueId: scope.venueId };
  });
}

/** The back office's Terminals screen: one page of the organisation's terminals. */
export async function listTerminals(
  ctx: ServerContext,
  principal: Principal,
  filter: repo.TerminalFilter,
): Promise<Page<TerminalRow>> {
  const page = await repo.pageTerminals(ctx.db, principal.orgId, ctx.now().toISOString(), filter);
  return {
    items: page.items.map((t) => ({
      ...t,
      effectiveLeaseCapPercent: t.leaseCapPercent ?? DEFAULT_LEASE_CAP_PERCENT,
    })),
    total: page.total,
    limit: filter.limit,
    offset: filter.offset,
  };
}

/** One page of a terminal's leases in its current epoch, held ones first. */
export async function listTerminalLeases(
  ctx: ServerContext,
  principal: Principal,
  terminalId: string,
  page: { limit: number; offset: number },
): Promise<Page<TerminalLeaseRow>> {
  const terminal = await repo.getTerminal(ctx.db, principal.orgId, terminalId);
  if (!terminal) reject('NOT_FOUND', 'There is no such terminal.');
  const leases = await escrow.pageLeases(
    ctx.db,
    { orgId: principal.orgId, terminalId, epoch: terminal.epoch },
    ctx.now().toISOString(),
    page,
  );
  return { ...leases, ...page };
}

/** A manager's change to one terminal (`change` answers undefined for none), audited in its transaction. */
async function changeTerminal<T>(
  ctx: ServerContext,
  principal: Principal,
  terminalId: string,
  action: string,
  change: (tx: Queryable) => Promise<T | undefined>,
): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    const before = await auditedTerminal(tx, principal.orgId, terminalId);
    const done = await change(tx);
    if (done === undefined) reject('NOT_FOUND', 'There is no such terminal.');
    await recordAudit(tx, ctx, principal, {
      action,
      entityKind: 'terminal',
      entityId: terminalId,
      before,
      after: await auditedTerminal(tx, principal.orgId, terminalId),
    });
    return done;
  });
}

/**
 * A lost or stolen terminal: its device token stops working at once (every sync call answers 401 and
 * the terminal asks for re-enrolment). Sales it already pushed stay; counter leases it holds run out
 * at expiry, and its seat leases end now (their unsold seats go free).
 */
export async function revokeTerminal(
  ctx: ServerContext,
  principal: Principal,
  terminalId: string,
): Promise<{ terminalId: string; revokedAt: string }> {
  const at = ctx.now().toISOString();
  const revoked = await changeTerminal(ctx, principal, terminalId, 'terminal.revoke', async (tx) => {
    const done = await repo.revokeTerminal(tx, principal.orgId, terminalId, at);
    // Its seat leases would otherwise hold their seats for good: a revoked terminal never returns them.
    if (done) await endSeatLeasesOf(tx, { id: terminalId, orgId: principal.orgId }, at);
    return done;
  });
  return { terminalId, ...revoked };
}

/**
 * A manager sets how much of each capped counter this terminal may hold in leases (null: the default).
 * Lowering it takes nothing back: the terminal gets no new grant until it holds less than the cap.
 */
export async function setLeaseCap(
  ctx: ServerContext,
  principal: Principal,
  terminalId: string,
  percent: number | null,
): Promise<{ terminalId: string; leaseCapPercent: number | null; effectivePercent: number }> {
  const set = await changeTerminal(ctx, principal, terminalId, 'terminal.lease_cap', (tx) =>
    repo.setLeaseCap(tx, principal.orgId, terminalId, percent),
  );
  return {
    terminalId,
    leaseCapPercent: set.leaseCapPercent,
    effectivePercent: set.leaseCapPercent ?? DEFAULT_LEASE_CAP_PERCENT,
  };
}

/**
 * A manager sets the terminal's offline limits (docs/CASH.md "Offline limits"); its next pull takes
 * them. Both null: no limits, as before they existed.
 */
export async function setOfflineLimits(
  ctx: ServerContext,
  principal: Principal,
  terminalId: string,
  limits: OfflineLimits,
): Promise<{ terminalId: string } & OfflineLimits> {
  const set = await changeTerminal(ctx, principal, terminalId, 'terminal.offline_limits', (tx) =>
    repo.setOfflineLimits(tx, principal.orgId, terminalId, limits),
  );
  return { terminalId, ...set };
}

/**
 * A manager sets the terminal's cap on overuse grants per business day (docs/CASH.md "Overuse caps");
 * its next pull takes it. null: no cap.
 */
export async function setOveruseCap(
  ctx: ServerContext,
  principal: Principal,
  terminalId: string,
  cap: number | null,
): Promise<{ terminalId: string; cap: number | null }> {
  const set = await changeTerminal(ctx, principal, terminalId, 'terminal.overuse_cap', (tx) =>
    repo.setOveruseCap(tx, principal.orgId, terminalId, cap),
  );
  return { terminalId, ...set };
}

/**
 * The back office puts the whole terminal in training, or ends it (docs/CASH.md "Training mode"); its
 * next pull takes it. The terminal's own switch and the staff field are not touched: any of the three
 * makes a sale there a training sale.
 */
export async function setTraining(
  ctx: ServerContext,
  principal: Principal,
  terminalId: string,
  training: boolean,
): Promise<{ terminalId: string; training: boolean }> {
  const set = await changeTerminal(ctx, principal, terminalId, 'terminal.training', (tx) =>
    repo.setTraining(tx, principal.orgId, terminalId, training),
  );
  return { terminalId, ...set };
}

/**
 * A manager sets the share of each open voucher's balance the terminal holds ahead for offline sales
 * (docs/CASH.md "Offline"); its next pull takes it. 0: none, every voucher stays whole for online windows.
 */
export async function setVoucherShare(
  ctx: ServerContext,
  principal: Principal,
  terminalId: string,
  percent: number,
): Promise<{ terminalId: string; voucherSharePercent: number }> {
  const set = await changeTerminal(ctx, principal, terminalId, 'terminal.voucher_share', (tx) =>
    repo.setVoucherShare(tx, principal.orgId, terminalId, percent),
  );
  return { terminalId, ...set };
}

/** What a manager checks when a terminal does not sync: its position, leases and open review items. */
export async function terminalSyncStatus(
  ctx: ServerContext,
  principal: Principal,
  terminalId: string,
): Promise<{
  terminalId: string;
  epoch: number;
  state: 'active' | 'restore_detected';
  lastSeq: number;
  leases: LeaseView[];
  reviewItems: ReviewItem[];
}> {
  const terminal = await repo.getTerminal(ctx.db, principal.orgId, terminalId);
  if (!terminal) reject('NOT_FOUND', 'There is no such terminal.');
  return {
    terminalId: terminal.id,
    epoch: terminal.epoch,
    state: terminal.state,
    lastSeq: terminal.lastSeq,
    leases: await escrow.leasesOf(ctx.db, terminal.id, terminal.epoch),
    reviewItems: (
      await listReviewItems(ctx.db, principal.orgId, {
        status: 'open',
        terminalId: terminal.id,
        limit: 1000,
        offset: 0,
      })
    ).items,
  };
}

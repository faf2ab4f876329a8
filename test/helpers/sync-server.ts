import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { ApprovalSigner } from '../../shared/sync/approval-proof';
import type { AcquireResponse, PushConflictBody, PushResponse } from '../../shared/sync/protocol';
import type { Database } from '../../src-server/db/database';
import { approvalSigner, newSigningKey } from '../../src-main/services/sync/signing-key';
import { apiClient, type ApiClient, type SeededOrganisation } from './server-api';
import { outbox, salePayload, shiftOpenPayload, type Outbox, type SaleSpec } from './sync-payloads';

// A terminal as the server sees it (enrolled, with an outbox of real payloads) and the escrow checks
// the server's sync tests share.

/** A venue of the organisation, for terminals to enrol at. */
export async function createVenue(org: SeededOrganisation): Promise<string> {
  const venue = await org.api.post<{ id: string }>('/v1/venues', {
    name: 'Hall',
    currency: 'EUR',
    timezone: 'UTC',
  });
  if (venue.status !== 201) throw new Error(`venue create failed: ${venue.text}`);
  return venue.body.id;
}

/**
 * Registers a terminal as the terminal's enrol() does: with a new signing key, whose signer comes back
 * for signing approvals (docs/SECURITY.md "Overuse proof"). `signingKey: false`: an older terminal.
 */
export async function enrol(
  org: SeededOrganisation,
  url: string,
  venueId: string,
  terminalId?: string,
  options: { signingKey?: boolean } = {},
) {
  const key = options.signingKey === false ? undefined : newSigningKey();
  const code = await org.api.post<{ enrolmentCode: string }>(`/v1/venues/${venueId}/enrolment-codes`);
  const reg = await apiClient(url).post<{ terminalId: string; epoch: number; deviceToken: string }>(
    '/v1/terminals/register',
    {
      enrolmentCode: code.body.enrolmentCode,
      name: 'Till 1',
      ...(terminalId ? { terminalId } : {}),
      ...(key ? { signingKey: key.publicKey } : {}),
    },
  );
  if (reg.status !== 201) throw new Error(`register failed: ${reg.text}`);
  return { ...reg.body, signer: key && approvalSigner(key.privateKey) };
}

/** A venue with one event, for tests that only need somewhere to put performances. */
export async function seedHall(org: SeededOrganisation): Promise<{ venueId: string; eventId: string }> {
  const venue = await org.api.post<{ id: string }>('/v1/venues', {
    name: 'Hall',
    currency: 'EUR',
    timezone: 'UTC',
  });
  const event = await org.api.post<{ id: string }>('/v1/events', { venueId: venue.body.id, name: 'Show' });
  return { venueId: venue.body.id, eventId: event.body.id };
}

/** A performance 30 days ahead with this many seats. */
export async function newPerformance(org: SeededOrganisation, eventId: string, capacity: number) {
  const startsAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  return (await org.api.post<{ id: string }>('/v1/performances', { eventId, startsAt, capacity })).body.id;
}

/** A manager sets how much of each counter a terminal may hold (PUT /v1/terminals/:id/lease-cap). */
export async function setLeaseCap(org: SeededOrganisation, terminalId: string, percent: number | null) {
  const set = await org.api.put(`/v1/terminals/${terminalId}/lease-cap`, { percent });
  if (set.status !== 200) throw new Error(`lease-cap failed: ${set.text}`);
  return set.body;
}

export interface Till {
  id: string;
  epoch: number;
  api: ApiClient;
  box: Outbox;
  shiftId: string;
  /** Signs approvals with the key registered at enrolment; undefined for an older terminal. */
  signer: ApprovalSigner | undefined;
}

/** An enrolled terminal whose outbox starts with a shift opened by `staffId`. */
export async function openTill(
  org: SeededOrganisation,
  url: string,
  venueId: string,
  staffId: string,
  options: { signingKey?: boolean } = {},
): Promise<Till> {
  const reg = await enrol(org, url, venueId, undefined, options);
  const box = outbox();
  const open = shiftOpenPayload(reg.terminalId, staffId);
  box.append('shift.open', open);
  return {
    id: reg.terminalId,
    epoch: reg.epoch,
    api: apiClient(url, reg.deviceToken),
    box,
    shiftId: open.id,
    signer: reg.signer,
  };
}

/**
 * A till's sale of one 20.00 item with 5.00 off by `codeId`, signed as checkout signs it; with
 * `approverId`, an overuse of MAX_USES that approver granted for a regular guest.
 */
export function discountedSale(
  till: Till,
  cashierId: string,
  codeId: string,
  approverId?: string,
  spec: Partial<SaleSpec> = {},
) {
  return salePayload({
    terminalId: till.id,
    shiftId: till.shiftId,
    cashierId,
    lines: [{ kind: 'merch', qty: 1, unitPrice: 2000, unitDiscount: 500 }],
    code: { id: codeId },
    ...(approverId ? { overuse: { approverId, reason: 'Regular guest', limits: ['MAX_USES'] } } : {}),
    signer: till.signer,
    ...spec,
  });
}

export function pushTill(t: Till, entries = t.box.entries) {
  return t.api.post<PushResponse & PushConflictBody>('/v1/sync/push', {
    terminalId: t.id,
    epoch: t.epoch,
    mutations: entries,
  });
}

export function acquireLease(t: Till, counter: string, want: number) {
  return t.api.post<AcquireResponse>('/v1/leases/acquire', {
    terminalId: t.id,
    epoch: t.epoch,
    requestId: randomUUID(),
    counter,
    want,
  });
}

/** limit = unallocated + Σ(granted − returned) + absorbed, unallocated ≥ 0, for every counter. */
export async function assertConservation(db: Database): Promise<void> {
  const rows = await db.query<{
    counter: string;
    limit: number;
    unallocated: number;
    absorbed: number;
    out: number;
  }>(
    `SELECT c.counter, c.limit_units AS "limit", c.unallocated, c.absorbed,
       COALESCE((SELECT sum(granted - returned) FROM escrow_leases l WHERE l.org_id = c.org_id AND l.counter = c.counter), 0)::bigint AS out
     FROM escrow_counters c`,
  );
  for (const row of rows) {
    expect(row.unallocated, row.counter).toBeGreaterThanOrEqual(0);
    expect(row.unallocated + row.out + row.absorbed, row.counter).toBe(row.limit);
  }
}

export async function counterState(db: Database, key: string) {
  const [row] = await db.query<{ limit: number; unallocated: number; absorbed: number }>(
    'SELECT limit_units AS "limit", unallocated, absorbed FROM escrow_counters WHERE counter = $1',
    [key],
  );
  return row;
}

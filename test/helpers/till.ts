import type { PushConflictBody, PushResponse } from '../../shared/sync/protocol';
import { ticketSigningKey, type TicketSigningKey } from '../../shared/node/tickets/secret';
import type { ApprovalSigner } from '../../shared/sync/approval-proof';
import { approvalSigner, newSigningKey } from '../../src-main/services/sync/signing-key';
import { apiClient, type ApiClient } from './server-api';
import { outbox, salePayload, shiftOpenPayload, type Outbox, type SaleSpec } from './sync-payloads';

// A terminal as the server sees it: enrolled at a venue, with an outbox of real payloads it pushes.
// Free of any test runner, so the Vitest suites and the Playwright specs seed sales the same way.

/** Whoever sets up the terminal: a manager's signed-in API client. */
type Manager = { api: ApiClient };

/**
 * Registers a terminal as the terminal's enrol() does: with a new signing key, whose signers come back
 * for signing approvals (docs/SECURITY.md "Overuse proof") and tickets (docs/TICKETS.md). `signingKey: false`: an older terminal.
 */
export async function enrol(
  org: Manager,
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
  return {
    ...reg.body,
    signer: key && approvalSigner(key.privateKey),
    ticketSigner: key && ticketSigningKey(key.privateKey, key.publicKey),
  };
}

/** A venue with one event, for tests that only need somewhere to put performances. */
export async function seedHall(org: Manager): Promise<{ venueId: string; eventId: string }> {
  const venue = await org.api.post<{ id: string }>('/v1/venues', {
    name: 'Hall',
    currency: 'EUR',
    timezone: 'UTC',
  });
  const event = await org.api.post<{ id: string }>('/v1/events', { venueId: venue.body.id, name: 'Show' });
  return { venueId: venue.body.id, eventId: event.body.id };
}

/** A performance 30 days ahead with this many seats. */
export async function newPerformance(org: Manager, eventId: string, capacity: number) {
  const startsAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  return (await org.api.post<{ id: string }>('/v1/performances', { eventId, startsAt, capacity })).body.id;
}

export interface Till {
  id: string;
  epoch: number;
  api: ApiClient;
  box: Outbox;
  shiftId: string;
  /** Signs approvals with the key registered at enrolment; undefined for an older terminal. */
  signer: ApprovalSigner | undefined;
  /** Signs ticket secrets with the same key (docs/TICKETS.md); undefined for an older terminal. */
  ticketSigner?: TicketSigningKey | undefined;
}

/** An enrolled terminal whose outbox starts with a shift opened by `staffId`. */
export async function openTill(
  org: Manager,
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
    ticketSigner: reg.ticketSigner,
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
    ticketSigner: till.ticketSigner,
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

import {
  DEFAULT_TICKET_LAYOUT,
  logoSize,
  storedTicketLayout,
  type TicketLayout,
} from '../../shared/tickets/layout';
import type { EventTicketLayout, EventTicketLayoutBody } from '../../shared/tickets/ticket-api';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { lockOrganisationForEdit } from '../db/repos/change-pos';
import * as repo from '../db/repos/ticket-layout-repo';
import { reject } from '../errors';
import { recordAudit } from './audit';
import { assertVersion } from './version-check';

// An event's ticket layout (docs/TICKETS.md "Printing tickets"): read it, set it, or clear it back to
// the default. The route checked the body with ticketLayoutSchema; a change moves the event to a new
// change position so every terminal pulls it with the event, and is audited like any catalogue edit.

const NO_EVENT = 'There is no such event.';

function view(eventId: string, stored: repo.StoredEventLayout): EventTicketLayout {
  const layout = storedTicketLayout(stored.layout);
  return { eventId, layout, effective: layout ?? DEFAULT_TICKET_LAYOUT, version: stored.version };
}

/** The audit log names the logo by its size: the image itself would make every entry tens of KB. */
function audited(layout: TicketLayout | null): Record<string, unknown> {
  if (!layout) return { ticketLayout: null };
  const size = logoSize(layout);
  return {
    ticketLayout: {
      fields: layout.fields,
      logo: size ? `PNG ${size.width} × ${size.height}` : null,
      freeText: layout.freeText,
    },
  };
}

async function read(db: Queryable, orgId: string, eventId: string): Promise<repo.StoredEventLayout> {
  const stored = await repo.eventTicketLayout(db, orgId, eventId);
  if (!stored) reject('NOT_FOUND', NO_EVENT);
  return stored;
}

export async function getTicketLayout(
  ctx: ServerContext,
  principal: Principal,
  eventId: string,
): Promise<EventTicketLayout> {
  return view(eventId, await read(ctx.db, principal.orgId, eventId));
}

export async function setTicketLayout(
  ctx: ServerContext,
  principal: Principal,
  eventId: string,
  body: EventTicketLayoutBody,
): Promise<EventTicketLayout> {
  await ctx.db.transaction(async (tx) => {
    // The organisation's lock first, as every catalogue write takes it (change-pos.ts); it also keeps another
    // edit of the event from slipping in after the version check.
    await lockOrganisationForEdit(tx, principal.orgId);
    const before = await read(tx, principal.orgId, eventId);
    assertVersion('event', before.version, body.expectedVersion);
    if (!(await repo.setEventTicketLayout(tx, principal.orgId, eventId, body.layout))) {
      reject('NOT_FOUND', NO_EVENT);
    }
    await recordAudit(tx, ctx, principal, {
      action: 'event.ticket_layout',
      entityKind: 'event',
      entityId: eventId,
      before: audited(storedTicketLayout(before.layout)),
      after: audited(body.layout),
      summary: body.layout ? 'ticket layout set' : 'ticket layout back to the default',
    });
  });
  return getTicketLayout(ctx, principal, eventId);
}

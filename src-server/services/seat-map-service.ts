import { v7 as uuid } from 'uuid';
import type {
  SeatEditBody,
  SeatMapImportBody,
  SeatMapListItem,
  SeatMapRefusal,
} from '../../shared/seating/admin-api';
import type { SeatMapProblem } from '../../shared/seating/map-schema';
import type { SeatMap } from '../../shared/seating/types';
import { validateSeatMap, type SeatMapDraft } from '../../shared/seating/validate';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { entityExists } from '../db/repos/catalogue-repo';
import { lockOrganisationForEdit } from '../db/repos/change-pos';
import * as repo from '../db/repos/seat-map-repo';
import { isUniqueViolation, reject, Rejection } from '../errors';
import { recordAudit } from './audit';
import { assertVersion } from './version-check';

// Seat maps in the back office (docs/SEATING.md "Seat maps"): imported whole or not at all, listed,
// read, edited seat by seat, and deleted while no performance uses them.

const NO_MAP = 'There is no such seat map: check the id.';

/** 400 with every problem of the import; nothing is saved. */
function refuseImport(problems: SeatMapProblem[]): never {
  const first = problems[0];
  const refusal: SeatMapRefusal = {
    ok: false,
    reason: 'SEAT_MAP_INVALID',
    message:
      `The seat map was not imported (${problems.length === 1 ? 'one problem' : `${problems.length} problems`}; ` +
      `first: ${first?.row ? `row ${first.row}: ` : ''}${first?.message ?? ''}). Fix the file and import it again.`,
    // `error` as well as the usual `reason`, as docs/SEATING.md names it; after the message, so every
    // refusal still starts {ok, reason, message}.
    error: 'SEAT_MAP_INVALID',
    problems,
  };
  throw new Rejection(refusal);
}

/** The audited fields of a map: what it is, never every seat. */
function audited(map: SeatMap | undefined | null): Record<string, unknown> | null {
  if (!map) return null;
  return {
    id: map.id,
    venueId: map.venueId,
    name: map.name,
    bands: map.bands,
    sections: map.sections.map((s) => s.name),
    seats: map.seats.length,
    version: map.version,
  };
}

function withIds(draft: SeatMapDraft, orgId: string, venueId: string, name: string): repo.NewSeatMap {
  const sections = draft.sections.map((s, position) => ({ ...s, id: uuid(), position }));
  const sectionId = new Map(sections.map((s) => [s.name, s.id]));
  return {
    id: uuid(),
    orgId,
    venueId,
    name,
    bands: draft.bands,
    sections,
    seats: draft.seats.map((s) => ({
      id: uuid(),
      sectionId: sectionId.get(s.section) as string,
      row: s.row,
      label: s.label,
      x: s.x,
      y: s.y,
      band: s.band,
      flags: s.flags,
      hold: s.hold,
    })),
  };
}

export async function importSeatMap(
  ctx: ServerContext,
  principal: Principal,
  body: SeatMapImportBody,
): Promise<SeatMap> {
  if (!(await entityExists(ctx.db, 'venues', principal.orgId, body.venueId))) {
    reject('REFERENCE_NOT_FOUND', 'venueId names no venue of your organisation: check the id.');
  }
  if (body.format === 'csv' && !body.bands) {
    refuseImport([
      { row: 0, message: 'Name the bands the CSV uses, best first (bands): a CSV carries no band list.' },
    ]);
  }
  const checked = validateSeatMap(
    body.format === 'csv'
      ? { format: 'csv', content: body.content, bands: body.bands ?? [] }
      : { format: 'json', content: body.content },
  );
  if (!checked.ok) refuseImport(checked.problems);
  const map = withIds(checked.draft, principal.orgId, body.venueId, body.name);
  try {
    await ctx.db.transaction(async (tx) => {
      await repo.insertSeatMap(tx, map);
      await recordAudit(tx, ctx, principal, {
        action: 'seat_map.create',
        entityKind: 'seat_map',
        entityId: map.id,
        before: null,
        after: audited(await repo.getSeatMap(tx, principal.orgId, map.id)),
        summary: `imported from ${body.format.toUpperCase()}`,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      reject('DUPLICATE', `This venue has a seat map called "${body.name}" already: choose another name.`);
    }
    throw error;
  }
  return getSeatMap(ctx, principal, map.id);
}

export async function listSeatMaps(
  ctx: ServerContext,
  principal: Principal,
  venueId: string | undefined,
): Promise<{ maps: SeatMapListItem[] }> {
  return { maps: await repo.listSeatMaps(ctx.db, principal.orgId, venueId) };
}

export async function readSeatMap(db: Queryable, orgId: string, id: string): Promise<SeatMap> {
  const map = await repo.getSeatMap(db, orgId, id);
  if (!map) reject('NOT_FOUND', NO_MAP);
  return map;
}

export async function getSeatMap(ctx: ServerContext, principal: Principal, id: string): Promise<SeatMap> {
  return readSeatMap(ctx.db, principal.orgId, id);
}

export async function removeSeatMap(ctx: ServerContext, principal: Principal, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await lockOrganisationForEdit(tx, principal.orgId);
    if (!(await repo.lockSeatMap(tx, principal.orgId, id))) reject('NOT_FOUND', NO_MAP);
    const before = await readSeatMap(tx, principal.orgId, id);
    const used = await repo.seatMapUse(tx, principal.orgId, id);
    if (used > 0) {
      reject(
        'IN_USE',
        `${used === 1 ? 'A performance uses' : `${used} performances use`} this seat map: give ${used === 1 ? 'it' : 'them'} another map or none first.`,
      );
    }
    await repo.deleteSeatMap(tx, principal.orgId, id);
    await recordAudit(tx, ctx, principal, {
      action: 'seat_map.delete',
      entityKind: 'seat_map',
      entityId: id,
      before: audited(before),
      after: null,
    });
  });
}

/** The map's band spelled as the map spells it, matched without regard to case. */
function mapBand(map: SeatMap, band: string): string {
  const found = map.bands.find((b) => b.toLowerCase() === band.trim().toLowerCase());
  if (!found) {
    reject(
      'UNKNOWN_BAND',
      `The band "${band}" is not one of this map's bands (${map.bands.join(', ')}): choose one of them.`,
    );
  }
  return found;
}

/**
 * PATCH /v1/seat-maps/:id/seats: band, hold or flags of some seats; a new version. Performances that use
 * the map keep their seat states, and a change that would alter their capacity (a seat killed or
 * brought back) is refused while any performance uses it.
 */
export async function editSeats(
  ctx: ServerContext,
  principal: Principal,
  id: string,
  body: SeatEditBody,
): Promise<SeatMap> {
  await ctx.db.transaction(async (tx) => {
    await lockOrganisationForEdit(tx, principal.orgId);
    const locked = await repo.lockSeatMap(tx, principal.orgId, id);
    if (!locked) reject('NOT_FOUND', NO_MAP);
    assertVersion('seat map', locked.version, body.expectedVersion);
    const map = await readSeatMap(tx, principal.orgId, id);
    const band = body.band === undefined ? undefined : mapBand(map, body.band);
    const wanted = new Set(body.seatIds);
    const ids = [...wanted];
    const seats = map.seats.filter((s) => wanted.has(s.id));
    if (seats.length !== ids.length) {
      reject(
        'NOT_FOUND',
        `${ids.length - seats.length} of the seats are not seats of this map: reload it and try again.`,
      );
    }
    const killChanges =
      body.hold !== undefined && seats.some((s) => (s.hold === 'kill') !== (body.hold === 'kill'));
    const used = await repo.seatMapUse(tx, principal.orgId, id);
    if (killChanges && used > 0) {
      reject(
        'SEAT_MAP_IN_USE',
        `Killing a seat or bringing one back changes the capacity of the ${used} performance(s) using this map: ` +
          'hold the seats on each performance instead, or take the map off those performances first.',
      );
    }
    await repo.editSeats(tx, id, ids, { band, hold: body.hold, flags: body.flags });
    await repo.touchPerformancesOfMap(tx, principal.orgId, id);
    const changed = [
      band !== undefined ? `band ${band}` : null,
      body.hold !== undefined ? `hold ${body.hold ?? 'none'}` : null,
      body.flags !== undefined ? `flags ${body.flags.join(', ') || 'none'}` : null,
    ].filter((part) => part !== null);
    await recordAudit(tx, ctx, principal, {
      action: 'seat_map.update',
      entityKind: 'seat_map',
      entityId: id,
      before: audited(map),
      after: audited(await repo.getSeatMap(tx, principal.orgId, id)),
      summary: `${ids.length} seat(s): ${changed.join('; ')}`,
    });
  });
  return getSeatMap(ctx, principal, id);
}

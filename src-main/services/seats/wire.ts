import { z } from 'zod';
import { seatStatusSchema } from '../../../shared/seating/seat-map-zod';
import { text } from '../../../shared/text';

// The answers of the server's seat routes for terminals (docs/SEATING.md; the routes and their request
// shapes are the seating contract's). The terminal checks what it reads before it trusts it.
// TODO(merge seat-own): shared/sync/seat-protocol.ts holds these once; import them from there.

const uuid = z.uuid();
const instant = z.iso.datetime({ offset: true });

export const seatStatesAnswerSchema = z.object({
  performanceId: text(),
  mapId: text(),
  mapVersion: z.number().int().min(1),
  changePos: z.number().int().min(0),
  full: z.boolean(),
  statuses: z.array(seatStatusSchema),
});

export const seatCartAnswerSchema = z.object({
  taken: z.array(text()),
  refused: z.array(z.object({ seatId: text(), state: seatStatusSchema.shape.state, message: text() })),
  expiresAt: instant.nullable(),
});

export const seatLeaseAcquireAnswerSchema = z.object({
  leases: z.array(
    z.object({ id: uuid, performanceId: text(), seatIds: z.array(text()), expiresAt: instant }),
  ),
  refusals: z.array(z.object({ performanceId: text(), message: text() })),
});

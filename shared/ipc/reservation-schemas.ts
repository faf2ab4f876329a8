import { z } from 'zod';
import type { ReservationStatus, ReservationView } from '../reservations/rules';
import { text } from '../text';
import { channels as c } from './channels';
import type { CartView } from './domains/sell';

// The `reservations` domain's requests and answers, spread into the one contract (contract.ts).

const id = text().min(1).max(100);
/** A reservation's id or its printed reference ("R-…"), as typed. */
const ref = text().trim().min(1, 'type the reservation reference, or pick it from the list').max(100);

export const reservationRequestSchemas = {
  [c.reservations.reserve]: z.strictObject({
    cartId: id,
    /** Absent: 30 minutes before the earliest performance starts. */
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  }),
  [c.reservations.list]: z.strictObject({
    performanceId: id.optional(),
    /** A reference, name, phone or e-mail fragment. */
    query: text().trim().max(100).optional(),
  }),
  [c.reservations.pickup]: z.strictObject({ ref }),
  [c.reservations.cancel]: z.strictObject({
    ref,
    reason: text().max(500),
  }),
};

export interface ReservationListView {
  /** 'server': every terminal's reservations; 'local': this terminal's (offline or standalone). */
  source: 'server' | 'local';
  reservations: ReservationView[];
}

export type { ReservationStatus, ReservationView };

export interface ReservationResponseTypes {
  [c.reservations.reserve]: ReservationView;
  [c.reservations.list]: ReservationListView;
  /** The cart with the reservation's lines loaded: pay it as any sale. */
  [c.reservations.pickup]: CartView;
  [c.reservations.cancel]: ReservationView;
}

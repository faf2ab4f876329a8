import type { SeatLabel } from './types';

/** A seat as a cashier, a receipt and a review item name it: "Stalls, row B, seat 12". */
export function seatLabelText(label: SeatLabel): string {
  return `${label.section}, row ${label.row}, seat ${label.seat}`;
}

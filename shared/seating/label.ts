import type { SeatLabel, SeatMap } from './types';

// How a seat is named on a receipt, a ticket and in a refusal: "Stalls, row B, seat 12". One formatter
// for the terminal, the server and the screens, so a seat reads the same wherever it is printed.

/** The words of a seat's label; the label stored on a sold unit is in English (the receipt's own words). */
export const SEAT_LABEL_WORDS = {
  en: { row: 'row', seat: 'seat' },
  de: { row: 'Reihe', seat: 'Platz' },
} as const;

export function formatSeatLabel(label: Omit<SeatLabel, 'seatId'>, language: 'en' | 'de' = 'en'): string {
  const words = SEAT_LABEL_WORDS[language];
  return `${label.section}, ${words.row} ${label.row}, ${words.seat} ${label.seat}`;
}

/** A seat's label parts as the map names them; undefined for a seat the map does not have. */
export function seatLabelOf(map: SeatMap, seatId: string): SeatLabel | undefined {
  const seat = map.seats.find((s) => s.id === seatId);
  if (!seat) return undefined;
  const section = map.sections.find((s) => s.id === seat.sectionId);
  return { seatId, section: section?.name ?? '', row: seat.row, seat: seat.label };
}

/** Several seats named in one sentence: "Stalls, row B, seat 12; Stalls, row B, seat 13". */
export function listSeatLabels(labels: readonly Omit<SeatLabel, 'seatId'>[]): string {
  return labels.map((l) => formatSeatLabel(l)).join('; ');
}

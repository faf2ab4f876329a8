// Sanity ceilings for input sizes. The engine builds one array entry per unit, so an absurd quantity
// must be refused as bad input rather than exhaust the terminal's memory.
export const MAX_LINE_QTY = 100_000;
export const MAX_BASKET_UNITS = 1_000_000;
export const MAX_CODE_LENGTH = 64;
export const FULL_PERCENT = 10_000;

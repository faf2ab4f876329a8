/** A from/to pair of dates as typed (YYYY-MM-DD) as instants: the first day's start, the last day's end. */
export function rangeOf(from: string, to: string): { from?: string; to?: string } {
  return {
    ...(from ? { from: new Date(`${from}T00:00:00`).toISOString() } : {}),
    ...(to ? { to: new Date(`${to}T23:59:59.999`).toISOString() } : {}),
  };
}

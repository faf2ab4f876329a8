/** A from/to pair of dates (yyyy-mm-dd, as date fields give them) as instants covering both whole days. */
export function dayRange(from: string, to: string): { from?: string; to?: string } {
  return {
    ...(from ? { from: new Date(`${from}T00:00:00`).toISOString() } : {}),
    ...(to ? { to: new Date(`${to}T23:59:59.999`).toISOString() } : {}),
  };
}

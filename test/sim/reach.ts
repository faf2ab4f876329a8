import type { SimStats } from './simulation';

// How much of the fault space the runs reached. A green simulation that never quarantined anything
// proves nothing about quarantine, so each run says which fault paths it went through and the test
// prints the share of runs for each (docs/SYNC.md, "How strong the simulation is").

export const FAULT_PATHS = {
  quarantine: (s: SimStats) => s.quarantined > 0,
  'restore detected': (s: SimStats) => s.restoresDetected > 0,
  'overuse absorbed or sent to review': (s: SimStats) => s.absorbed + s.excess > 0,
  'overuse past the pool, sent to review': (s: SimStats) => s.excess > 0,
  'lease expiry': (s: SimStats) => s.leaseExpiries > 0,
  'server crash mid-push': (s: SimStats) => s.pushCrashes > 0,
  'poison message': (s: SimStats) => s.poisoned > 0,
  'disk full mid-sale': (s: SimStats) => s.diskFaults > 0,
  'clock behind its high-water mark at a sale': (s: SimStats) => s.clockBackSales > 0,
  'seated sale': (s: SimStats) => s.seatedSales > 0,
  'seated sale from a seat lease': (s: SimStats) => s.leasedSeatSales > 0,
  'seat sent to review (seat_not_held)': (s: SimStats) => s.seatNotHeld > 0,
  'cash movement': (s: SimStats) => s.cashMovements > 0,
  'training sale': (s: SimStats) => s.trainingSales > 0,
  'comped sale': (s: SimStats) => s.compSales > 0,
} as const;

export function faultPathsReached(stats: SimStats): string[] {
  return Object.entries(FAULT_PATHS)
    .filter(([, reached]) => reached(stats))
    .map(([path]) => path);
}

/** Sales per run and, per fault path, the share of runs that reached it. */
export function reachReport(
  runs: number,
  totals: Readonly<Record<string, number>>,
  reached: Readonly<Record<string, number>>,
): string {
  const per = (n: number) => (runs === 0 ? 0 : n / runs);
  const lines = [
    `sales per run: ${per(totals.sales ?? 0).toFixed(1)} (refused ${per(totals.refusedSales ?? 0).toFixed(1)})`,
    ...Object.keys(FAULT_PATHS).map(
      (path) => `${path}: ${Math.round(per(reached[path] ?? 0) * 100)} % of runs`,
    ),
  ];
  return `reach over ${runs} runs:\n  ${lines.join('\n  ')}`;
}

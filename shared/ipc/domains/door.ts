import type { DoorCounts, DoorOutcome } from '../../tickets/checkins';

// Door mode (docs/TICKETS.md "Door mode"): what the terminal's door screen is shown.

/** A performance door staff can pick, from the terminal's catalogue. */
export interface DoorPerformanceOption {
  id: string;
  eventName: string;
  startsAt: string;
  /** From when this door admits (doorsOpenAt). */
  opensAt: string;
}

/** The door this terminal keeps open: its name and the performances it admits. */
export interface DoorView {
  door: string;
  performances: DoorPerformanceOption[];
  openedAt: string;
}

/** Who decided a scan: the server (online), or this terminal alone from what it pulled (offline). */
export type DoorDecider = 'server' | 'terminal';

export interface DoorScanView {
  outcome: DoorOutcome;
  decidedBy: DoorDecider;
  /**
   * The performance the ticket is for, named from the local catalogue: the admitted one, or the other
   * one a wrong-performance ticket is for. Null when the catalogue does not know it.
   */
  performance: { id: string; eventName: string; startsAt: string } | null;
}

export interface DoorCountsView {
  /** 'server': every door of the organisation; 'terminal': only what this terminal knows (offline). */
  source: DoorDecider;
  expected: number;
  entered: number;
  byDoor: { door: string; entered: number }[];
  performances: DoorCounts[];
}

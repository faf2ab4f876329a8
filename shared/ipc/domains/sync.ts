/** How full one escrow lease pool is on this terminal, for the status bar. */
export interface LeaseLevel {
  /** e.g. code_uses:<code id> or capacity:<performance id> */
  counter: string;
  /** The code's text, or "event – performance time". */
  label: string;
  /** Units this terminal may still spend. */
  remaining: number;
  granted: number;
  /** ISO instant of the earliest deadline among the leases. */
  expiresAt: string;
}

export type SyncStateName = 'standalone' | 'enrolled' | 'restore_detected';

export interface SyncStatus {
  enrolled: boolean;
  state: SyncStateName;
  terminalName?: string;
  /** Enrolment generation: a re-enrolment after a restore starts the next one. Absent standalone. */
  epoch?: number;
  /** Sales, refunds and voids the server has not acknowledged yet. */
  pendingSales: number;
  lastPushAt: string | null;
  lastPullAt: string | null;
  /** The last sync failure as a sentence for staff, null when the last exchange went through. */
  lastError: string | null;
  leases: LeaseLevel[];
}

export interface EnrolRequest {
  enrolmentCode: string;
  name: string;
}

import type { SyncStatus } from './domains/sync';

export type Language = 'en' | 'de';

export type ServerState = 'online' | 'offline' | 'not_configured';

export interface ServerStatus {
  state: ServerState;
  url: string | null;
  /** ISO instant of the last successful contact, null if never. */
  lastSeenAt: string | null;
  /**
   * Counts state changes since the terminal started. A status read and a pushed event travel on
   * different channels, so the renderer keeps whichever carries the higher revision.
   */
  revision: number;
}

export interface TerminalStatus {
  appVersion: string;
  terminalId: string;
  dataDir: string;
  schemaVersion: number;
  latestSchemaVersion: number;
  server: ServerStatus;
  /** Sales, refunds and shift events written here and not yet acknowledged by the server. */
  unsyncedEvents: number;
  sync: SyncStatus;
}

export interface TerminalSettings {
  language: Language;
}

export type PosEvent =
  { type: 'server-status'; server: ServerStatus } | { type: 'sync-status'; sync: SyncStatus };

export type { CatalogueEvent, PerformanceOffer } from './domains/catalogue';
export type { SaleRecord as SaleView } from './domains/sales';
export type { ZReport as ZReportView } from './domains/shift';
export type { SessionView, StaffSummary } from './domains/staff';
export type { LeaseLevel, SyncStatus } from './domains/sync';

export type Language = 'en' | 'de';

export type ServerState = 'online' | 'offline' | 'not_configured';

export interface ServerStatus {
  state: ServerState;
  url: string | null;
  /** ISO instant of the last successful contact, null if never. */
  lastSeenAt: string | null;
}

export interface TerminalStatus {
  appVersion: string;
  terminalId: string;
  dataDir: string;
  schemaVersion: number;
  latestSchemaVersion: number;
  server: ServerStatus;
}

export interface TerminalSettings {
  language: Language;
}

export type PosEvent = { type: 'server-status'; server: ServerStatus };

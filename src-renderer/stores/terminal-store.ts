import { create } from 'zustand';
import type {
  Language,
  PosEvent,
  SyncStatus,
  TerminalSettings,
  TerminalStatus,
} from '../../shared/ipc/types';
import { api, posEvents } from '../api';

interface TerminalState {
  status: TerminalStatus | null;
  settings: TerminalSettings;
  /** The core's own sentence when a call failed; shown as is. */
  error: string | null;
  load: () => Promise<void>;
  /** Re-reads the status after something changed it (a sale adds an unsynced event). */
  refresh: () => Promise<void>;
  setLanguage: (language: Language) => Promise<void>;
  /** Takes a sync status main answered with (after enrolment or "Sync now"). */
  takeSync: (sync: SyncStatus) => void;
}

/**
 * A status read may have been answered before a pushed server event that arrives ahead of it,
 * so the server part with the higher revision wins; an equal one is the fresher read.
 */
function withNewerServer(read: TerminalStatus, held: TerminalStatus | null): TerminalStatus {
  if (!held || held.server.revision <= read.server.revision) return read;
  return { ...read, server: held.server };
}

/** Status reads are numbered so that an answer overtaken by a later read's answer is dropped. */
let readsIssued = 0;
let readApplied = 0;

async function readStatus() {
  const read = ++readsIssued;
  const status = await api.system.status({});
  const current = read > readApplied;
  if (current && status.ok) readApplied = read;
  return { status, current };
}

export const useTerminalStore = create<TerminalState>()((set, get) => ({
  status: null,
  settings: { language: 'en' },
  error: null,
  async load() {
    const [{ status, current }, settings] = await Promise.all([readStatus(), api.settings.get({})]);
    if (!status.ok) return set({ error: status.message });
    if (!settings.ok) return set({ error: settings.message });
    const held = get().status;
    set({
      status: current || !held ? withNewerServer(status.value, held) : held,
      settings: settings.value,
      error: null,
    });
  },
  async refresh() {
    const { status, current } = await readStatus();
    if (status.ok && current) set({ status: withNewerServer(status.value, get().status) });
  },
  async setLanguage(language) {
    const result = await api.settings.update({ language });
    set(result.ok ? { settings: result.value, error: null } : { error: result.message });
  },
  takeSync(sync) {
    set((state) => (state.status ? { status: { ...state.status, sync } } : {}));
  },
}));

function isPosEvent(event: unknown): event is PosEvent {
  return typeof event === 'object' && event !== null && 'type' in event;
}

/** Keeps the store in step with pushes from main; returns the unsubscribe function. */
export function followTerminalEvents(): () => void {
  return posEvents.subscribe((event) => {
    if (!isPosEvent(event)) return;
    if (event.type === 'server-status') {
      useTerminalStore.setState((state) =>
        state.status && state.status.server.revision <= event.server.revision
          ? { status: { ...state.status, server: event.server } }
          : {},
      );
    } else if (event.type === 'sync-status') {
      useTerminalStore.getState().takeSync(event.sync);
      // The event carries the sync side only; the outbox count and terminal id follow from main.
      void useTerminalStore.getState().refresh();
    }
  });
}

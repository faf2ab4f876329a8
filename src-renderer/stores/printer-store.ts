import { create } from 'zustand';
import type { PrinterSettings, PrinterStatus } from '../../shared/ipc/domains/printing';
import type { RequestOf } from '../../shared/ipc/contract';
import { api } from '../api';
import type { Failure } from './sell-store';
import { noteFailure } from './session-store';

interface PrinterState {
  settings: PrinterSettings | null;
  status: PrinterStatus | null;
  error: string | null;
  load: () => Promise<void>;
  save: (changes: RequestOf<'pos:print:settingsUpdate'>) => Promise<Failure | null>;
  testPrint: () => Promise<Failure | null>;
}

export const usePrinterStore = create<PrinterState>()((set) => ({
  settings: null,
  status: null,
  error: null,

  async load() {
    const [settings, status] = await Promise.all([api.print.settingsGet({}), api.print.status({})]);
    if (!settings.ok) {
      noteFailure(settings);
      return set({ error: settings.message });
    }
    set({ settings: settings.value, status: status.ok ? status.value : null, error: null });
  },

  async save(changes) {
    const result = await api.print.settingsUpdate(changes);
    if (!result.ok) {
      noteFailure(result);
      return result;
    }
    const status = await api.print.status({});
    set({ settings: result.value, status: status.ok ? status.value : null, error: null });
    return null;
  },

  async testPrint() {
    const result = await api.print.test({});
    if (!result.ok) {
      noteFailure(result);
      return result;
    }
    const status = await api.print.status({});
    if (status.ok) set({ status: status.value });
    return null;
  },
}));

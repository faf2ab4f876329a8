import { create } from 'zustand';
import type { PrinterSettings, PrinterStatus } from '../../shared/ipc/domains/printing';
import type { RequestOf } from '../../shared/ipc/contract';
import type { TicketPdfFormat } from '../../shared/tickets/layout';
import { api } from '../api';
import { bytesOfBase64 } from '../features/manage/download';
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

/**
 * A sale's valid tickets as a PDF, which the main process makes (docs/TICKETS.md "Printing tickets"), as
 * bytes for the screen to offer as a download.
 */
export async function saleTicketsPdf(saleId: string, format: TicketPdfFormat) {
  const result = await api.print.ticketsPdf({ saleId, format });
  if (!result.ok) {
    noteFailure(result);
    return result;
  }
  return {
    ok: true as const,
    value: { fileName: result.value.fileName, bytes: bytesOfBase64(result.value.pdfBase64) },
  };
}

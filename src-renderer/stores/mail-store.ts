import { create } from 'zustand';
import type { RequestOf } from '../../shared/ipc/contract';
import type { MailJobView, MailKind, MailSettings, MailStatus } from '../../shared/ipc/domains/mail';
import { api } from '../api';
import type { Failure } from './sell-store';
import { noteFailure } from './session-store';

// E-mail (docs/MAIL.md): the queue's state, the manager's SMTP settings, and a sale's mail asked for at
// the window. Main decides everything; this only asks and shows.

interface MailState {
  status: MailStatus | null;
  /** undefined until loaded; null: no SMTP server set up. */
  settings: MailSettings | null | undefined;
  error: string | null;
  loadStatus: () => Promise<void>;
  loadSettings: () => Promise<void>;
  save: (settings: RequestOf<'pos:mail:updateSettings'>) => Promise<Failure | null>;
  clear: () => Promise<Failure | null>;
  test: (to: string) => Promise<Failure | { response: string }>;
  send: (saleId: string, kind: MailKind, to: string | undefined) => Promise<Failure | MailJobView>;
}

export const useMailStore = create<MailState>()((set, get) => ({
  status: null,
  settings: undefined,
  error: null,

  async loadStatus() {
    const status = await api.mail.status({});
    if (status.ok) set({ status: status.value });
  },

  async loadSettings() {
    const [settings] = await Promise.all([api.mail.settings({}), get().loadStatus()]);
    if (!settings.ok) {
      noteFailure(settings);
      return set({ error: settings.message });
    }
    set({ settings: settings.value, error: null });
  },

  async save(settings) {
    const result = await api.mail.updateSettings(settings);
    if (!result.ok) {
      noteFailure(result);
      return result;
    }
    set({ settings: result.value, error: null });
    await get().loadStatus();
    return null;
  },

  async clear() {
    const result = await api.mail.clearSettings({});
    if (!result.ok) {
      noteFailure(result);
      return result;
    }
    set({ settings: null });
    await get().loadStatus();
    return null;
  },

  async test(to) {
    const result = await api.mail.test({ to });
    if (!result.ok) {
      noteFailure(result);
      return result;
    }
    await get().loadStatus();
    return result.value;
  },

  async send(saleId, kind, to) {
    const result = await api.sales.email({ saleId, kind, ...(to ? { to } : {}) });
    await get().loadStatus();
    if (!result.ok) {
      noteFailure(result);
      return result;
    }
    return result.value;
  },
}));

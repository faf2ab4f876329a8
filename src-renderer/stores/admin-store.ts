import { create } from 'zustand';
import type { Language } from '../../shared/ipc/types';
import type { NewOrganisationInput, SetupStatus } from '../../shared/auth/setup';
import { adminLanguage, server, setAdminLanguage } from '../api/admin-host';
import type { Failure } from './sell-store';

// The back office's own state: which screen is open (kept in the address, so Back and a reload work)
// and the language the manager chose in this browser.

/** `#/codes` → `codes`; the part after a second slash is the screen's own (e.g. a record's id). */
export function sectionOf(hash: string): { section: string; rest: string } {
  const [section = '', ...rest] = hash.replace(/^#\/?/, '').split('/');
  return { section, rest: rest.join('/') };
}

interface AdminState {
  language: Language;
  section: string;
  /** What follows the section in the address, for screens that open one record. */
  rest: string;
  setLanguage: (language: Language) => void;
  go: (section: string, rest?: string) => void;
  /** Reads the address again (the browser's Back and Forward). */
  follow: () => void;
  /** Whether the server still waits for its first organisation; null until asked. */
  setupNeeded: boolean | null;
  checkSetup: () => Promise<void>;
  /** The server's first run: its first organisation and manager. */
  setUp: (input: NewOrganisationInput) => Promise<Failure | null>;
}

export const useAdminStore = create<AdminState>()((set) => ({
  language: adminLanguage(),
  ...sectionOf(window.location.hash),
  setLanguage(language) {
    setAdminLanguage(language);
    document.documentElement.lang = language;
    set({ language });
  },
  go(section, rest = '') {
    const hash = `#/${section}${rest ? `/${rest}` : ''}`;
    if (window.location.hash !== hash) window.location.hash = hash;
    set({ section, rest });
  },
  follow() {
    set(sectionOf(window.location.hash));
  },
  setupNeeded: null,
  async checkSetup() {
    const status = await server<SetupStatus>('GET', '/v1/setup');
    // Should the server not answer, the sign-in form shows and says so when used.
    set({ setupNeeded: status.ok ? status.value.needed : false });
  },
  async setUp(input) {
    const result = await server('POST', '/v1/setup', { body: input });
    if (!result.ok) return result;
    set({ setupNeeded: false });
    return null;
  },
}));

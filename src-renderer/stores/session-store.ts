import { create } from 'zustand';
import { hasPermission, type Permission } from '../../shared/auth/permissions';
import type { SessionView, StaffSummary } from '../../shared/ipc/types';
import { api } from '../api';

export type View = 'sell' | 'refunds' | 'journal' | 'willcall' | 'shift' | 'status' | 'manage' | 'door';

const VIEW_KEY = 'pos.view';
const VIEWS: readonly string[] = [
  'sell',
  'refunds',
  'journal',
  'willcall',
  'shift',
  'status',
  'manage',
  'door',
];

/** A reload comes back to the screen staff were on. */
function storedView(): View {
  const view = sessionStorage.getItem(VIEW_KEY);
  return view !== null && VIEWS.includes(view) ? (view as View) : 'sell';
}

interface SessionState {
  staff: StaffSummary[];
  session: SessionView | null;
  /** False until the first answer about the session came back. */
  loaded: boolean;
  view: View;
  /** The core's sentence for the last failed sign-in or unlock; shown beside the PIN. */
  error: string | null;
  /** Why the last session ended when staff did not sign out themselves; shown on the sign-in screen. */
  notice: string | null;
  busy: boolean;
  load: () => Promise<void>;
  signIn: (staffId: string, pin: string) => Promise<boolean>;
  signOut: () => Promise<void>;
  lock: () => Promise<void>;
  unlock: (pin: string) => Promise<boolean>;
  setView: (view: View) => void;
  clearError: () => void;
  /** Main ended the session (enrolment replaced the staff list): re-read who may sign in, say why. */
  sessionEnded: (notice: string) => Promise<void>;
}

export const useSessionStore = create<SessionState>()((set) => ({
  staff: [],
  session: null,
  loaded: false,
  view: storedView(),
  error: null,
  notice: null,
  busy: false,
  async load() {
    const [staff, session] = await Promise.all([api.staff.list({}), api.staff.session({})]);
    set({
      staff: staff.ok ? staff.value : [],
      session: session.ok ? session.value : null,
      loaded: true,
      error: !staff.ok ? staff.message : !session.ok ? session.message : null,
    });
  },
  async signIn(staffId, pin) {
    set({ busy: true });
    const result = await api.staff.signIn({ staffId, pin });
    if (!result.ok) {
      set({ busy: false, error: result.message });
      return false;
    }
    sessionStorage.setItem(VIEW_KEY, 'sell');
    set({ busy: false, session: result.value, error: null, notice: null, view: 'sell' });
    return true;
  },
  async signOut() {
    await api.staff.signOut({});
    sessionStorage.setItem(VIEW_KEY, 'sell');
    set({ session: null, error: null, notice: null, view: 'sell' });
  },
  async lock() {
    const result = await api.staff.lock({});
    if (result.ok) set({ session: result.value, error: null });
  },
  async unlock(pin) {
    set({ busy: true });
    const result = await api.staff.unlock({ pin });
    if (!result.ok) {
      set({ busy: false, error: result.message });
      return false;
    }
    set({ busy: false, session: result.value, error: null });
    return true;
  },
  setView(view) {
    sessionStorage.setItem(VIEW_KEY, view);
    set({ view });
  },
  clearError() {
    set({ error: null });
  },
  async sessionEnded(notice) {
    sessionStorage.setItem(VIEW_KEY, 'sell');
    const [staff, session] = await Promise.all([api.staff.list({}), api.staff.session({})]);
    set({
      staff: staff.ok ? staff.value : [],
      session: session.ok ? session.value : null,
      view: 'sell',
      error: null,
      notice,
    });
  },
}));

/** Every store passes failures through here: the core's SESSION_LOCKED answer shows the lock screen. */
export function noteFailure(failure: { reason: string; message: string }): void {
  if (failure.reason === 'SESSION_LOCKED') {
    useSessionStore.setState((state) =>
      state.session ? { session: { ...state.session, locked: true }, error: failure.message } : {},
    );
  }
}

export function can(session: SessionView | null, permission: Permission): boolean {
  return session ? hasPermission(session.role, permission) : false;
}

/** The manager menu is for roles that manage codes, read reports or enrol the terminal. */
export function canManage(session: SessionView | null): boolean {
  return can(session, 'codes.manage') || can(session, 'reports.view') || can(session, 'terminals.enrol');
}

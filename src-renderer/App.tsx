import { useEffect } from 'react';
import { LanguageSwitch } from './components/LanguageSwitch';
import { DoorScreen } from './features/door/DoorScreen';
import { JournalScreen } from './features/journal/JournalScreen';
import { ManageScreen } from './features/manage/ManageScreen';
import { RefundScreen } from './features/refunds/RefundScreen';
import { SellScreen } from './features/sell/SellScreen';
import { WillCallScreen } from './features/willcall/WillCallScreen';
import { OpenShiftScreen } from './features/shift/OpenShiftScreen';
import { ShiftScreen, ZReportScreen } from './features/shift/ShiftScreen';
import { LockScreen } from './features/signin/LockScreen';
import { SignInScreen } from './features/signin/SignInScreen';
import { StatusScreen } from './features/status/StatusScreen';
import { TerminalStatusBar } from './features/status/TerminalStatusBar';
import { useT } from './i18n/use-t';
import type { MessageKey } from './i18n/messages';
import { useDoorStore } from './stores/door-store';
import { useJournalStore } from './stores/journal-store';
import { useRefundStore } from './stores/refund-store';
import { useReservationStore } from './stores/reservation-store';
import { useSellStore } from './stores/sell-store';
import { useManageStore } from './stores/manage-store';
import { useReportStore } from './stores/report-store';
import { can, canManage, useSessionStore, type View } from './stores/session-store';
import { useShiftStore } from './stores/shift-store';
import { useSyncStore } from './stores/sync-store';
import { followTerminalEvents, useTerminalStore } from './stores/terminal-store';

const NAV: { view: View; label: MessageKey }[] = [
  { view: 'sell', label: 'nav.sell' },
  { view: 'refunds', label: 'nav.refunds' },
  { view: 'journal', label: 'nav.journal' },
  { view: 'willcall', label: 'nav.willcall' },
  { view: 'shift', label: 'nav.shift' },
  { view: 'door', label: 'nav.door' },
  { view: 'manage', label: 'nav.manage' },
  { view: 'status', label: 'nav.status' },
];

export function App() {
  const t = useT();
  const language = useTerminalStore((s) => s.settings.language);
  const terminalError = useTerminalStore((s) => s.error);
  const loadTerminal = useTerminalStore((s) => s.load);
  const setLanguage = useTerminalStore((s) => s.setLanguage);
  const session = useSessionStore((s) => s.session);
  const sessionLoaded = useSessionStore((s) => s.loaded);
  const view = useSessionStore((s) => s.view);
  const setView = useSessionStore((s) => s.setView);
  const loadSession = useSessionStore((s) => s.load);
  const lock = useSessionStore((s) => s.lock);
  const signOut = useSessionStore((s) => s.signOut);
  const shift = useShiftStore((s) => s.current);
  const shiftLoaded = useShiftStore((s) => s.loaded);
  const closedReport = useShiftStore((s) => s.closed);
  const loadShift = useShiftStore((s) => s.load);
  const resetShift = useShiftStore((s) => s.reset);
  const clearRefund = useRefundStore((s) => s.clear);
  const loadCatalogue = useSellStore((s) => s.loadCatalogue);
  const resetSell = useSellStore((s) => s.reset);
  const resetManage = useManageStore((s) => s.reset);
  const resetReports = useReportStore((s) => s.reset);
  const resetSync = useSyncStore((s) => s.reset);
  const resetDoor = useDoorStore((s) => s.reset);
  const resetJournal = useJournalStore((s) => s.reset);
  const resetReservations = useReservationStore((s) => s.reset);

  useEffect(() => {
    void loadTerminal();
    void loadSession();
    return followTerminalEvents();
  }, [loadTerminal, loadSession]);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const active = session !== null && !session.locked;
  const who = session?.staffId ?? null;
  useEffect(() => {
    if (active) {
      void loadShift();
      void loadCatalogue();
    }
  }, [active, who, language, loadShift, loadCatalogue]);

  // Nothing of one person's work stays on screen for the next one.
  useEffect(() => {
    if (who === null) {
      resetSell();
      resetShift();
      clearRefund();
      resetManage();
      resetReports();
      resetSync();
      resetDoor();
      resetJournal();
      resetReservations();
    }
  }, [
    who,
    resetSell,
    resetShift,
    clearRefund,
    resetManage,
    resetReports,
    resetSync,
    resetDoor,
    resetJournal,
    resetReservations,
  ]);

  const manager = active && canManage(session);
  // Main refuses the door's channels without tickets.check; the button is only a convenience.
  const doorStaff = active && can(session, 'tickets.check');
  // F9 opens the manager menu from any screen, the sell screen included; F8 the sales journal.
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const to = e.key === 'F9' && manager ? 'manage' : e.key === 'F8' ? 'journal' : null;
      if (to) {
        e.preventDefault();
        setView(to);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, manager, setView]);

  const nav = (active ? NAV : NAV.filter((n) => n.view === 'sell' || n.view === 'status')).filter(
    (n) => (n.view !== 'manage' || manager) && (n.view !== 'door' || doorStaff),
  );

  let screen;
  if (view === 'status') screen = <StatusScreen />;
  else if (terminalError)
    screen = (
      <section className="panel">
        <p role="alert" className="error">
          {terminalError}
        </p>
      </section>
    );
  else if (!sessionLoaded) screen = <p className="panel">{t('status.loading')}</p>;
  else if (!session) screen = <SignInScreen />;
  else if (session.locked) screen = <LockScreen />;
  // Managing codes and reports needs no open shift: it is not selling.
  else if (view === 'manage' && manager) screen = <ManageScreen />;
  // Checking tickets is not selling either: the door needs no shift.
  else if (view === 'door' && doorStaff) screen = <DoorScreen />;
  // Looking an order up needs no shift either; refunding it does (the refund screen asks for one).
  else if (view === 'journal') screen = <JournalScreen />;
  else if (!shiftLoaded) screen = <p className="panel">{t('status.loading')}</p>;
  else if (closedReport) screen = <ZReportScreen />;
  else if (!shift) screen = <OpenShiftScreen />;
  else if (view === 'refunds') screen = <RefundScreen />;
  else if (view === 'willcall') screen = <WillCallScreen />;
  else if (view === 'shift') screen = <ShiftScreen />;
  else screen = <SellScreen />;

  return (
    <div className="app">
      <header className="app__header">
        <span className="app__title">{t('app.title')}</span>
        {session?.locked ? null : (
          <nav aria-label={t('nav.label')} className="app__nav">
            {nav.map((n) => (
              <button
                key={n.view}
                type="button"
                aria-current={view === n.view ? 'page' : undefined}
                onClick={() => setView(n.view)}
              >
                {n.view === 'sell' && !session ? t('nav.signin') : t(n.label)}
              </button>
            ))}
          </nav>
        )}
        <div className="app__tools">
          {session ? (
            <>
              <span className="app__who" data-testid="signed-in-as">
                {session.name} · {session.role.name}
              </span>
              {active ? (
                <button type="button" onClick={() => void lock()}>
                  {t('header.lock')}
                </button>
              ) : null}
              <button type="button" onClick={() => void signOut()}>
                {t('header.signOut')}
              </button>
            </>
          ) : null}
          <LanguageSwitch
            value={language}
            label={t('language.label')}
            onChange={(l) => void setLanguage(l)}
          />
        </div>
      </header>
      {/* docs/CASH.md "Training mode": on every screen while this session's sales are practice. */}
      {session?.training && !session.locked ? (
        <div className="training-banner" role="status" data-testid="training-banner">
          {t('training.banner')}
        </div>
      ) : null}
      <main className="app__main">{screen}</main>
      <TerminalStatusBar />
    </div>
  );
}

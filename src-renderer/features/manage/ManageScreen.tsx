import { useEffect } from 'react';
import type { Permission } from '../../../shared/auth/permissions';
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/messages';
import { useManageStore, type ManageTab } from '../../stores/manage-store';
import { can, useSessionStore } from '../../stores/session-store';
import { CodesScreen } from './CodesScreen';
import { MailSettings } from './MailSettings';
import { OverusesScreen } from './OverusesScreen';
import { PrinterSettings } from './PrinterSettings';
import { ReportsScreen } from './ReportsScreen';
import { ServerSession } from './ServerSession';
import { TerminalSync } from './TerminalSync';
import { TrainingSwitch } from './TrainingSwitch';

const TABS: { tab: ManageTab; label: MessageKey; permission: Permission | null }[] = [
  { tab: 'codes', label: 'manage.tab.codes', permission: 'codes.manage' },
  { tab: 'reports', label: 'manage.tab.reports', permission: 'reports.view' },
  { tab: 'overuses', label: 'manage.tab.overuses', permission: 'reports.view' },
  { tab: 'terminal', label: 'manage.tab.terminal', permission: 'terminals.enrol' },
  { tab: 'printer', label: 'manage.tab.printer', permission: null },
  // The SMTP settings hold where customers' receipts go and the server's password (docs/MAIL.md).
  { tab: 'mail', label: 'manage.tab.mail', permission: 'catalogue.manage' },
  // docs/CASH.md "Training mode": main refuses the switch without staff.manage.
  { tab: 'training', label: 'manage.tab.training', permission: 'staff.manage' },
];

/** Tabs about this terminal itself, which need no central-server sign-in. */
const LOCAL_TABS: readonly ManageTab[] = ['printer', 'terminal', 'mail', 'training'];

/** The manager menu: codes, reports and overuses on the central server; this terminal's sync and printer. */
export function ManageScreen() {
  const t = useT();
  const session = useSessionStore((s) => s.session);
  const stored = useManageStore((s) => s.tab);
  const setTab = useManageStore((s) => s.setTab);
  const server = useManageStore((s) => s.server);
  const loadSession = useManageStore((s) => s.loadSession);
  const tabs = TABS.filter((x) => x.permission === null || can(session, x.permission));
  const tab = tabs.some((x) => x.tab === stored) ? stored : (tabs[0]?.tab ?? 'printer');

  useEffect(() => {
    void loadSession();
  }, [loadSession]);

  const editing = useManageStore((s) => s.editing !== null);
  const needsServer = !LOCAL_TABS.includes(tab);
  let body;
  // A server session that ends mid-edit shows the sign-in form above the editor, which keeps its input.
  if (needsServer && !server?.signedIn && !(tab === 'codes' && editing)) body = null;
  else if (tab === 'codes') body = <CodesScreen />;
  else if (tab === 'reports') body = <ReportsScreen />;
  else if (tab === 'overuses') body = <OverusesScreen />;
  else if (tab === 'terminal') body = <TerminalSync />;
  else if (tab === 'mail') body = <MailSettings />;
  else if (tab === 'training') body = <TrainingSwitch />;
  else body = <PrinterSettings />;

  return (
    <section className="panel panel--wide manage" aria-labelledby="manage-heading" data-screen="manage">
      <h1 id="manage-heading">{t('manage.heading')}</h1>
      <nav aria-label={t('manage.tabs')} className="manage__tabs">
        {tabs.map((x) => (
          <button
            key={x.tab}
            type="button"
            aria-current={tab === x.tab ? 'page' : undefined}
            onClick={() => setTab(x.tab)}
          >
            {t(x.label)}
          </button>
        ))}
      </nav>
      {needsServer ? <ServerSession /> : null}
      {body}
    </section>
  );
}

import { useEffect } from 'react';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ServerSession } from '../features/manage/ServerSession';
import { useT } from '../i18n/use-t';
import { useAdminStore } from '../stores/admin-store';
import { useManageStore } from '../stores/manage-store';
import { GROUPS, SECTIONS } from './sections';
import { SetupScreen } from './SetupScreen';

/** The back office: the manager's sign-in, then a menu of every screen their role may use. */
export function AdminApp() {
  const t = useT();
  const server = useManageStore((s) => s.server);
  const loadSession = useManageStore((s) => s.loadSession);
  const signOut = useManageStore((s) => s.signOut);
  const language = useAdminStore((s) => s.language);
  const setLanguage = useAdminStore((s) => s.setLanguage);
  const current = useAdminStore((s) => s.section);
  const go = useAdminStore((s) => s.go);
  const follow = useAdminStore((s) => s.follow);
  const setupNeeded = useAdminStore((s) => s.setupNeeded);
  const checkSetup = useAdminStore((s) => s.checkSetup);

  useEffect(() => {
    void loadSession();
    void checkSetup();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [loadSession, checkSetup, follow]);

  const permissions = server?.permissions ?? [];
  const sections = SECTIONS.filter((s) => permissions.includes(s.permission));
  const section = sections.find((s) => s.id === current) ?? sections[0];

  let body;
  if (server === null || (setupNeeded === null && !server.signedIn))
    body = <p className="panel">{t('status.loading')}</p>;
  else if (setupNeeded && !server.signedIn)
    body = (
      <section className="panel admin__signin">
        <h1>{t('admin.title')}</h1>
        <SetupScreen />
      </section>
    );
  else if (!server.signedIn)
    body = (
      <section className="panel admin__signin">
        <h1>{t('admin.title')}</h1>
        <ServerSession />
      </section>
    );
  else if (!section)
    body = (
      <p className="panel" role="alert">
        {t('admin.nothingAllowed')}
      </p>
    );
  else
    body = (
      <>
        <h1 className="admin__heading">{t(section.label)}</h1>
        <section.Screen key={section.id} />
      </>
    );

  return (
    <div className="app admin">
      {/* React puts this in the document's head: the tab names the open screen. */}
      <title>{section ? `${t(section.label)} · ${t('admin.title')}` : t('admin.title')}</title>
      <header className="app__header">
        <span className="app__title">{t('admin.title')}</span>
        <div className="app__tools">
          {server?.signedIn ? (
            <>
              <span className="app__who" data-testid="signed-in-as">
                {server.name ?? server.email}
              </span>
              <button type="button" onClick={() => void signOut()}>
                {t('header.signOut')}
              </button>
            </>
          ) : null}
          <LanguageSwitch value={language} label={t('language.label')} onChange={setLanguage} />
        </div>
      </header>
      <div className="admin__body">
        {server?.signedIn && sections.length > 0 ? (
          <nav aria-label={t('admin.menu')} className="admin__nav">
            {GROUPS.map(({ group, label }) => {
              const items = sections.filter((s) => s.group === group);
              if (items.length === 0) return null;
              return (
                <div key={group} className="admin__group">
                  <h2>{t(label)}</h2>
                  <ul>
                    {items.map((s) => (
                      <li key={s.id}>
                        <a
                          href={`#/${s.id}`}
                          aria-current={s.id === section?.id ? 'page' : undefined}
                          onClick={() => go(s.id)}
                        >
                          {t(s.label)}
                        </a>
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </nav>
        ) : null}
        <main className="app__main admin__main">{body}</main>
      </div>
    </div>
  );
}

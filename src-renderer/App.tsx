import { useEffect } from 'react';
import { LanguageSwitch } from './components/LanguageSwitch';
import { ServerBadge } from './components/ServerBadge';
import { StatusScreen } from './features/status/StatusScreen';
import { useT } from './i18n/use-t';
import { followTerminalEvents, useTerminalStore } from './stores/terminal-store';

export function App() {
  const t = useT();
  const language = useTerminalStore((s) => s.settings.language);
  const server = useTerminalStore((s) => s.status?.server);
  const load = useTerminalStore((s) => s.load);
  const setLanguage = useTerminalStore((s) => s.setLanguage);

  useEffect(() => {
    void load();
    return followTerminalEvents();
  }, [load]);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  return (
    <div className="app">
      <header className="app__header">
        <span className="app__title">{t('app.title')}</span>
        <LanguageSwitch value={language} label={t('language.label')} onChange={(l) => void setLanguage(l)} />
      </header>
      <main className="app__main">
        <StatusScreen />
      </main>
      <footer className="app__status-bar" aria-label={t('status.server')}>
        {server ? <ServerBadge state={server.state} label={t(`status.server.${server.state}`)} /> : null}
      </footer>
    </div>
  );
}

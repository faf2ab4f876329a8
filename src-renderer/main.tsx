import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { LanguageProvider } from './i18n/language';
import { useTerminalStore } from './stores/terminal-store';
import './styles.css';

/** The terminal speaks the language kept in its settings. */
function TerminalLanguage() {
  const language = useTerminalStore((s) => s.settings.language);
  return (
    <LanguageProvider language={language}>
      <App />
    </LanguageProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <TerminalLanguage />
  </StrictMode>,
);

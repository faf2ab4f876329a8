import { createContext, useContext, type ReactNode } from 'react';
import type { Language } from '../../shared/ipc/types';

// The language the screens speak. Each host provides it from where it keeps the choice: the terminal from
// its settings, the back office from the manager's browser. Shared screens only ever read it here.

const LanguageContext = createContext<Language>('en');

export function LanguageProvider({ language, children }: { language: Language; children: ReactNode }) {
  return <LanguageContext.Provider value={language}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): Language {
  return useContext(LanguageContext);
}

import { useCallback } from 'react';
import { useTerminalStore } from '../stores/terminal-store';
import { translate, type MessageKey } from './messages';

export function useT(): (key: MessageKey, values?: Record<string, string | number>) => string {
  const language = useTerminalStore((s) => s.settings.language);
  return useCallback((key, values) => translate(language, key, values), [language]);
}

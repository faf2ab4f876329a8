import { useCallback } from 'react';
import { useLanguage } from './language';
import { translate, type MessageKey } from './messages';

export function useT(): (key: MessageKey, values?: Record<string, string | number>) => string {
  const language = useLanguage();
  return useCallback((key, values) => translate(language, key, values), [language]);
}

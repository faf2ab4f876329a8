import type { TerminalSettings } from '../../shared/ipc/types';
import { isoNow, type Clock } from '../clock';
import type { Db } from '../db/connection';
import { readSettings, writeSettings } from '../db/repos/settings-repo';

const DEFAULTS: TerminalSettings = { language: 'en' };

export interface SettingsService {
  get(): TerminalSettings;
  update(changes: Partial<TerminalSettings>): TerminalSettings;
}

export function createSettingsService(db: Db, clock: Clock): SettingsService {
  const get = (): TerminalSettings => {
    const stored = readSettings(db);
    const language = stored.get('language');
    return { language: language === 'de' || language === 'en' ? language : DEFAULTS.language };
  };
  return {
    get,
    update(changes) {
      const values: Record<string, string> = {};
      if (changes.language) values.language = changes.language;
      writeSettings(db, values, isoNow(clock));
      return get();
    },
  };
}

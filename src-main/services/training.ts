import { isoNow, type Clock } from '../clock';
import type { Db } from '../db/connection';
import { readSettings, writeSettings } from '../db/repos/settings-repo';
import { getStaff } from '../db/repos/staff-repo';

// docs/CASH.md "Training mode". Training applies to a sale when the terminal is in training (a local
// setting a manager switches at this terminal) or when the person selling is (a staff field the back
// office sets and pull brings). Either is enough; neither can be switched off by the other.

const SETTING = 'training';

export interface Training {
  /** Whether this terminal is in training, whoever sells. */
  terminal: () => boolean;
  setTerminal: (on: boolean) => void;
  /** Whether a sale by this person here is a training sale. */
  applies: (staffId: string) => boolean;
}

export function createTraining(db: Db, clock: Clock): Training {
  const terminal = () => readSettings(db).get(SETTING) === '1';
  return {
    terminal,
    setTerminal: (on) => writeSettings(db, { [SETTING]: on ? '1' : '0' }, isoNow(clock)),
    applies: (staffId) => terminal() || getStaff(db, staffId)?.training === true,
  };
}

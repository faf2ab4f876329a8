import { isoNow, type Clock } from '../clock';
import type { Db } from '../db/connection';
import { getServerTraining } from '../db/repos/meta-repo';
import { readSettings, writeSettings } from '../db/repos/settings-repo';
import { getStaff } from '../db/repos/staff-repo';

// docs/CASH.md "Training mode". Training applies to a sale when the terminal is in training or when the
// person selling is (a staff field the back office sets and pull brings). The terminal is in training
// when a manager switched it on here (a local setting) or the back office did (PUT
// /v1/terminals/:id/training, brought by every pull). Any one is enough; none switches off another.

const SETTING = 'training';

export interface Training {
  /** Whether the local switch (a manager at this terminal) has it in training. */
  terminal: () => boolean;
  setTerminal: (on: boolean) => void;
  /** Whether the back office has this terminal in training, as the last pull said. */
  server: () => boolean;
  /** Whether a sale by this person here is a training sale. */
  applies: (staffId: string) => boolean;
}

export function createTraining(db: Db, clock: Clock): Training {
  const terminal = () => readSettings(db).get(SETTING) === '1';
  const server = () => getServerTraining(db);
  return {
    terminal,
    setTerminal: (on) => writeSettings(db, { [SETTING]: on ? '1' : '0' }, isoNow(clock)),
    server,
    applies: (staffId) => terminal() || server() || getStaff(db, staffId)?.training === true,
  };
}

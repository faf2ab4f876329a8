import { z } from 'zod';
import { ENROLMENT_INPUT_MAX } from '../sync/enrolment-link';
import { text } from '../text';
import { channels as c } from './channels';
import type { SyncStatus } from './domains/sync';

// The `sync` domain's requests and answers, spread into the one contract (contract.ts).

const empty = z.strictObject({});

export const syncRequestSchemas = {
  [c.sync.status]: empty,
  [c.sync.enrol]: z.strictObject({
    /** A bare code or the back office's enrolment link (shared/sync/enrolment-link.ts); main parses it. */
    enrolmentCode: text()
      .trim()
      .min(1, 'enter the enrolment code or link from the manager')
      .max(ENROLMENT_INPUT_MAX),
    name: text().trim().min(1, 'give the terminal a name, e.g. "Box office 1"').max(100),
  }),
  [c.sync.now]: empty,
};

export interface SyncResponseTypes {
  [c.sync.status]: SyncStatus;
  /** The status after enrolment and the first full pull. */
  [c.sync.enrol]: SyncStatus;
  /** The status after pushing everything and pulling. */
  [c.sync.now]: SyncStatus;
}

import type { BenchSuite } from './harness';
import { adminSuite } from './admin.bench';
import { adminUiSuite } from './admin-ui.bench';
import { commitSuite } from './commit.bench';
import { coreSuite } from './core.bench';
import { customersSuite } from './customers.bench';
import { engineSuite } from './engine.bench';
import { journalSuite } from './journal.bench';
import { loadSuite } from './load.bench';
import { seatsSuite } from './seats.bench';
import { serverSuite } from './server.bench';
import { storeSuite } from './store.bench';
import { syncSuite } from './sync.bench';
import { terminalSuite } from './terminal.bench';
import { ticketsSuite } from './tickets.bench';
import { uiSuite } from './ui.bench';
import { uiSeatsSuite } from './ui-seats.bench';

// Each capability adds its suite here.
export const suites: BenchSuite[] = [
  terminalSuite,
  coreSuite,
  commitSuite,
  engineSuite,
  serverSuite,
  syncSuite,
  uiSuite,
  uiSeatsSuite,
  adminSuite,
  adminUiSuite,
  customersSuite,
  ticketsSuite,
  storeSuite,
  loadSuite,
  journalSuite,
  seatsSuite,
];

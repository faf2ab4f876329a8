import type { BenchSuite } from './harness';
import { engineSuite } from './engine.bench';
import { terminalSuite } from './terminal.bench';

// Each capability adds its suite here.
export const suites: BenchSuite[] = [terminalSuite, engineSuite];

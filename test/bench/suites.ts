import type { BenchSuite } from './harness';
import { terminalSuite } from './terminal.bench';

// Each capability adds its suite here.
export const suites: BenchSuite[] = [terminalSuite];

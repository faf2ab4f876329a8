import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('start-electron', () => {
  it('names the binary when Electron is installed, or says in one line how to go on', () => {
    const run = spawnSync(process.execPath, ['scripts/start-electron.mjs', '--check'], { encoding: 'utf8' });
    if (run.status === 0) {
      expect(existsSync(run.stdout.trim())).toBe(true);
    } else {
      expect(run.status).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('npm run start:browser');
      expect(lines[0]).toContain('node node_modules/electron/install.js');
    }
  });
});

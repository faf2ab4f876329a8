import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  linux: { target: string[] };
  win: { target: string[] };
}

describe('electron-builder.yml', () => {
  const config = parse(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string };

  it('targets AppImage and deb on Linux and NSIS on Windows', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toContain('nsis');
  });

  it('ships what the main process loads at run time', () => {
    expect(pkg.main).toBe('dist/electron/main.cjs');
    for (const needed of ['dist/electron/**', 'dist/renderer/**', 'migrations/terminal/**', 'package.json']) {
      expect(config.files).toContain(needed);
    }
  });

  it('rebuilds better-sqlite3 for Electron and keeps it out of the asar', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
  });
});

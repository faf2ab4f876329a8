import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder per test; `cleanup` removes it. */
export function makeTempDir(prefix = 'pos-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * A stand-in for the built screens inside `parent`, for browser-host tests whose subject is the HTTP
 * handling, not the renderer. Returns the folder to pass as rendererDir.
 */
export function stubRendererDir(parent: string): string {
  const rendererDir = join(parent, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<div id="root"></div>');
  return rendererDir;
}

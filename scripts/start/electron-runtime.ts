import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  electronBindingKey,
  electronBindingPath,
  NATIVE_DIR,
  SQLITE_ADDON,
} from '../../src-main/db/native-binding';

// What `npm start` needs to open the desktop window: Electron's binary, and better-sqlite3 built for
// Electron's ABI. npm does not fetch the binary at install (package.json "allowScripts" denies
// electron's download script, so `npm install` works offline); the first start fetches it, and builds
// the addon into native/ beside the Node build the tests and the browser host use.

export type Outcome = { ok: true; path: string } | { ok: false; why: string };

const require = createRequire(import.meta.url);

export function electronPackageDir(root: string): string {
  return join(root, 'node_modules', 'electron');
}

export function electronVersion(root: string): string {
  const pkg = JSON.parse(readFileSync(join(electronPackageDir(root), 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Electron's NODE_MODULE_VERSION, which the electron package records beside its version. */
export function electronAbi(root: string): string {
  return readFileSync(join(electronPackageDir(root), 'abi_version'), 'utf8').trim();
}

function installedBinary(root: string): string | null {
  try {
    const path = require(electronPackageDir(root)) as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** The last line that names an error, so a download failure fits in one line. */
export function lastErrorLine(output: string): string {
  const lines = output.split('\n').map((line) => line.trim());
  const named = lines.filter((line) => /error/i.test(line) && !line.startsWith('at '));
  return named[0] ?? lines.filter(Boolean).pop() ?? 'no reason given';
}

/**
 * The Electron binary, fetched now if npm install did not. Electron's own install script does the
 * fetching, so its mirror and cache settings (ELECTRON_MIRROR, electron_config_cache) apply as usual.
 */
export async function ensureElectronBinary(root: string, say: (line: string) => void): Promise<Outcome> {
  if (!existsSync(electronPackageDir(root)))
    return { ok: false, why: 'the electron package is not installed' };
  const present = installedBinary(root);
  if (present) return { ok: true, path: present };
  say(`Fetching Electron ${electronVersion(root)} (once; later starts use it)…`);
  const output = await new Promise<{ code: number | null; text: string }>((done) => {
    const child = spawn(process.execPath, [join(electronPackageDir(root), 'install.js')], {
      cwd: electronPackageDir(root),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', (error) => done({ code: 1, text: error.message }));
    child.on('close', (code) => done({ code, text }));
  });
  const fetched = installedBinary(root);
  if (output.code === 0 && fetched) return { ok: true, path: fetched };
  return { ok: false, why: `its download failed: ${lastErrorLine(output.text)}` };
}

/**
 * better-sqlite3 for Electron's ABI in native/<key>/. It is built from a copy of the package in a
 * scratch folder, because building in place would replace the Node build that the tests, the browser
 * host and the server load. @electron/rebuild (which electron-builder brings) fetches a prebuilt
 * addon for this Electron where one is published, and compiles against Electron's headers otherwise.
 */
export async function ensureElectronSqlite(root: string, say: (line: string) => void): Promise<Outcome> {
  const abi = electronAbi(root);
  const target = electronBindingPath(root, abi, process.platform, process.arch);
  if (existsSync(target)) return { ok: true, path: target };
  const version = electronVersion(root);
  say(`Building the SQLite driver for Electron ${version} (once; about a minute)…`);
  const scratch = join(root, NATIVE_DIR, '.build', electronBindingKey(abi, process.platform, process.arch));
  const source = join(root, 'node_modules', 'better-sqlite3');
  const copy = join(scratch, 'node_modules', 'better-sqlite3');
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(dirname(copy), { recursive: true });
  cpSync(source, copy, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
  const sqliteVersion = (
    JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as { version: string }
  ).version;
  writeFileSync(
    join(scratch, 'package.json'),
    JSON.stringify({
      name: 'electron-sqlite-build',
      private: true,
      dependencies: { 'better-sqlite3': sqliteVersion },
    }),
  );
  // A user-wide `nodedir` (npm passes it on as npm_config_nodedir) would make node-gyp compile against
  // Node's headers instead of Electron's.
  delete process.env.npm_config_nodedir;
  try {
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({
      buildPath: scratch,
      electronVersion: version,
      onlyModules: ['better-sqlite3'],
      force: true,
    });
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(copy, 'build', 'Release', SQLITE_ADDON), target);
    return { ok: true, path: target };
  } catch (error) {
    return { ok: false, why: lastErrorLine(error instanceof Error ? error.message : String(error)) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 is a native addon, and a native addon runs only on the ABI it was compiled for.
 * Node (tests, the browser host, the server) and Electron have different ABIs, so the two builds live
 * apart: Node's stays where npm built it (node_modules/better-sqlite3/build), Electron's is built by
 * `npm start` (or shipped by `npm run dist`) into native/<key>/ under the app root, and the store
 * picks it by the runtime it finds itself in.
 */
export const NATIVE_DIR = 'native';
export const SQLITE_ADDON = 'better_sqlite3.node';

export interface Runtime {
  /** process.versions.electron: set only inside Electron. */
  electron?: string | undefined;
  /** process.versions.modules: the ABI (NODE_MODULE_VERSION) native addons must match. */
  modules: string;
  platform: string;
  arch: string;
}

export function currentRuntime(): Runtime {
  return {
    electron: process.versions.electron,
    modules: process.versions.modules,
    platform: process.platform,
    arch: process.arch,
  };
}

/** The folder name of one Electron build of the addon, e.g. `electron-v140-linux-x64`. */
export function electronBindingKey(abi: string, platform: string, arch: string): string {
  return `electron-v${abi}-${platform}-${arch}`;
}

/** Where the Electron build of the SQLite addon lives relative to the app root. */
export function electronBindingPath(appRoot: string, abi: string, platform: string, arch: string): string {
  return join(appRoot, NATIVE_DIR, electronBindingKey(abi, platform, arch), SQLITE_ADDON);
}

export class NativeBindingError extends Error {
  override name = 'NativeBindingError';
}

/**
 * The addon file for this runtime: undefined under Node (better-sqlite3 finds its own build), the
 * Electron build's path under Electron. In a packaged app the file sits in app.asar.unpacked, because
 * the dynamic loader cannot open a file inside an archive.
 */
export function resolveNativeBinding(
  appRoot: string,
  runtime: Runtime = currentRuntime(),
): string | undefined {
  if (!runtime.electron) return undefined;
  const path = electronBindingPath(appRoot, runtime.modules, runtime.platform, runtime.arch);
  const unpacked = path.replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked');
  if (existsSync(unpacked)) return unpacked;
  if (existsSync(path)) return path;
  throw new NativeBindingError(
    `The SQLite driver for Electron ${runtime.electron} (ABI ${runtime.modules}, ${runtime.platform}-${runtime.arch}) is not at ${path}. Start the app with npm start, which builds it, or reinstall the packaged app.`,
  );
}

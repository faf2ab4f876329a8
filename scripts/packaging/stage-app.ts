import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import {
  electronBindingKey,
  electronBindingPath,
  NATIVE_DIR,
  SQLITE_ADDON,
} from '../../src-main/db/native-binding';

// The packaged app is assembled in a folder of its own (electron-builder.yml: directories.app), holding
// exactly what the desktop app loads at run time: the bundled main process and preload, the built
// screens, the terminal's migrations and Electron's build of the SQLite addon. Nothing is taken from
// node_modules (the bundle carries the JavaScript it needs), so no dev dependency, server code or test
// can slip into a package, and the Node build of the addon cannot be the one that ships.

export const STAGED_APP_DIR = join('dist', 'app');

export class StageError extends Error {
  override name = 'StageError';
}

export interface StageOptions {
  root: string;
  out: string;
  /** Electron's ABI, platform and architecture the package is for. */
  abi: string;
  platform: string;
  arch: string;
  /** Where native/<key>/ is found; the project root unless a test says otherwise. */
  bindingRoot?: string;
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path, base) : [relative(base, path).split('\\').join('/')];
  });
}

function need(path: string, hint: string): string {
  if (!existsSync(path)) throw new StageError(`${path} is missing: ${hint}`);
  return path;
}

/** Builds the app folder and returns its files, relative and sorted. */
export function stageApp(options: StageOptions): string[] {
  const { root, out } = options;
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  const binding = need(
    electronBindingPath(options.bindingRoot ?? root, options.abi, options.platform, options.arch),
    'build it with npm start, or let npm run dist build it.',
  );
  const built = 'run npm run build first.';
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const { name, productName, version, description, author, main } = pkg;
  writeFileSync(
    join(out, 'package.json'),
    `${JSON.stringify({ name, productName, version, description, author, main, private: true }, null, 2)}\n`,
  );
  for (const file of ['main.cjs', 'preload.cjs']) {
    const from = need(join(root, 'dist', 'electron', file), built);
    mkdirSync(join(out, 'dist', 'electron'), { recursive: true });
    copyFileSync(from, join(out, 'dist', 'electron', file));
  }
  const noMaps = (path: string) => !path.endsWith('.map');
  cpSync(
    need(join(root, 'dist', 'renderer', 'index.html'), built),
    join(out, 'dist', 'renderer', 'index.html'),
  );
  cpSync(join(root, 'dist', 'renderer'), join(out, 'dist', 'renderer'), { recursive: true, filter: noMaps });
  cpSync(join(root, 'migrations', 'terminal'), join(out, 'migrations', 'terminal'), { recursive: true });
  const key = electronBindingKey(options.abi, options.platform, options.arch);
  const target = join(out, NATIVE_DIR, key, SQLITE_ADDON);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(binding, target);
  return listFiles(out).sort();
}

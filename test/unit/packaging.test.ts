import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { electronBindingPath } from '../../src-main/db/native-binding';
import { STAGED_APP_DIR, stageApp, StageError } from '../../scripts/packaging/stage-app';
import { electronAbi } from '../../scripts/start/electron-runtime';
import { makeTempDir } from '../helpers/temp-dir';

interface BuilderConfig {
  directories: { app: string; output: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  linux: { target: string[] };
  win: { target: string[] };
}

const root = process.cwd();
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const nodeAddon = join(
  dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
  'build',
  'Release',
  'better_sqlite3.node',
);
const abi = electronAbi(root);

/** Packages the lockfile installs for production: the dependencies and everything they need. */
function productionPackages(): Set<string> {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  return new Set(
    Object.entries(lock.packages)
      .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)),
  );
}

describe('electron-builder.yml', () => {
  it('targets AppImage and deb on Linux and NSIS on Windows', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toContain('nsis');
  });

  it('packages the staged app folder as it is, with the native addon outside the asar', () => {
    expect(config.directories.app).toBe(STAGED_APP_DIR);
    expect(config.files).toEqual(['**/*']);
    // Nothing to rebuild: the staged addon is already Electron's build, and there is no node_modules.
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['native/**']);
  });
});

describe('the staged desktop app (npm run dist)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let files: string[];
  let out: string;
  // Electron's build of the addon, as npm start or npm run dist leaves it under native/ (here in a
  // folder of the test's, with bytes of its own so the copy that ships can be told apart).
  const electronBuild = Buffer.from('electron ABI build of better_sqlite3');

  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-main.mjs'], { stdio: 'ignore' });
    temp = makeTempDir('pos-stage-');
    const binding = electronBindingPath(temp.path, abi, 'linux', 'x64');
    mkdirSync(dirname(binding), { recursive: true });
    writeFileSync(binding, electronBuild);
    out = join(temp.path, 'app');
    files = stageApp({ root, out, abi, platform: 'linux', arch: 'x64', bindingRoot: temp.path });
  });
  afterAll(() => temp.cleanup());

  it('holds the main process, the preload, the screens and every terminal migration', () => {
    expect(files).toEqual(
      expect.arrayContaining([pkg.main, 'dist/electron/preload.cjs', 'dist/renderer/index.html']),
    );
    for (const migration of readdirSync('migrations/terminal')) {
      expect(files).toContain(`migrations/terminal/${migration}`);
    }
  });

  it("ships Electron's build of the SQLite addon, and not Node's", () => {
    const addons = files.filter((file) => file.endsWith('.node'));
    expect(addons).toEqual([`native/electron-v${abi}-linux-x64/better_sqlite3.node`]);
    const shipped = readFileSync(join(out, addons[0] ?? ''));
    expect(shipped.equals(electronBuild)).toBe(true);
    expect(shipped.equals(readFileSync(nodeAddon))).toBe(false);
  });

  it('carries nothing from the server, the tests, node_modules or the dev dependencies', () => {
    expect(
      files.filter((file) => /^(src-server|src-main|src-renderer|test|node_modules|scripts)\//.test(file)),
    ).toEqual([]);
    expect(files.filter((file) => file.endsWith('.map') || file.endsWith('.ts'))).toEqual([]);
    const staged = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(staged.main).toBe(pkg.main);
    expect(staged).not.toHaveProperty('dependencies');
    expect(staged).not.toHaveProperty('devDependencies');
    // The bundle names each module it took in a comment: only the app's own code and production packages.
    const bundle = readFileSync(join(out, pkg.main), 'utf8');
    const modules = [...bundle.matchAll(/^\/\/ (\S+)$/gm)].map((m) => m[1] ?? '');
    expect(modules.some((m) => m.startsWith('src-main/'))).toBe(true);
    expect(modules.filter((m) => /^(src-server|test|src-renderer)\//.test(m))).toEqual([]);
    const production = productionPackages();
    const bundled = new Set(
      modules
        .filter((m) => m.startsWith('node_modules/'))
        .map((m) =>
          m
            .split('/')
            .slice(1, m.split('/')[1]?.startsWith('@') ? 3 : 2)
            .join('/'),
        ),
    );
    expect(bundled.size).toBeGreaterThan(0);
    for (const name of bundled) expect(production, `${name} is not a production dependency`).toContain(name);
    for (const dev of Object.keys(pkg.devDependencies)) expect(bundled).not.toContain(dev);
  });

  it('refuses to stage without the Electron build of the addon, saying how to make it', () => {
    const empty = makeTempDir('pos-stage-empty-');
    const stage = () =>
      stageApp({
        root,
        out: join(empty.path, 'app'),
        abi,
        platform: 'linux',
        arch: 'x64',
        bindingRoot: empty.path,
      });
    try {
      expect(stage).toThrow(StageError);
      expect(stage).toThrow(/npm start/);
    } finally {
      empty.cleanup();
    }
  });
});

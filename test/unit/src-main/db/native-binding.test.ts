import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  electronBindingPath,
  NativeBindingError,
  resolveNativeBinding,
  type Runtime,
} from '../../../../src-main/db/native-binding';
import { makeTempDir } from '../../../helpers/temp-dir';

// The Node build npm made: the one the tests, the browser host and the server load.
const nodeAddon = join(
  dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
  'build',
  'Release',
  'better_sqlite3.node',
);

const node: Runtime = { modules: process.versions.modules, platform: process.platform, arch: process.arch };
const electron: Runtime = { ...node, electron: '39.8.10', modules: '140' };

describe('resolveNativeBinding', () => {
  let temp: ReturnType<typeof makeTempDir>;
  afterEach(() => temp.cleanup());

  it('leaves Node on the addon npm built', () => {
    temp = makeTempDir();
    expect(resolveNativeBinding(temp.path, node)).toBeUndefined();
  });

  it('chooses the Electron build under native/ when the Electron version is set', () => {
    temp = makeTempDir();
    const path = electronBindingPath(temp.path, '140', process.platform, process.arch);
    mkdirSync(dirname(path), { recursive: true });
    copyFileSync(nodeAddon, path);
    expect(resolveNativeBinding(temp.path, electron)).toBe(path);
    expect(path).toContain(join('native', `electron-v140-${process.platform}-${process.arch}`));
  });

  it('says how to get the Electron build when it is missing, instead of loading the Node one', () => {
    temp = makeTempDir();
    expect(() => resolveNativeBinding(temp.path, electron)).toThrow(NativeBindingError);
    expect(() => resolveNativeBinding(temp.path, electron)).toThrow(/npm start, which builds it/);
  });

  it('loads the addon from app.asar.unpacked in a packaged app', () => {
    temp = makeTempDir();
    const appRoot = join(temp.path, 'resources', 'app.asar');
    const unpacked = electronBindingPath(
      join(temp.path, 'resources', 'app.asar.unpacked'),
      '140',
      process.platform,
      process.arch,
    );
    mkdirSync(dirname(unpacked), { recursive: true });
    copyFileSync(nodeAddon, unpacked);
    expect(resolveNativeBinding(appRoot, electron)).toBe(unpacked);
  });

  it('hands better-sqlite3 a path it really loads the driver from', () => {
    temp = makeTempDir();
    // An "Electron" runtime with this Node's ABI, so the copied Node addon can stand at the Electron path.
    const runtime: Runtime = { ...node, electron: 'test' };
    const path = electronBindingPath(temp.path, runtime.modules, runtime.platform, runtime.arch);
    mkdirSync(dirname(path), { recursive: true });
    copyFileSync(nodeAddon, path);
    const nativeBinding = resolveNativeBinding(temp.path, runtime);
    expect(nativeBinding).toBe(path);
    const db = new Database(':memory:', { nativeBinding });
    expect(db.prepare('SELECT 6 * 7 AS answer').get()).toEqual({ answer: 42 });
    db.close();
    expect(() => new Database(':memory:', { nativeBinding: join(temp.path, 'nowhere.node') })).toThrow();
  });
});

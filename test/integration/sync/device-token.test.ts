import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { DATABASE_FILE } from '../../../src-main/db/connection';
import { enrolledTerminal, sell, startSyncWorld, type SyncWorld } from '../../helpers/sync-fixture';
import { startTestTerminal } from '../../helpers/terminal';
import { makeTempDir } from '../../helpers/temp-dir';

const mode = (path: string) => statSync(path).mode & 0o777;
const tokenFile = (dir: string) => join(dir, 'device-token.secret');
const storedToken = (dir: string) => {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT device_token FROM sync_state').get() as { device_token: string }).device_token;
  } finally {
    db.close();
  }
};

describe('the device token at rest (browser host and Node hosts)', () => {
  let world: SyncWorld;
  /** The terminal on `dir` again, as after a restart. */
  const reopen = (dir: string) =>
    startTestTerminal({
      dataDir: dir,
      serverUrl: world.server.url,
      clock: world.clock,
      sync: { autoStart: false },
    });
  beforeAll(async () => {
    world = await startSyncWorld();
  });
  afterAll(() => world.close());

  it('keeps the token from enrolment in a 0600 file, not in the store, and syncs with it', async () => {
    const temp = makeTempDir();
    const pos = await enrolledTerminal(world, temp.path);
    try {
      expect(mode(temp.path)).toBe(0o700);
      expect(mode(tokenFile(temp.path))).toBe(0o600);
      expect(mode(join(temp.path, DATABASE_FILE))).toBe(0o600);
      const token = readFileSync(tokenFile(temp.path), 'utf8');
      expect(token.length).toBeGreaterThan(30);
      expect(storedToken(temp.path)).toBe('');
      // The approval signing key made at enrolment is kept the same way, and only there.
      const keyFile = join(temp.path, 'device-signing-key.secret');
      expect(mode(keyFile)).toBe(0o600);
      expect(readFileSync(keyFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      expect(readFileSync(join(temp.path, DATABASE_FILE)).toString('latin1')).not.toContain('PRIVATE KEY');
      await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
      expect((await sell(pos, world.catalogue)).ok).toBe(true);
      expect(await pos.terminal.sync.pushOnce()).toMatchObject({ ok: true });
    } finally {
      await pos.close();
      temp.cleanup();
    }
  });

  it('moves a token an older version kept in the store into the file, and keeps syncing', async () => {
    const temp = makeTempDir();
    const pos = await enrolledTerminal(world, temp.path);
    await pos.close();
    const token = readFileSync(tokenFile(temp.path), 'utf8');
    // As an older version left it: the token in sync_state, no file.
    const db = new Database(join(temp.path, DATABASE_FILE));
    db.prepare('UPDATE sync_state SET device_token = ?').run(token);
    db.close();
    rmSync(tokenFile(temp.path));
    const again = await reopen(temp.path);
    try {
      expect(readFileSync(tokenFile(temp.path), 'utf8')).toBe(token);
      expect(storedToken(temp.path)).toBe('');
      // The approval signing key made at enrolment is kept the same way, and only there.
      const keyFile = join(temp.path, 'device-signing-key.secret');
      expect(mode(keyFile)).toBe(0o600);
      expect(readFileSync(keyFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      expect(readFileSync(join(temp.path, DATABASE_FILE)).toString('latin1')).not.toContain('PRIVATE KEY');
      expect(await again.terminal.sync.pullOnce()).toMatchObject({ ok: true });
    } finally {
      await again.terminal.close();
      temp.cleanup();
    }
  });

  it('asks for enrolment again when the data folder was copied without its token', async () => {
    const temp = makeTempDir();
    const pos = await enrolledTerminal(world, temp.path);
    await pos.close();
    rmSync(tokenFile(temp.path));
    const again = await reopen(temp.path);
    try {
      expect(await again.terminal.sync.pullOnce()).toMatchObject({ ok: false, reason: 'DEVICE_REVOKED' });
      expect(existsSync(tokenFile(temp.path))).toBe(false);
    } finally {
      await again.terminal.close();
      temp.cleanup();
    }
  });

  it('tightens a data folder an older version created readable by others', async () => {
    const temp = makeTempDir();
    const dir = join(temp.path, 'terminal');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const pos = await startTestTerminal({ dataDir: dir });
    try {
      expect(mode(dir)).toBe(0o700);
      expect(mode(join(dir, DATABASE_FILE))).toBe(0o600);
    } finally {
      await pos.terminal.close();
      temp.cleanup();
    }
  });
});

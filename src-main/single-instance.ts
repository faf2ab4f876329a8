import { createHash } from 'node:crypto';
import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The second launch on a data folder finds the first through a local socket and asks it to come
 * forward (the desktop window focuses; the browser host answers with its address). The data folder's
 * lock (db/instance-lock.ts) decides who is first; this only carries the message.
 */
export interface LaunchReply {
  /** The browser host's address, for the second launch to open. */
  url?: string;
  /** The desktop window came to the front. */
  focused?: boolean;
}

// Unix socket paths are limited to about 104 bytes; a deep data folder gets one in the temp folder.
const MAX_SOCKET_PATH = 100;

export function launchSocketPath(dataDir: string, platform = process.platform): string {
  const hash = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  if (platform === 'win32') return `\\\\.\\pipe\\box-office-${hash}`;
  const inside = join(dataDir, 'instance.sock');
  return Buffer.byteLength(inside) <= MAX_SOCKET_PATH ? inside : join(tmpdir(), `box-office-${hash}.sock`);
}

/** Asks the instance holding `dataDir` to come forward; null when none answers in time. */
export function knock(dataDir: string, timeoutMs = 2_000): Promise<LaunchReply | null> {
  return new Promise((done) => {
    const socket = createConnection(launchSocketPath(dataDir));
    let answer = '';
    const finish = (reply: LaunchReply | null) => {
      clearTimeout(timer);
      socket.destroy();
      done(reply);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write('launch\n'));
    socket.on('data', (chunk: string) => {
      answer += chunk;
      if (!answer.includes('\n')) return;
      try {
        finish(JSON.parse(answer.slice(0, answer.indexOf('\n'))) as LaunchReply);
      } catch {
        finish(null);
      }
    });
    socket.on('error', () => finish(null));
    socket.on('close', () => finish(null));
  });
}

export interface LaunchListener {
  close(): Promise<void>;
}

/** Answers later launches on `dataDir`. Call only while holding the data folder's lock. */
export async function listenForLaunches(
  dataDir: string,
  onLaunch: () => LaunchReply,
): Promise<LaunchListener> {
  const path = launchSocketPath(dataDir);
  // Holding the lock means any socket file left here belongs to a process that has ended.
  if (process.platform !== 'win32') rmSync(path, { force: true });
  const server = createServer((socket) => {
    socket.setEncoding('utf8');
    socket.on('error', () => socket.destroy());
    let asked = '';
    socket.on('data', (chunk: string) => {
      asked += chunk;
      if (asked.length > 64) {
        socket.destroy();
        return;
      }
      if (!asked.includes('\n')) return;
      let reply: LaunchReply;
      try {
        reply = onLaunch();
      } catch {
        reply = {};
      }
      socket.end(`${JSON.stringify(reply)}\n`);
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(path, () => done());
  });
  // The reply can carry the browser host's token: only this user may connect.
  if (process.platform !== 'win32') chmodSync(path, 0o600);
  return {
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
      }),
  };
}

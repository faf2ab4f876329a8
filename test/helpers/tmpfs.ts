import { execFileSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A small real file system that can be filled up: a tmpfs mounted for one test file (we run as root in
// CI). Where mounting is not allowed the tests that need it are skipped, and say why in their title.

export interface SmallDisk {
  path: string;
  /** Writes a filler file until the disk refuses more, then gives `leave` bytes back; returns its path. */
  fill(leave?: number): string;
  /** Removes the filler: the disk has room again. */
  free(): void;
  unmount(): void;
}

const run = (command: string, args: string[]) =>
  execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });

/** Why a tmpfs cannot be mounted here, or null when it can (checked by mounting one and unmounting it). */
export function whyNoTmpfs(): string | null {
  if (process.platform !== 'linux') return `tmpfs is Linux only (this is ${process.platform})`;
  const probe = mkdtempSync(join(tmpdir(), 'pos-tmpfs-probe-'));
  try {
    run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]);
    run('umount', [probe]);
    return null;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return `mounting a tmpfs is not permitted: ${stderr || (error as Error).message}`;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

export function mountSmallDisk(megabytes: number): SmallDisk {
  const path = mkdtempSync(join(tmpdir(), 'pos-small-disk-'));
  run('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0700`, 'tmpfs', path]);
  const filler = join(path, 'filler');
  return {
    path,
    fill(leave = 0) {
      const fd = openSync(filler, 'a');
      try {
        // Large blocks first, then small ones, so not even a page is left.
        for (const size of [1 << 20, 64 << 10, 4 << 10, 512]) {
          const block = Buffer.alloc(size, 0x5a);
          try {
            for (;;) writeSync(fd, block);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          }
        }
      } finally {
        closeSync(fd);
      }
      if (leave > 0) truncateSync(filler, Math.max(0, statSync(filler).size - leave));
      return filler;
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      run('umount', [path]);
      rmSync(path, { recursive: true, force: true });
    },
  };
}

/** Makes a folder on the small disk. */
export function folderOn(disk: SmallDisk, name: string): string {
  const dir = join(disk.path, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

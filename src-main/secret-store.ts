import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a host keeps the terminal's credentials (the device token), outside the SQLite store: a copy
 * of the store (a backup, a support bundle) then carries no credential, and each host can protect the
 * secret the best way it has. The Electron shell seals it with the operating system's keychain
 * (safeStorage); Node hosts keep it in a file only the owner can read.
 */
export interface SecretStore {
  /** What protects the secret at rest, for the status screen and the logs. */
  readonly protection: 'sealed' | 'owner-only file';
  read(name: string): string | null;
  write(name: string, value: string): void;
  remove(name: string): void;
}

/** Encrypts with a key the operating system holds for this user (Electron's safeStorage). */
export interface Sealer {
  seal(plain: string): Buffer;
  unseal(sealed: Buffer): string;
}

export const SECRET_FILE_MODE = 0o600;

// Written beside and renamed over, so a crash mid-write leaves the old secret or the new one, never half.
function writePrivate(path: string, data: string | Buffer): void {
  const temp = `${path}.tmp`;
  writeFileSync(temp, data, { mode: SECRET_FILE_MODE });
  // mode applies only when the file is created: tighten one left by an older version too.
  if (process.platform !== 'win32') chmodSync(temp, SECRET_FILE_MODE);
  renameSync(temp, path);
}

function readIfPresent(path: string): Buffer | null {
  return existsSync(path) ? readFileSync(path) : null;
}

/** `<name>.secret` files with mode 0600 in the (0700) data folder. */
export function createFileSecretStore(dir: string): SecretStore {
  const path = (name: string) => join(dir, `${name}.secret`);
  return {
    protection: 'owner-only file',
    read: (name) => readIfPresent(path(name))?.toString('utf8') ?? null,
    write: (name, value) => writePrivate(path(name), value),
    remove: (name) => rmSync(path(name), { force: true }),
  };
}

/** `<name>.sealed` files holding the sealer's ciphertext, also 0600. */
export function createSealedSecretStore(dir: string, sealer: Sealer): SecretStore {
  const path = (name: string) => join(dir, `${name}.sealed`);
  return {
    protection: 'sealed',
    read(name) {
      const sealed = readIfPresent(path(name));
      return sealed ? sealer.unseal(sealed) : null;
    },
    write: (name, value) => writePrivate(path(name), sealer.seal(value)),
    remove: (name) => rmSync(path(name), { force: true }),
  };
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileSecretStore, createSealedSecretStore, type Sealer } from '../../../src-main/secret-store';
import { chooseSecretStore, type SafeStorageLike } from '../../../src-main/shells/electron/secrets';
import { makeTempDir } from '../../helpers/temp-dir';

const TOKEN = 'dev_4f1c2b9a7e6d5c4b3a291807f6e5d4c3';
const mode = (path: string) => statSync(path).mode & 0o777;

/**
 * Electron's safeStorage cannot run without the Electron binary. This stands in for the keychain with
 * real AES-256-GCM under a key only it holds, so what the store writes is really ciphertext.
 */
function keychain(backend = 'gnome_libsecret'): SafeStorageLike & { key: Buffer } {
  const key = randomBytes(32);
  return {
    key,
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

describe('secret stores', () => {
  let temp: ReturnType<typeof makeTempDir>;
  afterEach(() => temp.cleanup());

  it('keeps a secret in a file only its owner can read (0600)', () => {
    temp = makeTempDir();
    const store = createFileSecretStore(temp.path);
    expect(store.read('device-token')).toBeNull();
    store.write('device-token', TOKEN);
    expect(store.read('device-token')).toBe(TOKEN);
    expect(mode(join(temp.path, 'device-token.secret'))).toBe(0o600);
    // A file an older version left readable is tightened when the secret is written again.
    writeFileSync(join(temp.path, 'device-token.secret'), 'old', { mode: 0o644 });
    store.write('device-token', TOKEN);
    expect(mode(join(temp.path, 'device-token.secret'))).toBe(0o600);
    expect(readdirSync(temp.path)).toEqual(['device-token.secret']);
    store.remove('device-token');
    expect(store.read('device-token')).toBeNull();
  });

  it('writes only ciphertext when sealed, and reads it back through the sealer', () => {
    temp = makeTempDir();
    const chain = keychain();
    const sealer: Sealer = { seal: (p) => chain.encryptString(p), unseal: (s) => chain.decryptString(s) };
    const store = createSealedSecretStore(temp.path, sealer);
    store.write('device-token', TOKEN);
    const onDisk = readFileSync(join(temp.path, 'device-token.sealed'));
    expect(onDisk.toString('latin1')).not.toContain(TOKEN);
    expect(mode(join(temp.path, 'device-token.sealed'))).toBe(0o600);
    expect(store.read('device-token')).toBe(TOKEN);
    // Another user's keychain (another key) cannot open it.
    const other = keychain();
    expect(() =>
      createSealedSecretStore(temp.path, {
        seal: (p) => other.encryptString(p),
        unseal: (b) => other.decryptString(b),
      }).read('device-token'),
    ).toThrow();
  });
});

describe('chooseSecretStore (the Electron shell)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  afterEach(() => temp.cleanup());

  it('seals the device token and signing key where the operating system can, moving file-kept ones in', () => {
    temp = makeTempDir();
    createFileSecretStore(temp.path).write('device-token', TOKEN);
    createFileSecretStore(temp.path).write('device-signing-key', 'PEM');
    const warnings: string[] = [];
    const store = chooseSecretStore(temp.path, keychain(), (line) => warnings.push(line));
    expect(store.protection).toBe('sealed');
    expect(store.read('device-token')).toBe(TOKEN);
    expect(store.read('device-signing-key')).toBe('PEM');
    expect(readdirSync(temp.path).sort()).toEqual(['device-signing-key.sealed', 'device-token.sealed']);
    expect(warnings).toEqual([]);
  });

  it("keeps the 0600 file where sealing would use Linux's public fallback key, and says so", () => {
    temp = makeTempDir();
    const warnings: string[] = [];
    const store = chooseSecretStore(temp.path, keychain('basic_text'), (line) => warnings.push(line));
    expect(store.protection).toBe('owner-only file');
    expect(warnings).toHaveLength(1);
    const none = { ...keychain(), isEncryptionAvailable: () => false };
    expect(chooseSecretStore(temp.path, none, () => undefined).protection).toBe('owner-only file');
  });
});

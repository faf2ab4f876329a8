import { createFileSecretStore, createSealedSecretStore, type SecretStore } from '../../secret-store';
import { DEVICE_TOKEN_SECRET } from '../../services/sync/context';
import { SIGNING_KEY_SECRET } from '../../services/sync/signing-key';

/** The part of Electron's `safeStorage` the terminal uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

/**
 * The device token and signing key sealed by the operating system (Keychain, DPAPI, the Secret Service) where it can
 * seal them. On Linux without a keyring Electron falls back to a fixed, public key ('basic_text'):
 * that is no better than a 0600 file, so the file it is, and the shell says so once. Secrets kept in
 * files by an earlier run move into the sealed store.
 */
export function chooseSecretStore(
  dir: string,
  safeStorage: SafeStorageLike,
  warn: (line: string) => void,
): SecretStore {
  const file = createFileSecretStore(dir);
  const weak = safeStorage.getSelectedStorageBackend?.() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || weak) {
    warn(
      'The operating system offers no keychain to seal the device token; it is kept in a file only this user can read.',
    );
    return file;
  }
  const sealed = createSealedSecretStore(dir, {
    seal: (plain) => safeStorage.encryptString(plain),
    unseal: (data) => safeStorage.decryptString(data),
  });
  for (const name of [DEVICE_TOKEN_SECRET, SIGNING_KEY_SECRET]) {
    const plain = file.read(name);
    if (plain !== null) {
      sealed.write(name, plain);
      file.remove(name);
    }
  }
  return sealed;
}

import { publicKeyOf } from '../../shared/node/tickets/secret';
import type { SecretStore } from '../../src-main/secret-store';
import { newSigningKey, SIGNING_KEY_SECRET } from '../../src-main/services/sync/signing-key';

/**
 * A secret store holding a device signing key, as enrolment leaves it, for a terminal that otherwise stays
 * standalone: its sales make signed tickets (docs/TICKETS.md). Returns the public half to verify them.
 */
export function secretStoreWithKey(): { secrets: SecretStore; publicKey: string } {
  const key = newSigningKey();
  const held = new Map([[SIGNING_KEY_SECRET, key.privateKey]]);
  return {
    publicKey: publicKeyOf(key.privateKey),
    secrets: {
      protection: 'owner-only file',
      read: (name) => held.get(name) ?? null,
      write: (name, value) => void held.set(name, value),
      remove: (name) => void held.delete(name),
    },
  };
}

import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { ApprovalSigner } from '../../../shared/sync/approval-proof';

// docs/SECURITY.md "Overuse proof": the terminal's half of shared/sync/approval-proof.ts. Each
// enrolment makes a new Ed25519 key pair; the private key is kept in the host's secret store beside the
// device token (sealed under Electron, a 0600 file otherwise), never in the SQLite store, and the public
// key goes to the server in the register request.

export const SIGNING_KEY_SECRET = 'device-signing-key';

export interface NewSigningKey {
  /** PKCS#8 PEM, for the secret store. */
  privateKey: string;
  /** The 32 raw public bytes in base64url, as the register request carries them. */
  publicKey: string;
}

export function newSigningKey(): NewSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  if (!jwk.x) throw new Error('Ed25519 key without its public bytes');
  return { privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), publicKey: jwk.x };
}

export function approvalSigner(privateKeyPem: string): ApprovalSigner {
  const key: KeyObject = createPrivateKey(privateKeyPem);
  return { sign: (message) => sign(null, Buffer.from(message, 'utf8'), key).toString('base64url') };
}

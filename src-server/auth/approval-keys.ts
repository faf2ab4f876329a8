import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { ApprovalVerifier } from '../../shared/sync/approval-proof';

// The server's half of shared/sync/approval-proof.ts: Ed25519 verification with a terminal's
// registered public key (32 raw bytes, base64url, as sent at enrolment).

const SIGNATURE = /^[A-Za-z0-9_-]{86}$/;

export function approvalVerifier(publicKey: string): ApprovalVerifier {
  let key: KeyObject | undefined;
  return {
    verify(message, signature) {
      if (!SIGNATURE.test(signature)) return false;
      key ??= createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
      return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'base64url'));
    },
  };
}

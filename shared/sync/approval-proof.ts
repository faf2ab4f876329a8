import { hasPermission, type Permission } from '../auth/permissions';
import { canonicalJson } from '../canonical-json';
import type { ApprovalRow } from './sale-record';
import { text } from '../text';

// docs/SECURITY.md "Overuse proof": a supervisor's approval made at a terminal (a PIN checked there,
// possibly offline) reaches the server only as a claim in a pushed sale. The terminal signs each
// approval with its device signing key (Ed25519, made at enrolment; the public half is registered with
// the server) and the server verifies it before it honours the approval. This file is the one rule both
// sides follow: what bytes are signed, and what permission each kind of approval needs. The Ed25519
// operations themselves are node:crypto, which shared/ may not import: callers pass them in.

/** What the terminal signs: the approval as recorded (plus, in the message, the terminal's id). */
export type SignedApprovalFields = Omit<ApprovalRow, 'signature'>;

/** The permission the approver's role must hold for each kind of approval. */
export const APPROVAL_PERMISSION: Record<SignedApprovalFields['kind'], Permission> = {
  overuse: 'overuse.grant',
  custom_discount: 'custom.approve',
  comp: 'sale.comp',
  offline: 'offline.approve',
};

/** An Ed25519 public key as its 32 raw bytes in base64url (a JWK's "x"). */
export const signingKeySchema = text().regex(
  /^[A-Za-z0-9_-]{43}$/,
  'an Ed25519 public key as 32 bytes in base64url (43 characters)',
);

/**
 * The exact text signed and verified. Every field is named (never the whole row), so a column added to
 * the approval later changes nothing here, and a field changed after signing breaks the signature.
 */
export function approvalMessage(approval: SignedApprovalFields, terminalId: string): string {
  return canonicalJson({
    v: 1,
    id: approval.id,
    saleId: approval.saleId,
    kind: approval.kind,
    approverId: approval.approverId,
    reason: approval.reason,
    limits: approval.limits,
    createdAt: approval.createdAt,
    terminalId,
  });
}

/** Ed25519 over UTF-8 text, base64url out and in (node:crypto on both sides). */
export interface ApprovalSigner {
  sign(message: string): string;
}
export interface ApprovalVerifier {
  verify(message: string, signature: string): boolean;
}

/** The approval with the terminal's signature; null without a key (before enrolment: never honoured). */
export function signApproval<A extends SignedApprovalFields>(
  approval: A,
  terminalId: string,
  signer: ApprovalSigner | undefined,
): A & { signature: string | null } {
  return { ...approval, signature: signer ? signer.sign(approvalMessage(approval, terminalId)) : null };
}

export type ApprovalProof = { ok: true } | { ok: false; why: string };

/**
 * Whether a pushed approval is proven: signed by one of the pushing terminal's registered keys, and
 * given by someone whose role may give it. `approver` is what the server knows of the approver now.
 */
export function checkApproval(
  approval: SignedApprovalFields & { signature?: string | null | undefined },
  terminalId: string,
  keys: readonly ApprovalVerifier[],
  approver: { active: boolean; permissions: readonly Permission[] } | undefined,
): ApprovalProof {
  if (keys.length === 0) {
    return {
      ok: false,
      why: 'this terminal registered no signing key (enrolled by an older version): re-enrol it to sign approvals',
    };
  }
  if (!approval.signature) {
    return { ok: false, why: 'the terminal sent it unsigned (an older version): update the terminal' };
  }
  const message = approvalMessage(approval, terminalId);
  const signature = approval.signature;
  if (!keys.some((key) => key.verify(message, signature))) {
    return {
      ok: false,
      why: 'its signature does not match the terminal’s key: it was changed after the terminal recorded it',
    };
  }
  if (!approver?.active) {
    return {
      ok: false,
      why: `approver ${approval.approverId} is no active staff member of the organisation`,
    };
  }
  const needs = APPROVAL_PERMISSION[approval.kind];
  if (!hasPermission(approver, needs)) {
    return { ok: false, why: `approver ${approval.approverId} has a role without ${needs}` };
  }
  return { ok: true };
}

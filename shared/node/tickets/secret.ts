import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { decodeBase45, encodeBase45 } from '../../tickets/base45';
import type { SealTicket, TicketClaims } from '../../tickets/issue';

export type { TicketClaims };

// docs/TICKETS.md "The secret": what a ticket's barcode holds. A fixed 45-byte payload (format version,
// ticket id, performance and ticket type tags, issue time, key id) and the issuing terminal's Ed25519
// signature over it, in base45 so the QR code stays in alphanumeric mode: 164 characters. Any door can
// check it with the organisation's public keys alone, no database row needed. The Ed25519 operations are
// node:crypto's; nothing here is home-made cryptography.

export const SECRET_VERSION = 1;
/** Every signed secret (a ticket's, a voucher's) is a 45-byte payload and a 64-byte signature. */
export const PAYLOAD_BYTES = 45;
const SIGNATURE_BYTES = 64;
export const SECRET_BYTES = PAYLOAD_BYTES + SIGNATURE_BYTES;
/** Characters of every v1 secret: base45 of 109 bytes. */
export const SECRET_LENGTH = 164;
const TAG_BYTES = 8;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The part of any read secret a keyring checks: who signed what, and when it says it was made. */
export interface SignedSecret {
  issuedAt: string;
  keyId: string;
  payload: Uint8Array;
  signature: Uint8Array;
}

/** What a ticket's secret says, before anyone trusts it. Tags and the key id are 16 lower-case hex digits. */
export interface ReadSecret extends SignedSecret {
  ticketId: string;
  performanceTag: string;
  ticketTypeTag: string;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();
export const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The 8-byte tag a secret carries for a performance or ticket type id: SHA-256 of its UTF-8, cut short. */
export function tagOf(id: string): string {
  return hex(sha256(id).subarray(0, TAG_BYTES));
}

/** A public key's id: SHA-256 of its 32 raw bytes, cut to 8. `publicKey` is base64url (a JWK's "x"). */
export function keyIdOf(publicKey: string): string {
  return hex(sha256(Buffer.from(publicKey, 'base64url')).subarray(0, TAG_BYTES));
}

export interface TicketSigningKey {
  keyId: string;
  sign(payload: Uint8Array): Uint8Array;
}

/** The terminal's device key (PKCS#8 PEM) with its public half (base64url), ready to sign tickets. */
export function ticketSigningKey(privateKeyPem: string, publicKey: string): TicketSigningKey {
  const key = createPrivateKey(privateKeyPem);
  return { keyId: keyIdOf(publicKey), sign: (payload) => sign(null, payload, key) };
}

/** The public half of a device key as a JWK's "x", from its private PEM: what the server registered. */
export function publicKeyOf(privateKeyPem: string): string {
  const jwk = createPublicKey(createPrivateKey(privateKeyPem)).export({ format: 'jwk' });
  if (!jwk.x) throw new Error('Ed25519 key without its public bytes');
  return jwk.x;
}

export function uuidBytes(id: string): Buffer {
  if (!UUID.test(id)) throw new Error(`id ${id} is no UUID`);
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

export function uuidText(bytes: Uint8Array): string {
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The ticket's secret: the claims, signed, as QR-alphanumeric text of SECRET_LENGTH characters. */
export function signTicket(claims: TicketClaims, key: TicketSigningKey): string {
  const seconds = secondsOf(claims.issuedAt, 'issue time');
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  payload[0] = SECRET_VERSION;
  uuidBytes(claims.ticketId).copy(payload, 1);
  Buffer.from(tagOf(claims.performanceId), 'hex').copy(payload, 17);
  Buffer.from(tagOf(claims.ticketTypeId), 'hex').copy(payload, 25);
  payload.writeUInt32BE(seconds, 33);
  Buffer.from(key.keyId, 'hex').copy(payload, 37);
  return sealPayload(payload, key);
}

/** An instant as the unsigned 32-bit seconds a secret holds. */
export function secondsOf(instant: string, what: string): number {
  const seconds = Math.floor(Date.parse(instant) / 1000);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 0xffffffff)
    throw new Error(`${what} ${instant} is outside 1970–2106`);
  return seconds;
}

/** A filled payload (key id at bytes 37–44), signed: the secret's text. */
export function sealPayload(payload: Buffer, key: TicketSigningKey): string {
  return encodeBase45(Buffer.concat([payload, key.sign(payload)]));
}

/**
 * A scan's bytes when it is a whole secret of `version` (byte 0); null for anything else. Trailing
 * Enter or Tab from a wedge scanner is dropped; a space is part of base45 and stays.
 */
export function secretBytes(text: string, version: number): Buffer | null {
  const trimmed = text.replace(/^[\r\n\t]+|[\r\n\t]+$/g, '');
  if (trimmed.length !== SECRET_LENGTH) return null;
  const bytes = decodeBase45(trimmed);
  if (bytes?.length !== SECRET_BYTES || bytes[0] !== version) return null;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** signTicket as shared/tickets/issue.ts takes it: the secret with the id of the key that signed it. */
export function ticketSealer(key: TicketSigningKey): SealTicket {
  return (claims) => ({ secret: signTicket(claims, key), keyId: key.keyId });
}

/**
 * Reads a scanned secret's fields; null when it is no v1 secret at all (another barcode, a typing slip,
 * a cut-off scan). Reading proves nothing: a keyring says whether to trust it.
 */
export function readTicketSecret(text: string): ReadSecret | null {
  const view = secretBytes(text, SECRET_VERSION);
  if (!view) return null;
  return {
    ticketId: uuidText(view.subarray(1, 17)),
    performanceTag: hex(view.subarray(17, 25)),
    ticketTypeTag: hex(view.subarray(25, 33)),
    issuedAt: new Date(view.readUInt32BE(33) * 1000).toISOString(),
    keyId: hex(view.subarray(37, 45)),
    payload: view.subarray(0, PAYLOAD_BYTES),
    signature: view.subarray(PAYLOAD_BYTES),
  };
}

/** A public key the organisation trusts to sign tickets, as the server publishes it. */
export interface TrustedKey {
  /** base64url of the 32 raw bytes. */
  publicKey: string;
  /** The terminal's revocation: tickets it signs after this instant are not trusted. */
  revokedAt: string | null;
}

export type KeyVerdict = { ok: true } | { ok: false; reason: 'UNKNOWN_KEY' | 'FORGED' | 'KEY_REVOKED' };

export interface TicketKeyring {
  check(secret: SignedSecret): KeyVerdict;
}

/** Keys by id, each parsed once, so a door checks a scan with one signature verification. */
export function ticketKeyring(keys: readonly TrustedKey[]): TicketKeyring {
  const byId = new Map<string, { key: KeyObject; revokedAt: number }>();
  for (const k of keys) {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: k.publicKey }, format: 'jwk' });
    byId.set(keyIdOf(k.publicKey), { key, revokedAt: k.revokedAt ? Date.parse(k.revokedAt) : Infinity });
  }
  return {
    check(secret) {
      const found = byId.get(secret.keyId);
      if (!found) return { ok: false, reason: 'UNKNOWN_KEY' };
      if (!verify(null, secret.payload, found.key, secret.signature)) return { ok: false, reason: 'FORGED' };
      if (Date.parse(secret.issuedAt) > found.revokedAt) return { ok: false, reason: 'KEY_REVOKED' };
      return { ok: true };
    },
  };
}

import {
  hex,
  PAYLOAD_BYTES,
  sealPayload,
  secondsOf,
  secretBytes,
  uuidBytes,
  uuidText,
  type SignedSecret,
  type TicketSigningKey,
} from '../tickets/secret';
import type { VoucherClaims } from '../../vouchers/rules';

// docs/CASH.md "A voucher's code": a gift voucher's barcode is signed exactly as a ticket's is (the same
// terminal key, the same 45 + 64 bytes, the same base45 text of 164 characters), with format version 2
// and its own fields, so a window checks a voucher it never saw with the keys it already holds for
// tickets. A ticket reader refuses a voucher at byte 0, and a voucher reader a ticket.

export const VOUCHER_SECRET_VERSION = 2;

/** What a voucher's code says, before anyone trusts it. */
export interface ReadVoucherSecret extends SignedSecret, VoucherClaims {}

/** The voucher's code: its claims, signed with the terminal's key. */
export function signVoucher(claims: VoucherClaims, key: TicketSigningKey): string {
  if (!/^[A-Z]{3}$/.test(claims.currency)) throw new Error(`currency ${claims.currency} is no ISO code`);
  if (!Number.isSafeInteger(claims.amount) || claims.amount < 1)
    throw new Error(`voucher amount ${claims.amount} is no positive whole number of minor units`);
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  payload[0] = VOUCHER_SECRET_VERSION;
  uuidBytes(claims.voucherId).copy(payload, 1);
  payload.writeBigUInt64BE(BigInt(claims.amount), 17);
  payload.write(claims.currency, 25, 'ascii');
  // Byte 28 stays 0: room for a flag without a new version.
  payload.writeUInt32BE(secondsOf(claims.expiresAt, 'expiry'), 29);
  payload.writeUInt32BE(secondsOf(claims.issuedAt, 'issue time'), 33);
  Buffer.from(key.keyId, 'hex').copy(payload, 37);
  return sealPayload(payload, key);
}

/**
 * Reads a scanned voucher code; null when it is no voucher code at all (a ticket, another barcode, a
 * typing slip). Reading proves nothing: the keyring of ticket keys says whether to trust it.
 */
export function readVoucherSecret(text: string): ReadVoucherSecret | null {
  const view = secretBytes(text, VOUCHER_SECRET_VERSION);
  if (!view) return null;
  const amount = view.readBigUInt64BE(17);
  const currency = view.subarray(25, 28).toString('ascii');
  if (amount < 1n || amount > BigInt(Number.MAX_SAFE_INTEGER) || !/^[A-Z]{3}$/.test(currency)) return null;
  return {
    voucherId: uuidText(view.subarray(1, 17)),
    amount: Number(amount),
    currency,
    expiresAt: new Date(view.readUInt32BE(29) * 1000).toISOString(),
    issuedAt: new Date(view.readUInt32BE(33) * 1000).toISOString(),
    keyId: hex(view.subarray(37, 45)),
    payload: view.subarray(0, PAYLOAD_BYTES),
    signature: view.subarray(PAYLOAD_BYTES),
  };
}

import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  SECRET_LENGTH,
  publicKeyOf,
  readTicketSecret,
  signTicket,
  ticketKeyring,
  ticketSigningKey,
} from '../../../../shared/node/tickets/secret';
import { readVoucherSecret, signVoucher } from '../../../../shared/node/vouchers/secret';
import { decodeBase45, encodeBase45 } from '../../../../shared/tickets/base45';

function deviceKey() {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const publicKey = publicKeyOf(pem);
  return { publicKey, signer: ticketSigningKey(pem, publicKey) };
}

const claims = {
  voucherId: '019a3c2e-6a51-7f7e-9d1a-3c5e7f9a1b2c',
  amount: 5_000,
  currency: 'CHF',
  issuedAt: '2026-12-05T19:30:12.345Z',
  expiresAt: '2029-12-04T19:30:12.000Z',
};

describe('voucher codes (docs/CASH.md "A voucher\'s code")', () => {
  it('reads back what was signed, to the second, and the ticket keyring trusts it', () => {
    const key = deviceKey();
    const code = signVoucher(claims, key.signer);
    expect(code).toHaveLength(SECRET_LENGTH);
    const read = readVoucherSecret(`${code}\r\n`);
    expect(read).toMatchObject({
      voucherId: claims.voucherId,
      amount: 5_000,
      currency: 'CHF',
      issuedAt: '2026-12-05T19:30:12.000Z',
      expiresAt: claims.expiresAt,
      keyId: key.signer.keyId,
    });
    expect(ticketKeyring([{ publicKey: key.publicKey, revokedAt: null }]).check(read!)).toEqual({ ok: true });
    expect(ticketKeyring([{ publicKey: deviceKey().publicKey, revokedAt: null }]).check(read!)).toEqual({
      ok: false,
      reason: 'UNKNOWN_KEY',
    });
  });

  it('a changed amount fails the signature', () => {
    const key = deviceKey();
    const bytes = Buffer.from(decodeBase45(signVoucher(claims, key.signer))!);
    bytes.writeBigUInt64BE(500_000n, 17);
    const forged = readVoucherSecret(encodeBase45(bytes));
    expect(forged?.amount).toBe(500_000);
    expect(ticketKeyring([{ publicKey: key.publicKey, revokedAt: null }]).check(forged!)).toEqual({
      ok: false,
      reason: 'FORGED',
    });
  });

  it('a ticket is no voucher and a voucher no ticket', () => {
    const key = deviceKey();
    const ticket = signTicket(
      { ticketId: claims.voucherId, performanceId: 'p', ticketTypeId: 't', issuedAt: claims.issuedAt },
      key.signer,
    );
    expect(readVoucherSecret(ticket)).toBeNull();
    expect(readTicketSecret(signVoucher(claims, key.signer))).toBeNull();
    expect(readVoucherSecret('VOUCHER-123')).toBeNull();
  });

  it('refuses to sign an amount below one minor unit or a currency that is no ISO code', () => {
    const key = deviceKey();
    expect(() => signVoucher({ ...claims, amount: 0 }, key.signer)).toThrow(/positive/);
    expect(() => signVoucher({ ...claims, amount: 1.5 }, key.signer)).toThrow(/positive/);
    expect(() => signVoucher({ ...claims, currency: 'chf' }, key.signer)).toThrow(/ISO/);
  });
});

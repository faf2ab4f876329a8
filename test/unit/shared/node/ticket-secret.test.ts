import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeBase45, decodeBase45 } from '../../../../shared/tickets/base45';
import {
  SECRET_LENGTH,
  keyIdOf,
  publicKeyOf,
  readTicketSecret,
  signTicket,
  tagOf,
  ticketKeyring,
  ticketSigningKey,
} from '../../../../shared/node/tickets/secret';

function deviceKey() {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const publicKey = publicKeyOf(pem);
  return { pem, publicKey, signer: ticketSigningKey(pem, publicKey) };
}

const claims = {
  ticketId: '0b6f3c2e-6a51-4f7e-9d1a-3c5e7f9a1b2c',
  performanceId: 'perf-hamlet-1',
  ticketTypeId: 'adult',
  issuedAt: '2026-12-05T19:30:12.345Z',
};

// docs/TICKETS.md "A worked example": RFC 8032's first test key signs a known ticket. Ed25519 signing is
// deterministic, so the secret is fixed, and a third-party scanner can check itself against it.
const RFC8032_SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const EXAMPLE_SECRET =
  '.50 2E2*5PCAD0GBE3Q.BVLJOT5D*JAT0/HIPDL.$RJ9GTHT71V2Q2QR836W9CSLVA9HCZ27*930EK%-RZ56YVDSVM9$AU6L+/E/YH/J7ANUC8FM%M9-1L3AT57BN7L3AE908CNPLBX71.R78JKH+L%HSULVH7AFZU80';

describe('ticket secrets', () => {
  it('matches the worked example of docs/TICKETS.md', () => {
    const der = Buffer.concat([
      Buffer.from('302e020100300506032b657004220420', 'hex'),
      Buffer.from(RFC8032_SEED, 'hex'),
    ]);
    const pem = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
      .export({ format: 'pem', type: 'pkcs8' })
      .toString();
    const publicKey = publicKeyOf(pem);
    expect(Buffer.from(publicKey, 'base64url').toString('hex')).toBe(
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    );
    expect(keyIdOf(publicKey)).toBe('21fe31dfa154a261');
    expect([tagOf('perf-hamlet-1'), tagOf('adult')]).toEqual(['be9d330523918aa8', '7fdc3e8038e87ff5']);
    expect(
      signTicket({ ...claims, issuedAt: '2026-12-05T19:30:12Z' }, ticketSigningKey(pem, publicKey)),
    ).toBe(EXAMPLE_SECRET);
  });

  it('carries the claims in 164 QR-alphanumeric characters, verified by the signer’s key', () => {
    const key = deviceKey();
    const secret = signTicket(claims, key.signer);
    expect(secret).toHaveLength(SECRET_LENGTH);
    expect(secret).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
    const read = readTicketSecret(secret);
    expect(read).toMatchObject({
      ticketId: claims.ticketId,
      performanceTag: tagOf('perf-hamlet-1'),
      ticketTypeTag: tagOf('adult'),
      issuedAt: '2026-12-05T19:30:12.000Z',
      keyId: keyIdOf(key.publicKey),
    });
    expect(ticketKeyring([{ publicKey: key.publicKey, revokedAt: null }]).check(read!)).toEqual({ ok: true });
  });

  it('keeps a space at either end (base45 has one) and drops the Enter a scanner adds', () => {
    const key = deviceKey();
    // The version byte 1 and a first id byte 5 make 261 = 36 + 5 × 45: base45's space comes first.
    const spaced = signTicket({ ...claims, ticketId: `05${claims.ticketId.slice(2)}` }, key.signer);
    expect(spaced.startsWith(' ')).toBe(true);
    const secrets = [signTicket(claims, key.signer), signTicket(claims, key.signer)];
    const keyring = ticketKeyring([{ publicKey: key.publicKey, revokedAt: null }]);
    for (const secret of [spaced, `${secrets[0]!}\r\n`, `${secrets[1]!}\t`])
      expect(keyring.check(readTicketSecret(secret)!)).toEqual({ ok: true });
  });

  it('refuses every single flipped bit as forged, malformed or from an unknown key', () => {
    const key = deviceKey();
    const keyring = ticketKeyring([{ publicKey: key.publicKey, revokedAt: null }]);
    const bytes = decodeBase45(signTicket(claims, key.signer))!;
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const flipped = Uint8Array.from(bytes);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      const read = readTicketSecret(encodeBase45(flipped));
      if (read === null) continue; // the version byte: no v1 secret any more
      expect(keyring.check(read).ok).toBe(false);
    }
  });

  it('does not trust another terminal’s key, nor tickets signed after the key’s revocation', () => {
    const key = deviceKey();
    const other = deviceKey();
    const read = readTicketSecret(signTicket(claims, key.signer))!;
    expect(ticketKeyring([{ publicKey: other.publicKey, revokedAt: null }]).check(read)).toEqual({
      ok: false,
      reason: 'UNKNOWN_KEY',
    });
    const revoked = (at: string) => ticketKeyring([{ publicKey: key.publicKey, revokedAt: at }]).check(read);
    expect(revoked('2026-12-05T19:30:11Z')).toEqual({ ok: false, reason: 'KEY_REVOKED' });
    expect(revoked('2026-12-05T19:30:12Z')).toEqual({ ok: true });
  });

  it('reads no secret from other text, and will not sign what it cannot carry', () => {
    expect(readTicketSecret('0b6f3c2e-6a51-4f7e-9d1a-3c5e7f9a1b2c')).toBeNull();
    expect(readTicketSecret('A'.repeat(SECRET_LENGTH))).toBeNull();
    const signer = deviceKey().signer;
    expect(() => signTicket({ ...claims, ticketId: 'T-1' }, signer)).toThrow(/no UUID/);
    expect(() => signTicket({ ...claims, issuedAt: '2107-01-01T00:00:00Z' }, signer)).toThrow(/outside/);
  });
});

import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkScan, type DoorContext } from '../../../../shared/node/tickets/door-check';
import type { DoorEntry } from '../../../../shared/tickets/checkins';
import {
  publicKeyOf,
  signTicket,
  tagOf,
  ticketKeyring,
  ticketSigningKey,
  type TrustedKey,
} from '../../../../shared/node/tickets/secret';

function deviceKey() {
  const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const publicKey = publicKeyOf(pem);
  return { publicKey, signer: ticketSigningKey(pem, publicKey) };
}

const tonight = { id: 'perf-tonight', startsAt: '2026-12-05T19:30:00Z', opensAt: '2026-12-05T18:00:00Z' };
const tomorrow = { id: 'perf-tomorrow', startsAt: '2026-12-06T19:30:00Z' };

function door(keys: TrustedKey[], over: Partial<DoorContext> = {}) {
  const revoked = new Map<string, 'void' | 'reissued'>();
  const entries = new Map<string, DoorEntry>();
  const ctx: DoorContext = {
    keyring: ticketKeyring(keys),
    performances: new Map([[tagOf(tonight.id), { ...tonight, tag: tagOf(tonight.id) }]]),
    otherPerformance: (tag) => (tag === tagOf(tomorrow.id) ? tomorrow : undefined),
    revocation: (id) => revoked.get(id),
    entry: (id) => entries.get(id),
    now: new Date('2026-12-05T19:00:00Z'),
    ...over,
  };
  return { ctx, revoked, entries };
}

describe('the door check', () => {
  const key = deviceKey();
  const trusted = [{ publicKey: key.publicKey, revokedAt: null }];
  const issue = (performanceId = tonight.id, issuedAt = '2026-12-01T10:00:00Z') => {
    const ticketId = randomUUID();
    return {
      ticketId,
      secret: signTicket({ ticketId, performanceId, ticketTypeId: 'adult', issuedAt }, key.signer),
    };
  };

  it('admits a valid ticket once; the next scan names when and where it entered', () => {
    const { ctx, entries } = door(trusted);
    const t = issue();
    expect(checkScan(t.secret, ctx)).toEqual({
      kind: 'valid',
      ticketId: t.ticketId,
      performanceId: tonight.id,
    });
    entries.set(t.ticketId, { at: '2026-12-05T18:59:00Z', door: 'North' });
    expect(checkScan(`${t.secret}\r\n`, ctx)).toEqual({
      kind: 'already_entered',
      ticketId: t.ticketId,
      entry: { at: '2026-12-05T18:59:00Z', door: 'North' },
    });
  });

  it('refuses voided and reissued tickets, whatever else is right about them', () => {
    const { ctx, revoked } = door(trusted);
    const voided = issue();
    const reprinted = issue();
    revoked.set(voided.ticketId, 'void');
    revoked.set(reprinted.ticketId, 'reissued');
    expect(checkScan(voided.secret, ctx).kind).toBe('voided');
    expect(checkScan(reprinted.secret, ctx).kind).toBe('reissued');
  });

  it('names the performance a ticket for another night is for, and refuses one before the doors open', () => {
    const { ctx } = door(trusted);
    const wrong = issue(tomorrow.id);
    expect(checkScan(wrong.secret, ctx)).toEqual({
      kind: 'wrong_performance',
      ticketId: wrong.ticketId,
      other: tomorrow,
    });
    expect(checkScan(issue('perf-unknown').secret, ctx)).toMatchObject({
      kind: 'wrong_performance',
      other: null,
    });
    const early = door(trusted, { now: new Date('2026-12-05T17:59:59Z') }).ctx;
    expect(checkScan(issue().secret, early)).toMatchObject({ kind: 'too_early', opensAt: tonight.opensAt });
  });

  it('tells a forged, unknown-key, revoked-key, future-dated or unreadable scan apart', () => {
    const { ctx } = door(trusted);
    const t = issue();
    const flipped = `${t.secret.slice(0, 100)}${t.secret[100] === 'A' ? 'B' : 'A'}${t.secret.slice(101)}`;
    expect(checkScan(flipped, ctx).kind).toBe('forged');
    expect(checkScan(t.secret, door([{ publicKey: deviceKey().publicKey, revokedAt: null }]).ctx).kind).toBe(
      'unknown_key',
    );
    const revokedKey = door([{ publicKey: key.publicKey, revokedAt: '2026-11-30T00:00:00Z' }]).ctx;
    expect(checkScan(t.secret, revokedKey)).toEqual({ kind: 'key_revoked', ticketId: t.ticketId });
    const ahead = issue(tonight.id, '2026-12-05T19:11:00Z');
    expect(checkScan(ahead.secret, ctx)).toMatchObject({
      kind: 'clock_off',
      issuedAt: '2026-12-05T19:11:00.000Z',
    });
    expect(checkScan(issue(tonight.id, '2026-12-05T19:09:00Z').secret, ctx).kind).toBe('valid');
    expect(checkScan('https://example.org/not-a-ticket', ctx)).toEqual({ kind: 'malformed' });
    expect(checkScan('', ctx)).toEqual({ kind: 'malformed' });
  });
});

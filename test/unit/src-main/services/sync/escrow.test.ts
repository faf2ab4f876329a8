import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeRecord } from '../../../../../shared/codes/types';
import { getLease, upsertLease } from '../../../../../src-main/db/repos/lease-repo';
import { saveEnrolment } from '../../../../../src-main/db/repos/sync-repo';
import { createEscrowLedger, type EscrowLedger } from '../../../../../src-main/services/sync/escrow';
import { migratedTo } from '../../../../migrations/helpers';

const NOW = Date.parse('2026-11-21T10:00:00.000Z');
const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('createEscrowLedger', () => {
  let m: ReturnType<typeof migratedTo>;
  let ledger: EscrowLedger;
  let reachable = true;

  const lease = (n: number, counter: string, granted: number, expiresAt = '2026-11-22T03:00:00.000Z') =>
    upsertLease(
      m.db,
      {
        id: uuid(n),
        counter,
        requestId: uuid(100 + n),
        epoch: 1,
        granted,
        used: 0,
        returned: 0,
        expiresAt,
        status: 'active',
      },
      'now',
    );
  const code = (rules: CodeRecord['rules'], extra: Partial<CodeRecord> = {}) =>
    ({ id: 'c1', rules, offlinePolicy: 'deny', ...extra }) as CodeRecord;

  beforeEach(() => {
    m = migratedTo(7);
    saveEnrolment(m.db, {
      terminalId: uuid(1),
      terminalName: 'Box',
      epoch: 1,
      venueId: uuid(2),
      at: 'now',
      clock: NOW,
    });
    ledger = createEscrowLedger({
      db: m.db,
      now: () => NOW,
      reachable: () => reachable,
      expire: () => undefined,
    });
  });
  afterEach(() => m.close());

  it('shows the engine the limit minus what the leases hold, so the limit speaks when they run dry', () => {
    expect(ledger.usage(code({ maxUses: 10 })).uses).toBe(10);
    lease(1, 'code_uses:c1', 3);
    expect(ledger.usage(code({ maxUses: 10 })).uses).toBe(7);
    expect(ledger.usage(code({})).uses).toBe(0);
  });

  it('spends across leases, oldest deadline first, and spends nothing when a counter is short', () => {
    lease(1, 'capacity:p', 2, '2026-11-21T20:00:00.000Z');
    lease(2, 'capacity:p', 5);
    const taken = ledger.take([{ counter: 'capacity:p', units: 3 }], () => false);
    expect(taken).toMatchObject({
      ok: true,
      escrow: {
        leaseUses: [
          { leaseId: uuid(1), units: 2 },
          { leaseId: uuid(2), units: 1 },
        ],
        unbacked: [],
      },
    });
    const short = ledger.take(
      [
        { counter: 'capacity:p', units: 1 },
        { counter: 'code_uses:c1', units: 1 },
      ],
      () => false,
    );
    expect(short).toEqual({ ok: false, counter: 'code_uses:c1', held: 0 });
    expect(getLease(m.db, uuid(2))?.used).toBe(1);
  });

  it('lets only allowed counters go unbacked, and never spends an expired lease', () => {
    lease(1, 'code_uses:c1', 1, '2026-11-21T09:00:00.000Z');
    const taken = ledger.take([{ counter: 'code_uses:c1', units: 1 }], (c) => c === 'code_uses:c1');
    expect(taken).toMatchObject({
      ok: true,
      escrow: { leaseUses: [], unbacked: [{ counter: 'code_uses:c1', units: 1 }] },
    });
  });

  it('refuses deny codes with per-customer limits only while the server is unreachable', () => {
    const perCustomer = code({ maxUsesPerCustomer: 1 });
    expect(ledger.blockedOffline(perCustomer)).toBe(false);
    reachable = false;
    expect(ledger.blockedOffline(perCustomer)).toBe(true);
    expect(ledger.blockedOffline(code({ maxUsesPerCustomer: 1 }, { offlinePolicy: 'best_effort' }))).toBe(
      false,
    );
    expect(ledger.blockedOffline(code({ maxUses: 1 }))).toBe(false);
    reachable = true;
  });
});

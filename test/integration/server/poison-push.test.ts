import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/canonical-json';
import type { Mutation, PushResponse, ReviewItem } from '../../../shared/sync/protocol';
import type { Database } from '../../../src-server/db/database';
import { seedOrganisation, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { salePayload } from '../../helpers/sync-payloads';
import { openTill, pushTill, type Till } from '../../helpers/sync-server';
import type { Page } from '../../../shared/server-api/page';

// A mutation the database cannot store, not even in quarantine, used to make every push answer 503
// for good. It is now quarantined as bytes and the sales behind it are applied.

const DEPTH = 20_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** `{"a":{"a":…1…}}` written by hand: JSON.stringify itself overflows the stack at this depth. */
function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

describe.each(backends)('a poison mutation never stalls the push (%s)', (backend) => {
  let server: TestServer;
  let db: Database;
  let org: SeededOrganisation;
  let venueId: string;

  beforeAll(async () => {
    server = await startTestServer(backend);
    db = server.database.db;
    org = await seedOrganisation(db, server.url);
    venueId = (
      await org.api.post<{ id: string }>('/v1/venues', { name: 'Hall', currency: 'EUR', timezone: 'UTC' })
    ).body.id;
  });
  afterAll(async () => {
    await server.close();
  });

  const sale = (till: Till) =>
    salePayload({
      terminalId: till.id,
      shiftId: till.shiftId,
      cashierId: org.managerId,
      lines: [{ kind: 'merch', qty: 1, unitPrice: 1500 }],
    });
  const salesOnServer = async (ids: string[]) =>
    (
      await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pos_sales WHERE id = ANY($1::uuid[])', [
        ids,
      ])
    )[0]?.n;
  const kept = async (mutationId: string) =>
    (
      await db.query<{ reason: string; message: string; payload: Record<string, unknown> }>(
        'SELECT reason, message, payload FROM quarantined_mutations WHERE mutation_id = $1',
        [mutationId],
      )
    )[0];
  const reviewItemFor = async (mutationId: string) => {
    const page = await org.api.get<Page<ReviewItem>>('/v1/review-items?kind=quarantined&limit=1000');
    return page.body.items.find((i) => i.mutationId === mutationId);
  };

  it.each([
    [
      'a NUL in the customer id',
      (p: Record<string, unknown>) => void ((p.sale as Record<string, unknown>).customerId = 'C-\u0000'),
    ],
    ['a NUL in a key', (p: Record<string, unknown>) => void (p['note\u0000'] = 'x')],
    [
      'a lone surrogate in a line name',
      (p: Record<string, unknown>) => void ((p.lines as Array<Record<string, unknown>>)[0]!.name = 'T\ud800'),
    ],
  ])('quarantines a sale with %s as bytes and applies the sales behind it', async (_what, poison) => {
    const till = await openTill(org, server.url, venueId, org.managerId);
    const bad = sale(till) as unknown as Record<string, unknown>;
    poison(bad);
    const poisoned = till.box.append('sale', bad);
    const behind = [sale(till), sale(till)];
    for (const s of behind) till.box.append('sale', s);

    const reply = await pushTill(till);
    expect(reply.status).toBe(200);
    expect(reply.body.results.map((r) => r.status)).toEqual(['applied', 'quarantined', 'applied', 'applied']);
    expect(reply.body.results[1]).toMatchObject({ reason: 'UNSTORABLE_PAYLOAD' });
    expect(await salesOnServer(behind.map((s) => s.sale.id))).toBe(2);

    const row = await kept(poisoned.mutationId);
    expect(row).toMatchObject({ reason: 'UNSTORABLE_PAYLOAD', payload: { unstorable: 'UNSTORABLE_TEXT' } });
    const bytes = Buffer.from(row!.payload.base64 as string, 'base64').toString('utf8');
    expect(bytes).toBe(canonicalJson(poisoned.payload));
    expect(row!.payload.sha256).toBe(sha256(bytes));
    const item = await reviewItemFor(poisoned.mutationId);
    expect(item).toMatchObject({ kind: 'quarantined', status: 'open' });
    const retry = await org.api.post(`/v1/review-items/${item!.id}/retry`, { note: 'try again' });
    expect(retry.status).toBe(409);
    expect(retry.body).toMatchObject({ reason: 'UNSTORABLE_PAYLOAD' });
    expect(retry.body.message).toMatch(/accept or flag the item/);

    // The same batch again (a lost answer): acknowledged, nothing applied twice.
    const again = await pushTill(till);
    expect(again.status).toBe(200);
    expect(again.body.results.every((r) => r.status === 'duplicate')).toBe(true);
    expect(await salesOnServer(behind.map((s) => s.sale.id))).toBe(2);
  });

  it(`quarantines a payload nested ${DEPTH} deep as bytes and applies the sales behind it`, async () => {
    const till = await openTill(org, server.url, venueId, org.managerId);
    const deepText = deepJson(DEPTH);
    const opened = till.box.entries[0]!;
    // The terminal could not have hashed it either: any hash, chained on by the next mutation.
    const poisoned: Mutation = {
      seq: 2,
      mutationId: randomUUID(),
      type: 'sale',
      payload: { deep: 'PLACEHOLDER' },
      prevHash: opened.hash,
      hash: sha256(deepText),
      createdAt: new Date().toISOString(),
    };
    till.box.entries.push(poisoned);
    const behind = [sale(till), sale(till)];
    for (const s of behind) till.box.append('sale', s);

    const body = JSON.stringify({
      terminalId: till.id,
      epoch: till.epoch,
      mutations: till.box.entries,
    }).replace('"PLACEHOLDER"', deepText);
    const reply = await till.api.raw<PushResponse>('POST', '/v1/sync/push', body);
    expect(reply.status).toBe(200);
    expect(reply.body.results.map((r) => r.status)).toEqual(['applied', 'quarantined', 'applied', 'applied']);
    expect(reply.body.results[1]).toMatchObject({ reason: 'UNSTORABLE_PAYLOAD' });
    expect(reply.body.results[1]!.message).toMatch(/nested more than 64 levels/);
    expect(await salesOnServer(behind.map((s) => s.sale.id))).toBe(2);

    const row = await kept(poisoned.mutationId);
    expect(row).toMatchObject({ reason: 'UNSTORABLE_PAYLOAD', payload: { unstorable: 'TOO_DEEP' } });
    const bytes = Buffer.from(row!.payload.base64 as string, 'base64').toString('utf8');
    expect(bytes).toBe(`{"deep":${deepText}}`);
    expect(row!.payload.sha256).toBe(sha256(bytes));
    expect(await reviewItemFor(poisoned.mutationId)).toMatchObject({ kind: 'quarantined', status: 'open' });

    const again = await till.api.raw<PushResponse>('POST', '/v1/sync/push', body);
    expect(again.status).toBe(200);
    expect(again.body.results.every((r) => r.status === 'duplicate')).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PIN_LOCK_AFTER_FAILURES } from '../../../shared/auth/pin-policy';
import type { PullResponse, PushResponse, StaffRecord } from '../../../shared/sync/protocol';
import { verifySecret } from '../../../src-server/auth/secrets';
import { apiClient, seedOrganisation, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { outbox } from '../../helpers/sync-payloads';
import { enrol } from '../../helpers/sync-server';

// A manager's PIN reset (POST /v1/staff/:id/pin): the role's PIN policy, the lockout lifted, the new
// verifier at the person's terminals on the next pull, and an audit entry that never holds the PIN.

interface Person {
  id: string;
  hasPin: boolean;
  version: number;
}

describe.each(backends)('PIN reset by a manager (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let hall: string;

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url, 'Resetting');
    const venue = await org.api.post<{ id: string }>('/v1/venues', {
      name: 'Hall',
      currency: 'EUR',
      timezone: 'Europe/Berlin',
    });
    hall = venue.body.id;
  });
  afterAll(async () => {
    await server.close();
  });

  const lockState = async (id: string) => {
    const [row] = await server.database.db.query<{ failures: number; locked: boolean }>(
      'SELECT pin_failures AS failures, pin_locked_until IS NOT NULL AS locked FROM staff WHERE id = $1',
      [id],
    );
    return row;
  };

  it('lifts a lockout and sends the new verifier to the terminals of the person’s venue', async () => {
    const kim = await org.api.post<Person>('/v1/staff', {
      name: 'Kim',
      roleId: 'seller',
      pin: '4826',
      venueIds: [hall],
    });
    expect(kim.status).toBe(201);
    const reg = await enrol(org, server.url, hall);
    const till = apiClient(server.url, reg.deviceToken);
    const box = outbox();
    const at = new Date().toISOString();
    for (let i = 0; i < PIN_LOCK_AFTER_FAILURES; i++) {
      box.append('pin.attempt', { terminalId: reg.terminalId, staffId: kim.body.id, ok: false, at });
    }
    const pushed = await till.post<PushResponse>('/v1/sync/push', {
      terminalId: reg.terminalId,
      epoch: reg.epoch,
      mutations: box.entries,
    });
    expect(pushed.status).toBe(200);
    expect(await lockState(kim.body.id)).toEqual({ failures: PIN_LOCK_AFTER_FAILURES, locked: true });

    const reset = await org.api.post<Person>(`/v1/staff/${kim.body.id}/pin`, { pin: '5093' });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ id: kim.body.id, hasPin: true, version: kim.body.version + 1 });
    expect(await lockState(kim.body.id)).toEqual({ failures: 0, locked: false });

    let cursor: string | null = null;
    let record: StaffRecord | undefined;
    for (;;) {
      const page: { status: number; body: PullResponse } = await till.post<PullResponse>('/v1/sync/pull', {
        terminalId: reg.terminalId,
        cursor,
      });
      expect(page.status).toBe(200);
      for (const change of page.body.changes) {
        if (change.entity === 'staff' && change.id === kim.body.id && 'data' in change) record = change.data;
      }
      cursor = page.body.cursor;
      if (!page.body.more) break;
    }
    expect(record).toMatchObject({ active: true, pinFailures: 0, pinLockedUntil: null });
    // The verifier the terminal now holds takes the new PIN, not the old one.
    expect(await verifySecret('5093', record?.pinHash ?? '')).toBe(true);
    expect(await verifySecret('4826', record?.pinHash ?? '')).toBe(false);

    const [entry] = await server.database.db.query<{ summary: string; after: unknown }>(
      `SELECT summary, after FROM audit_log WHERE action = 'staff.pin_reset' AND entity_id = $1`,
      [kim.body.id],
    );
    expect(entry?.summary).toBe('PIN reset');
    expect(JSON.stringify(entry)).not.toMatch(/5093|pin_?hash|scrypt/i);
  });

  it('holds a reset PIN to the policy of the person’s role, saying what to choose', async () => {
    const mo = await org.api.post<Person>('/v1/staff', {
      name: 'Mo',
      roleId: 'manager',
      venueIds: [hall],
    });
    const short = await org.api.post<{ reason: string; message: string }>(`/v1/staff/${mo.body.id}/pin`, {
      pin: '5093',
    });
    expect(short.status).toBe(400);
    expect(short.body.reason).toBe('INVALID_PIN');
    expect(short.body.message).toMatch(/at least 6 digits/);
    const letters = await org.api.post<{ message: string }>(`/v1/staff/${mo.body.id}/pin`, { pin: 'abcdef' });
    expect(letters.body.message).toMatch(/digits only/);
    expect((await org.api.get<Person>(`/v1/staff/${mo.body.id}`)).body.hasPin).toBe(false);
    expect((await org.api.post(`/v1/staff/${mo.body.id}/pin`, { pin: '640273' })).status).toBe(200);
  });

  it('finds no one of another organisation to reset', async () => {
    const other = await seedOrganisation(server.database.db, server.url, 'Other');
    const reply = await other.api.post<{ reason: string }>(`/v1/staff/${org.managerId}/pin`, {
      pin: '640273',
    });
    expect(reply.status).toBe(404);
    expect(reply.body.reason).toBe('NOT_FOUND');
  });
});

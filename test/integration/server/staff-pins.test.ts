import { randomBytes, scryptSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PIN_LOCK_AFTER_FAILURES } from '../../../shared/auth/pin-policy';
import type { PullResponse, PushResponse, StaffRecord } from '../../../shared/sync/protocol';
import {
  apiClient,
  seedOrganisation,
  type ApiClient,
  type SeededOrganisation,
} from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { outbox } from '../../helpers/sync-payloads';
import { enrol } from '../../helpers/sync-server';

// Finding 4 of the security issue: a PIN verifier reaches only the terminals of the venues its owner
// works at, and PINs follow shared/auth/pin-policy.ts (6 digits for managing roles, no patterns).

interface Pulling {
  id: string;
  api: ApiClient;
  cursor: string | null;
}

describe.each(backends)('staff venues and PIN policy (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let hall: string;
  let studio: string;

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url);
    const venue = (name: string) =>
      org.api
        .post<{ id: string }>('/v1/venues', { name, currency: 'EUR', timezone: 'Europe/Berlin' })
        .then((r) => r.body.id);
    hall = await venue('Hall');
    studio = await venue('Studio');
  });
  afterAll(async () => {
    await server.close();
  });

  const terminalAt = async (venueId: string): Promise<Pulling> => {
    const reg = await enrol(org, server.url, venueId);
    return { id: reg.terminalId, api: apiClient(server.url, reg.deviceToken), cursor: null };
  };

  /** Pulls everything new and returns the latest record of each staff member it carried. */
  const pullStaff = async (t: Pulling): Promise<Map<string, StaffRecord>> => {
    const staff = new Map<string, StaffRecord>();
    for (;;) {
      const page = await t.api.post<PullResponse>('/v1/sync/pull', { terminalId: t.id, cursor: t.cursor });
      expect(page.status).toBe(200);
      for (const change of page.body.changes) {
        if (change.entity === 'staff' && 'data' in change) staff.set(change.id, change.data);
      }
      t.cursor = page.body.cursor;
      if (!page.body.more) return staff;
    }
  };

  const createStaff = (body: Record<string, unknown>) =>
    org.api.post<{ id: string; venueIds: string[]; reason?: string; message?: string }>('/v1/staff', body);

  it('sends a manager’s verifier to the terminals of their venue only, and drops it when the venue goes', async () => {
    const atHall = await terminalAt(hall);
    const atStudio = await terminalAt(studio);
    const mia = await createStaff({ name: 'Mia', roleId: 'manager', pin: '583920', venueIds: [hall] });
    expect(mia.status).toBe(201);
    expect(mia.body.venueIds).toEqual([hall]);

    const hallView = (await pullStaff(atHall)).get(mia.body.id);
    expect(hallView?.active).toBe(true);
    expect(hallView?.pinHash).toMatch(/^scrypt\$/);
    const studioView = (await pullStaff(atStudio)).get(mia.body.id);
    expect(studioView).toMatchObject({ active: false, pinHash: null });
    // A snapshot from scratch shows the same.
    const fresh = await terminalAt(studio);
    expect((await pullStaff(fresh)).get(mia.body.id)?.pinHash).toBeNull();

    const moved = await org.api.patch<{ venueIds: string[] }>(`/v1/staff/${mia.body.id}`, {
      venueIds: [studio],
    });
    expect(moved.status).toBe(200);
    expect(moved.body.venueIds).toEqual([studio]);
    expect((await pullStaff(atHall)).get(mia.body.id)).toMatchObject({ active: false, pinHash: null });
    const studioNow = (await pullStaff(atStudio)).get(mia.body.id);
    expect(studioNow?.active).toBe(true);
    expect(studioNow?.pinHash).toMatch(/^scrypt\$/);

    await org.api.delete(`/v1/staff/${mia.body.id}`);
    expect((await pullStaff(atStudio)).get(mia.body.id)).toMatchObject({ active: false, pinHash: null });
  });

  it('asks which venues when the organisation has several, and refuses venues of another organisation', async () => {
    const missing = await createStaff({ name: 'Sam', roleId: 'seller', pin: '4826' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ reason: 'VENUES_REQUIRED' });
    expect(missing.body.message).toMatch(/venueIds/);

    const other = await seedOrganisation(server.database.db, server.url, 'Other');
    const theirs = await other.api.post<{ id: string }>('/v1/venues', {
      name: 'Far',
      currency: 'EUR',
      timezone: 'UTC',
    });
    const foreign = await createStaff({
      name: 'Sam',
      roleId: 'seller',
      pin: '4826',
      venueIds: [theirs.body.id],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ reason: 'UNKNOWN_VENUE' });

    // An organisation with one venue needs no venueIds; its first manager works there too.
    const mine = await other.api.post<{ venueIds: string[] }>('/v1/staff', {
      name: 'Ola',
      roleId: 'seller',
      pin: '4826',
    });
    expect(mine.status).toBe(201);
    expect(mine.body.venueIds).toEqual([theirs.body.id]);
    const first = await other.api.get<{ venueIds: string[] }>(`/v1/staff/${other.managerId}`);
    expect(first.body.venueIds).toEqual([theirs.body.id]);
  });

  it('refuses a manager PIN under 6 digits and trivial PINs, saying what to choose', async () => {
    const short = await createStaff({ name: 'Max', roleId: 'manager', pin: '4826', venueIds: [hall] });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ reason: 'INVALID_PIN' });
    expect(short.body.message).toMatch(/at least 6 digits/);
    for (const pin of ['0000', '1234', '654321', '8901']) {
      const trivial = await createStaff({ name: 'Sid', roleId: 'seller', pin, venueIds: [hall] });
      expect(trivial.status, pin).toBe(400);
      expect(trivial.body.message, pin).toMatch(/too easy to guess.*choose digits without a pattern/);
    }
    const ok = await createStaff({ name: 'Sid', roleId: 'seller', pin: '4826', venueIds: [hall] });
    expect(ok.status).toBe(201);
  });

  it('refuses a promotion to manager while the PIN is too short, unless a new PIN comes with it', async () => {
    const sid = await createStaff({ name: 'Sid', roleId: 'supervisor', pin: '5937', venueIds: [hall] });
    const promote = await org.api.patch<{ reason: string; message: string }>(`/v1/staff/${sid.body.id}`, {
      roleId: 'manager',
    });
    expect(promote.status).toBe(400);
    expect(promote.body.reason).toBe('PIN_TOO_SHORT_FOR_ROLE');
    expect(promote.body.message).toMatch(/send a new PIN .* in the same request, or reset the PIN first/);
    expect((await org.api.get<{ roleId: string }>(`/v1/staff/${sid.body.id}`)).body.roleId).toBe(
      'supervisor',
    );
    const withPin = await org.api.patch<{ roleId: string }>(`/v1/staff/${sid.body.id}`, {
      roleId: 'manager',
      pin: '640273',
    });
    expect(withPin.status).toBe(200);
    expect(withPin.body.roleId).toBe('manager');
  });

  it('refuses to make a role managing while its holders have short PINs', async () => {
    const role = {
      id: 'desk',
      name: 'Desk',
      permissions: ['sell'],
      customDiscountCeiling: { percent: 0, amount: 0 },
    };
    expect((await org.api.post('/v1/roles', role)).status).toBe(201);
    await createStaff({ name: 'Dee', roleId: 'desk', pin: '4826', venueIds: [hall] });
    const widened = await org.api.put<{ reason: string; message: string }>('/v1/roles/desk', {
      name: 'Desk',
      permissions: ['sell', 'staff.manage'],
      customDiscountCeiling: { percent: 0, amount: 0 },
    });
    expect(widened.status).toBe(400);
    expect(widened.body.reason).toBe('PIN_TOO_SHORT_FOR_ROLE');
    expect(widened.body.message).toMatch(/reset their PINs first/);
  });

  it('counts every wrong PIN once when many terminals report at the same time', async () => {
    const kim = await createStaff({ name: 'Kim', roleId: 'seller', pin: '4826', venueIds: [hall] });
    const at = new Date().toISOString();
    const tills = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const reg = await enrol(org, server.url, hall);
        const box = outbox();
        for (let i = 0; i < 5; i++) {
          box.append('pin.attempt', { terminalId: reg.terminalId, staffId: kim.body.id, ok: false, at });
        }
        return { reg, box, api: apiClient(server.url, reg.deviceToken) };
      }),
    );
    const pushed = await Promise.all(
      tills.map((t) =>
        t.api.post<PushResponse>('/v1/sync/push', {
          terminalId: t.reg.terminalId,
          epoch: t.reg.epoch,
          mutations: t.box.entries,
        }),
      ),
    );
    for (const reply of pushed) {
      expect(reply.status).toBe(200);
      expect(reply.body.results.map((r) => r.status)).toEqual(Array(5).fill('applied'));
    }
    const [row] = await server.database.db.query<{ failures: number; locked: boolean }>(
      'SELECT pin_failures AS failures, pin_locked_until IS NOT NULL AS locked FROM staff WHERE id = $1',
      [kim.body.id],
    );
    expect(row).toEqual({ failures: 40, locked: true });
    expect(40).toBeGreaterThan(PIN_LOCK_AFTER_FAILURES);

    // A success from before the last failure (a terminal that was offline) clears nothing; a later one does.
    const late = tills[0] as (typeof tills)[number];
    const before = new Date(Date.parse(at) - 60_000).toISOString();
    late.box.append('pin.attempt', {
      terminalId: late.reg.terminalId,
      staffId: kim.body.id,
      ok: true,
      at: before,
    });
    const push = () =>
      late.api.post<PushResponse>('/v1/sync/push', {
        terminalId: late.reg.terminalId,
        epoch: late.reg.epoch,
        mutations: late.box.entries.slice(-1),
      });
    expect((await push()).status).toBe(200);
    const still = await server.database.db.query<{ failures: number }>(
      'SELECT pin_failures AS failures FROM staff WHERE id = $1',
      [kim.body.id],
    );
    expect(still[0]?.failures).toBe(40);
    late.box.append('pin.attempt', {
      terminalId: late.reg.terminalId,
      staffId: kim.body.id,
      ok: true,
      at: new Date(Date.parse(at) + 1000).toISOString(),
    });
    expect((await push()).status).toBe(200);
    const cleared = await server.database.db.query<{ failures: number; locked: boolean }>(
      'SELECT pin_failures AS failures, pin_locked_until IS NOT NULL AS locked FROM staff WHERE id = $1',
      [kim.body.id],
    );
    expect(cleared[0]).toEqual({ failures: 0, locked: false });
  });

  it('applies a report about someone the server does not know as a no-op, not a quarantine', async () => {
    const reg = await enrol(org, server.url, hall);
    const box = outbox();
    box.append('pin.attempt', {
      terminalId: reg.terminalId,
      staffId: 'staff-sam',
      ok: false,
      at: new Date().toISOString(),
    });
    const reply = await apiClient(server.url, reg.deviceToken).post<PushResponse>('/v1/sync/push', {
      terminalId: reg.terminalId,
      epoch: reg.epoch,
      mutations: box.entries,
    });
    expect(reply.body.results[0]?.status).toBe('applied');
    expect(reply.body.results[0]?.message).toMatch(/nothing counted/);

    // Nor does a terminal of another venue count against someone who does not work there.
    const lee = await createStaff({ name: 'Lee', roleId: 'seller', pin: '4826', venueIds: [studio] });
    box.append('pin.attempt', {
      terminalId: reg.terminalId,
      staffId: lee.body.id,
      ok: false,
      at: new Date().toISOString(),
    });
    const elsewhere = await apiClient(server.url, reg.deviceToken).post<PushResponse>('/v1/sync/push', {
      terminalId: reg.terminalId,
      epoch: reg.epoch,
      mutations: box.entries.slice(-1),
    });
    expect(elsewhere.body.results[0]?.message).toMatch(/works at this terminal's venue: nothing counted/);
    const [row] = await server.database.db.query<{ failures: number }>(
      'SELECT pin_failures AS failures FROM staff WHERE id = $1',
      [lee.body.id],
    );
    expect(row?.failures).toBe(0);
  });

  it('brings a password hashed at the old, cheaper cost up to today’s at the next login', async () => {
    const email = `old-hash-${Date.now()}@example.test`;
    const password = 'an older long password';
    const salt = randomBytes(16);
    const key = scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1 });
    const old = `scrypt$16384$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    const made = await createStaff({
      name: 'Olli',
      roleId: 'seller',
      email,
      password: 'placeholder pass',
      venueIds: [hall],
    });
    await server.database.db.query('UPDATE staff SET password_hash = $2 WHERE id = $1', [made.body.id, old]);
    const login = await apiClient(server.url).post('/v1/auth/login', { email, password });
    expect(login.status).toBe(200);
    const [row] = await server.database.db.query<{ hash: string }>(
      'SELECT password_hash AS hash FROM staff WHERE id = $1',
      [made.body.id],
    );
    expect(row?.hash).toMatch(/^scrypt\$65536\$8\$1\$/);
    expect((await apiClient(server.url).post('/v1/auth/login', { email, password })).status).toBe(200);
  });
});

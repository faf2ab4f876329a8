import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import type { Actor } from '../../shared/ipc/domains/staff';
import { createManageService } from '../../src-main/services/manage-service';
import { startCentralServer } from '../helpers/central-server';
import { apiClient } from '../helpers/server-api';
import { startTestTerminal, type TestTerminal } from '../helpers/terminal';

const EMAIL = 'manager@example.test';
const PASSWORD = 'correct horse battery';

const actor = (staffId: string): Actor => ({
  staffId,
  name: staffId,
  role: {
    id: 'manager',
    name: 'Manager',
    permissions: ['codes.manage', 'reports.view'],
    customDiscountCeiling: { percent: 0, amount: 0 },
    overuseCap: null,
  },
});

describe('manage service against the real central server', () => {
  let server: Awaited<ReturnType<typeof startCentralServer>>;

  beforeAll(async () => {
    server = await startCentralServer();
    const setup = await apiClient(server.url).post('/v1/setup', {
      organisationName: 'Globe',
      managerName: 'Greta Manager',
      email: EMAIL,
      password: PASSWORD,
    });
    expect(setup.status).toBe(201);
  });
  afterAll(() => server.close());

  const service = () => createManageService({ serverUrl: server.url, language: () => 'en' });

  it('says in a sentence that a standalone terminal has no server', async () => {
    const manage = createManageService({ serverUrl: undefined, language: () => 'de' });
    expect(manage.session(actor('max'))).toMatchObject({ configured: false, signedIn: false });
    const result = await manage.signIn(actor('max'), { email: EMAIL, password: PASSWORD });
    expect(result).toMatchObject({ ok: false, reason: 'SERVER_NOT_CONFIGURED' });
    expect(result.ok ? '' : result.message).toContain('Zentralserver');
  });

  it('says the server is unreachable when nothing answers', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const manage = createManageService({ serverUrl: `http://127.0.0.1:${port}`, language: () => 'en' });
    const result = await manage.signIn(actor('max'), { email: EMAIL, password: PASSWORD });
    expect(result).toMatchObject({ ok: false, reason: 'SERVER_UNREACHABLE' });
  });

  it('says the server timed out when it does not answer in time', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const manage = createManageService({ serverUrl: url, language: () => 'en', timeoutMs: 200 });
      const result = await manage.signIn(actor('max'), { email: EMAIL, password: PASSWORD });
      expect(result).toMatchObject({ ok: false, reason: 'SERVER_TIMEOUT' });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('asks for a server sign-in before any admin call, and passes on a wrong password', async () => {
    const manage = service();
    expect(await manage.listCodes(actor('max'), { limit: 10, offset: 0 })).toMatchObject({
      ok: false,
      reason: 'SERVER_SIGN_IN_REQUIRED',
    });
    const wrong = await manage.signIn(actor('max'), { email: EMAIL, password: 'not the password' });
    expect(wrong).toMatchObject({ ok: false, reason: 'UNAUTHENTICATED' });
    expect(wrong.ok ? '' : wrong.message).toContain('email or password is wrong');
  });

  it('signs in, keeps the token to itself and binds the session to the staff member', async () => {
    const manage = service();
    const signedIn = await manage.signIn(actor('max'), { email: EMAIL, password: PASSWORD });
    expect(signedIn).toMatchObject({
      ok: true,
      value: { signedIn: true, email: EMAIL, name: 'Greta Manager', configured: true },
    });
    expect(JSON.stringify(signedIn)).not.toMatch(/token/i);
    expect(manage.session(actor('sue')).signedIn).toBe(false);
    expect(await manage.listCodes(actor('sue'), { limit: 10, offset: 0 })).toMatchObject({
      reason: 'SERVER_SIGN_IN_REQUIRED',
    });
    expect(await manage.listCodes(actor('max'), { limit: 10, offset: 0 })).toMatchObject({ ok: true });
    await manage.signOut(actor('max'));
    expect(manage.session(actor('max')).signedIn).toBe(false);
  });

  it('creates, lists, edits, disables, restores and deletes a code', async () => {
    const manage = service();
    const max = actor('max');
    await manage.signIn(max, { email: EMAIL, password: PASSWORD });
    const created = await manage.createCode(max, {
      code: {
        code: 'spring15',
        name: 'Spring',
        description: '',
        isParent: false,
        benefit: { type: 'percentage', percent: 1500 },
        rules: { maxUses: 10 },
      },
    });
    if (!created.ok) throw new Error(created.message);
    expect(created.value).toMatchObject({ code: 'SPRING15', lifecycle: 'active', remainingUses: 10 });
    const duplicate = await manage.createCode(max, {
      code: {
        code: 'SPRING15',
        name: 'Again',
        description: '',
        isParent: false,
        benefit: { type: 'percentage', percent: 1500 },
        rules: {},
      },
    });
    expect(duplicate).toMatchObject({ ok: false, reason: 'DUPLICATE_CODE' });

    const listed = await manage.listCodes(max, { q: 'spring', status: 'active', limit: 10, offset: 0 });
    expect(listed.ok && listed.value.items.map((i) => i.code)).toEqual(['SPRING15']);

    const id = created.value.id;
    const raised = await manage.updateCode(max, { id, changes: { rules: { maxUses: 20 } } });
    expect(raised).toMatchObject({ ok: true, value: { rules: { maxUses: 20 } } });
    const refused = await manage.updateCode(max, {
      id,
      changes: { benefit: { type: 'percentage', percent: 5000 } },
    });
    expect(refused).toMatchObject({ ok: false, reason: 'CODE_ACTIVE' });

    expect(await manage.setCodeStatus(max, { id, action: 'disable' })).toMatchObject({
      ok: true,
      value: { lifecycle: 'disabled' },
    });
    expect(await manage.setCodeStatus(max, { id, action: 'restore' })).toMatchObject({
      ok: true,
      value: { lifecycle: 'active' },
    });
    expect(await manage.deleteCode(max, id)).toMatchObject({ ok: true, value: { outcome: 'deleted' } });
    expect(await manage.getCode(max, id)).toMatchObject({ ok: true, value: { lifecycle: 'deleted' } });
  });

  it('keeps each version with who saved it, and refuses an edit made from a stale one', async () => {
    const manage = service();
    const max = actor('max');
    await manage.signIn(max, { email: EMAIL, password: PASSWORD });
    const created = await manage.createCode(max, {
      code: {
        code: 'HISTORY',
        name: 'First',
        description: '',
        isParent: false,
        benefit: { type: 'percentage', percent: 1000 },
        rules: {},
      },
    });
    if (!created.ok) throw new Error(created.message);
    const id = created.value.id;
    const renamed = await manage.updateCode(max, { id, changes: { name: 'Second', expectedVersion: 1 } });
    expect(renamed).toMatchObject({ ok: true, value: { name: 'Second', version: 2 } });
    const stale = await manage.updateCode(max, { id, changes: { name: 'Third', expectedVersion: 1 } });
    expect(stale).toMatchObject({ ok: false, reason: 'VERSION_CONFLICT' });
    expect(stale.ok ? '' : stale.message).toContain('Your changes are still in the form');
    const versions = await manage.codeVersions(max, id);
    expect(versions.ok && versions.value.map((v) => [v.version, v.name, v.createdByName])).toEqual([
      [1, 'First', 'Greta Manager'],
      [2, 'Second', 'Greta Manager'],
    ]);
  });

  it('finds catalogue rows by name and names chosen ones by id', async () => {
    const manage = service();
    const max = actor('max');
    await manage.signIn(max, { email: EMAIL, password: PASSWORD });
    const api = apiClient(
      server.url,
      (
        await apiClient(server.url).post<{ token: string }>('/v1/auth/login', {
          email: EMAIL,
          password: PASSWORD,
        })
      ).body.token,
    );
    const venue = await api.post<{ id: string }>('/v1/venues', {
      name: 'Globe Hall',
      currency: 'EUR',
      timezone: 'UTC',
    });
    const event = await api.post<{ id: string }>('/v1/events', { venueId: venue.body.id, name: 'Macbeth' });
    const type = await api.post<{ id: string }>('/v1/ticket-types', {
      eventId: event.body.id,
      name: 'Adult',
    });
    const found = await manage.searchCatalogue(max, { kind: 'ticketType', q: 'macb', limit: 10 });
    expect(found).toMatchObject({
      ok: true,
      value: { items: [{ id: type.body.id, kind: 'ticketType', label: 'Adult', context: 'Macbeth' }] },
    });
    const named = await manage.searchCatalogue(max, { ids: [event.body.id, type.body.id], limit: 20 });
    expect(named.ok && named.value.items.map((h) => h.label).sort()).toEqual(['Adult', 'Macbeth']);
  });

  it('generates children from a parent and reports the job until it is done', async () => {
    const manage = service();
    const max = actor('max');
    await manage.signIn(max, { email: EMAIL, password: PASSWORD });
    const parent = await manage.createCode(max, {
      code: {
        code: 'SCHOOLS',
        name: 'Schools',
        description: '',
        isParent: true,
        benefit: { type: 'fixed_per_item', amount: 500 },
        rules: { maxUses: 1 },
      },
    });
    if (!parent.ok) throw new Error(parent.message);
    const started = await manage.generateChildren(max, {
      parentId: parent.value.id,
      count: 50,
      prefix: 'SCH',
    });
    if (!started.ok) throw new Error(started.message);
    let job = started.value;
    for (let i = 0; i < 200 && job.status !== 'done' && job.status !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const polled = await manage.generationJob(max, job.id);
      if (!polled.ok) throw new Error(polled.message);
      job = polled.value;
    }
    expect(job).toMatchObject({ status: 'done', generated: 50, requested: 50 });
    const children = await manage.listCodes(max, { parentId: parent.value.id, limit: 100, offset: 0 });
    expect(children.ok && children.value.total).toBe(50);
    expect(children.ok && children.value.items.every((code) => code.code.startsWith('SCH'))).toBe(true);
  });

  it('reads the code report, the overuse report and the CSV export', async () => {
    const manage = service();
    const max = actor('max');
    await manage.signIn(max, { email: EMAIL, password: PASSWORD });
    const report = await manage.codeReport(max, { groupBy: 'code', limit: 50, offset: 0 });
    expect(report.ok && report.value.rows.length).toBeGreaterThan(0);
    const overuse = await manage.overuseReport(max, { limit: 50, offset: 0 });
    expect(overuse).toMatchObject({ ok: true, value: { rows: [] } });
    const csv = await manage.exportCsv(max, { groupBy: 'parent' });
    if (!csv.ok) throw new Error(csv.message);
    expect(csv.value.split(/\r?\n/)[0]).toBe(
      'code,type,value,limit,redemptions,remaining,total discount,currency,first use,last use,status',
    );
  });

  it('passes the server validation sentence on for a request the server refuses', async () => {
    const manage = service();
    const max = actor('max');
    await manage.signIn(max, { email: EMAIL, password: PASSWORD });
    const result = await manage.createCode(max, {
      code: {
        code: 'has space',
        name: 'Bad',
        description: '',
        isParent: false,
        benefit: { type: 'percentage', percent: 100 },
        rules: {},
      },
    });
    expect(result).toMatchObject({ ok: false, reason: 'INVALID_CODE_FORMAT' });
  });

  describe('through the terminal core', () => {
    let pos: TestTerminal;
    beforeAll(async () => {
      pos = await startTestTerminal({ serverUrl: server.url });
    });
    afterAll(() => pos.close());

    it('refuses a seller every manage channel in main, before the server is asked', async () => {
      await pos.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
      expect(await pos.call(c.manage.signIn, { email: EMAIL, password: PASSWORD })).toMatchObject({
        ok: false,
        reason: 'FORBIDDEN',
      });
      expect(await pos.call(c.manage.listCodes, {})).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
      expect(await pos.call(c.manage.exportCsv, {})).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
      expect(await pos.call(c.manage.searchCatalogue, { q: 'a' })).toMatchObject({
        ok: false,
        reason: 'FORBIDDEN',
      });
      await pos.must(c.staff.signOut);
    });

    it('lets a supervisor read reports but not manage codes', async () => {
      await pos.must(c.staff.signIn, { staffId: 'staff-sue', pin: '5937' });
      await pos.must(c.manage.signIn, { email: EMAIL, password: PASSWORD });
      expect(await pos.call(c.manage.codeReport, {})).toMatchObject({ ok: true });
      expect(await pos.call(c.manage.listCodes, {})).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
      expect(
        await pos.call(c.manage.codeVersions, { id: '00000000-0000-7000-8000-000000000001' }),
      ).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
      await pos.must(c.staff.signOut);
    });

    it('forgets the server session when the staff member signs out', async () => {
      await pos.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
      await pos.must(c.manage.signIn, { email: EMAIL, password: PASSWORD });
      expect(await pos.call(c.manage.listCodes, {})).toMatchObject({ ok: true });
      expect(await pos.call(c.manage.searchCatalogue, { kind: 'event', q: 'macbeth' })).toMatchObject({
        ok: true,
        value: { items: [{ kind: 'event', label: 'Macbeth' }] },
      });
      await pos.must(c.staff.signOut);
      await pos.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
      expect(await pos.must(c.manage.session)).toMatchObject({ signedIn: false });
      expect(await pos.call(c.manage.listCodes, {})).toMatchObject({
        ok: false,
        reason: 'SERVER_SIGN_IN_REQUIRED',
      });
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../../shared/customers/schema';
import type { Page } from '../../../shared/server-api/page';
import { versionConflictMessage } from '../../../shared/server-api/version-conflict';
import {
  apiClient,
  seedOrganisation,
  signInAs,
  type ApiClient,
  type SeededOrganisation,
} from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { enrol, seedHall } from '../../helpers/sync-server';

// The customer store (docs/CUSTOMERS.md): who may search, create and edit, the sentences bad input
// gets, version conflicts, one customer per e-mail address, the audit log, and what a search finds.

interface Refusal {
  ok: false;
  reason: string;
  message: string;
}

const NOW = '2026-03-01T10:00:00.000Z';

describe.each(backends)('customers (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let seller: ApiClient;
  let supervisor: ApiClient;
  let terminal: ApiClient;
  let other: SeededOrganisation;

  const create = (api: ApiClient, body: Record<string, unknown>) =>
    api.post<Customer & Refusal>('/v1/customers', body);
  const search = async (q: string, api: ApiClient = org.api) =>
    (await api.get<Page<Customer>>(`/v1/customers?q=${encodeURIComponent(q)}&limit=20`)).body;
  const names = async (q: string) => (await search(q)).items.map((c) => c.name);

  beforeAll(async () => {
    server = await startTestServer(backend, { now: () => new Date(NOW) });
    org = await seedOrganisation(server.database.db, server.url, 'Customers');
    other = await seedOrganisation(server.database.db, server.url, 'Elsewhere');
    seller = (await signInAs(org.api, server.url, 'seller')).api;
    supervisor = (await signInAs(org.api, server.url, 'supervisor')).api;
    const hall = await seedHall(org);
    terminal = apiClient(server.url, (await enrol(org, server.url, hall.venueId)).deviceToken);
    for (const c of [
      { name: 'Anna Müller', email: 'anna.mueller@example.org', phone: '+49 30 1234-5678' },
      { name: 'Johann Schmidt', email: 'js@example.org', phone: '(040) 55 66 77' },
      { name: 'Annabel Lee', email: 'poe@example.com' },
      { name: 'Bert Annan', phone: '0171 9988776' },
      { name: 'Carla Mueller-Lüdenscheidt', email: 'carla@ml.example' },
    ]) {
      expect((await create(org.api, c)).status).toBe(201);
    }
  });
  afterAll(async () => {
    await server.close();
  });

  it('creates a customer with consent, groups and notes, and reads it back', async () => {
    const made = await create(org.api, {
      name: '  Dora Diaz ',
      email: 'dora@example.org',
      phone: '+34 600 111 222',
      groups: ['Friends', ' Students ', 'Friends'],
      emailConsent: true,
      notes: 'Prefers aisle seats',
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      name: 'Dora Diaz',
      email: 'dora@example.org',
      phone: '+34 600 111 222',
      groups: ['Friends', 'Students'],
      emailConsent: true,
      emailConsentAt: NOW,
      notes: 'Prefers aisle seats',
      version: 1,
    });
    const read = await org.api.get<Customer>(`/v1/customers/${made.body.id}`);
    expect(read.body).toEqual(made.body);
    // Another organisation never sees it.
    expect((await other.api.get(`/v1/customers/${made.body.id}`)).status).toBe(404);
    expect((await search('Dora', other.api)).items).toEqual([]);
  });

  it('lets a terminal and a seller search, read and create, but only customers.manage edit', async () => {
    const atTill = await create(terminal, { name: 'Till Walk-in', phone: '0301 777' });
    expect(atTill.status).toBe(201);
    expect((await create(seller, { name: 'Seller Walk-in' })).status).toBe(201);
    expect((await search('Walk-in', terminal)).items.map((c) => c.name)).toEqual([
      'Seller Walk-in',
      'Till Walk-in',
    ]);
    expect((await terminal.get(`/v1/customers/${atTill.body.id}`)).status).toBe(200);

    for (const api of [terminal, seller, supervisor]) {
      const refused = await api.patch<Refusal>(`/v1/customers/${atTill.body.id}`, { name: 'Changed' });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/needs customers\.manage/);
    }
    // A role with neither permission cannot even search.
    expect(
      (
        await org.api.post('/v1/roles', {
          id: 'door',
          name: 'Door',
          permissions: ['tickets.check'],
          customDiscountCeiling: { percent: 0, amount: 0 },
        })
      ).status,
    ).toBe(201);
    const door = (await signInAs(org.api, server.url, 'door')).api;
    expect((await door.get('/v1/customers?q=Till')).status).toBe(403);
    expect((await create(door, { name: 'Nobody' })).status).toBe(403);
    expect((await apiClient(server.url).get('/v1/customers')).status).toBe(401);

    const edited = await org.api.patch<Customer>(`/v1/customers/${atTill.body.id}`, { name: 'Till Regular' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'Till Regular', phone: '0301 777', version: 2 });
  });

  it('answers bad input with a sentence and saves nothing', async () => {
    const before = (await search('')).total;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ name: '   ' }, /name is empty: type the customer’s name/],
      [{ name: 'X', email: 'not-an-address' }, /e-mail address such as anna@example\.org/],
      [{ name: 'X', phone: 'call me' }, /a phone number is digits, spaces and \+ - \( \) only/],
      [{ name: 'X', groups: [''] }, /groups/],
      [{ name: 'X', vip: true }, /vip/],
    ];
    for (const [body, sentence] of cases) {
      const refused = await create(org.api, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.message).toMatch(sentence);
    }
    const noAddress = await create(org.api, { name: 'Eve', emailConsent: true });
    expect(noAddress.status).toBe(400);
    expect(noAddress.body).toMatchObject({
      reason: 'CONSENT_NEEDS_EMAIL',
      message: 'E-mail consent needs an e-mail address: add the address, or untick the consent.',
    });
    expect((await search('')).total).toBe(before);
  });

  it('keeps one customer per e-mail address, in any capitalisation, naming who has it', async () => {
    const twin = await create(org.api, { name: 'Anna M.', email: 'ANNA.Mueller@Example.org' });
    expect(twin.status).toBe(409);
    expect(twin.body).toMatchObject({
      reason: 'DUPLICATE_EMAIL',
      message:
        'Anna Müller already has the e-mail address ANNA.Mueller@Example.org: open that customer instead, or use another address.',
    });
    const [bert] = (await search('Bert')).items;
    const taken = await org.api.patch<Refusal>(`/v1/customers/${bert?.id}`, {
      email: 'js@example.org',
      name: 'Bert A.',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toMatch(/^Johann Schmidt already has the e-mail address js@example\.org/);
    // Nothing of the refused edit was saved.
    expect((await org.api.get<Customer>(`/v1/customers/${bert?.id}`)).body).toMatchObject({
      name: 'Bert Annan',
      email: null,
      version: 1,
    });
    // The same address in another organisation is another customer.
    expect((await create(other.api, { name: 'Anna', email: 'anna.mueller@example.org' })).status).toBe(201);
  });

  it('refuses a stale edit and keeps the newer one; consent withdrawn clears its time', async () => {
    const made = await create(org.api, { name: 'Fay', email: 'fay@example.org', emailConsent: true });
    const first = await org.api.patch<Customer>(`/v1/customers/${made.body.id}`, {
      emailConsent: false,
      expectedVersion: 1,
    });
    expect(first.body).toMatchObject({ emailConsent: false, emailConsentAt: null, version: 2 });
    const stale = await org.api.patch<Refusal>(`/v1/customers/${made.body.id}`, {
      name: 'Fay Old',
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual({
      ok: false,
      reason: 'VERSION_CONFLICT',
      message: versionConflictMessage('customer', 2),
    });
    expect((await org.api.get<Customer>(`/v1/customers/${made.body.id}`)).body.name).toBe('Fay');
    // Clearing the address while consent stands is refused; clearing both goes through.
    const again = await org.api.patch<Customer>(`/v1/customers/${made.body.id}`, { emailConsent: true });
    expect(again.body.emailConsentAt).toBe(NOW);
    expect((await org.api.patch(`/v1/customers/${made.body.id}`, { email: null })).status).toBe(400);
    const cleared = await org.api.patch<Customer>(`/v1/customers/${made.body.id}`, {
      email: null,
      emailConsent: false,
    });
    expect(cleared.body).toMatchObject({ email: null, emailConsent: false, version: 4 });
  });

  it('records creates and updates in the audit log, notes by mention only', async () => {
    const made = await create(org.api, { name: 'Gus', notes: 'Uses a wheelchair' });
    await org.api.patch(`/v1/customers/${made.body.id}`, { name: 'Gus G.', notes: 'Row A only' });
    const log = await org.api.get<{
      rows: { action: string; before: unknown; after: unknown; summary: string }[];
    }>(`/v1/audit?entityKind=customer&entityId=${made.body.id}`);
    expect(log.body.rows.map((e) => e.action).sort()).toEqual(['customer.create', 'customer.update']);
    const update = log.body.rows.find((e) => e.action === 'customer.update');
    expect(update).toMatchObject({
      before: { name: 'Gus' },
      after: { name: 'Gus G.' },
      summary: 'notes changed',
    });
    expect(JSON.stringify(log.body.rows)).not.toMatch(/wheelchair|Row A/);
  });

  it('finds customers by name prefix, part of a surname, e-mail and phone digits, best first', async () => {
    // Names that start with the search first, then any that hold it.
    expect(await names('ann')).toEqual(['Anna Müller', 'Annabel Lee', 'Bert Annan', 'Johann Schmidt']);
    // Short words match at the start of a word only: "an" finds neither Johann nor Carla's "Lüdenscheidt".
    expect(await names('an')).toEqual(['Anna Müller', 'Annabel Lee', 'Bert Annan']);
    expect(await names('üller')).toEqual(['Anna Müller']);
    expect(await names('MÜLL')).toEqual(['Anna Müller']);
    expect(await names('mueller')).toEqual(['Anna Müller', 'Carla Mueller-Lüdenscheidt']);
    expect(await names('müller anna')).toEqual(['Anna Müller']);
    expect(await names('poe@example')).toEqual(['Annabel Lee']);
    expect(await names('js@example.org')).toEqual(['Johann Schmidt']);
    // Phone digits however they were typed, and however they are searched.
    expect(await names('30 1234 5678')).toEqual(['Anna Müller']);
    expect(await names('1234-56')).toEqual(['Anna Müller']);
    expect(await names('556677')).toEqual(['Johann Schmidt']);
    expect(await names('(0171) 99')).toEqual(['Bert Annan']);
    // Wildcards are literal; a search with nothing in common finds nobody.
    expect(await names('%')).toEqual([]);
    expect(await names('_nna')).toEqual([]);
    expect(await names('Zebedee')).toEqual([]);
    expect((await search('ann')).total).toBe(4);
  });

  it('pages the list by name with its total', async () => {
    const first = (await org.api.get<Page<Customer>>('/v1/customers?limit=2')).body;
    const second = (await org.api.get<Page<Customer>>('/v1/customers?limit=2&offset=2')).body;
    expect(first.items.map((c) => c.name)).toEqual(['Anna Müller', 'Annabel Lee']);
    expect(second.items.map((c) => c.name)).toEqual(['Bert Annan', 'Carla Mueller-Lüdenscheidt']);
    expect(first.total).toBe(second.total);
    // A page past the end is empty and still says how many there are.
    const past = (await org.api.get<Page<Customer>>('/v1/customers?limit=2&offset=1000')).body;
    expect(past).toMatchObject({ items: [], total: first.total });
    expect((await org.api.get<Page<Customer>>('/v1/customers?q=Zebedee')).body.total).toBe(0);
    expect(first.total).toBeGreaterThan(8);
  });
});

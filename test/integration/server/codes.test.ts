import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_ALPHABET } from '../../../src-server/services/generation-service';
import { seedOrganisation, waitFor, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';

interface Code {
  id: string;
  code: string;
  name: string;
  version: number;
  status: string;
  lifecycle: string;
  rules: Record<string, unknown>;
  benefit: Record<string, unknown>;
  parentId: string | null;
  usage: { uses: number };
}

const percent = (p: number) => ({ type: 'percentage', percent: p });

describe.each(backends)('codes admin API (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;

  const create = (body: Record<string, unknown>) => org.api.post<Code>('/v1/codes', body);
  const redeem = (code: string, extra: Record<string, unknown> = {}) =>
    org.api.post('/v1/redemptions', {
      id: randomUUID(),
      orderId: randomUUID(),
      code,
      tickets: 1,
      discount: 100,
      revenue: 900,
      currency: 'EUR',
      ...extra,
    });

  beforeAll(async () => {
    server = await startTestServer(backend);
    org = await seedOrganisation(server.database.db, server.url);
  });
  afterAll(async () => {
    await server.close();
  });

  it('creates a code with its string normalised and reads it back', async () => {
    const created = await create({
      code: ' spring10 ',
      name: 'Spring',
      benefit: percent(1000),
      rules: { maxUses: 5 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'SPRING10',
      version: 1,
      status: 'active',
      lifecycle: 'active',
    });
    const read = await org.api.get<Code>(`/v1/codes/${created.body.id}`);
    expect(read.body).toEqual(created.body);
  });

  it('refuses a duplicate code in any letter case with 409 and saves nothing', async () => {
    await create({ code: 'DUPE', name: 'one', benefit: percent(100) });
    const again = await create({ code: 'dupe', name: 'two', benefit: percent(200) });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ ok: false, reason: 'DUPLICATE_CODE' });
    const list = await org.api.get<{ items: Code[] }>('/v1/codes?q=dupe');
    expect(list.body.items.map((c) => c.name)).toEqual(['one']);
  });

  it('refuses an invalid code string with a clear message', async () => {
    const reply = await create({ code: 'has space', name: 'x', benefit: percent(100) });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ ok: false, reason: 'INVALID_CODE_FORMAT' });
    expect(String((reply.body as unknown as { message: string }).message).length).toBeGreaterThan(10);
  });

  it('lets an active code only extend its end and raise its limit', async () => {
    const code = await create({
      code: 'ACTIVE1',
      name: 'Active',
      benefit: percent(1000),
      rules: { maxUses: 10, validTo: '2099-01-01T00:00:00Z' },
    });
    const changeBenefit = await org.api.patch(`/v1/codes/${code.body.id}`, { benefit: percent(5000) });
    expect(changeBenefit.status).toBe(409);
    expect(changeBenefit.body).toMatchObject({ reason: 'CODE_ACTIVE' });
    const shorten = await org.api.patch(`/v1/codes/${code.body.id}`, {
      rules: { maxUses: 10, validTo: '2098-01-01T00:00:00Z' },
    });
    expect(shorten.status).toBe(409);
    const lower = await org.api.patch(`/v1/codes/${code.body.id}`, {
      rules: { maxUses: 5, validTo: '2099-01-01T00:00:00Z' },
    });
    expect(lower.status).toBe(409);
    const extend = await org.api.patch<Code>(`/v1/codes/${code.body.id}`, {
      rules: { maxUses: 20, validTo: '2100-01-01T00:00:00Z' },
    });
    expect(extend.status).toBe(200);
    expect(extend.body.rules).toEqual({ maxUses: 20, validTo: '2100-01-01T00:00:00Z' });
    expect(extend.body.version).toBe(2);
  });

  it('refuses a limit below current use', async () => {
    const code = await create({ code: 'USED3', name: 'Used', benefit: percent(1000), rules: { maxUses: 5 } });
    for (let i = 0; i < 3; i++) expect((await redeem('USED3')).status).toBe(201);
    await org.api.post(`/v1/codes/${code.body.id}/disable`);
    const reply = await org.api.patch(`/v1/codes/${code.body.id}`, { rules: { maxUses: 2 } });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ reason: 'LIMIT_BELOW_USE' });
    expect((await org.api.get<Code>(`/v1/codes/${code.body.id}`)).body.rules).toEqual({ maxUses: 5 });
  });

  it('makes a new version when the terms of a used code change, and keeps the old one', async () => {
    const code = await create({ code: 'VERSIONED', name: 'V', benefit: percent(1000) });
    const first = await redeem('VERSIONED');
    expect((first.body as { redemption: { codeVersion: number } }).redemption.codeVersion).toBe(1);
    expect((await org.api.post(`/v1/codes/${code.body.id}/disable`)).status).toBe(200);
    const edited = await org.api.patch<Code>(`/v1/codes/${code.body.id}`, { benefit: percent(2000) });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    await org.api.post(`/v1/codes/${code.body.id}/restore`);
    const second = await redeem('VERSIONED');
    expect((second.body as { redemption: { codeVersion: number } }).redemption.codeVersion).toBe(2);
    const versions = await org.api.get<{ version: number; benefit: unknown }[]>(
      `/v1/codes/${code.body.id}/versions`,
    );
    expect(versions.body.map((v) => [v.version, v.benefit])).toEqual([
      [1, percent(1000)],
      [2, percent(2000)],
    ]);
  });

  it('makes a new version for every change of terms, used or not, and none for no change', async () => {
    const code = await create({
      code: 'FRESH',
      name: 'Fresh',
      benefit: percent(1000),
      rules: { validFrom: '2099-01-01T00:00:00Z' },
    });
    expect(code.body.lifecycle).toBe('scheduled');
    const edited = await org.api.patch<Code>(`/v1/codes/${code.body.id}`, { benefit: percent(3000) });
    expect(edited.body).toMatchObject({ version: 2, benefit: percent(3000) });
    const same = await org.api.patch<Code>(`/v1/codes/${code.body.id}`, { benefit: percent(3000) });
    expect(same.body.version).toBe(2);
    const versions = await org.api.get<{ version: number; benefit: unknown; createdByName: string }[]>(
      `/v1/codes/${code.body.id}/versions`,
    );
    expect(versions.body.map((v) => [v.version, v.benefit, v.createdByName])).toEqual([
      [1, percent(1000), 'Org manager'],
      [2, percent(3000), 'Org manager'],
    ]);
  });

  it('refuses an edit made from a stale version with 409 VERSION_CONFLICT and keeps the other change', async () => {
    const code = await create({ code: 'TWOHANDS', name: 'Two hands', benefit: percent(1000) });
    const first = await org.api.patch<Code>(`/v1/codes/${code.body.id}`, {
      name: 'First manager',
      expectedVersion: 1,
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const second = await org.api.patch(`/v1/codes/${code.body.id}`, {
      name: 'Second manager',
      expectedVersion: 1,
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      ok: false,
      reason: 'VERSION_CONFLICT',
      message: expect.stringContaining('now version 2') as unknown,
    });
    const read = await org.api.get<Code>(`/v1/codes/${code.body.id}`);
    expect(read.body).toMatchObject({ name: 'First manager', version: 2 });
    // Without expectedVersion (older clients, scripts) an edit goes through as before.
    const unchecked = await org.api.patch<Code>(`/v1/codes/${code.body.id}`, { name: 'Script' });
    expect(unchecked.body).toMatchObject({ name: 'Script', version: 3 });
    const current = await org.api.patch<Code>(`/v1/codes/${code.body.id}`, {
      name: 'Second manager',
      expectedVersion: 3,
    });
    expect(current.body).toMatchObject({ name: 'Second manager', version: 4 });
  });

  it('soft-deletes an unused code, disables a used one, and restores both', async () => {
    const unused = await create({ code: 'GONE', name: 'g', benefit: percent(100) });
    const used = await create({ code: 'KEPT', name: 'k', benefit: percent(100) });
    await redeem('KEPT');
    const d1 = await org.api.delete<{ outcome: string; code: Code }>(`/v1/codes/${unused.body.id}`);
    expect(d1.body.outcome).toBe('deleted');
    expect(d1.body.code.lifecycle).toBe('deleted');
    const d2 = await org.api.delete<{ outcome: string; code: Code }>(`/v1/codes/${used.body.id}`);
    expect(d2.body.outcome).toBe('disabled');
    expect((await redeem('KEPT')).status).toBe(400);
    const listed = await org.api.get<{ items: Code[] }>('/v1/codes?q=GONE');
    expect(listed.body.items).toEqual([]);
    const deleted = await org.api.get<{ items: Code[] }>('/v1/codes?status=deleted');
    expect(deleted.body.items.map((c) => c.code)).toContain('GONE');
    for (const id of [unused.body.id, used.body.id]) {
      const restored = await org.api.post<Code>(`/v1/codes/${id}/restore`);
      expect(restored.body.lifecycle).toBe('active');
    }
    expect((await redeem('KEPT')).status).toBe(201);
  });

  it('leaves a deleted parent’s children out of the list and its count, and lists them as deleted', async () => {
    const parent = await create({ code: 'ATTIC', name: 'Attic', isParent: true, benefit: percent(500) });
    const job = await org.api.post<{ id: string }>(`/v1/codes/${parent.body.id}/children`, {
      count: 3,
      prefix: 'attic-',
      length: 6,
    });
    await waitFor(async () => {
      const j = await org.api.get<{ status: string }>(`/v1/generation-jobs/${job.body.id}`);
      return j.body.status === 'done' ? true : undefined;
    });
    const live = await org.api.get<{ total: number }>(`/v1/codes?parentId=${parent.body.id}`);
    expect(live.body.total).toBe(3);
    expect((await org.api.delete<{ outcome: string }>(`/v1/codes/${parent.body.id}`)).body.outcome).toBe(
      'deleted',
    );
    const hidden = await org.api.get<{ items: Code[]; total: number }>(
      `/v1/codes?parentId=${parent.body.id}`,
    );
    expect(hidden.body).toMatchObject({ items: [], total: 0 });
    const gone = await org.api.get<{ items: Code[]; total: number }>(
      `/v1/codes?parentId=${parent.body.id}&status=deleted`,
    );
    expect(gone.body.total).toBe(3);
    expect(gone.body.items.every((c) => c.lifecycle === 'deleted')).toBe(true);
    const all = await org.api.get<{ total: number }>(
      `/v1/codes?parentId=${parent.body.id}&includeDeleted=true`,
    );
    expect(all.body.total).toBe(3);
  });

  it('refuses to change the code string and unknown fields', async () => {
    const code = await create({ code: 'FIXED', name: 'f', benefit: percent(100) });
    const reply = await org.api.patch(`/v1/codes/${code.body.id}`, { code: 'OTHER' });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ reason: 'VALIDATION_FAILED' });
    expect((await org.api.get<Code>(`/v1/codes/${code.body.id}`)).body.code).toBe('FIXED');
  });

  it('generates unique child codes in the background and reports progress', async () => {
    const parent = await create({
      code: 'GALA-PARENT',
      name: 'Gala',
      isParent: true,
      benefit: percent(1500),
      rules: { maxUses: 1, targets: [{ by: 'category', id: 'opera' }] },
    });
    const job = await org.api.post<{ id: string; status: string }>(`/v1/codes/${parent.body.id}/children`, {
      count: 5000,
      prefix: 'gala-',
      length: 8,
    });
    expect(job.status).toBe(202);
    const done = await waitFor(async () => {
      const j = await org.api.get<{ status: string; generated: number; requested: number }>(
        `/v1/generation-jobs/${job.body.id}`,
      );
      return j.body.status === 'done' ? j.body : undefined;
    });
    expect(done).toMatchObject({ generated: 5000, requested: 5000 });
    const children = await org.api.get<{ items: Code[]; total: number }>(
      `/v1/codes?parentId=${parent.body.id}&limit=1000`,
    );
    expect(children.body.total).toBe(5000);
    const pattern = new RegExp(`^GALA-[${CODE_ALPHABET}]{8}$`);
    for (const child of children.body.items) {
      expect(child.code).toMatch(pattern);
      expect(child.benefit).toEqual(percent(1500));
    }
    // The parent itself is never usable; a child is, once.
    expect((await redeem('GALA-PARENT')).status).toBe(400);
    const child = children.body.items[0] as Code;
    expect((await redeem(child.code)).status).toBe(201);
    const second = await redeem(child.code);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ reason: 'MAX_USES' });
    // Filters: generated, category, partial text, and pagination.
    const page = await org.api.get<{ items: Code[]; total: number }>(
      `/v1/codes?kind=generated&category=opera&limit=10&offset=10`,
    );
    expect(page.body.items).toHaveLength(10);
    expect(page.body.total).toBe(5000);
    const exhausted = await org.api.get<{ items: Code[] }>(
      `/v1/codes?status=exhausted&parentId=${parent.body.id}`,
    );
    expect(exhausted.body.items.map((c) => c.code)).toEqual([child.code]);
    // Parents and single codes without the children; a search by name finds the parent only.
    const top = await org.api.get<{ items: Code[]; total: number }>('/v1/codes?kind=top&limit=1000');
    expect(top.body.items.some((c) => c.code === 'GALA-PARENT')).toBe(true);
    expect(top.body.items.every((c) => c.parentId === null)).toBe(true);
    expect(top.body.total).toBeLessThan(5000);
    const byName = await org.api.get<{ items: Code[] }>('/v1/codes?q=gala&kind=top');
    expect(byName.body.items.map((c) => c.code)).toEqual(['GALA-PARENT']);
  });

  it('lets an edit to a parent reach its children, and refuses editing a child directly', async () => {
    const parent = await create({
      code: 'TPL',
      name: 'Template',
      isParent: true,
      benefit: percent(1000),
      rules: { maxUses: 1 },
    });
    const job = await org.api.post<{ id: string }>(`/v1/codes/${parent.body.id}/children`, { count: 3 });
    await waitFor(async () => {
      const j = await org.api.get<{ status: string }>(`/v1/generation-jobs/${job.body.id}`);
      return j.body.status === 'done' ? true : undefined;
    });
    const edited = await org.api.patch(`/v1/codes/${parent.body.id}`, {
      name: 'Template v2',
      rules: { maxUses: 3 },
    });
    expect(edited.status).toBe(200);
    const children = await org.api.get<{ items: Code[] }>(`/v1/codes?parentId=${parent.body.id}`);
    expect(children.body.items).toHaveLength(3);
    for (const child of children.body.items) {
      expect(child.name).toBe('Template v2');
      expect(child.rules).toEqual({ maxUses: 3 });
    }
    const direct = await org.api.patch(`/v1/codes/${children.body.items[0]?.id}`, { name: 'mine' });
    expect(direct.status).toBe(400);
    expect(direct.body).toMatchObject({ reason: 'EDIT_THE_PARENT' });
    // Disabling the parent disables every child.
    await org.api.post(`/v1/codes/${parent.body.id}/disable`);
    const disabled = await org.api.get<{ items: Code[] }>(
      `/v1/codes?parentId=${parent.body.id}&status=disabled`,
    );
    expect(disabled.body.items).toHaveLength(3);
  });

  it('refuses a batch above 100,000 and generation from a code that is not a parent', async () => {
    const parent = await create({ code: 'BIGP', name: 'b', isParent: true, benefit: percent(100) });
    const tooMany = await org.api.post(`/v1/codes/${parent.body.id}/children`, { count: 100_001 });
    expect(tooMany.status).toBe(400);
    const plain = await create({ code: 'PLAIN', name: 'p', benefit: percent(100) });
    const notParent = await org.api.post(`/v1/codes/${plain.body.id}/children`, { count: 10 });
    expect(notParent.status).toBe(400);
    expect(notParent.body).toMatchObject({ reason: 'NOT_A_PARENT' });
  });

  it('reports a job whose server process died as failed, with what it made', async () => {
    const parent = await create({ code: 'ORPHANP', name: 'o', isParent: true, benefit: percent(100) });
    const jobId = randomUUID();
    await server.database.db.query(
      `INSERT INTO generation_jobs (id, org_id, parent_id, requested, length, generated, status, heartbeat_at)
       VALUES ($1, $2, $3, 1000, 10, 400, 'running', now() - interval '10 minutes')`,
      [jobId, org.organisationId, parent.body.id],
    );
    const job = await org.api.get<{ status: string; error: string }>(`/v1/generation-jobs/${jobId}`);
    expect(job.body.status).toBe('failed');
    expect(job.body.error).toContain('400');
  });

  it('filters by auto-apply', async () => {
    await create({ code: 'AUTO1', name: 'a', benefit: percent(100), autoApply: { priority: 1 } });
    const auto = await org.api.get<{ items: Code[] }>('/v1/codes?autoApply=true');
    expect(auto.body.items.map((c) => c.code)).toEqual(['AUTO1']);
  });
});

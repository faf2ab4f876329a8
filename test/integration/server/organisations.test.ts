import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';

const OPERATOR_TOKEN = 'operator-token-for-tests-0123456789';

describe.each(backends)('organisations (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend, { operatorToken: OPERATOR_TOKEN });
  });
  afterAll(async () => {
    await server.close();
  });

  const org = (name: string) => ({
    organisationName: name,
    managerName: `${name} manager`,
    email: `${name.toLowerCase()}@example.test`,
    password: 'a long enough password',
  });

  it('sets up the first organisation once, and its manager can sign in', async () => {
    const anon = apiClient(server.url);
    const first = await anon.post<{ organisationId: string }>('/v1/setup', org('First'));
    expect(first.status).toBe(201);
    const login = await anon.post<{ token: string; organisationId: string }>('/v1/auth/login', {
      email: 'FIRST@example.test',
      password: 'a long enough password',
    });
    expect(login.status).toBe(200);
    expect(login.body.organisationId).toBe(first.body.organisationId);
    const again = await anon.post('/v1/setup', org('Second'));
    expect(again.status).toBe(409);
  });

  it('creates further organisations only with the operator token', async () => {
    expect((await apiClient(server.url).post('/v1/organisations', org('Nope'))).status).toBe(401);
    const wrong = await apiClient(server.url, 'operator-token-for-tests-9876543210').post(
      '/v1/organisations',
      org('Nope'),
    );
    expect(wrong.status).toBe(401);
    const created = await apiClient(server.url, OPERATOR_TOKEN).post('/v1/organisations', org('Other'));
    expect(created.status).toBe(201);
    // An address is unique per organisation only (docs/SECURITY.md): the same manager address makes a
    // second organisation, and signing in with it then asks which one.
    const same = await apiClient(server.url, OPERATOR_TOKEN).post('/v1/organisations', org('Other'));
    expect(same.status).toBe(201);
    const login = await apiClient(server.url).post('/v1/auth/login', {
      email: org('Other').email,
      password: org('Other').password,
    });
    expect(login.status).toBe(409);
    expect(login.body).toMatchObject({ reason: 'ORGANISATION_REQUIRED' });
  });
});

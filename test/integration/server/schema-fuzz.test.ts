import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { RouteEntry } from '../../../src-server/routes/route-table';
import { pathFor, seedWorld, type SeededWorld } from '../../helpers/route-fixture';
import { apiClient } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { enrol } from '../../helpers/sync-server';
import { assertInvariants } from '../../helpers/server-invariants';
import { arbitraryFor } from '../../helpers/zod-arbitrary';

// Schema fuzz of every server route, generated from the route table's zod schemas (params, query,
// body): mostly valid requests aimed at a seeded organisation's real rows, so they reach the services,
// with near misses mixed in (NUL, lone surrogates, 2^53, wrong types, extra keys, deep nesting). Every
// answer must be below 500 and the server must go on answering; afterwards the database's invariants
// must hold (nothing half-saved). A new route is fuzzed without anyone listing it.
//
// Deterministic by default. For a deeper local probe raise the runs or change the seed:
//   FUZZ_RUNS=500 FUZZ_SEED=123 DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//     npx vitest run test/integration/server/schema-fuzz.test.ts
// A failure names the route, the seed and fast-check's shrunk counterexample: rerun with that seed.

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_205);
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const OPERATOR_TOKEN = 'operator-token-for-the-schema-fuzz-0123456789';

/**
 * Fields held down for speed only, not correctness: a child-code batch of 100 000 is valid and is
 * covered by the generation tests, but dozens of them would take minutes in the background here.
 */
const CHEAPER: Record<string, (body: Record<string, unknown>) => void> = {
  'POST /v1/codes/:id/children': (body) => {
    if (typeof body.count === 'number' && body.count > 50) body.count = 50;
  },
};

/**
 * Known failures found by this fuzz whose fix belongs to another part of the security work: each is
 * reported, not fixed here, and is fuzzed in an `it.fails` of its own until the fix is merged (then
 * that test fails, and the entry is removed).
 */
const KNOWN: Record<string, string> = {};

interface Request {
  path: string;
  query?: Record<string, unknown>;
  body?: unknown;
}

const key = (r: Pick<RouteEntry, 'method' | 'url'>) => `${r.method} ${r.url}`;

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query || typeof query !== 'object' || Array.isArray(query)) return '';
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const text = asText(value);
    pairs.push(`${percentEncode(name)}=${percentEncode(text)}`);
  }
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/** A generated value as it goes into a URL: strings as they are, anything else as JSON. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

/** encodeURIComponent, but a lone surrogate goes out as its WTF-8 bytes instead of throwing. */
function percentEncode(value: string): string {
  return value.replace(/[\s\S]/gu, (char) => {
    const unit = char.charCodeAt(0);
    if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    }
    return encodeURIComponent(char);
  });
}

/** Requests for `route`: real path ids mostly, real references in the body often. */
function requests(route: RouteEntry, world: SeededWorld): fc.Arbitrary<Request> {
  const schema = route.schema ?? {};
  const realPath = fc.constant(null).map(() => pathFor(route, world));
  const params = schema.params as z.ZodType | undefined;
  const generatedPath = params
    ? arbitraryFor(params).map((p) => {
        const values = p && typeof p === 'object' ? (p as Record<string, unknown>) : {};
        return route.url.replace(/:([A-Za-z_]+)/g, (_, name: string) =>
          percentEncode(asText(values[name] ?? '')),
        );
      })
    : realPath;
  const path = fc.oneof({ weight: 4, arbitrary: realPath }, { weight: 1, arbitrary: generatedPath });
  const query = schema.querystring
    ? arbitraryFor(schema.querystring as z.ZodType).map((q) => q as Record<string, unknown>)
    : fc.constant(undefined);
  const body = schema.body
    ? fc.tuple(arbitraryFor(schema.body as z.ZodType), fc.boolean()).map(([value, aim]) => {
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          const fields = value as Record<string, unknown>;
          if (aim) for (const f of Object.keys(fields)) if (f in world.anchors) fields[f] = world.anchors[f];
          CHEAPER[key(route)]?.(fields);
        }
        return value;
      })
    : fc.constant(undefined);
  return fc.record({ path, query, body });
}

describe.each(backends)('schema fuzz of every server route (%s)', (backend) => {
  let server: TestServer;
  let world: SeededWorld;

  beforeAll(async () => {
    server = await startTestServer(backend, { operatorToken: OPERATOR_TOKEN });
    world = await seedWorld(server, 'Fuzz');
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  /**
   * The fuzz may log the manager out, revoke the terminal or make the server think it was restored
   * from a backup: fresh tokens before each route, and a freshly enrolled terminal for terminal routes.
   */
  async function refreshTokens(route: RouteEntry): Promise<void> {
    if ((await apiClient(server.url, world.token).get('/v1/auth/me')).status !== 200) {
      const login = await apiClient(server.url).post<{ token: string }>('/v1/auth/login', {
        email: world.email,
        password: world.password,
      });
      expect(login.status, `the manager cannot sign in again: ${login.text}`).toBe(200);
      world.token = login.body.token;
    }
    const forTerminal = route.access?.principals.includes('terminal') ?? false;
    if (forTerminal || (await world.terminal.api.get('/v1/auth/me')).status !== 200) {
      const reg = await enrol(
        { ...world, api: apiClient(server.url, world.token) },
        server.url,
        world.ids.venues,
      );
      world.terminal = { ...reg, id: reg.terminalId, api: apiClient(server.url, reg.deviceToken) };
      world.anchors.terminalId = reg.terminalId;
      world.anchors.epoch = reg.epoch;
      world.ids.terminals = reg.terminalId;
    }
  }

  function tokenFor(route: RouteEntry): string | undefined {
    const principals = route.access?.principals ?? [];
    if (principals.includes('staff')) return world.token;
    if (principals.includes('terminal')) return world.terminal.deviceToken;
    if (principals.includes('operator')) return OPERATOR_TOKEN;
    return undefined;
  }

  async function send(route: RouteEntry, request: Request) {
    const token = tokenFor(route);
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    let body: string | undefined;
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.body);
    }
    const response = await fetch(`${server.url}${request.path}${queryString(request.query)}`, {
      method: route.method,
      headers,
      body,
    });
    return { status: response.status, text: await response.text() };
  }

  /** Fuzzes one route; answers what failed (route, seed, counterexample), nothing when all held. */
  async function fuzz(route: RouteEntry, seed: number): Promise<string | undefined> {
    await refreshTokens(route);
    const property = fc.asyncProperty(requests(route, world), async (request) => {
      const answer = await send(route, request);
      if (answer.status < 300) reached.add(key(route));
      const seen = answers.get(key(route)) ?? new Map<string, number>();
      const label = `${answer.status} ${/"reason":"([A-Z_]+)"/.exec(answer.text)?.[1] ?? ''}`.trim();
      seen.set(label, (seen.get(label) ?? 0) + 1);
      answers.set(key(route), seen);
      if (answer.status >= 500) {
        throw new Error(`${answer.status} ${answer.text.slice(0, 300)}`);
      }
      // Every refusal in the one shape clients understand, with a reason and a message.
      if (answer.status >= 400 && !/^\{"ok":false,"reason":"[A-Z_]+","message":"[^"]/.test(answer.text)) {
        throw new Error(
          `${answer.status} not in the {ok, reason, message} shape: ${answer.text.slice(0, 300)}`,
        );
      }
    });
    const details = await fc.check(property, { seed, numRuns: RUNS, endOnFailure: false });
    const health = await fetch(`${server.url}/health`);
    expect(health.status, `the server stopped answering after ${key(route)}`).toBe(200);
    if (!details.failed) return undefined;
    return `${key(route)} (seed ${seed}): ${JSON.stringify(details.counterexample)?.slice(0, 600)} → ${
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)
    }`;
  }

  const seedOf = (index: number) => SEED + index;
  /** Routes that answered 2xx at least once: the fuzz got past validation into the service. */
  const reached = new Set<string>();
  /** Per route, how often each status and reason came back: where the fuzz stopped short. */
  const answers = new Map<string, Map<string, number>>();

  it(`answers ${RUNS} generated requests per route below 500, then the invariants hold`, async () => {
    const failures: string[] = [];
    const routes = server.app.routeTable;
    let fuzzed = 0;
    for (const [index, route] of routes.entries()) {
      if (route.url === '/openapi.json' || key(route) in KNOWN) continue;
      const failure = await fuzz(route, seedOf(index));
      if (failure) failures.push(failure);
      fuzzed++;
    }
    expect(fuzzed).toBeGreaterThan(40);
    const missed = routes.map(key).filter((name) => !reached.has(name) && !(name in KNOWN));
    console.info(
      `schema fuzz (${backend}): ${reached.size} of ${fuzzed} routes answered 2xx; never: ${missed
        .map((name) => `${name} (${[...(answers.get(name) ?? [])].map(([l, n]) => `${l}×${n}`).join(' ')})`)
        .join(', ')}`,
    );
    expect(failures, `seed ${SEED}, ${RUNS} runs per route`).toEqual([]);
    await assertInvariants(server.database.db);
  }, 600_000);

  for (const [name, reason] of Object.entries(KNOWN)) {
    it.fails(`(known failure, ${reason}) ${name}`, async () => {
      const index = server.app.routeTable.findIndex((r) => key(r) === name);
      const route = server.app.routeTable[index] as RouteEntry;
      expect(await fuzz(route, seedOf(index))).toBeUndefined();
    });
  }
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { requestSchemas } from '../../../shared/ipc/contract';
import { buildServer } from '../../../src-server/app';
import { BackgroundTasks } from '../../../src-server/context';
import type { Database } from '../../../src-server/db/database';
import type { App } from '../../../src-server/routes/common';
import { arbitraryFor } from '../../helpers/zod-arbitrary';

// The fuzz tests are only as good as their generator: with near misses off it must produce values the
// schema accepts (else every fuzzed request stops at validation and the services go untested), and
// with them on it must also produce values the schema refuses. Checked for every schema the server
// routes and the terminal channels declare, so a new zod kind or check shows up here first.

const SAMPLES = 40;

/** Schemas whose valid values the fuzz tests supply by aiming a field at a seeded row instead. */
const AIMED: Record<string, string> = {
  'POST /v1/leases/acquire body': 'a counter key must name a real code or performance (anchor `counter`)',
  'pos:mail:updateSettings':
    'the SMTP host is a host name or an IP address (a refinement); channel-fuzz aims it at a closed port on 127.0.0.1',
  'POST /v1/performances/run body':
    'a run needs two real days in order and at most two years apart (a refinement across fields)',
};

function rates(schema: z.ZodType, nearMiss: number): { valid: number; invalid: number } {
  const values = fc.sample(arbitraryFor(schema, { nearMiss }), { seed: 1, numRuns: SAMPLES });
  const valid = values.filter((v) => schema.safeParse(v).success).length;
  return { valid, invalid: values.length - valid };
}

describe('zod arbitraries', () => {
  let app: App;
  const schemas: [string, z.ZodType][] = [];

  beforeAll(async () => {
    // Routes are only registered, never called: no database is opened.
    app = await buildServer({
      version: 'test',
      context: { db: {} as Database, now: () => new Date(), background: new BackgroundTasks() },
    });
    for (const route of app.routeTable) {
      for (const part of ['params', 'querystring', 'body'] as const) {
        const schema = route.schema?.[part] as z.ZodType | undefined;
        if (schema) schemas.push([`${route.method} ${route.url} ${part}`, schema]);
      }
    }
    for (const [channel, schema] of Object.entries(requestSchemas)) {
      schemas.push([channel, schema as z.ZodType]);
    }
  });
  afterAll(async () => {
    await app.close();
  });

  it('generates mostly valid values for every route and channel schema with near misses off', () => {
    expect(schemas.length).toBeGreaterThan(100);
    const poor = schemas
      .filter(([name]) => !(name in AIMED))
      .map(([name, schema]) => [name, rates(schema, 0).valid] as const)
      .filter(([, valid]) => valid < SAMPLES / 4);
    // Refinements across fields (validFrom ≤ validTo, one of saleId/refundId/shiftId) cost some
    // values; a schema where fewer than a quarter pass needs its generator taught.
    expect(poor).toEqual([]);
  });

  it('mixes in values the schema refuses when near misses are on', () => {
    const never = schemas.filter(([, schema]) => rates(schema, 1).invalid === 0).map(([name]) => name);
    expect(never).toEqual([]);
  });

  it('names a zod kind it has no generator for', async () => {
    const { z: zod } = await import('zod');
    expect(() => arbitraryFor(zod.bigint())).toThrow(/no generator for zod type bigint/);
  });
});

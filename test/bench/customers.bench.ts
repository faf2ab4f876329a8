import type { Customer } from '../../shared/customers/schema';
import type { Page } from '../../shared/server-api/page';
import type { Queryable } from '../../src-server/db/database';
import { seedOrganisation, type SeededOrganisation } from '../helpers/server-api';
import { startTestServer, type Backend } from '../helpers/server-db';
import { percentile, sample, type BenchSuite } from './harness';

// The customer search (docs/CUSTOMERS.md "Search") over HTTP, as the back office and the till call it:
// 100,000 customers of one organisation, searched by what staff type at a window. The baseline in the
// same run is reading one customer by id over the same HTTP client: the round trip every request pays,
// so the ratio says what the search itself costs.

const CUSTOMERS = 100_000;
const SAMPLED = 20;
const RUNS = 5;

const FIRST = [
  'Anna',
  'Ben',
  'Clara',
  'David',
  'Emma',
  'Felix',
  'Greta',
  'Hannah',
  'Jonas',
  'Julia',
  'Karl',
  'Lena',
  'Lukas',
  'Marie',
  'Max',
  'Mia',
  'Noah',
  'Olivia',
  'Paul',
  'Sophie',
  'Tom',
  'Ute',
  'Vera',
  'Wim',
  'Zoe',
  'Ali',
  'Elif',
  'Jan',
  'Katrin',
  'Leon',
];
const SURNAME_START = [
  'Ham',
  'Hoff',
  'Schm',
  'Wag',
  'Beck',
  'Schul',
  'Kell',
  'Rich',
  'Kl',
  'Wolf',
  'Neu',
  'Schwar',
  'Zimm',
  'Kr',
  'Hart',
  'Lang',
  'Vog',
  'Sto',
  'Berg',
  'Frank',
  'Lor',
  'Brau',
  'Seid',
  'Dietr',
  'Kuhn',
];
const SURNAME_END = [
  'er',
  'mann',
  'idt',
  'ner',
  'ert',
  'ke',
  'el',
  'inger',
  'stein',
  'berg',
  'auer',
  'ow',
  'itz',
  'ler',
  'ing',
  'ard',
];

/** 100,000 customers in one statement, names and numbers spread by n: a store the size the issue names. */
async function fillCustomers(db: Queryable, orgId: string): Promise<void> {
  await db.query(
    `INSERT INTO customers (id, org_id, name, email, phone, groups)
     SELECT gen_random_uuid(), $1, w.first || ' ' || w.last,
       lower(w.first || '.' || w.last || n || '@example.org'),
       '+49 ' || (30 + n % 60) || ' ' || lpad(((n::bigint * 7919) % 10000000)::text, 7, '0'),
       CASE WHEN n % 10 = 0 THEN ARRAY['Members'] ELSE '{}' END
     FROM generate_series(1, $5::int) n,
       LATERAL (SELECT ($2::text[])[1 + (n * 7) % cardinality($2::text[])] AS first,
         ($3::text[])[1 + (n / 7) % cardinality($3::text[])] || ($4::text[])[1 + (n / 3) % cardinality($4::text[])]
           AS last) w`,
    [orgId, FIRST, SURNAME_START, SURNAME_END, CUSTOMERS],
  );
  await db.query('ANALYZE customers');
}

/** What staff type, from customers in the store: a name's start, part of a surname, an address, phone digits. */
function queriesFor(customers: readonly Customer[]): Record<string, string[]> {
  const queries: Record<string, string[]> = {
    'name prefix': [],
    'part of surname': [],
    'e-mail': [],
    'phone digits': [],
  };
  for (const c of customers) {
    const surname = c.name.split(' ')[1] ?? c.name;
    queries['name prefix']?.push(c.name.slice(0, 4));
    queries['part of surname']?.push(surname.slice(1, 5).toLowerCase());
    queries['e-mail']?.push(c.email ?? '');
    queries['phone digits']?.push((c.phone ?? '').replace(/[^0-9]/g, '').slice(-6));
  }
  return queries;
}

async function timed(org: SeededOrganisation, paths: readonly string[]): Promise<number[]> {
  const times: number[] = [];
  for (const path of paths) {
    times.push(
      ...(await sample(
        async () => {
          const reply = await org.api.get(path);
          if (reply.status !== 200) throw new Error(`${path}: ${reply.status} ${reply.text.slice(0, 200)}`);
        },
        RUNS,
        1,
      )),
    );
  }
  return times.sort((a, b) => a - b);
}

export const customersSuite: BenchSuite = {
  name: 'customers',
  async run() {
    const backend: Backend = process.env.DATABASE_URL ? 'postgres' : 'pglite';
    const on = backend === 'postgres' ? 'PostgreSQL' : 'PGlite (set DATABASE_URL for PostgreSQL)';
    const server = await startTestServer(backend);
    try {
      const org = await seedOrganisation(server.database.db, server.url, 'Customer bench');
      const started = performance.now();
      await fillCustomers(server.database.db, org.organisationId);
      const loadSeconds = (performance.now() - started) / 1000;
      const picked: Customer[] = [];
      for (let i = 0; i < SAMPLED; i++) {
        const offset = Math.floor(((i + 0.5) * CUSTOMERS) / SAMPLED);
        const page = await org.api.get<Page<Customer>>(`/v1/customers?limit=1&offset=${offset}`);
        picked.push(...page.body.items);
      }
      const queries = queriesFor(picked);
      const perKind: string[] = [];
      const all: number[] = [];
      for (const [kind, qs] of Object.entries(queries)) {
        const times = await timed(
          org,
          qs.map((q) => `/v1/customers?limit=20&q=${encodeURIComponent(q)}`),
        );
        all.push(...times);
        perKind.push(`${kind} ${percentile(times, 95).toFixed(1)}`);
      }
      all.sort((a, b) => a - b);
      const baseline = percentile(
        await timed(
          org,
          picked.map((c) => `/v1/customers/${c.id}`),
        ),
        95,
      );
      const search = percentile(all, 95);
      return [
        {
          name: 'customers.search_ms',
          value: search,
          unit: 'ms',
          target: { op: '<=', value: 30 },
          note:
            `GET /v1/customers?q= p95 over HTTP, ${SAMPLED * 4} queries × ${RUNS}, ${CUSTOMERS} customers ` +
            `(loaded in ${loadSeconds.toFixed(0)} s) on ${on}: ${perKind.join(', ')}; ` +
            `${(search / baseline).toFixed(1)}× the baseline`,
        },
        {
          name: 'customers.get_ms',
          value: baseline,
          unit: 'ms',
          note: 'baseline: GET /v1/customers/:id p95 over the same HTTP client (the round trip alone)',
        },
      ];
    } finally {
      await server.close();
    }
  },
};

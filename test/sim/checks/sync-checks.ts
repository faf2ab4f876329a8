import { canonicalJson } from '../../../shared/canonical-json';
import type { Db } from '../../../src-main/db/connection';
import type { Queryable } from '../../../src-server/db/database';
import type { Delivered } from '../sim-network';

// Final checks that read both sides: what the network carried, the terminals' stores and the server's.

/** A terminal at the end of a run, and how often its store was replaced by a backup. */
export interface RestoredTerminal {
  name: string;
  db: Db;
  restores: number;
}

/** 11: every mutation the server answered "quarantined" is kept whole, with a review item. */
export async function checkQuarantine(
  db: Queryable,
  orgId: string,
  delivered: readonly Delivered[],
): Promise<string[]> {
  const out: string[] = [];
  const rows = await db.query<{ mutation_id: string; payload: unknown }>(
    'SELECT mutation_id, payload FROM quarantined_mutations WHERE org_id = $1',
    [orgId],
  );
  const kept = new Map(rows.map((r) => [r.mutation_id, r.payload]));
  for (const d of delivered) {
    if (d.request.path !== '/v1/sync/push' || d.response.status !== 200) continue;
    const sent = (d.request.body as { mutations: { seq: number; mutationId: string; payload: unknown }[] })
      .mutations;
    const results = (d.response.body as { results?: { seq: number; status: string }[] }).results ?? [];
    for (const r of results) {
      if (r.status !== 'quarantined') continue;
      const mutation = sent.find((m) => m.seq === r.seq);
      if (!mutation) continue;
      const payload = kept.get(mutation.mutationId);
      if (payload === undefined)
        out.push(`[11 quarantine] mutation ${mutation.mutationId} was answered quarantined but is not kept`);
      else if (!keptWhole(payload, mutation.payload))
        out.push(`[11 quarantine] mutation ${mutation.mutationId} is kept without its full payload`);
    }
  }
  const reviewed = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM quarantined_mutations q WHERE q.org_id = $1 AND NOT EXISTS (
       SELECT 1 FROM review_items r WHERE r.org_id = q.org_id AND r.kind = 'quarantined' AND r.mutation_id = q.mutation_id)`,
    [orgId],
  );
  if ((reviewed[0]?.n ?? 0) > 0)
    out.push(`[11 quarantine] ${reviewed[0]?.n} quarantined mutation(s) without a review item`);
  return out;
}

/**
 * 11: a mutation no server can apply, once the server has logged it, is quarantined with a review item:
 * never applied, never dropped (poison a restore rolled back before it was pushed never arrived); and
 * nothing else is quarantined.
 */
export async function checkPoisonKept(
  db: Queryable,
  orgId: string,
  poison: ReadonlySet<string>,
): Promise<string[]> {
  const out: string[] = [];
  // The terminals run the real code: whatever they write must apply. Only the poison a step wrote by
  // hand may be refused; any other quarantine is the server refusing a good mutation.
  const refused = await db.query<{ mutation_id: string; type: string; reason: string }>(
    'SELECT mutation_id::text, type, reason FROM quarantined_mutations WHERE org_id = $1',
    [orgId],
  );
  for (const r of refused)
    if (!poison.has(r.mutation_id))
      out.push(`[11 quarantine] a good ${r.type} ${r.mutation_id} was quarantined: ${r.reason}`);
  if (poison.size === 0) return out;
  const ids = [...poison];
  const logged = await db.query<{ mutation_id: string; status: string }>(
    `SELECT mutation_id::text, status FROM sync_mutations
     WHERE org_id = $1 AND mutation_id::text = ANY($2) AND status <> 'duplicate'`,
    [orgId, ids],
  );
  const kept = new Set(refused.map((r) => r.mutation_id));
  for (const row of logged) {
    if (row.status !== 'quarantined')
      out.push(`[11 quarantine] poison ${row.mutation_id} was logged as ${row.status}, not quarantined`);
    else if (!kept.has(row.mutation_id))
      out.push(`[11 quarantine] poison ${row.mutation_id} was answered quarantined but is not kept`);
  }
  return out;
}

/** 9: a terminal whose seqs the server holds with other content was caught (review item), and no other was. */
export async function checkRestores(
  db: Queryable,
  orgId: string,
  terminals: readonly RestoredTerminal[],
): Promise<string[]> {
  const out: string[] = [];
  const items = await db.query<{ terminal_id: string }>(
    "SELECT terminal_id FROM review_items WHERE org_id = $1 AND kind = 'restore_detected'",
    [orgId],
  );
  const flagged = new Set(items.map((i) => i.terminal_id));
  for (const node of terminals) {
    const store = node.db;
    const id = (
      store.prepare('SELECT terminal_id AS id FROM sync_state WHERE id = 1').get() as
        { id: string } | undefined
    )?.id;
    if (!id) continue;
    const mine = new Map(
      (store.prepare('SELECT seq, mutation_id AS m FROM outbox').all() as { seq: number; m: string }[]).map(
        (r) => [r.seq, r.m],
      ),
    );
    const logged = await db.query<{ epoch: number; seq: number; mutation_id: string }>(
      'SELECT epoch, seq, mutation_id FROM sync_mutations WHERE terminal_id = $1',
      [id],
    );
    const diverged = logged.filter((r) => mine.has(r.seq) && mine.get(r.seq) !== r.mutation_id);
    if (diverged.length > 0 && !flagged.has(id))
      out.push(
        `[9 restore] ${node.name}: the server holds ${diverged.length} seq(s) with other content, but no restore_detected item`,
      );
    if (flagged.has(id) && node.restores === 0)
      out.push(`[9 restore] ${node.name} was flagged restore_detected but was never restored`);
    // Every exchange of a terminal the server stopped is refused, so after the drain it must have heard
    // and been re-enrolled; one still stopped kept selling on leases the server had voided.
    const [server] = await db.query<{ state: string }>('SELECT state FROM terminals WHERE id = $1', [id]);
    if (server?.state === 'restore_detected')
      out.push(
        `[9 restore] ${node.name}: the server stopped it as restored, but it never heard and was not re-enrolled`,
      );
  }
  return out;
}

/**
 * The payload as the server keeps it: as JSON, or, for one the database cannot store as JSON (a NUL
 * byte, too deep), as the exact bytes sent in base64 (`src-server/services/poison.ts`).
 */
function keptWhole(kept: unknown, sent: unknown): boolean {
  if (kept && typeof kept === 'object' && 'unstorable' in kept && 'base64' in kept)
    return Buffer.from(String(kept.base64), 'base64').toString('utf8') === canonicalJson(sent);
  return JSON.stringify(sortKeys(kept)) === JSON.stringify(sortKeys(sent));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  return value;
}

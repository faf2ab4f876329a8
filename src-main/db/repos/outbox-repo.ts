import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonical-json';
import { chainHash as chainHashWith, chainHashOfCanonical, GENESIS_HASH } from '../../../shared/sync/chain';
import type { MutationPayloads } from '../../../shared/sync/payloads';
import type { MutationType } from '../../../shared/sync/protocol';
import { prepared, type Db } from '../connection';
import { getSyncState, lastOutboxSeq } from './sync-repo';

export { GENESIS_HASH };

/** One mutation to append: its payload's type follows from its type (shared/sync/payloads.ts). */
export type OutboxMutation = {
  [T in MutationType]: { mutationId: string; type: T; payload: MutationPayloads[T]; createdAt: string };
}[MutationType];

/**
 * A row read back. Its payload stays `unknown`: it is whatever bytes the chain holds, which the hash
 * covers as written (an older build may have written other shapes), and the server parses it anyway.
 */
export interface OutboxEntry {
  seq: number;
  mutationId: string;
  type: string;
  payload: unknown;
  prevHash: string;
  hash: string;
  createdAt: string;
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** The shared chain rule (shared/sync/chain.ts) with Node's sha256. */
export function chainHash(prevHash: string, payload: unknown): string {
  return chainHashWith(sha256Hex, prevHash, payload);
}

/**
 * Appends one mutation to the chain. Call inside the business transaction: seq is contiguous because
 * SQLite has a single writer and the read of the tail happens in the same transaction.
 */
export function appendOutbox(db: Db, entry: OutboxMutation): OutboxEntry {
  const tail = prepared(db, 'SELECT seq, hash FROM outbox ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  // The payload is serialised once: the text stored is the text hashed.
  const canonical = canonicalJson(entry.payload);
  const next = nextOutboxEntry(tail, entry, canonical);
  const { seq, prevHash, hash } = next;
  prepared(
    db,
    'INSERT INTO outbox (seq, mutation_id, type, payload, prev_hash, hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(seq, entry.mutationId, entry.type, canonical, prevHash, hash, entry.createdAt);
  return next;
}

/**
 * The entry that follows `tail` in the chain (the first one after none): its seq, prevHash and hash.
 * appendOutbox stores it; the load bench's terminals, which keep their outbox in memory, chain with it too.
 * `canonical` is the payload's canonical JSON where the caller has it already.
 */
export function nextOutboxEntry(
  tail: { seq: number; hash: string } | undefined,
  entry: OutboxMutation,
  canonical: string = canonicalJson(entry.payload),
): OutboxEntry {
  const prevHash = tail?.hash ?? GENESIS_HASH;
  const hash = chainHashOfCanonical(sha256Hex, prevHash, canonical);
  return { seq: (tail?.seq ?? 0) + 1, prevHash, hash, ...entry };
}

export function readOutbox(db: Db, afterSeq = 0, limit = 1000): OutboxEntry[] {
  const rows = prepared(db, 'SELECT * FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?').all(
    afterSeq,
    limit,
  ) as {
    seq: number;
    mutation_id: string;
    type: string;
    payload: string;
    prev_hash: string;
    hash: string;
    created_at: string;
  }[];
  return rows.map((r) => ({
    seq: r.seq,
    mutationId: r.mutation_id,
    type: r.type,
    payload: JSON.parse(r.payload) as unknown,
    prevHash: r.prev_hash,
    hash: r.hash,
    createdAt: r.created_at,
  }));
}

/** The outbox rows not yet acknowledged: those after `pushed_through` (markPushedThrough), a key range. */
export const PENDING_OUTBOX_ROWS = `SELECT 1 FROM outbox
  WHERE seq > coalesce((SELECT pushed_through FROM sync_state WHERE id = 1), 0)`;

/**
 * How many rows wait for the server. Seqs run 1, 2, 3… without a gap (appendOutbox takes the tail's
 * plus one, and nothing unacknowledged is ever deleted), so the count is a subtraction of two key
 * lookups: counting the range would read every waiting row, for every batch pushed and every status.
 */
export function countPendingOutbox(db: Db): number {
  return Math.max(0, lastOutboxSeq(db) - (getSyncState(db)?.pushedThrough ?? 0));
}

/** Recomputes the whole chain; returns the first seq that does not verify, or null. */
export function verifyOutboxChain(db: Db): number | null {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const entry of readOutbox(db, 0, Number.MAX_SAFE_INTEGER)) {
    if (
      entry.seq !== expectedSeq ||
      entry.prevHash !== prev ||
      chainHash(prev, entry.payload) !== entry.hash
    ) {
      return entry.seq;
    }
    prev = entry.hash;
    expectedSeq += 1;
  }
  return null;
}

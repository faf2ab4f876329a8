import { randomBytes, randomUUID } from 'node:crypto';
import { normalizeCode } from '../../shared/discounts';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import * as repo from '../db/repos/code-repo';
import { reject } from '../errors';
import { recordAudit } from './audit';

/** No 0/O, 1/I/L: codes are read off paper and typed by hand. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const MAX_BATCH = 100_000;
const INSERT_CHUNK = 20_000;
// Draws beyond the largest multiple of the alphabet size are discarded, so every character is equally likely.
const UNBIASED_LIMIT = 256 - (256 % CODE_ALPHABET.length);

/** `count` distinct random codes of `length` characters after `prefix`. */
export function randomCodes(count: number, prefix: string, length: number): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const bytes = randomBytes(Math.ceil((count - codes.size) * length * 1.1) + 16);
    let i = 0;
    while (codes.size < count) {
      let code = prefix;
      while (code.length < prefix.length + length && i < bytes.length) {
        const b = bytes[i++] as number;
        if (b < UNBIASED_LIMIT) code += CODE_ALPHABET[b % CODE_ALPHABET.length];
      }
      if (code.length < prefix.length + length) break;
      codes.add(code);
    }
  }
  return [...codes];
}

export interface GenerateInput {
  count: number;
  prefix?: string;
  length?: number;
}

export async function startGeneration(
  ctx: ServerContext,
  principal: Principal,
  parentId: string,
  input: GenerateInput,
): Promise<repo.JobRow> {
  const parent = await repo.getCode(ctx.db, principal.orgId, parentId, ctx.now().toISOString());
  if (!parent) reject('NOT_FOUND', 'There is no such code.');
  if (!parent.isParent) {
    reject('NOT_A_PARENT', 'Child codes are generated from a parent code: create one with isParent true.');
  }
  if (parent.status === 'deleted') reject('CODE_DELETED', 'This code is deleted: restore it first.');
  const length = input.length ?? 10;
  let prefix = '';
  if (input.prefix) {
    const normalised = normalizeCode(input.prefix);
    if (!normalised.ok) reject('INVALID_PREFIX', `The prefix is not usable in a code: ${normalised.message}`);
    prefix = normalised.code;
  }
  if (prefix.length + length > 64) {
    reject('CODE_TOO_LONG', 'Prefix and random part together may have at most 64 characters.');
  }
  // Keep the space at least a thousand times larger than the batch: collisions stay rare and codes unguessable.
  if (CODE_ALPHABET.length ** length < input.count * 1000) {
    reject(
      'CODE_SPACE_TOO_SMALL',
      `Codes of ${length} random characters are too easy to guess for this many: use a longer length.`,
    );
  }
  // One audit entry per batch, with the count asked for (the job reports how many were made).
  const job = await ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertJob(tx, {
      id: randomUUID(),
      orgId: principal.orgId,
      parentId,
      requested: input.count,
      prefix,
      length,
      createdBy: principal.kind === 'staff' ? principal.staffId : null,
    });
    await recordAudit(tx, ctx, principal, {
      action: 'code.generate_children',
      entityKind: 'code',
      entityId: parentId,
      after: { jobId: inserted.id, count: input.count, prefix, length },
      summary: `${input.count} child codes requested`,
    });
    return inserted;
  });
  ctx.background.run(() => runGeneration(ctx, principal.orgId, job));
  return job;
}

/**
 * Inserts in large multi-row statements; strings that collide with existing codes are skipped by the
 * unique index and drawn again. Each chunk commits on its own so progress is visible while it runs.
 */
async function runGeneration(ctx: ServerContext, orgId: string, job: repo.JobRow): Promise<void> {
  let generated = 0;
  try {
    await repo.updateJob(ctx.db, job.id, { generated, status: 'running' });
    for (let attempt = 0; generated < job.requested; attempt++) {
      if (attempt > 1000) throw new Error('too many collisions');
      const size = Math.min(INSERT_CHUNK, job.requested - generated);
      const codes = randomCodes(size, job.prefix, job.length);
      generated += await repo.insertChildren(ctx.db, {
        orgId,
        parentId: job.parentId,
        codes,
        now: ctx.now().toISOString(),
      });
      await repo.updateJob(ctx.db, job.id, { generated, status: 'running' });
    }
    // Up to 100,000 new rows at once: the planner's row counts must learn of them before the codes list
    // is paged (embedded PGlite has no autovacuum to do it; on PostgreSQL it would come later).
    await repo.refreshCodeStatistics(ctx.db);
    await repo.updateJob(ctx.db, job.id, { generated, status: 'done', finished: true });
  } catch {
    await repo
      .updateJob(ctx.db, job.id, {
        generated,
        status: 'failed',
        error: `Stopped after ${generated} codes; the codes made so far are usable. Start a new batch for the rest.`,
        finished: true,
      })
      .catch(() => undefined);
  }
}

const STALE_AFTER_MS = 120_000;

export async function getJob(ctx: ServerContext, principal: Principal, id: string): Promise<repo.JobRow> {
  let job = await repo.getJob(ctx.db, principal.orgId, id);
  if (!job) reject('NOT_FOUND', 'There is no such generation job.');
  // A chunk takes seconds: a job silent for minutes lost its server process (restart, crash).
  if (
    (job.status === 'queued' || job.status === 'running') &&
    Date.parse(job.heartbeatAt) < ctx.now().getTime() - STALE_AFTER_MS
  ) {
    await repo.failStaleJob(
      ctx.db,
      job.id,
      new Date(ctx.now().getTime() - STALE_AFTER_MS).toISOString(),
      `The server making this batch stopped after ${job.generated} codes; those are usable. Start a new batch for the rest.`,
    );
    job = (await repo.getJob(ctx.db, principal.orgId, id)) ?? job;
  }
  return job;
}

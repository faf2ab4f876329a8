import { err, type Err } from '../../../shared/result';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import { voidAllLeases } from '../../db/repos/lease-repo';
import { getSyncState, setSyncError, setSyncState, type SyncStateRow } from '../../db/repos/sync-repo';
import { pushConflictSchema } from '../../../shared/sync/protocol';
import type { Translate } from '../../messages';
import { publicKeyOf, ticketSigningKey, type TicketSigningKey } from '../../../shared/node/tickets/secret';
import type { ApprovalSigner } from '../../../shared/sync/approval-proof';
import type { SecretStore } from '../../secret-store';
import { approvalSigner, SIGNING_KEY_SECRET } from './signing-key';
import {
  NETWORK_FAILURE,
  serverMessage,
  type SyncAnswer,
  type SyncRequest,
  type SyncTransport,
} from './transport';

/** What every sync step shares. */
export interface SyncContext {
  db: Db;
  clock: Clock;
  t: Translate;
  /** Sends through the transport and remembers whether the server was reached. */
  send(request: SyncRequest): Promise<SyncAnswer>;
  reachable: () => boolean;
  /** Something the status bar shows changed. */
  changed(): void;
  /** The credential the server gave at enrolment, from the host's secret store. */
  deviceToken(): string | null;
  saveDeviceToken(token: string): void;
  /** Signs approvals with the key made at the latest enrolment; undefined before enrolment. */
  approvalSigner(): ApprovalSigner | undefined;
  /** Signs ticket secrets with the same key (docs/TICKETS.md); undefined before enrolment. */
  ticketSigner(): TicketSigningKey | undefined;
  /** The private signing key (PKCS#8 PEM) of a new enrolment, kept like the device token. */
  saveSigningKey(privateKeyPem: string): void;
  /** Rows asked for per pull page. */
  pullPageLimit: number;
}

export const DEVICE_TOKEN_SECRET = 'device-token';

/** Rows per pull page: large enough that a venue's catalogue arrives in a few round trips. */
const PULL_PAGE_LIMIT = 5_000;

export function createSyncContext(deps: {
  db: Db;
  clock: Clock;
  t: Translate;
  transport: SyncTransport;
  changed: () => void;
  secrets: SecretStore;
  pullPageLimit?: number;
}): SyncContext {
  // Unknown until the first exchange: a 'deny' code is refused rather than guessed at.
  let reachable = false;
  // Read once: unsealing asks the operating system's keychain, and every request needs the token.
  let token: string | null | undefined;
  let signer: ApprovalSigner | null | undefined;
  let ticketKey: TicketSigningKey | null | undefined;
  const ticketKeyOf = (pem: string) => ticketSigningKey(pem, publicKeyOf(pem));
  return {
    approvalSigner() {
      if (signer === undefined) {
        const pem = deps.secrets.read(SIGNING_KEY_SECRET);
        signer = pem ? approvalSigner(pem) : null;
      }
      return signer ?? undefined;
    },
    ticketSigner() {
      if (ticketKey === undefined) {
        const pem = deps.secrets.read(SIGNING_KEY_SECRET);
        ticketKey = pem ? ticketKeyOf(pem) : null;
      }
      return ticketKey ?? undefined;
    },
    saveSigningKey(pem) {
      deps.secrets.write(SIGNING_KEY_SECRET, pem);
      signer = approvalSigner(pem);
      ticketKey = ticketKeyOf(pem);
    },
    deviceToken() {
      if (token === undefined) token = deps.secrets.read(DEVICE_TOKEN_SECRET);
      return token;
    },
    saveDeviceToken(value) {
      deps.secrets.write(DEVICE_TOKEN_SECRET, value);
      token = value;
    },
    db: deps.db,
    pullPageLimit: deps.pullPageLimit ?? PULL_PAGE_LIMIT,
    clock: deps.clock,
    t: deps.t,
    changed: deps.changed,
    reachable: () => reachable,
    async send(request) {
      const answer = await deps.transport(request);
      // 502–504 come from a proxy or a server that cannot reach its database: not reachable for us.
      const now = answer.status !== NETWORK_FAILURE && answer.status !== 502 && answer.status !== 504;
      if (now !== reachable) {
        reachable = now;
        deps.changed();
      }
      noteRestore(deps, answer);
      return answer;
    },
  };
}

export type Enrolled = SyncStateRow & { state: 'enrolled'; deviceToken: string };

/** The enrolment a step needs, or the reason it cannot run. */
export function requireEnrolled(ctx: SyncContext): { ok: true; value: Enrolled } | Err {
  const state = getSyncState(ctx.db);
  if (!state) return err('NOT_ENROLLED', ctx.t('SYNC_NOT_ENROLLED'));
  if (state.state !== 'enrolled') return err('RESTORE_DETECTED', ctx.t('SYNC_RESTORE_DETECTED'));
  // A data folder copied without its secret (or a keychain that lost the key) cannot speak for the device.
  const deviceToken = ctx.deviceToken();
  if (!deviceToken) return err('DEVICE_REVOKED', ctx.t('SYNC_DEVICE_REVOKED'));
  return { ok: true, value: { ...state, state: 'enrolled', deviceToken } };
}

/** A failed exchange: remembered for the status bar, answered with a sentence that says what to do. */
export function exchangeFailed(ctx: SyncContext, answer: SyncAnswer, what: string): Err {
  // Already recorded (and the leases voided) by send.
  const restored = restoreConflict(ctx.t, answer);
  if (restored) return restored;
  const failure =
    answer.status === NETWORK_FAILURE
      ? err('SERVER_UNREACHABLE', ctx.t('SYNC_UNREACHABLE'))
      : answer.status === 401
        ? err('DEVICE_REVOKED', ctx.t('SYNC_DEVICE_REVOKED'))
        : err(
            'SYNC_FAILED',
            ctx.t('SYNC_FAILED', { what, status: answer.status, detail: serverMessage(answer.body) ?? '' }),
          );
  setSyncError(ctx.db, failure.message);
  ctx.changed();
  return failure;
}

/**
 * The server answers every terminal request of a restored (or superseded) terminal with 409
 * RESTORED_FROM_BACKUP or EPOCH_STALE, and it voided that terminal's leases when it found out. Whichever
 * exchange hears it first stops the terminal spending them. Not only the push: a terminal restored
 * from a backup in which everything was already pushed has nothing to push, and would otherwise keep
 * selling on void leases, its pulls refused, without ever asking for a re-enrolment.
 */
function noteRestore(
  deps: { db: Db; clock: Clock; t: Translate; changed: () => void },
  answer: SyncAnswer,
): void {
  const conflict = restoreConflict(deps.t, answer);
  if (!conflict || getSyncState(deps.db)?.state !== 'enrolled') return;
  const at = new Date(deps.clock.now()).toISOString();
  deps.db.transaction(() => {
    setSyncState(deps.db, 'restore_detected', conflict.message);
    voidAllLeases(deps.db, at);
  })();
  deps.changed();
}

/** The server's "this terminal was restored / re-enrolled since" answer, as the sentence staff see. */
export function restoreConflict(t: Translate, answer: SyncAnswer): Err | undefined {
  if (answer.status !== 409) return undefined;
  const conflict = pushConflictSchema.safeParse(answer.body);
  if (!conflict.success || conflict.data.reason === 'SEQ_GAP') return undefined;
  const stale = conflict.data.reason === 'EPOCH_STALE';
  return err(conflict.data.reason, t(stale ? 'SYNC_EPOCH_STALE' : 'SYNC_RESTORE_DETECTED'));
}

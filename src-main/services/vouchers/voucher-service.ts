import type { TenderInput } from '../../../shared/ipc/contract';
import type { VoucherCheckView } from '../../../shared/ipc/domains/sell';
import type { Language } from '../../../shared/ipc/types';
import { formatMinor } from '../../../shared/money';
import { ticketKeyring, type KeyVerdict, type TicketSigningKey } from '../../../shared/node/tickets/secret';
import { readVoucherSecret, type ReadVoucherSecret } from '../../../shared/node/vouchers/secret';
import { err, ok, type Result } from '../../../shared/result';
import { counterKey, pulledVoucherSchema } from '../../../shared/sync/protocol';
import { voucherExpired, type VoucherBalance, type VoucherRefusal } from '../../../shared/vouchers/rules';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import { heldUnits } from '../../db/repos/lease-repo';
import { trustedTicketKeys } from '../../db/repos/ticket-trust-repo';
import {
  getPulledVoucher,
  spentHereSince,
  takenBackHere,
  upsertPulledVouchers,
  type PulledVoucher,
} from '../../db/repos/voucher-repo';
import { getSyncState } from '../../db/repos/sync-repo';
import type { Translate } from '../../messages';
import type { SyncAnswer, SyncRequest } from '../sync/transport';

// docs/CASH.md "Paying with one" and "The balance at the window": reading a scanned voucher, trusting
// it with the keys the terminal holds for tickets, and what this window may take from it.

export interface VoucherDeps {
  db: Db;
  clock: Clock;
  t: Translate;
  language: () => Language;
  /** This terminal's own key: a voucher it sold is trusted before any pull brings its public half. */
  ownKey?: (() => TicketSigningKey | undefined) | undefined;
  /** The device-token request of sync-service.ts; absent or undefined answer: not enrolled. */
  request?: ((r: Omit<SyncRequest, 'token'>) => Promise<SyncAnswer | undefined>) | undefined;
}

/** A voucher tender resolved: the voucher it spends, and its code as read and trusted. */
export interface VoucherTender {
  index: number;
  voucherId: string;
  amount: number;
  claims: ReadVoucherSecret;
}

/**
 * The ticket keyring's verdict as a voucher refusal, told apart as a door tells them apart
 * (shared/node/tickets/door-check.ts): a key not pulled yet wants a sync, a revoked one a manager, and
 * only a signature that fails its key is a forgery.
 */
const KEY_REFUSAL: Record<Extract<KeyVerdict, { ok: false }>['reason'], VoucherRefusal> = {
  UNKNOWN_KEY: 'VOUCHER_KEY_UNKNOWN',
  KEY_REVOKED: 'VOUCHER_KEY_REVOKED',
  FORGED: 'VOUCHER_FORGED',
};

export type VoucherService = ReturnType<typeof createVoucherService>;

export function createVoucherService(deps: VoucherDeps) {
  const { db, clock, t, language } = deps;
  const money = (amount: number, currency: string) =>
    `${formatMinor(amount, currency, language())} ${currency}`;
  const counterOf = (voucherId: string) => counterKey({ kind: 'voucher_balance', id: voucherId });
  const nowIso = () => new Date(clock.now()).toISOString();

  /** The code read and its signature checked; nothing about its balance yet. */
  const readTrusted = (code: string): Result<ReadVoucherSecret> => {
    const read = readVoucherSecret(code);
    if (!read) return err('VOUCHER_UNKNOWN', t('VOUCHER_UNKNOWN'));
    const own = deps.ownKey?.();
    // Ed25519 is deterministic: signing the payload again with our own key proves a voucher we issued.
    if (own && own.keyId === read.keyId) {
      const again = Buffer.from(own.sign(read.payload));
      return again.equals(Buffer.from(read.signature))
        ? ok(read)
        : err('VOUCHER_FORGED', t('VOUCHER_FORGED'));
    }
    const verdict = ticketKeyring(trustedTicketKeys(db)).check(read);
    if (verdict.ok) return ok(read);
    const refusal = KEY_REFUSAL[verdict.reason];
    return err(refusal, t(refusal));
  };

  /**
   * The server's word on a voucher, kept as the last known one as a pull would keep it (its balance holds
   * this terminal's sales pushed before the question). `unreachable`: no answer, or not enrolled.
   */
  const askServer = async (
    voucherId: string,
  ): Promise<{ live: VoucherBalance } | 'unknown' | 'unreachable'> => {
    const through = getSyncState(db)?.pushedThrough ?? 0;
    const answer = await deps
      .request?.({ method: 'GET', path: `/v1/vouchers/${voucherId}` })
      .catch(() => undefined);
    if (answer?.status === 404) return 'unknown';
    const parsed = answer?.status === 200 ? pulledVoucherSchema.safeParse(answer.body) : undefined;
    if (!parsed?.success) return 'unreachable';
    upsertPulledVouchers(db, [parsed.data], nowIso(), through);
    return { live: parsed.data };
  };

  /** The pulled balance less what this window spent since that pull (never below 0). */
  const lastKnown = (pulled: PulledVoucher): number =>
    Math.max(0, pulled.balance - spentHereSince(db, pulled.voucherId, pulled.pulledThrough));

  /** Refusals of the voucher itself, whatever the amount: expiry, currency, void, nothing left. */
  const standing = (
    read: ReadVoucherSecret,
    pulled: VoucherBalance | undefined,
    currency: string | null,
  ): Result<true> => {
    if (voucherExpired(read.expiresAt, clock.now()))
      return err('VOUCHER_EXPIRED', t('VOUCHER_EXPIRED', { date: read.expiresAt.slice(0, 10) }));
    if (currency !== null && read.currency !== currency)
      return err(
        'VOUCHER_CURRENCY',
        t('VOUCHER_CURRENCY', { currency: read.currency, saleCurrency: currency }),
      );
    if (!pulled) return err('VOUCHER_NOT_SYNCED', t('VOUCHER_NOT_SYNCED'));
    // A voucher refunded here is void before the server says so.
    if (pulled.status === 'void' || takenBackHere(db, read.voucherId))
      return err('VOUCHER_VOID', t('VOUCHER_VOID'));
    return ok(true);
  };

  return {
    readTrusted,
    counterOf,

    /**
     * The voucher tenders of a checkout, each read and trusted, before any lease is asked for: the
     * needs the top-up fetches. Refuses what no lease could ever make payable.
     */
    resolve(tenders: readonly TenderInput[]): Result<VoucherTender[]> {
      const out: VoucherTender[] = [];
      for (const [index, tender] of tenders.entries()) {
        if (tender.tender !== 'voucher') continue;
        const read = readTrusted(tender.code);
        if (!read.ok) return read;
        if (out.some((v) => v.voucherId === read.value.voucherId))
          return err('VOUCHER_TWICE', t('VOUCHER_TWICE'));
        out.push({ index, voucherId: read.value.voucherId, amount: tender.amount, claims: read.value });
      }
      return ok(out);
    },

    /**
     * Inside the sale's validation, with the leases as they are now: every voucher tender may pay its
     * amount here. `due` is what the vouchers may pay together: the total less the other tenders.
     */
    admit(tenders: readonly TenderInput[], currency: string, total: number): Result<VoucherTender[]> {
      const resolved = this.resolve(tenders);
      if (!resolved.ok) return resolved;
      const others = tenders.filter((x) => x.tender !== 'voucher').reduce((n, x) => n + x.amount, 0);
      const byVoucher = resolved.value.reduce((n, v) => n + v.amount, 0);
      const due = Math.max(0, total - others);
      if (byVoucher > due)
        return err('VOUCHER_PAYS_TOO_MUCH', t('VOUCHER_PAYS_TOO_MUCH', { max: money(due, currency) }));
      const now = nowIso();
      for (const v of resolved.value) {
        const pulled = getPulledVoucher(db, v.voucherId);
        const stands = standing(v.claims, pulled, currency);
        if (!stands.ok) return stands;
        const balance = lastKnown(pulled as PulledVoucher);
        if (balance === 0) return err('VOUCHER_EXHAUSTED', t('VOUCHER_EXHAUSTED'));
        // Only units held by lease can be spent, online or offline (decision 2).
        const max = Math.min(balance, heldUnits(db, counterOf(v.voucherId), now));
        if (v.amount > max)
          return err('VOUCHER_OVER_BALANCE', t('VOUCHER_OVER_BALANCE', { max: money(max, currency) }));
      }
      return resolved;
    },

    /**
     * Before a checkout's leases are fetched: a voucher this window has not pulled yet (sold and pushed
     * elsewhere since its last pull) is asked of the server, so the sale need not wait for a pull.
     */
    async refresh(vouchers: readonly VoucherTender[]): Promise<void> {
      for (const v of vouchers) if (!getPulledVoucher(db, v.voucherId)) await askServer(v.voucherId);
    },

    /** The refusal of a voucher counter the escrow could not cover: what can be taken from it now. */
    overBalance(held: number, currency: string) {
      return err('VOUCHER_OVER_BALANCE', t('VOUCHER_OVER_BALANCE', { max: money(held, currency) }));
    },

    /**
     * "Voucher balance" at the window: the server's word when it answers, else the last pulled balance
     * less this window's spends since, marked as not live.
     */
    async check(code: string): Promise<Result<VoucherCheckView>> {
      const read = readTrusted(code);
      if (!read.ok) return read;
      const claims = read.value;
      const now = nowIso();
      const held = heldUnits(db, counterOf(claims.voucherId), now);
      const base = {
        voucherId: claims.voucherId,
        currency: claims.currency,
        amount: claims.amount,
        expiresAt: claims.expiresAt,
        expired: voucherExpired(claims.expiresAt, clock.now()),
      };
      const answer = await askServer(claims.voucherId);
      if (answer === 'unknown') return err('VOUCHER_NOT_SYNCED', t('VOUCHER_NOT_SYNCED'));
      if (answer !== 'unreachable') {
        const v = answer.live;
        return ok({
          ...base,
          expiresAt: v.expiresAt,
          status: v.status,
          balance: v.balance,
          live: true,
          spendableHere: v.status === 'active' && !base.expired ? v.balance : 0,
        });
      }
      const pulled = getPulledVoucher(db, claims.voucherId);
      if (!pulled) return err('VOUCHER_NOT_SYNCED', t('VOUCHER_NOT_SYNCED'));
      const usable = pulled.status === 'active' && !base.expired;
      return ok({
        ...base,
        status: pulled.status,
        balance: lastKnown(pulled),
        live: false,
        spendableHere: usable ? Math.min(held, lastKnown(pulled)) : 0,
      });
    },
  };
}

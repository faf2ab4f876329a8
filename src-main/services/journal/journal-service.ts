import type { JournalOrderView, JournalSearchView } from '../../../shared/ipc/domains/journal';
import { readCursor, writeCursor } from '../../../shared/node/keyset-cursor';
import { readTicketSecret } from '../../../shared/node/tickets/secret';
import {
  journalMatch,
  type JournalMatch,
  type JournalOrderDetail,
  type JournalPage,
} from '../../../shared/reports/journal';
import type { OrderRow } from '../../../shared/reports/orders';
import { err, ok, type Result } from '../../../shared/result';
import type { Db } from '../../db/connection';
import {
  reprintsOf,
  saleIdOfTicket,
  searchLocalSales,
  exchangesHere,
  staffNamesHere,
  type LocalSearch,
} from '../../db/repos/journal-repo';
import { findSaleId, loadSale, refundsElsewhereOf } from '../../db/repos/sale-repo';
import { fail, type Translate } from '../../messages';
import type { AskServer } from '../door/server-door';
import { serverMessage } from '../sync/transport';
import { localOrderDetail, localOrderRow, orderHistory, type Here } from './local-order';

// The sales journal at the terminal (docs/ORDERS.md). Online, the server's journal answers (every
// terminal's sales and the online orders), with this terminal's sales the server has not heard of yet
// added; offline, not enrolled or when the server does not answer in time, this terminal's store
// answers and says so. Orders this terminal sold always open from its own store: it knows them first.

/** A search or an order waits at most this long for the server before the terminal answers alone. */
export const JOURNAL_TIMEOUT_MS = 3_000;
const DEFAULT_LIMIT = 50;

export interface JournalSearchInput {
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  performanceId?: string | undefined;
  cashierId?: string | undefined;
  terminalId?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export type JournalService = ReturnType<typeof createJournalService>;

export function createJournalService(deps: {
  db: Db;
  t: Translate;
  /** This terminal's id (the server's once enrolled) and its name there. */
  here: () => Here;
  enrolled: () => boolean;
  ask: AskServer;
  /** Whether the server answered lately: when not, the journal does not wait for a timeout first. */
  serverLikelyUp: () => boolean;
}) {
  const { db, t } = deps;
  const utc = (instant: string | undefined) => (instant ? new Date(instant).toISOString() : undefined);
  const offlineNotice = () => t(deps.enrolled() ? 'JOURNAL_OFFLINE' : 'JOURNAL_STANDALONE');

  /** The local reading of the search text; a ticket's QR becomes the sale it belongs to here. */
  const localSearch = (match: JournalMatch | undefined): Result<LocalSearch | undefined> => {
    switch (match?.kind) {
      case undefined:
        return ok(undefined);
      case 'order':
        return ok({ saleIds: [match.orderId] });
      case 'ticket': {
        const read = readTicketSecret(match.secret);
        if (!read) return fail(t, 'JOURNAL_NOT_A_CODE');
        const saleId = saleIdOfTicket(db, read.ticketId);
        return ok({ saleIds: saleId ? [saleId] : [] });
      }
      case 'digits':
        return ok({ receiptNo: match.receiptNo, phone: match.phone });
      case 'customer':
        return ok({ customer: match.text });
    }
  };

  const searchHere = (input: JournalSearchInput): Result<JournalPage> => {
    const search = localSearch(journalMatch(input.q));
    if (!search.ok) return search;
    const limit = input.limit ?? DEFAULT_LIMIT;
    const after = input.cursor ? readCursor(input.cursor) : undefined;
    if (input.cursor && !after) return fail(t, 'JOURNAL_BAD_CURSOR');
    const here = deps.here();
    if (input.terminalId && input.terminalId !== here.terminalId)
      return ok({ rows: [], nextCursor: null, limit });
    const rows = searchLocalSales(
      db,
      {
        search: search.value,
        from: utc(input.from),
        to: utc(input.to),
        cashierId: input.cashierId,
        performanceId: input.performanceId,
      },
      limit + 1,
      after,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return ok({
      rows: page.map((r) => localOrderRow(r, here)),
      nextCursor: rows.length > limit && last ? writeCursor({ at: last.at, id: last.orderId }) : null,
      limit,
    });
  };

  /** The server's page; undefined when it did not answer (or the terminal is not enrolled). */
  const searchServer = async (input: JournalSearchInput): Promise<Result<JournalPage> | undefined> => {
    if (!deps.serverLikelyUp()) return undefined;
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...input, limit: input.limit ?? DEFAULT_LIMIT })) {
      if (value !== undefined) query.set(key, String(value));
    }
    const answer = await deps.ask({
      method: 'GET',
      path: `/v1/journal?${query.toString()}`,
      timeoutMs: JOURNAL_TIMEOUT_MS,
    });
    if (answer?.status === 200) return ok(answer.body as JournalPage);
    if (answer?.status === 400) {
      return fail(t, 'JOURNAL_SERVER_REFUSED', { detail: serverMessage(answer.body) ?? '' });
    }
    return undefined;
  };

  /**
   * The server's first page with this terminal's matching sales it has not heard of yet (not pushed):
   * those newer than the page's last row, or all of them when the page is the last.
   */
  const withUnpushed = (page: JournalPage, input: JournalSearchInput): JournalPage => {
    if (input.cursor) return page;
    const local = searchHere({ ...input, cursor: undefined });
    if (!local.ok) return page;
    const known = new Set(page.rows.map((r) => r.orderId));
    const last = page.rows.at(-1);
    const missing = local.value.rows.filter(
      (r) => !known.has(r.orderId) && (page.nextCursor === null || !last || r.at > last.at),
    );
    if (missing.length === 0) return page;
    const rows: OrderRow[] = [...page.rows, ...missing].sort(
      (a, b) => b.at.localeCompare(a.at) || b.orderId.localeCompare(a.orderId),
    );
    return { ...page, rows };
  };

  const view = (
    detail: JournalOrderDetail,
    scope: JournalOrderView['scope'],
    notice: string | null,
  ): JournalOrderView => {
    const here = deps.here();
    const { order } = detail;
    const mine = order.source === 'pos' && order.terminalId === here.terminalId;
    const left = order.status === 'completed' || order.status === 'partly_refunded';
    // Another terminal's order opened from the server is refunded through the server; one this terminal
    // knows only from its own store (offline) is not.
    const refundNote =
      order.source === 'online'
        ? t('JOURNAL_REFUND_ONLINE')
        : !mine && scope !== 'all'
          ? t('JOURNAL_REFUND_OTHER_TERMINAL', {
              terminal: order.terminalName ?? t('JOURNAL_OTHER_TERMINAL'),
            })
          : !left
            ? t('JOURNAL_REFUND_NOTHING_LEFT')
            : null;
    return {
      ...detail,
      scope,
      notice,
      history: orderHistory(detail, mine ? reprintsOf(db, order.orderId) : []),
      canRefund: refundNote === null,
      refundsThroughServer: !mine && order.source === 'pos',
      canReprint: mine,
      refundNote,
    };
  };

  const openHere = (saleId: string, notice: string | null): JournalOrderView | undefined => {
    const record = loadSale(db, saleId);
    if (!record) return undefined;
    const elsewhere = refundsElsewhereOf(db, saleId);
    const names = staffNamesHere(db, [
      record.sale.cashierId,
      ...record.refunds.map((r) => r.staffId),
      ...elsewhere.map((r) => r.staffId),
      ...record.approvals.map((a) => a.approverId),
    ]);
    const detail = localOrderDetail(record, deps.here(), names, elsewhere);
    return view({ ...detail, exchanges: exchangesHere(db, saleId) }, 'this-terminal', notice);
  };

  /** The server's order view: undefined when the server did not answer, null when it knows no such order. */
  const openOnServer = async (orderId: string): Promise<JournalOrderView | null | undefined> => {
    if (!deps.serverLikelyUp()) return undefined;
    const answer = await deps.ask({
      method: 'GET',
      path: `/v1/journal/orders/${encodeURIComponent(orderId)}`,
      timeoutMs: JOURNAL_TIMEOUT_MS,
    });
    if (answer?.status === 200) return view(answer.body as JournalOrderDetail, 'all', null);
    if (answer?.status === 404) return null;
    return undefined;
  };

  /** The one order the server's journal finds for `q`, by the same reading of the text. */
  const findOnServer = async (
    q: string,
    receiptNo: number | null,
  ): Promise<Result<string | null> | undefined> => {
    const page = await searchServer({ q, limit: 20 });
    if (!page?.ok) return page;
    const rows =
      receiptNo === null ? page.value.rows : page.value.rows.filter((r) => r.receiptNo === receiptNo);
    if (rows.length > 1 && receiptNo !== null) {
      return fail(t, 'JOURNAL_RECEIPT_AMBIGUOUS', {
        receiptNo,
        terminals: rows.map((r) => r.terminalName ?? r.terminalId ?? '?').join(', '),
      });
    }
    return ok(rows[0]?.orderId ?? null);
  };

  return {
    async search(input: JournalSearchInput): Promise<Result<JournalSearchView>> {
      const server = deps.enrolled() ? await searchServer(input) : undefined;
      if (server && !server.ok) return server;
      if (server?.ok) {
        const page = withUnpushed(server.value, input);
        return ok({ scope: 'all', notice: null, rows: page.rows, nextCursor: page.nextCursor });
      }
      const local = searchHere(input);
      if (!local.ok) return local;
      return ok({
        scope: 'this-terminal',
        notice: offlineNotice(),
        rows: local.value.rows,
        nextCursor: local.value.nextCursor,
      });
    },

    /** Opens an order by its id (a receipt's QR), a receipt number or a ticket's QR. */
    async open(ref: string): Promise<Result<JournalOrderView>> {
      const match = journalMatch(ref);
      const shown = ref.trim().slice(0, 60);
      if (!match || match.kind === 'customer' || (match.kind === 'digits' && match.receiptNo === null)) {
        return fail(t, 'JOURNAL_OPEN_NEEDS_REFERENCE');
      }
      const local = localSearch(match);
      if (!local.ok) return local;
      const localId =
        match.kind === 'digits'
          ? findSaleId(db, { receiptNo: match.receiptNo ?? undefined })
          : local.value?.saleIds?.[0];
      const opened = localId ? openHere(localId, null) : undefined;
      if (opened) return ok(opened);
      if (!deps.enrolled()) return fail(t, 'JOURNAL_UNKNOWN_ORDER', { ref: shown });

      let orderId: string | null | undefined = match.kind === 'order' ? match.orderId : undefined;
      if (orderId === undefined) {
        const found = await findOnServer(ref, match.kind === 'digits' ? match.receiptNo : null);
        if (found && !found.ok) return found;
        orderId = found?.value;
      }
      if (orderId === null) return fail(t, 'JOURNAL_UNKNOWN_ORDER', { ref: shown });
      const server = orderId === undefined ? undefined : await openOnServer(orderId);
      if (server) return ok(server);
      if (server === null) return fail(t, 'JOURNAL_UNKNOWN_ORDER', { ref: shown });
      return err('JOURNAL_UNKNOWN_ORDER_OFFLINE', t('JOURNAL_UNKNOWN_ORDER_OFFLINE', { ref: shown }));
    },
  };
}

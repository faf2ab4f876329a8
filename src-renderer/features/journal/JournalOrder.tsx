import { useEffect, useRef, useState } from 'react';
import { useDateTime, useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useJournalStore } from '../../stores/journal-store';
import { useRefundStore } from '../../stores/refund-store';
import { can, useSessionStore } from '../../stores/session-store';
import { OrderDetailParts } from '../reports/OrderDetailParts';
import { JournalExchange } from './JournalExchange';
import { RemoteRefund } from './RemoteRefund';

/**
 * One order in the journal: the record (lines, discounts, code, approvals, tenders, refunds, as the
 * back office shows it), its tickets and history, and what this terminal can do with it. Refunds of
 * this terminal's orders go through the refund screen, another terminal's through the server
 * (RemoteRefund); the buttons follow main's answer (canRefund, canReprint) and main checks
 * every action again.
 */
export function JournalOrder() {
  const t = useT();
  const money = useMoney();
  const dateTime = useDateTime();
  const view = useJournalStore((s) => s.order);
  const printed = useJournalStore((s) => s.printed);
  const close = useJournalStore((s) => s.close);
  const reprintReceipt = useJournalStore((s) => s.reprintReceipt);
  const reprintTickets = useJournalStore((s) => s.reprintTickets);
  const findForRefund = useRefundStore((s) => s.find);
  const session = useSessionStore((s) => s.session);
  const setView = useSessionStore((s) => s.setView);
  const [busy, setBusy] = useState(false);
  const [refundHere, setRefundHere] = useState(false);
  const [exchanging, setExchanging] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [view?.order.orderId]);

  if (!view) return null;
  const { order } = view;
  const receipt = order.receiptNo === null ? t('journal.online') : `#${order.receiptNo}`;
  const lineName = (lineId: string) => view.lines.find((l) => l.id === lineId)?.name ?? '';
  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    await action();
    setBusy(false);
  };

  return (
    <section
      className="panel panel--wide"
      aria-labelledby="journal-order-heading"
      data-screen="journal-order"
    >
      <button type="button" onClick={close}>
        {t('journal.back')}
      </button>
      <h1 id="journal-order-heading" ref={headingRef} tabIndex={-1}>
        {t('journal.order', { receipt, at: dateTime(order.at) })}
      </h1>
      {view.notice ? <p className="callout">{view.notice}</p> : null}
      <div className="actions" data-testid="journal-actions">
        {view.canReprint ? (
          <>
            <button type="button" disabled={busy} onClick={() => void act(reprintReceipt)}>
              {t('journal.reprintReceipt')}
            </button>
            {view.tickets.some((x) => x.status === 'valid') ? (
              <button type="button" disabled={busy} onClick={() => void act(reprintTickets)}>
                {t('journal.reprintTickets')}
              </button>
            ) : null}
          </>
        ) : (
          <p className="hint">{t('journal.reprintElsewhere')}</p>
        )}
        {view.canRefund && view.refundsThroughServer && (can(session, 'refund') || can(session, 'void')) ? (
          <button type="button" aria-expanded={refundHere} onClick={() => setRefundHere((shown) => !shown)}>
            {t('journal.refundAtThisWindow')}
          </button>
        ) : null}
        {view.canRefund &&
        !view.refundsThroughServer &&
        order.receiptNo !== null &&
        can(session, 'refund') ? (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                // The existing refund screen, with this order found in it.
                if (await findForRefund(order.receiptNo ?? 0)) setView('refunds');
              })
            }
          >
            {t('journal.refund')}
          </button>
        ) : null}
        {/* Another terminal's order opened from the server (online) is exchanged through the server. */}
        {view.canRefund &&
        (view.canReprint || view.refundsThroughServer) &&
        can(session, 'refund') &&
        can(session, 'sell') ? (
          <button type="button" aria-expanded={exchanging} onClick={() => setExchanging((shown) => !shown)}>
            {t('journal.exchange')}
          </button>
        ) : null}
      </div>
      {view.refundNote ? (
        <p className="hint" data-testid="journal-refund-note">
          {view.refundNote}
        </p>
      ) : null}
      {printed ? (
        <p role={printed.ok ? 'status' : 'alert'} className={printed.ok ? undefined : 'error'}>
          {printed.ok ? t('journal.reprinted') : printed.message}
        </p>
      ) : null}
      {refundHere && view.refundsThroughServer ? <RemoteRefund saleId={order.orderId} /> : null}
      {exchanging && (view.canReprint || view.refundsThroughServer) ? (
        <JournalExchange saleId={order.orderId} elsewhere={!view.canReprint} />
      ) : null}
      <OrderDetailParts order={order} detail={view} />
      <table className="table manage__table" data-testid="journal-tickets">
        <caption>{t('journal.tickets')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('journal.ticket')}</th>
            <th scope="col">{t('journal.issued')}</th>
            <th scope="col">{t('report.orders.status')}</th>
          </tr>
        </thead>
        <tbody>
          {view.tickets.length > 0 ? (
            view.tickets.map((ticket) => (
              <tr key={ticket.id}>
                <th scope="row">
                  {lineName(ticket.lineId)} {ticket.unitIndex + 1}
                </th>
                <td>{dateTime(ticket.issuedAt)}</td>
                <td>{t(`journal.ticket.${ticket.status}`)}</td>
              </tr>
            ))
          ) : (
            <tr>
              <td colSpan={3}>{t('report.order.noneOf')}</td>
            </tr>
          )}
        </tbody>
      </table>
      <table className="table manage__table" data-testid="journal-history">
        <caption>{t('journal.history')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.orders.time')}</th>
            <th scope="col">{t('journal.history.what')}</th>
            <th scope="col">{t('journal.history.by')}</th>
            <th scope="col">{t('journal.history.where')}</th>
            <th scope="col">{t('report.order.why')}</th>
            <th scope="col" className="num">
              {t('report.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {view.history.map((entry, i) => (
            <tr key={`${entry.kind}-${entry.at}-${i}`} data-kind={entry.kind}>
              <td>{dateTime(entry.at)}</td>
              <th scope="row">
                {t(`journal.history.${entry.kind}`, { receipt: String(entry.receiptNo ?? '') })}
              </th>
              <td>{entry.staffName ?? '—'}</td>
              <td>{entry.terminalName ?? '—'}</td>
              <td>{entry.reason ?? ''}</td>
              <td className="num">{entry.amount === null ? '' : money(entry.amount, order.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

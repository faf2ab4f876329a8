import { EXCHANGE_REASON } from '../../../shared/cash/reasons';
import { ReasonFields, useReasonChoice } from '../../components/ReasonFields';
import { useEffect, useId, useState } from 'react';
import type { TenderInput } from '../../../shared/ipc/contract';
import { useDateTime, useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useExchangeStore, type ExchangeAsk } from '../../stores/exchange-store';
import { firstTender } from '../refunds/paid-with';
import { TenderPick } from '../refunds/TenderPick';

const key = (u: { lineId: string; unitIndex: number }) => `${u.lineId}#${u.unitIndex}`;

/**
 * Exchanging units of an order (docs/ORDERS.md "Exchanges"), this terminal's or, online, another's
 * (`elsewhere`): tick the units given back,
 * pick the new performance, price and quantity, see main's preview (the code re-checked, the difference
 * to pay or to pay back), then confirm with the tender for the difference. Main checks everything again.
 */
export function JournalExchange({ saleId, elsewhere }: { saleId: string; elsewhere: boolean }) {
  const t = useT();
  const money = useMoney();
  const dateTime = useDateTime();
  const id = useId();
  const { sale, events, offers, preview, done, error, load, loadOffers, showPreview, exchange, clear } =
    useExchangeStore();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [performanceId, setPerformanceId] = useState('');
  const [ticketPriceId, setTicketPriceId] = useState('');
  const [qty, setQty] = useState(1);
  // The exchange's refund part takes a `refund` reason (docs/CASH.md "Reasons").
  const choice = useReasonChoice('refund', { reason: EXCHANGE_REASON, note: null });
  const [fullPrice, setFullPrice] = useState(false);
  // Until the cashier picks one, the difference is paid the way the sale was.
  const [pickedTender, setTender] = useState<'cash' | 'card' | null>(null);
  const [reference, setReference] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void load(saleId, elsewhere);
    return clear;
  }, [saleId, elsewhere, load, clear]);
  useEffect(() => {
    if (performanceId) void loadOffers(performanceId);
  }, [performanceId, loadOffers]);

  if (error) {
    return (
      <p role="alert" className="error" data-testid="exchange-error">
        {error}
      </p>
    );
  }
  if (!sale) return null;
  const { currency, open } = sale;
  const tender = pickedTender ?? firstTender(sale.payments);
  const prices = offers[performanceId] ?? [];
  const ask = (): ExchangeAsk => ({
    units: open.filter((u) => picked.has(key(u))).map((u) => ({ lineId: u.lineId, unitIndex: u.unitIndex })),
    performanceId,
    ticketPriceId,
    qty,
    ...choice.picked,
    fullPrice,
  });
  const run = async (action: () => Promise<{ message: string } | null>) => {
    setFailure(null);
    setBusy(true);
    const failed = await action();
    setBusy(false);
    if (failed) setFailure(failed.message);
  };
  const ready = picked.size > 0 && performanceId !== '' && ticketPriceId !== '' && choice.reason !== '';
  const tenders = (): TenderInput[] =>
    !preview || preview.toPay === 0
      ? []
      : tender === 'card'
        ? [{ tender: 'card', amount: preview.toPay, reference: reference.trim() }]
        : [{ tender: 'cash', amount: preview.toPay }];

  if (done) {
    return (
      <p role="status" className="ok" data-testid="exchange-done">
        {t('exchange.done', { receipt: done.sale.sale.receiptNo, refund: done.refundNo })}
      </p>
    );
  }

  return (
    <form
      className="form"
      data-testid="exchange"
      aria-labelledby={`${id}-heading`}
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => (preview ? exchange(ask(), tenders()) : showPreview(ask())));
      }}
    >
      <h2 id={`${id}-heading`}>{t('exchange.heading')}</h2>
      <fieldset>
        <legend>{t('exchange.giveBack')}</legend>
        {open.map((unit) => (
          <label key={key(unit)} className="check">
            <input
              type="checkbox"
              checked={picked.has(key(unit))}
              onChange={(e) => {
                const next = new Set(picked);
                if (e.target.checked) next.add(key(unit));
                else next.delete(key(unit));
                setPicked(next);
                useExchangeStore.setState({ preview: null });
              }}
            />
            {`${unit.name} ${unit.unitIndex + 1} · ${money(unit.total, currency)}`}
          </label>
        ))}
      </fieldset>
      <fieldset
        onChange={() => {
          useExchangeStore.setState({ preview: null });
        }}
      >
        <legend>{t('exchange.newTickets')}</legend>
        <label htmlFor={`${id}-performance`}>{t('journal.performance')}</label>
        <select
          id={`${id}-performance`}
          value={performanceId}
          onChange={(e) => {
            setPerformanceId(e.target.value);
            setTicketPriceId('');
          }}
        >
          <option value="">{t('exchange.pick')}</option>
          {events.flatMap((event) =>
            event.performances.map((p) => (
              <option key={p.id} value={p.id}>
                {`${event.name} · ${dateTime(p.startsAt)} (${p.remaining})`}
              </option>
            )),
          )}
        </select>
        <label htmlFor={`${id}-price`}>{t('exchange.price')}</label>
        <select id={`${id}-price`} value={ticketPriceId} onChange={(e) => setTicketPriceId(e.target.value)}>
          <option value="">{t('exchange.pick')}</option>
          {prices.map((o) => (
            <option key={o.ticketPriceId} value={o.ticketPriceId}>
              {`${o.ticketTypeName} · ${o.priceBandName} · ${money(o.unitPrice, currency)}`}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-qty`}>{t('exchange.qty')}</label>
        <input
          id={`${id}-qty`}
          type="number"
          min={1}
          max={1000}
          value={qty}
          onChange={(e) => setQty(Math.max(1, Math.trunc(Number(e.target.value)) || 1))}
        />
        <ReasonFields id={id} choice={choice} />
      </fieldset>
      {preview ? (
        <dl className="facts" data-testid="exchange-preview">
          <dt>{t('exchange.oldValue')}</dt>
          <dd>{money(preview.givenBack, currency)}</dd>
          <dt>{t('exchange.newValue')}</dt>
          <dd>
            {money(preview.total, currency)}
            {preview.code?.applies ? ` (${t('exchange.codeKept', { code: preview.code.code })})` : ''}
          </dd>
          {preview.toPay > 0 ? (
            <>
              <dt>{t('exchange.toPay')}</dt>
              <dd data-testid="exchange-to-pay">{money(preview.toPay, currency)}</dd>
            </>
          ) : (
            <>
              <dt>{t('exchange.toRefund')}</dt>
              <dd data-testid="exchange-to-refund">
                {money(preview.toRefund, currency)}
                {preview.refundTenders.map(
                  (p) => ` · ${t(`tender.${p.tender === 'card' ? 'card' : 'cash'}`)}`,
                )}
              </dd>
            </>
          )}
        </dl>
      ) : null}
      {preview?.code && !preview.code.applies ? (
        <>
          <p role="alert" className="callout" data-testid="exchange-code-lapsed">
            {t('exchange.codeLapsed', { code: preview.code.code, message: preview.code.message ?? '' })}
          </p>
          <label className="check">
            <input type="checkbox" checked={fullPrice} onChange={(e) => setFullPrice(e.target.checked)} />
            {t('exchange.fullPrice')}
          </label>
        </>
      ) : null}
      {preview && preview.toPay > 0 ? (
        <TenderPick
          id={id}
          label={t('exchange.tender')}
          tender={tender}
          reference={reference}
          onTender={setTender}
          onReference={setReference}
        />
      ) : null}
      {failure ? (
        <p role="alert" className="error" data-testid="exchange-failure">
          {failure}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy || !ready}>
          {preview ? t('exchange.confirm') : t('exchange.preview')}
        </button>
      </div>
    </form>
  );
}

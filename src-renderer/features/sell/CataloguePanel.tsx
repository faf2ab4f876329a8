import { useEffect } from 'react';
import type { Product } from '../../../shared/catalogue/types';
import { useT } from '../../i18n/use-t';
import { useDateTime, useMoney } from '../../i18n/use-money';
import { useSeatStore } from '../../stores/seat-store';
import { useSellStore } from '../../stores/sell-store';
import { SeatPicker } from './SeatPicker';

/**
 * Event → performance → ticket types with what is left, add-ons, merchandise and gift vouchers. An
 * open-amount voucher (priced 0) asks for its amount first: `onOpenVoucher` opens that dialog.
 */
export function CataloguePanel({ onOpenVoucher }: { onOpenVoucher: (product: Product) => void }) {
  const t = useT();
  const money = useMoney();
  const dateTime = useDateTime();
  const events = useSellStore((s) => s.events);
  const eventId = useSellStore((s) => s.eventId);
  const offer = useSellStore((s) => s.offer);
  const selectEvent = useSellStore((s) => s.selectEvent);
  const selectPerformance = useSellStore((s) => s.selectPerformance);
  const addTicket = useSellStore((s) => s.addTicket);
  const addProduct = useSellStore((s) => s.addProduct);
  const addVoucher = useSellStore((s) => s.addVoucher);
  const choose = (product: Product) => {
    if (product.kind !== 'voucher') return void addProduct(product.id);
    if (product.unitPrice === 0) return onOpenVoucher(product);
    void addVoucher({ productId: product.id, qty: 1 }, false);
  };
  const event = events.find((e) => e.id === eventId) ?? null;
  const performanceId = offer?.performance.id ?? null;
  // A seated performance sells its seats from the map; its ticket buttons sell only standing places.
  const seated = useSeatStore((s) => s.status === 'seated' && s.performanceId === performanceId);
  useEffect(() => {
    const seats = useSeatStore.getState();
    if (performanceId) void seats.open(performanceId);
    else seats.close();
  }, [performanceId]);

  return (
    <section className="sell__catalogue" aria-labelledby="catalogue-heading">
      <h1 id="catalogue-heading">{t('sell.heading')}</h1>
      <div className="choice-row" role="group" aria-label={t('sell.events')}>
        {events.map((e) => (
          <button key={e.id} type="button" aria-pressed={e.id === eventId} onClick={() => selectEvent(e.id)}>
            {e.name}
          </button>
        ))}
      </div>
      {event ? (
        <div className="choice-row" role="group" aria-label={t('sell.performances')}>
          {event.performances.map((p) => (
            <button
              key={p.id}
              type="button"
              className="performance-button"
              aria-pressed={offer?.performance.id === p.id}
              disabled={p.status !== 'on_sale'}
              onClick={() => void selectPerformance(p.id)}
              data-performance={p.id}
            >
              <span>{dateTime(p.startsAt)}</span>
              <span className="muted">{t('sell.left', { left: p.remaining })}</span>
            </button>
          ))}
        </div>
      ) : null}
      {offer ? (
        <>
          {seated ? (
            <>
              <h2>{t('seats.heading')}</h2>
              <SeatPicker />
            </>
          ) : null}
          {seated && offer.performance.remaining <= 0 ? null : (
            <>
              <h2>
                {seated ? t('seats.gaTickets') : t('sell.tickets')}{' '}
                <span className="muted" data-testid="remaining">
                  {t('sell.left', { left: offer.performance.remaining })}
                </span>
              </h2>
              <div className="item-grid">
                {offer.tickets.map((ticket) => (
                  <button
                    key={ticket.ticketPriceId}
                    type="button"
                    className="item-button"
                    disabled={offer.performance.remaining <= 0}
                    onClick={() => void addTicket(ticket.ticketPriceId)}
                    data-item={ticket.ticketPriceId}
                  >
                    <span>
                      {ticket.ticketTypeName} · {ticket.priceBandName}
                    </span>
                    <strong>{money(ticket.unitPrice, offer.currency)}</strong>
                  </button>
                ))}
              </div>
            </>
          )}
          <h2>{t('sell.products')}</h2>
          <div className="item-grid">
            {offer.products.map((product) => (
              <button
                key={product.id}
                type="button"
                className="item-button"
                onClick={() => choose(product)}
                data-item={product.id}
                data-kind={product.kind}
              >
                <span>
                  {product.name}
                  {product.kind === 'voucher' ? <span className="tag">{t('voucher.tag')}</span> : null}
                </span>
                <strong>
                  {product.kind === 'voucher' && product.unitPrice === 0
                    ? t('voucher.openAmount')
                    : money(product.unitPrice, offer.currency)}
                </strong>
              </button>
            ))}
          </div>
        </>
      ) : event ? (
        <p className="muted">{t('sell.pickPerformance')}</p>
      ) : null}
    </section>
  );
}

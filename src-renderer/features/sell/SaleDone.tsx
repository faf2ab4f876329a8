import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/use-t';
import { useMoney } from '../../i18n/use-money';
import { IssuedVouchers } from '../../components/IssuedVouchers';
import { TicketsPdfButtons } from '../../components/TicketsPdfButtons';
import { saleTicketsPdf } from '../../stores/printer-store';
import { useSellStore } from '../../stores/sell-store';
import { EmailSale } from './EmailSale';

/** After payment: receipt number, change to hand back and the receipt as it prints. */
export function SaleDone() {
  const t = useT();
  const money = useMoney();
  const sale = useSellStore((s) => s.lastSale);
  const svg = useSellStore((s) => s.receiptSvg);
  const newSale = useSellStore((s) => s.newSale);
  const buttonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    buttonRef.current?.focus();
  }, []);
  if (!sale) return null;
  const change = sale.payments.reduce((sum, p) => sum + (p.changeGiven ?? 0), 0);
  const m = (amount: number) => money(amount, sale.sale.currency);
  // A sale the main process built before gift vouchers (or read back from before them) may lack the part.
  const vouchers = (sale.vouchers as typeof sale.vouchers | undefined) ?? [];
  return (
    <section className="sell__cart sale-done" aria-labelledby="done-heading" data-testid="sale-done">
      <h2 id="done-heading">{t('done.heading', { receipt: sale.sale.receiptNo })}</h2>
      <p className="done__change">
        {t('done.change')} <strong data-testid="done-change">{m(change)}</strong>
      </p>
      <ul className="plain">
        {sale.payments.map((p) => (
          <li key={p.id}>
            {t(
              p.tender === 'card'
                ? 'tender.card'
                : p.tender === 'complimentary'
                  ? 'tender.complimentary'
                  : p.tender === 'exchange'
                    ? 'tender.exchange'
                    : p.tender === 'voucher'
                      ? 'tender.voucher'
                      : 'tender.cash',
            )}
            : {m(p.amount)}
            {p.reference ? ` (${p.reference})` : ''}
          </li>
        ))}
        {/* docs/CASH.md "Cash rounding": what the cash part was rounded by, signed, as the receipt prints it. */}
        {sale.sale.cashRounding !== 0 ? (
          <li data-testid="done-cash-rounding">
            {t('pay.cashRounding')}: {(sale.sale.cashRounding > 0 ? '+' : '') + m(sale.sale.cashRounding)}
          </li>
        ) : null}
      </ul>
      {/* docs/CASH.md "Selling one": the receipt prints each code as a QR; here staff see what was issued. */}
      <IssuedVouchers
        vouchers={vouchers}
        currency={sale.sale.currency}
        heading="done.vouchers"
        testId="done-vouchers"
      />
      <button ref={buttonRef} type="button" className="primary big" onClick={newSale}>
        {t('done.next')}
      </button>
      {sale.tickets.some((ticket) => ticket.status === 'valid') ? (
        <TicketsPdfButtons
          labels={{ a4: t('tickets.pdfA4'), stock: t('tickets.pdfStock') }}
          load={(format) => saleTicketsPdf(sale.sale.id, format)}
        />
      ) : null}
      <EmailSale key={sale.sale.id} sale={sale} />
      {svg ? (
        <img
          className="receipt-preview"
          alt={t('done.receiptAlt', { receipt: sale.sale.receiptNo })}
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
        />
      ) : null}
    </section>
  );
}

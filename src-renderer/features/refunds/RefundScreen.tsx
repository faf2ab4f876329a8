import { useEffect, useId, useRef, useState } from 'react';
import { useDateTime, useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { IssuedVouchers } from '../../components/IssuedVouchers';
import { TicketsPdfButtons } from '../../components/TicketsPdfButtons';
import { saleTicketsPdf } from '../../stores/printer-store';
import { useRefundStore } from '../../stores/refund-store';
import { paidWith } from './paid-with';
import { EmailSale } from '../sell/EmailSale';
import { RefundForm } from './RefundForm';
import { TicketReprint } from './TicketReprint';
import { can, useSessionStore } from '../../stores/session-store';
import { useTerminalStore } from '../../stores/terminal-store';

/** Find a sale by receipt number; refund single units exactly, or void the whole sale. */
export function RefundScreen() {
  const t = useT();
  const money = useMoney();
  const dateTime = useDateTime();
  const id = useId();
  const session = useSessionStore((s) => s.session);
  const sale = useRefundStore((s) => s.sale);
  const findError = useRefundStore((s) => s.findError);
  const done = useRefundStore((s) => s.done);
  const find = useRefundStore((s) => s.find);
  const refund = useRefundStore((s) => s.refund);
  const voidSale = useRefundStore((s) => s.voidSale);
  const [receiptText, setReceiptText] = useState('');
  const [error, setError] = useState<{ field: 'receipt'; message: string } | null>(null);
  const receiptRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    receiptRef.current?.focus();
  }, []);

  const mayRefund = can(session, 'refund');
  // A credit voucher is signed with the key enrolment brings; a training sale's needs none (docs/CASH.md).
  const enrolled = useTerminalStore((s) => s.status?.sync.enrolled ?? false);

  const onFind = async () => {
    setError(null);
    const receiptNo = Number(receiptText.trim());
    if (!Number.isInteger(receiptNo) || receiptNo < 1) {
      setError({ field: 'receipt', message: t('refund.receiptInvalid') });
      receiptRef.current?.focus();
      return;
    }
    if (!(await find(receiptNo))) receiptRef.current?.focus();
  };

  const m = (amount: number) => (sale ? money(amount, sale.sale.currency) : '');
  const lastRefund = sale?.refunds.at(-1);
  const credited = lastRefund ? (sale?.vouchers ?? []).filter((v) => v.refundId === lastRefund.id) : [];
  const errorFor = (field: 'receipt') =>
    error?.field === field ? (
      <p id={`${id}-${field}-error`} role="alert" className="error">
        {error.message}
      </p>
    ) : null;

  return (
    <section className="panel panel--wide" aria-labelledby="refund-heading" data-screen="refunds">
      <h1 id="refund-heading">{t('refund.heading')}</h1>
      <form
        className="form form--inline"
        onSubmit={(e) => {
          e.preventDefault();
          void onFind();
        }}
      >
        <label htmlFor={`${id}-receipt`}>{t('refund.receipt')}</label>
        <input
          id={`${id}-receipt`}
          ref={receiptRef}
          inputMode="numeric"
          autoComplete="off"
          value={receiptText}
          onChange={(e) => setReceiptText(e.target.value)}
          aria-invalid={error?.field === 'receipt' || findError ? true : undefined}
          aria-describedby={
            error?.field === 'receipt' ? `${id}-receipt-error` : findError ? `${id}-find-error` : undefined
          }
        />
        <button type="submit">{t('refund.find')}</button>
      </form>
      {errorFor('receipt')}
      {findError ? (
        <p id={`${id}-find-error`} role="alert" className="error">
          {findError}
        </p>
      ) : null}
      {!mayRefund ? <p className="callout">{t('refund.notAllowed')}</p> : null}
      {sale ? (
        <div data-testid="refund-sale">
          <h2>
            {t('refund.sale', { receipt: sale.sale.receiptNo, when: dateTime(sale.sale.createdAt) })}{' '}
            {sale.sale.status === 'voided' ? (
              <span className="tag tag--bad" data-testid="sale-status">
                {t('refund.voided')}
              </span>
            ) : null}
          </h2>
          {sale.tickets.some((ticket) => ticket.status === 'valid') ? (
            <TicketsPdfButtons
              labels={{ a4: t('tickets.pdfA4'), stock: t('tickets.pdfStock') }}
              load={(format) => saleTicketsPdf(sale.sale.id, format)}
            />
          ) : null}
          <EmailSale key={`email-${sale.sale.id}`} sale={sale} />
          <RefundForm
            key={`refund-${sale.sale.id}`}
            units={sale.units.map((unit) => ({
              lineId: unit.lineId,
              unitIndex: unit.unitIndex,
              label: `${sale.lines.find((l) => l.id === unit.lineId)?.name ?? ''} ${unit.unitIndex + 1}`,
              total: unit.total,
              refunded: unit.refundId !== null || unit.refundedElsewhereId !== null,
            }))}
            currency={sale.sale.currency}
            open={sale.sale.status !== 'voided'}
            paidWith={paidWith(sale)}
            asPaid={sale.payments.some((p) => p.tender === 'voucher' && p.amount > 0)}
            toVoucher={enrolled || sale.sale.training === 1}
            onRefund={refund}
            onVoid={voidSale}
          />
          {done && lastRefund ? (
            <p role="status" className="ok" data-testid="refund-done">
              {t(done === 'void' ? 'refund.doneVoid' : 'refund.doneRefund', {
                amount: m(lastRefund.amount),
                no: lastRefund.refundNo,
              })}
            </p>
          ) : null}
          {done ? (
            // docs/CASH.md "Refunds onto a voucher": the refund receipt prints its code as a QR.
            <IssuedVouchers
              vouchers={credited}
              currency={sale.sale.currency}
              heading="refund.voucherIssued"
              testId="refund-vouchers"
            />
          ) : null}
          <TicketReprint key={`reprint-${sale.sale.id}`} sale={sale} />
        </div>
      ) : null}
    </section>
  );
}

import { useEffect, useId, useRef, useState } from 'react';
import { useDateTime, useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { TicketsPdfButtons } from '../../components/TicketsPdfButtons';
import { saleTicketsPdf } from '../../stores/printer-store';
import { useRefundStore, type UnitRef } from '../../stores/refund-store';
import { paidWith } from './paid-with';
import { EmailSale } from '../sell/EmailSale';
import { TicketReprint } from './TicketReprint';
import { can, useSessionStore } from '../../stores/session-store';

const key = (u: UnitRef) => `${u.lineId}#${u.unitIndex}`;

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
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState('');
  const [tender, setTender] = useState<'cash' | 'card'>('cash');
  const [reference, setReference] = useState('');
  const [error, setError] = useState<{ field: 'receipt' | 'reason' | 'units'; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const receiptRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    receiptRef.current?.focus();
  }, []);

  const mayRefund = can(session, 'refund');
  const mayVoid = can(session, 'void');

  const onFind = async () => {
    setError(null);
    const receiptNo = Number(receiptText.trim());
    if (!Number.isInteger(receiptNo) || receiptNo < 1) {
      setError({ field: 'receipt', message: t('refund.receiptInvalid') });
      receiptRef.current?.focus();
      return;
    }
    setPicked(new Set());
    if (await find(receiptNo)) setTender(paidWith(useRefundStore.getState().sale));
    else receiptRef.current?.focus();
  };

  const run = async (action: 'refund' | 'void') => {
    setError(null);
    if (reason.trim().length < 3) {
      setError({ field: 'reason', message: t('approve.reasonShort') });
      reasonRef.current?.focus();
      return;
    }
    let units: UnitRef[] = [];
    if (action === 'refund') {
      units = (sale?.units ?? [])
        .filter((u) => picked.has(key(u)))
        .map((u) => ({ lineId: u.lineId, unitIndex: u.unitIndex }));
      if (units.length === 0) {
        setError({ field: 'units', message: t('refund.pickUnits') });
        return;
      }
    }
    setBusy(true);
    const failure =
      action === 'refund'
        ? await refund(units, reason.trim(), tender, tender === 'card' ? reference.trim() : '')
        : await voidSale(reason.trim());
    setBusy(false);
    if (failure)
      setError({
        field: failure.reason === 'INVALID_REQUEST' ? 'reason' : 'units',
        message: failure.message,
      });
    else {
      setPicked(new Set());
      setReason('');
      setReference('');
    }
  };

  const m = (amount: number) => (sale ? money(amount, sale.sale.currency) : '');
  const lastRefund = sale?.refunds.at(-1);
  const errorFor = (field: 'receipt' | 'reason' | 'units') =>
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
          <EmailSale key={sale.sale.id} sale={sale} />
          <table className="table">
            <caption>{t('refund.units')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('refund.pick')}</th>
                <th scope="col">{t('cart.item')}</th>
                <th scope="col" className="num">
                  {t('cart.lineTotal')}
                </th>
              </tr>
            </thead>
            <tbody>
              {sale.units.map((unit) => {
                const line = sale.lines.find((l) => l.id === unit.lineId);
                const k = key(unit);
                const label = `${line?.name ?? ''} ${unit.unitIndex + 1}`;
                return (
                  <tr key={k} data-unit={k}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t('refund.pickUnit', { name: label })}
                        disabled={unit.refundId !== null || !mayRefund}
                        checked={picked.has(k)}
                        onChange={(e) => {
                          const next = new Set(picked);
                          if (e.target.checked) next.add(k);
                          else next.delete(k);
                          setPicked(next);
                        }}
                      />
                    </td>
                    <td>
                      {label}
                      {unit.refundId !== null ? <span className="tag">{t('refund.refunded')}</span> : null}
                    </td>
                    <td className="num">{m(unit.total)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {errorFor('units')}
          {sale.sale.status !== 'voided' && (mayRefund || mayVoid) ? (
            <form
              className="form"
              onSubmit={(e) => {
                e.preventDefault();
                void run('refund');
              }}
            >
              <label htmlFor={`${id}-reason`}>{t('approve.reason')}</label>
              <input
                id={`${id}-reason`}
                ref={reasonRef}
                value={reason}
                maxLength={200}
                onChange={(e) => setReason(e.target.value)}
                aria-invalid={error?.field === 'reason' ? true : undefined}
                aria-describedby={error?.field === 'reason' ? `${id}-reason-error` : undefined}
              />
              {errorFor('reason')}
              <label htmlFor={`${id}-tender`}>{t('refund.tender')}</label>
              <select
                id={`${id}-tender`}
                value={tender}
                onChange={(e) => setTender(e.target.value as 'cash' | 'card')}
              >
                <option value="cash">{t('tender.cash')}</option>
                <option value="card">{t('tender.card')}</option>
              </select>
              {tender === 'card' ? (
                <>
                  <label htmlFor={`${id}-reference`}>{t('pay.reference')}</label>
                  <input
                    id={`${id}-reference`}
                    value={reference}
                    maxLength={64}
                    autoComplete="off"
                    onChange={(e) => setReference(e.target.value)}
                  />
                </>
              ) : null}
              <div className="button-row">
                {mayRefund ? (
                  <button type="submit" className="primary" disabled={busy}>
                    {t('refund.refundPicked')}
                  </button>
                ) : null}
                {mayVoid ? (
                  <button type="button" className="danger" disabled={busy} onClick={() => void run('void')}>
                    {t('refund.void')}
                  </button>
                ) : null}
              </div>
            </form>
          ) : null}
          {done && lastRefund ? (
            <p role="status" className="ok" data-testid="refund-done">
              {t(done === 'void' ? 'refund.doneVoid' : 'refund.doneRefund', {
                amount: m(lastRefund.amount),
                no: lastRefund.refundNo,
              })}
            </p>
          ) : null}
          <TicketReprint key={sale.sale.id} sale={sale} />
        </div>
      ) : null}
    </section>
  );
}

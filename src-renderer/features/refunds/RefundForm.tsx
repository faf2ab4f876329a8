import { useId, useRef, useState } from 'react';
import { useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import type { UnitRef } from '../../stores/refund-store';
import { TenderPick } from './TenderPick';
import type { Failure } from '../../stores/sell-store';
import { can, useSessionStore } from '../../stores/session-store';

/** A unit of the sale as the refund form lists it. */
export interface RefundFormUnit extends UnitRef {
  label: string;
  total: number;
  refunded: boolean;
}

type Tender = 'cash' | 'card';

const key = (u: UnitRef) => `${u.lineId}#${u.unitIndex}`;

/**
 * The sale's units to tick, the reason and the tender: refunds ticked units exactly, or voids the whole
 * sale. The same form for a sale of this terminal (the refund screen) and another terminal's (the
 * journal, docs/ORDERS.md "Refunds at another window"); the core checks every permission again.
 */
export function RefundForm({
  units,
  currency,
  open,
  paidWith,
  onRefund,
  onVoid,
}: {
  units: readonly RefundFormUnit[];
  currency: string;
  /** False once the sale is voided: the units are shown, nothing can be done. */
  open: boolean;
  /** The tender the form starts on: the way the sale was paid. */
  paidWith: Tender;
  onRefund: (units: UnitRef[], reason: string, tender: Tender, reference: string) => Promise<Failure | null>;
  onVoid: (reason: string) => Promise<Failure | null>;
}) {
  const t = useT();
  const money = useMoney();
  const id = useId();
  const session = useSessionStore((s) => s.session);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState('');
  const [tender, setTender] = useState<Tender>(paidWith);
  const [reference, setReference] = useState('');
  const [error, setError] = useState<{ field: 'reason' | 'units'; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLInputElement>(null);
  const mayRefund = can(session, 'refund');
  const mayVoid = can(session, 'void');

  const run = async (action: 'refund' | 'void') => {
    setError(null);
    if (reason.trim().length < 3) {
      setError({ field: 'reason', message: t('approve.reasonShort') });
      reasonRef.current?.focus();
      return;
    }
    let chosen: UnitRef[] = [];
    if (action === 'refund') {
      chosen = units
        .filter((u) => picked.has(key(u)))
        .map((u) => ({ lineId: u.lineId, unitIndex: u.unitIndex }));
      if (chosen.length === 0) {
        setError({ field: 'units', message: t('refund.pickUnits') });
        return;
      }
    }
    setBusy(true);
    const failure =
      action === 'refund'
        ? await onRefund(chosen, reason.trim(), tender, tender === 'card' ? reference.trim() : '')
        : await onVoid(reason.trim());
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

  const errorFor = (field: 'reason' | 'units') =>
    error?.field === field ? (
      <p id={`${id}-${field}-error`} role="alert" className="error">
        {error.message}
      </p>
    ) : null;

  return (
    <>
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
          {units.map((unit) => {
            const k = key(unit);
            return (
              <tr key={k} data-unit={k}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('refund.pickUnit', { name: unit.label })}
                    disabled={unit.refunded || !mayRefund}
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
                  {unit.label}
                  {unit.refunded ? <span className="tag">{t('refund.refunded')}</span> : null}
                </td>
                <td className="num">{money(unit.total, currency)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {errorFor('units')}
      {open && (mayRefund || mayVoid) ? (
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
          <TenderPick
            id={id}
            label={t('refund.tender')}
            tender={tender}
            reference={reference}
            onTender={setTender}
            onReference={setReference}
          />
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
    </>
  );
}

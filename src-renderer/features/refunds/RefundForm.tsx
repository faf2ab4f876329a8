import { useId, useState } from 'react';
import { ReasonFields, useReasonChoice, type ReasonChoice } from '../../components/ReasonFields';
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

type Tender = 'cash' | 'card' | 'voucher';
type Picked = ReasonChoice['picked'];

const key = (u: UnitRef) => `${u.lineId}#${u.unitIndex}`;

/**
 * The sale's units to tick, refund or void, a reason from that action's list with an optional note
 * (docs/CASH.md "Reasons"), and the tender: refunds ticked units exactly, or voids the whole sale. The same form for a sale of this terminal (the refund screen) and another terminal's (the
 * journal, docs/ORDERS.md "Refunds at another window"); the core checks every permission again.
 */
export function RefundForm({
  units,
  currency,
  open,
  paidWith,
  asPaid = false,
  toVoucher = false,
  onRefund,
  onVoid,
}: {
  units: readonly RefundFormUnit[];
  currency: string;
  /** False once the sale is voided: the units are shown, nothing can be done. */
  open: boolean;
  /** The tender the form starts on: the way the sale was paid. */
  paidWith: Tender;
  /**
   * The money goes back exactly as the sale was paid, with no tender to pick: a sale paid partly by gift
   * voucher, whose part goes back onto the voucher (docs/CASH.md "Gift vouchers").
   */
  asPaid?: boolean;
  /** The terminal can issue a gift voucher: offer refunding onto one (docs/CASH.md "Refunds onto a voucher"). */
  toVoucher?: boolean;
  onRefund: (
    units: UnitRef[],
    picked: Picked,
    tender: Tender | null,
    reference: string,
  ) => Promise<Failure | null>;
  /** `toVoucher`: the void's money goes onto a new gift voucher. */
  onVoid: (picked: Picked, toVoucher: boolean) => Promise<Failure | null>;
}) {
  const t = useT();
  const money = useMoney();
  const id = useId();
  const session = useSessionStore((s) => s.session);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const mayRefund = can(session, 'refund');
  const mayVoid = can(session, 'void');
  // Each action has its own reason list, so the action is picked before the reason.
  const [action, setAction] = useState<'refund' | 'void'>(mayRefund ? 'refund' : 'void');
  const choice = useReasonChoice(action);
  const [tender, setTender] = useState<Tender>(paidWith);
  const [reference, setReference] = useState('');
  const [error, setError] = useState<{ field: 'reason' | 'units'; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setError(null);
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
        ? await onRefund(
            chosen,
            choice.picked,
            asPaid ? null : tender,
            !asPaid && tender === 'card' ? reference.trim() : '',
          )
        : await onVoid(choice.picked, !asPaid && tender === 'voucher');
    setBusy(false);
    if (failure)
      setError({
        field:
          failure.reason === 'INVALID_REQUEST' || failure.reason === 'REASON_NOT_LISTED' ? 'reason' : 'units',
        message: failure.message,
      });
    else {
      setPicked(new Set());
      choice.setNote('');
      setReference('');
    }
  };

  const errorFor = (field: 'units') =>
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
            void run();
          }}
        >
          {mayRefund && mayVoid ? (
            <fieldset className="segmented-field">
              <legend>{t('refund.action')}</legend>
              {(['refund', 'void'] as const).map((a) => (
                <label key={a}>
                  <input
                    type="radio"
                    name={`${id}-action`}
                    checked={action === a}
                    onChange={() => setAction(a)}
                  />{' '}
                  {t(a === 'refund' ? 'refund.actionRefund' : 'refund.actionVoid')}
                </label>
              ))}
            </fieldset>
          ) : null}
          <ReasonFields id={id} choice={choice} error={error?.field === 'reason' ? error.message : null} />
          {asPaid ? (
            <p className="muted small" data-testid="refund-as-paid">
              {t('refund.asPaidVoucher')}
            </p>
          ) : (
            <TenderPick
              id={id}
              label={t('refund.tender')}
              tender={tender}
              reference={reference}
              voucher={toVoucher}
              onTender={setTender}
              onReference={setReference}
            />
          )}
          <div className="button-row">
            <button
              type="submit"
              className={action === 'refund' ? 'primary' : 'danger'}
              disabled={busy || choice.reason === ''}
            >
              {t(action === 'refund' ? 'refund.refundPicked' : 'refund.void')}
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}

import { cashDue as cashDueFor } from '../../../shared/money/cash-rounding';
import { useEffect, useId, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { parseAmount } from '../../lib/amount-input';
import { useT } from '../../i18n/use-t';
import { useMoney } from '../../i18n/use-money';
import type { TenderInput } from '../../../shared/ipc/contract';
import { useSellStore } from '../../stores/sell-store';
import { DialogForm } from '../../components/DialogForm';
import { OfflineApprovalDialog } from './OfflineApprovalDialog';

/**
 * Payment: an optional card part (taken on the external terminal, its reference recorded) and the
 * rest in cash, with the cash handed over and the change. Amounts are typed and sent as integers.
 */
export function PaymentDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const money = useMoney();
  const id = useId();
  const cart = useSellStore((s) => s.cart);
  const checkout = useSellStore((s) => s.checkout);
  // docs/CASH.md "Comps": the complimentary tender finishes an order comped whole (F10), nothing else.
  const compedWhole = (cart?.total ?? 0) === 0 && (cart?.comp ?? 0) > 0;
  const currency = cart?.currency ?? 'EUR';
  const total = cart?.total ?? 0;
  const [cardText, setCardText] = useState('');
  const [reference, setReference] = useState('');
  const [receivedText, setReceivedText] = useState('');
  const [fieldError, setFieldError] = useState<{
    field: 'card' | 'reference' | 'received';
    message: string;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // docs/CASH.md "Offline limits": the tenders refused for the minutes offline, offered to a supervisor's
  // PIN; `approving` while the PIN dialog is open.
  const [offlineTenders, setOfflineTenders] = useState<TenderInput[] | null>(null);
  const [approving, setApproving] = useState(false);
  const offlineRef = useRef<HTMLButtonElement>(null);
  // Keyboard-first: once offered (and enabled again), Enter opens the supervisor's PIN.
  useEffect(() => {
    if (offlineTenders && !busy) offlineRef.current?.focus();
  }, [offlineTenders, busy]);
  const refs = {
    card: useRef<HTMLInputElement>(null),
    reference: useRef<HTMLInputElement>(null),
    received: useRef<HTMLInputElement>(null),
  };

  const card = cardText.trim() === '' ? 0 : parseAmount(cardText, currency);
  // docs/CASH.md "Cash rounding": only the cash part is rounded, to the step the main process gave.
  const due = card === null ? null : Math.max(0, total - card);
  const rounded = due === null ? null : cashDueFor(due, cart?.cashStep ?? 0);
  const cashDue = rounded?.cash ?? null;
  const received = receivedText.trim() === '' ? cashDue : parseAmount(receivedText, currency);
  const change = cashDue !== null && received !== null ? received - cashDue : null;

  const fail = (field: 'card' | 'reference' | 'received', message: string) => {
    setFieldError({ field, message });
    refs[field].current?.focus();
  };

  const finish = async (tenders: TenderInput[]) => {
    setError(null);
    setOfflineTenders(null);
    setBusy(true);
    const failure = await checkout(tenders);
    setBusy(false);
    if (!failure) return onClose();
    setError(failure.message);
    if (failure.reason === 'OFFLINE_TOO_LONG') setOfflineTenders(tenders);
  };

  const submit = async () => {
    setFieldError(null);
    setError(null);
    setOfflineTenders(null);
    const example = money(1250, currency);
    if (card === null) return fail('card', t('amount.invalid', { example }));
    if (card > total) return fail('card', t('pay.cardTooMuch', { total: money(total, currency) }));
    if (card > 0 && reference.trim() === '') return fail('reference', t('pay.referenceMissing'));
    if (received === null || cashDue === null) return fail('received', t('amount.invalid', { example }));
    if (received < cashDue)
      return fail('received', t('pay.receivedShort', { due: money(cashDue, currency) }));
    const tenders: TenderInput[] = [];
    if (card > 0) tenders.push({ tender: 'card', amount: card, reference: reference.trim() });
    if ((due ?? 0) > 0 || tenders.length === 0)
      tenders.push({ tender: 'cash', amount: cashDue, tendered: received });
    await finish(tenders);
  };

  const field = (
    name: 'card' | 'reference' | 'received',
    label: string,
    value: string,
    onChange: (v: string) => void,
    extra: { inputMode?: 'decimal'; placeholder?: string; autofocus?: boolean } = {},
  ) => {
    const hasError = fieldError?.field === name;
    return (
      <>
        <label htmlFor={`${id}-${name}`}>{label}</label>
        <input
          id={`${id}-${name}`}
          ref={refs[name]}
          inputMode={extra.inputMode}
          placeholder={extra.placeholder}
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={hasError ? true : undefined}
          aria-describedby={hasError ? `${id}-${name}-error` : undefined}
          data-autofocus={extra.autofocus ? true : undefined}
        />
        {hasError ? (
          <p id={`${id}-${name}-error`} role="alert" className="error">
            {fieldError.message}
          </p>
        ) : null}
      </>
    );
  };

  return (
    <>
      <Dialog title={t('pay.title')} onClose={onClose} testId="payment-dialog">
        <DialogForm
          busy={busy}
          onSubmit={() => void submit()}
          error={error}
          cancelLabel={t('dialog.cancel')}
          onCancel={onClose}
          submitLabel={t('pay.complete')}
          extraActions={
            <>
              {offlineTenders ? (
                <button type="button" ref={offlineRef} disabled={busy} onClick={() => setApproving(true)}>
                  {t('pay.offlinePin')}
                </button>
              ) : null}
              {compedWhole ? (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void finish([{ tender: 'complimentary', amount: total }])}
                >
                  {t('pay.comp')}
                </button>
              ) : null}
            </>
          }
        >
          <p className="pay__total">
            {t('pay.total')} <strong data-testid="pay-total">{money(total, currency)}</strong>
          </p>
          {field('received', t('pay.received', { currency }), receivedText, setReceivedText, {
            inputMode: 'decimal',
            placeholder: cashDue !== null ? money(cashDue, currency) : '',
            autofocus: true,
          })}
          <fieldset className="form">
            <legend>{t('pay.cardPart')}</legend>
            {field('card', t('pay.card', { currency }), cardText, setCardText, { inputMode: 'decimal' })}
            {field('reference', t('pay.reference'), reference, setReference)}
          </fieldset>
          <dl className="fields pay__sums">
            <div className="fields__row">
              <dt>{t('pay.cashDue')}</dt>
              <dd data-testid="pay-cash-due">{cashDue !== null ? money(cashDue, currency) : '—'}</dd>
            </div>
            {rounded && rounded.rounding !== 0 && (
              <div className="fields__row">
                <dt>{t('pay.cashRounding')}</dt>
                <dd data-testid="pay-cash-rounding">
                  {(rounded.rounding > 0 ? '+' : '') + money(rounded.rounding, currency)}
                </dd>
              </div>
            )}
            <div className="fields__row">
              <dt>{t('pay.change')}</dt>
              <dd data-testid="pay-change" aria-live="polite">
                {change !== null && change >= 0 ? money(change, currency) : '—'}
              </dd>
            </div>
          </dl>
        </DialogForm>
      </Dialog>
      {approving && offlineTenders ? (
        <OfflineApprovalDialog
          tenders={offlineTenders}
          onDone={onClose}
          onCancel={() => setApproving(false)}
        />
      ) : null}
    </>
  );
}

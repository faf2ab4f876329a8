import { cashDue as cashDueFor } from '../../../shared/money/cash-rounding';
import { useEffect, useId, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { amountText, parseAmount } from '../../lib/amount-input';
import { useT } from '../../i18n/use-t';
import { useMoney } from '../../i18n/use-money';
import type { TenderInput } from '../../../shared/ipc/contract';
import type { VoucherCheckView } from '../../../shared/ipc/domains/sell';
import { useSellStore } from '../../stores/sell-store';
import { DialogForm } from '../../components/DialogForm';
import { OfflineApprovalDialog } from './OfflineApprovalDialog';
import { VoucherCodeField } from './VoucherCodeField';
import { VoucherFacts } from './VoucherFacts';

type FieldName = 'card' | 'reference' | 'received' | 'voucherCode' | 'voucherAmount';

/**
 * Payment: an optional gift voucher part (scanned, checked, at most what it can pay here), an optional
 * card part (taken on the external terminal, its reference recorded) and the rest in cash, with the cash
 * handed over and the change. Amounts are typed and sent as integers; the main process checks the
 * voucher again at checkout and its refusal (a VOUCHER_* code) shows beside the voucher's fields.
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
  const checkVoucher = useSellStore((s) => s.checkVoucher);
  const [voucherCode, setVoucherCode] = useState('');
  // The voucher as checked, with the very code checked: editing the field drops it.
  const [voucher, setVoucher] = useState<{ code: string; view: VoucherCheckView } | null>(null);
  const [voucherText, setVoucherText] = useState('');
  const [checking, setChecking] = useState(false);
  const [fieldError, setFieldError] = useState<{ field: FieldName; message: string } | null>(null);
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
    voucherAmount: useRef<HTMLInputElement>(null),
  };

  // Expired, voided or nothing this window can take: its facts show, its amount field does not.
  const usable =
    voucher !== null &&
    !voucher.view.expired &&
    voucher.view.status === 'active' &&
    voucher.view.spendableHere > 0;
  const fromVoucher = !usable || voucherText.trim() === '' ? 0 : parseAmount(voucherText, currency);
  const card = cardText.trim() === '' ? 0 : parseAmount(cardText, currency);
  // docs/CASH.md "Cash rounding": only the cash part is rounded, to the step the main process gave.
  const due = card === null || fromVoucher === null ? null : Math.max(0, total - fromVoucher - card);
  const rounded = due === null ? null : cashDueFor(due, cart?.cashStep ?? 0);
  const cashDue = rounded?.cash ?? null;
  const received = receivedText.trim() === '' ? cashDue : parseAmount(receivedText, currency);
  const change = cashDue !== null && received !== null ? received - cashDue : null;

  // The code field is the VoucherCodeField's own input, so its ref stands apart from the others.
  const voucherCodeRef = useRef<HTMLInputElement>(null);
  const fail = (field: FieldName, message: string) => {
    setFieldError({ field, message });
    (field === 'voucherCode' ? voucherCodeRef : refs[field]).current?.focus();
  };

  // docs/CASH.md "Paying with one": the amount offered is what the voucher can pay here, at most what is
  // still to pay (a voucher gives no change); staff may lower it and take the rest in cash or by card.
  const check = async () => {
    setFieldError(null);
    setError(null);
    setVoucher(null);
    const code = voucherCode.trim();
    if (code === '') return fail('voucherCode', t('voucher.codeMissing'));
    setChecking(true);
    const result = await checkVoucher(code);
    setChecking(false);
    if (!result.ok) return fail('voucherCode', result.message);
    setVoucher({ code, view: result.value });
    const stillToPay = Math.max(0, total - (card ?? 0));
    const offered = Math.min(result.value.spendableHere, stillToPay);
    setVoucherText(offered > 0 ? amountText(offered, currency) : '');
    focusAfterCheck.current = offered > 0 ? 'amount' : 'code';
  };
  // The amount field appears with the check: focus it once it is on screen (else the code again).
  const focusAfterCheck = useRef<'amount' | 'code' | null>(null);
  useEffect(() => {
    const target = focusAfterCheck.current;
    if (!voucher || !target) return;
    focusAfterCheck.current = null;
    (target === 'amount' ? refs.voucherAmount : voucherCodeRef).current?.focus();
  });

  const finish = async (tenders: TenderInput[]) => {
    setError(null);
    setOfflineTenders(null);
    setBusy(true);
    const failure = await checkout(tenders);
    setBusy(false);
    if (!failure) return onClose();
    // A voucher's refusal belongs beside its fields: the amount when it is too much, else the code.
    const paidByVoucher = tenders.some((tender) => tender.tender === 'voucher');
    if (paidByVoucher && failure.reason === 'VOUCHER_OVER_BALANCE')
      return fail('voucherAmount', failure.message);
    if (paidByVoucher && failure.reason.startsWith('VOUCHER_')) return fail('voucherCode', failure.message);
    setError(failure.message);
    if (failure.reason === 'OFFLINE_TOO_LONG') setOfflineTenders(tenders);
  };

  const submit = async () => {
    setFieldError(null);
    setError(null);
    setOfflineTenders(null);
    const example = money(1250, currency);
    if (voucherCode.trim() !== '' && voucher?.code !== voucherCode.trim())
      return fail('voucherCode', t('pay.voucherUnchecked'));
    if (voucher && !usable) return fail('voucherCode', t('pay.voucherCannotPay'));
    if (voucher && (fromVoucher === null || fromVoucher < 1))
      return fail('voucherAmount', t('pay.voucherAmountMissing', { min: money(1, currency) }));
    const voucherPart = fromVoucher ?? 0;
    if (voucherPart > total)
      return fail('voucherAmount', t('pay.voucherTooMuch', { max: money(total, currency) }));
    if (card === null) return fail('card', t('amount.invalid', { example }));
    if (card > total - voucherPart)
      return fail('card', t('pay.cardTooMuch', { total: money(total - voucherPart, currency) }));
    if (card > 0 && reference.trim() === '') return fail('reference', t('pay.referenceMissing'));
    if (received === null || cashDue === null) return fail('received', t('amount.invalid', { example }));
    if (received < cashDue)
      return fail('received', t('pay.receivedShort', { due: money(cashDue, currency) }));
    const tenders: TenderInput[] = [];
    if (voucher && voucherPart > 0)
      tenders.push({ tender: 'voucher', amount: voucherPart, code: voucher.code });
    if (card > 0) tenders.push({ tender: 'card', amount: card, reference: reference.trim() });
    if ((due ?? 0) > 0 || tenders.length === 0)
      tenders.push({ tender: 'cash', amount: cashDue, tendered: received });
    await finish(tenders);
  };

  const field = (
    name: Exclude<FieldName, 'voucherCode'>,
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
          <fieldset className="form" data-testid="pay-voucher">
            <legend>{t('pay.voucherPart')}</legend>
            <VoucherCodeField
              id={`${id}-voucherCode`}
              value={voucherCode}
              onChange={(v) => {
                setVoucherCode(v);
                if (voucher && v.trim() !== voucher.code) setVoucher(null);
              }}
              onCheck={() => void check()}
              error={fieldError?.field === 'voucherCode' ? fieldError.message : null}
              inputRef={voucherCodeRef}
              busy={checking || busy}
            />
            {voucher ? (
              <>
                <VoucherFacts voucher={voucher.view} />
                {usable &&
                  field('voucherAmount', t('pay.voucherAmount', { currency }), voucherText, setVoucherText, {
                    inputMode: 'decimal',
                  })}
              </>
            ) : null}
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

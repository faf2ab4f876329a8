import { useId, useRef, useState } from 'react';
import type { Product } from '../../../shared/catalogue/types';
import { MAX_VOUCHERS_PER_SALE } from '../../../shared/vouchers/rules';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { TextField } from '../../components/TextField';
import { parseAmount } from '../../lib/amount-input';
import { useT } from '../../i18n/use-t';
import { useMoney } from '../../i18n/use-money';
import { useSellStore } from '../../stores/sell-store';

/**
 * An open-amount gift voucher (a voucher product priced 0, docs/CASH.md "Selling one"): the amount staff
 * type and how many vouchers of it. The main process checks both again; its refusal shows here.
 */
export function VoucherAmountDialog({ product, onClose }: { product: Product; onClose: () => void }) {
  const t = useT();
  const money = useMoney();
  const id = useId();
  const currency = useSellStore((s) => s.cart?.currency ?? s.offer?.currency ?? 'EUR');
  const addVoucher = useSellStore((s) => s.addVoucher);
  const [amountText, setAmountText] = useState('');
  const [qtyText, setQtyText] = useState('1');
  const [amountError, setAmountError] = useState<string | null>(null);
  const [qtyError, setQtyError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const amountRef = useRef<HTMLInputElement>(null);
  const qtyRef = useRef<HTMLInputElement>(null);

  const submit = async () => {
    setAmountError(null);
    setQtyError(null);
    const amount = parseAmount(amountText, currency);
    if (amount === null || amount < 1) {
      setAmountError(t('amount.invalid', { example: money(2500, currency) }));
      return amountRef.current?.focus();
    }
    const qty = /^\d+$/.test(qtyText.trim()) ? Number(qtyText.trim()) : Number.NaN;
    if (!Number.isInteger(qty) || qty < 1 || qty > MAX_VOUCHERS_PER_SALE) {
      setQtyError(t('voucher.qtyInvalid', { max: MAX_VOUCHERS_PER_SALE }));
      return qtyRef.current?.focus();
    }
    setBusy(true);
    const failure = await addVoucher({ productId: product.id, qty, amount }, true);
    setBusy(false);
    if (!failure) return onClose();
    setAmountError(failure.message);
    amountRef.current?.focus();
  };

  return (
    <Dialog
      title={t('voucher.amountTitle', { name: product.name })}
      onClose={onClose}
      testId="voucher-amount-dialog"
    >
      <DialogForm
        busy={busy}
        onSubmit={() => void submit()}
        cancelLabel={t('dialog.cancel')}
        onCancel={onClose}
        submitLabel={t('voucher.add')}
      >
        <TextField
          id={`${id}-amount`}
          label={t('voucher.amount', { currency })}
          value={amountText}
          onChange={setAmountText}
          error={amountError}
          inputRef={amountRef}
          inputMode="decimal"
          autoFocus
        />
        <TextField
          id={`${id}-qty`}
          label={t('voucher.qty')}
          value={qtyText}
          onChange={setQtyText}
          error={qtyError}
          inputRef={qtyRef}
          inputMode="numeric"
          maxLength={3}
        />
      </DialogForm>
    </Dialog>
  );
}

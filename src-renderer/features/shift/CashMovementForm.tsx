import { useEffect, useId, useRef, useState } from 'react';
import type { CashMovementKind } from '../../../shared/cash/movements';
import { FormOutcome, SelectField } from '../../components/FormFields';
import { TextField } from '../../components/TextField';
import { useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { api } from '../../api';
import { parseAmount } from '../../lib/amount-input';
import { useShiftStore } from '../../stores/shift-store';

interface CashMovementFormProps {
  currency: string;
  /** The kinds this person may record: "no sale" needs drawer.open, the others cash.move. */
  kinds: readonly CashMovementKind[];
}

/**
 * Paid in, paid out, a drop, a float change or "no sale", with a reason from the organisation's list
 * (docs/CASH.md). The core checks the permission, the reason and the drawer's cash again; what was typed
 * stays when it refuses.
 */
export function CashMovementForm({ currency, kinds }: CashMovementFormProps) {
  const t = useT();
  const money = useMoney();
  const moveCash = useShiftStore((s) => s.moveCash);
  const id = useId();
  const [kind, setKind] = useState<CashMovementKind>(kinds[0] ?? 'no_sale');
  const [direction, setDirection] = useState<'in' | 'out'>('in');
  const [amount, setAmount] = useState('');
  const [reasons, setReasons] = useState<readonly string[]>([]);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [amountError, setAmountError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const amountRef = useRef<HTMLInputElement>(null);

  // Each kind has its own list; the first reason is picked so Enter records straight away.
  useEffect(() => {
    let live = true;
    void api.cash.reasons({ category: kind }).then((r) => {
      if (!live || !r.ok) return;
      setReasons(r.value);
      setReason(r.value[0] ?? '');
    });
    return () => {
      live = false;
    };
  }, [kind]);

  const submit = async () => {
    setError(null);
    setNotice(null);
    const minor = kind === 'no_sale' ? 0 : parseAmount(amount, currency);
    if (minor === null) {
      setAmountError(t('amount.invalid', { example: money(1250, currency) }));
      amountRef.current?.focus();
      return;
    }
    setAmountError(null);
    setBusy(true);
    const done = await moveCash({
      kind,
      amount: minor,
      ...(kind === 'float_change' ? { direction } : {}),
      reason,
      note: note.trim() === '' ? null : note,
    });
    setBusy(false);
    if (!('movement' in done)) {
      setError(done.message);
      return;
    }
    setAmount('');
    setNote('');
    const said =
      kind === 'no_sale'
        ? t('cash.recordedNoSale')
        : t('cash.recorded', {
            kind: t(`cash.kind.${kind}`),
            amount: money(Math.abs(done.movement.amount), currency),
            expected: money(done.report.expectedCash, currency),
          });
    // The movement is recorded either way; a drawer that did not open is said after it.
    setNotice(said);
    if (done.drawerMessage) setError(done.drawerMessage);
  };

  return (
    <form
      className="form"
      aria-busy={busy}
      data-testid="cash-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <SelectField
        id={`${id}-kind`}
        label={t('cash.kind')}
        value={kind}
        options={kinds.map((k) => ({ value: k, label: t(`cash.kind.${k}`) }))}
        onChange={(k) => {
          setKind(k);
          setAmountError(null);
        }}
      />
      {kind === 'float_change' ? (
        <SelectField
          id={`${id}-direction`}
          label={t('cash.direction')}
          value={direction}
          options={[
            { value: 'in', label: t('cash.direction.in') },
            { value: 'out', label: t('cash.direction.out') },
          ]}
          onChange={setDirection}
        />
      ) : null}
      {kind !== 'no_sale' ? (
        <TextField
          id={`${id}-amount`}
          label={t('cash.amount', { currency })}
          value={amount}
          onChange={setAmount}
          error={amountError}
          inputRef={amountRef}
          inputMode="decimal"
        />
      ) : null}
      <SelectField
        id={`${id}-reason`}
        label={t('cash.reason')}
        value={reason}
        options={reasons.map((r) => ({ value: r, label: r }))}
        onChange={setReason}
      />
      <TextField id={`${id}-note`} label={t('cash.note')} value={note} onChange={setNote} maxLength={200} />
      <button type="submit" className="primary" disabled={busy || reason === ''}>
        {t('cash.record')}
      </button>
      <FormOutcome error={error} notice={notice} testId="cash" />
    </form>
  );
}

import { useEffect, useId, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { formatPercent, parseAmount, parsePercent } from '../../lib/amount-input';
import { useLanguage } from '../../i18n/language';
import { useT } from '../../i18n/use-t';
import { useMoney } from '../../i18n/use-money';
import { useSessionStore } from '../../stores/session-store';
import { useSellStore } from '../../stores/sell-store';
import { defaultApprover, PIN_REASONS, SupervisorFields } from './SupervisorFields';
import { TextField } from '../../components/TextField';
import { ReasonFields, useReasonChoice } from '../../components/ReasonFields';
import { DialogForm } from '../../components/DialogForm';

// Above the approver's own ceiling is about who approves, too.
const APPROVER_REASONS = new Set([...PIN_REASONS, 'ABOVE_APPROVER_LIMIT']);

/**
 * An ad-hoc discount without a code: kind, value, a reason from the organisation's `custom_discount`
 * list and an optional note; above the role's ceiling a supervisor approves.
 */
export function CustomDiscountDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const money = useMoney();
  const id = useId();
  const language = useLanguage();
  const currency = useSellStore((s) => s.cart?.currency ?? 'EUR');
  const existing = useSellStore((s) => s.cart?.custom ?? null);
  const setCustom = useSellStore((s) => s.setCustom);
  const session = useSessionStore((s) => s.session);
  const staff = useSessionStore((s) => s.staff);
  const ceiling = session?.role.customDiscountCeiling ?? { percent: 0, amount: 0 };
  const [kind, setKind] = useState<'percentage' | 'fixed'>(existing?.kind ?? 'percentage');
  const [valueText, setValueText] = useState(
    existing
      ? existing.kind === 'percentage'
        ? formatPercent(existing.value, 'en').replace(' %', '')
        : money(existing.value, currency)
      : '',
  );
  const choice = useReasonChoice('custom_discount', existing ?? undefined);
  const [escalate, setEscalate] = useState(false);
  const [approverId, setApproverId] = useState(() => defaultApprover(staff, session?.staffId));
  const [pin, setPin] = useState('');
  const [valueError, setValueError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [pinError, setPinError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const valueRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);
  // The PIN field appears with the escalation; focus it once it is on screen.
  const [focusPin, setFocusPin] = useState(0);
  useEffect(() => {
    if (focusPin > 0) pinRef.current?.focus();
  }, [focusPin]);

  const ceilingText = t('custom.ceiling', {
    percent: formatPercent(ceiling.percent, language),
    amount: money(Math.min(ceiling.amount, Number.MAX_SAFE_INTEGER), currency),
  });

  const submit = async () => {
    setValueError(null);
    setReasonError(null);
    setPinError(null);
    const value = kind === 'percentage' ? parsePercent(valueText) : parseAmount(valueText, currency);
    if (value === null || value < 1) {
      setValueError(
        kind === 'percentage'
          ? t('custom.percentInvalid')
          : t('amount.invalid', { example: money(1250, currency) }),
      );
      valueRef.current?.focus();
      return;
    }
    setBusy(true);
    const failure = await setCustom({
      kind,
      value,
      ...choice.picked,
      ...(escalate ? { approver: { staffId: approverId, pin } } : {}),
    });
    setBusy(false);
    if (!failure) return onClose();
    if (failure.reason === 'APPROVAL_REQUIRED') {
      setEscalate(true);
      setNotice(failure.message);
      setFocusPin((n) => n + 1);
    } else if (APPROVER_REASONS.has(failure.reason)) {
      setPinError(failure.message);
      setPin('');
      pinRef.current?.focus();
    } else if (failure.reason === 'REASON_NOT_LISTED') {
      setReasonError(failure.message);
    } else {
      setValueError(failure.message);
      valueRef.current?.focus();
    }
  };

  return (
    <Dialog title={t('custom.title')} onClose={onClose} testId="custom-dialog">
      <DialogForm
        busy={busy}
        onSubmit={() => void submit()}
        cancelLabel={t('dialog.cancel')}
        onCancel={onClose}
        submitLabel={escalate ? t('custom.applyApproved') : t('custom.apply')}
        submitDisabled={choice.reason === ''}
      >
        <p className="muted" data-testid="custom-ceiling">
          {ceilingText}
        </p>
        <fieldset className="segmented-field">
          <legend>{t('custom.kind')}</legend>
          <label>
            <input
              type="radio"
              name={`${id}-kind`}
              checked={kind === 'percentage'}
              onChange={() => setKind('percentage')}
            />{' '}
            {t('custom.percentage')}
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-kind`}
              checked={kind === 'fixed'}
              onChange={() => setKind('fixed')}
            />{' '}
            {t('custom.fixed', { currency })}
          </label>
        </fieldset>
        <TextField
          id={`${id}-value`}
          label={kind === 'percentage' ? t('custom.valuePercent') : t('custom.valueAmount', { currency })}
          value={valueText}
          onChange={setValueText}
          error={valueError}
          inputRef={valueRef}
          inputMode="decimal"
          autoFocus
        />
        <ReasonFields id={id} choice={choice} error={reasonError} />
        {escalate ? (
          <>
            {notice ? (
              <p className="callout" role="status" data-testid="custom-escalation">
                {notice}
              </p>
            ) : null}
            <SupervisorFields
              approverId={approverId}
              onApprover={setApproverId}
              pin={pin}
              onPin={setPin}
              pinError={pinError}
              pinRef={pinRef}
            />
          </>
        ) : null}
      </DialogForm>
    </Dialog>
  );
}

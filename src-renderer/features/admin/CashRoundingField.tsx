import {
  cashRoundingStep,
  MAX_CASH_ROUNDING_STEP,
  type CashRoundingSetting,
} from '../../../shared/money/cash-rounding';
import { knownCurrencies } from '../../../shared/money/currencies';
import { SelectField } from '../../components/FormFields';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import { amountText, parseAmount } from '../../lib/amount-input';

// The organisation's cash rounding (docs/CASH.md "Cash rounding") as the settings form edits it: follow
// each venue's currency (null), off (0), or a step the manager types as an amount (minor units).

export type CashRoundingMode = 'currency' | 'off' | 'step';

export interface CashRoundingDraft {
  mode: CashRoundingMode;
  /** The step as typed, in the organisation's currency ("0.05"); read only in mode 'step'. */
  step: string;
}

/** The form's draft of a stored setting. */
export function cashRoundingDraft(setting: CashRoundingSetting, currency: string): CashRoundingDraft {
  if (setting === null) return { mode: 'currency', step: '' };
  if (setting === 0) return { mode: 'off', step: '' };
  return { mode: 'step', step: amountText(setting, currency) };
}

/**
 * The setting for the body. A step that is no amount, or less than one minor unit, becomes NaN so the
 * shared schema refuses it and the form shows its own sentence instead of saving "off" by accident.
 */
export function cashRoundingSetting(draft: CashRoundingDraft, currency: string): CashRoundingSetting {
  if (draft.mode === 'currency') return null;
  if (draft.mode === 'off') return 0;
  const step = parseAmount(draft.step, currency);
  return step !== null && step >= 1 ? step : Number.NaN;
}

/** The currency the step is typed in: the one in the form if it is a currency, else the saved one. */
export const typedCurrency = (typed: string, saved: string): string => {
  const code = typed.trim().toUpperCase();
  return knownCurrencies().includes(code) ? code : saved;
};

export function CashRoundingField({
  id,
  currency,
  draft,
  onChange,
  error,
}: {
  id: string;
  currency: string;
  draft: CashRoundingDraft;
  onChange: (draft: CashRoundingDraft) => void;
  error: string | undefined;
}) {
  const t = useT();
  const rule = cashRoundingStep(currency, null);
  return (
    <fieldset data-testid="organisation-cash-rounding">
      <legend>{t('admin.organisation.cashRounding')}</legend>
      <p className="muted small">{t('admin.organisation.cashRoundingHint')}</p>
      <SelectField<CashRoundingMode>
        id={`${id}-cash-rounding`}
        label={t('admin.organisation.cashRoundingRule')}
        value={draft.mode}
        options={[
          {
            value: 'currency',
            label: t('admin.organisation.cashRounding.currency', {
              currency,
              rule: rule > 1 ? amountText(rule, currency) : t('admin.organisation.cashRounding.exact'),
            }),
          },
          { value: 'off', label: t('admin.organisation.cashRounding.off') },
          { value: 'step', label: t('admin.organisation.cashRounding.step') },
        ]}
        onChange={(mode) => onChange({ ...draft, mode })}
      />
      {draft.mode === 'step' ? (
        <TextField
          id={`${id}-cash-rounding-step`}
          label={t('admin.organisation.cashRoundingStep', { currency })}
          value={draft.step}
          inputMode="decimal"
          onChange={(step) => onChange({ ...draft, step })}
          hint={t('admin.organisation.cashRoundingStepHint')}
          error={
            error
              ? t('admin.organisation.cashRoundingBadStep', {
                  min: amountText(1, currency),
                  max: amountText(MAX_CASH_ROUNDING_STEP, currency),
                })
              : null
          }
        />
      ) : null}
    </fieldset>
  );
}

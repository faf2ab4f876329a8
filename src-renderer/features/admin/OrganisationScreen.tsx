import { useEffect, useId, useState } from 'react';
import {
  DEFAULT_REASONS,
  MAX_REASON_LENGTH,
  MAX_REASONS_PER_CATEGORY,
  REASON_CATEGORIES,
} from '../../../shared/cash/reasons';
import type { ReasonCategory, ReasonLists } from '../../../shared/cash/reasons';
import {
  MAX_RECEIPT_HEADER_LINES,
  MAX_VAT_RATES,
  ORGANISATION_BODY,
  type OrganisationSettings,
} from '../../../shared/catalogue/organisation';
import { TextAreaField } from '../../components/FormFields';
import { TextField } from '../../components/TextField';
import { useLanguage } from '../../i18n/language';
import { useT } from '../../i18n/use-t';
import { formatPercent, parsePercent } from '../../lib/amount-input';
import { errorWithin } from '../../lib/field-errors';
import { useRecordForm } from '../../lib/use-record-form';
import { useOrganisationStore } from '../../stores/organisation-store';
import {
  CashRoundingField,
  cashRoundingDraft,
  cashRoundingSetting,
  typedCurrency,
} from './CashRoundingField';
import { CurrencyZoneFields } from './CurrencyZoneFields';

/**
 * The organisation's settings: currency and time zone for new venues, VAT rates, receipt header, and
 * the reasons the terminals offer, and cash rounding.
 */
export function OrganisationScreen() {
  const t = useT();
  const { settings, error } = useOrganisationStore();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void useOrganisationStore.getState().load();
  }, []);
  return (
    <div data-testid="organisation-screen">
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {settings ? (
        // A new version (after a save) starts the form again from what the server stored.
        <OrganisationForm key={settings.version} settings={settings} onSaved={() => setSaved(true)} />
      ) : null}
      {saved ? (
        <p role="status" className="ok">
          {t('admin.organisation.saved')}
        </p>
      ) : null}
    </div>
  );
}

interface RateDraft {
  name: string;
  percent: string;
}

/** A category's list as its field shows it: one reason a line, empty for the default list. */
const reasonsText = (lists: ReasonLists) =>
  Object.fromEntries(REASON_CATEGORIES.map((c) => [c, (lists[c] ?? []).join('\n')])) as Record<
    ReasonCategory,
    string
  >;

/**
 * The lists as the server takes them: an empty field leaves its category out (the default list). Blank
 * lines at the end are dropped; one between reasons is kept, so the schema can say to remove it.
 */
function reasonLists(texts: Record<ReasonCategory, string>): ReasonLists {
  return Object.fromEntries(
    REASON_CATEGORIES.flatMap((c) => {
      const text = texts[c].replace(/\s+$/, '');
      return text ? [[c, text.split('\n')]] : [];
    }),
  );
}

function OrganisationForm({ settings, onSaved }: { settings: OrganisationSettings; onSaved: () => void }) {
  const t = useT();
  const id = useId();
  const language = useLanguage();
  const save = useOrganisationStore((s) => s.save);
  const form = useRecordForm({
    initial: {
      name: settings.name,
      currency: settings.currency,
      timezone: settings.timezone,
      rates: settings.vatRates.map((r): RateDraft => ({
        name: r.name,
        percent: formatPercent(r.rate, language).replace(' %', ''),
      })),
      header: settings.receiptHeader.join('\n'),
      reasons: reasonsText(settings.reasons),
      cashRounding: cashRoundingDraft(settings.cashRounding, settings.currency),
    },
    schema: ORGANISATION_BODY,
    toBody: (d) => ({
      name: d.name,
      currency: d.currency.trim().toUpperCase(),
      timezone: d.timezone.trim(),
      vatRates: d.rates.map((r) => ({ name: r.name, rate: parsePercent(r.percent) ?? Number.NaN })),
      // Blank lines at the end are not printed; blank lines between are kept as spacing.
      receiptHeader: d.header
        .replace(/\s+$/, '')
        .split('\n')
        .filter((line, i, all) => all.length > 1 || line),
      reasons: reasonLists(d.reasons),
      cashRounding: cashRoundingSetting(d.cashRounding, typedCurrency(d.currency, settings.currency)),
    }),
    save: async (body: Parameters<typeof save>[0]) => {
      const failure = await save(body);
      if (!failure) onSaved();
      return failure;
    },
  });
  const { draft, set, errors } = form;
  // A percentage that is no number at all is told so, rather than with the schema's words for NaN.
  const percentError = (error: string | undefined, typed: string) =>
    error && parsePercent(typed) === null ? t('admin.percentInvalid') : error;
  const setRate = (i: number, patch: Partial<RateDraft>) =>
    set(
      'rates',
      draft.rates.map((r, j) => (j === i ? { ...r, ...patch } : r)),
    );
  return (
    <form
      className="form"
      noValidate
      aria-busy={form.busy}
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit();
      }}
    >
      <TextField
        id={`${id}-name`}
        label={t('admin.field.name')}
        value={draft.name}
        onChange={(v) => set('name', v)}
        error={errors.name}
      />
      <CurrencyZoneFields
        id={id}
        currency={draft.currency}
        timezone={draft.timezone}
        onCurrency={(v) => set('currency', v)}
        onTimezone={(v) => set('timezone', v)}
        errors={errors}
        currencyHint={t('admin.organisation.currencyHint')}
        timezoneHint={t('admin.organisation.timezoneHint')}
      />
      <fieldset>
        <legend>{t('admin.organisation.vatRates')}</legend>
        <p className="muted small">{t('admin.organisation.vatRatesHint')}</p>
        {draft.rates.map((rate, i) => (
          <div key={i} className="field-grid">
            <div className="field-cell">
              <TextField
                id={`${id}-rate-${i}-name`}
                label={t('admin.organisation.rateName', { n: i + 1 })}
                value={rate.name}
                onChange={(v) => setRate(i, { name: v })}
                error={errors[`vatRates.${i}.name`]}
              />
            </div>
            <div className="field-cell">
              <TextField
                id={`${id}-rate-${i}-percent`}
                label={t('admin.organisation.ratePercent', { n: i + 1 })}
                value={rate.percent}
                inputMode="decimal"
                onChange={(v) => setRate(i, { percent: v })}
                error={percentError(errors[`vatRates.${i}.rate`], rate.percent)}
              />
            </div>
            <div className="field-cell">
              <button
                type="button"
                onClick={() =>
                  set(
                    'rates',
                    draft.rates.filter((_, j) => j !== i),
                  )
                }
              >
                {t('admin.organisation.removeRate', { n: i + 1 })}
              </button>
            </div>
          </div>
        ))}
        <button
          type="button"
          disabled={draft.rates.length >= MAX_VAT_RATES}
          onClick={() => set('rates', [...draft.rates, { name: '', percent: '' }])}
        >
          {t('admin.organisation.addRate')}
        </button>
      </fieldset>
      <TextAreaField
        id={`${id}-header`}
        label={t('admin.organisation.receiptHeader')}
        hint={t('admin.organisation.receiptHeaderHint', { lines: MAX_RECEIPT_HEADER_LINES })}
        value={draft.header}
        rows={4}
        onChange={(v) => set('header', v)}
        error={errorWithin(errors, 'receiptHeader')}
      />
      <fieldset data-testid="organisation-reasons">
        <legend>{t('admin.organisation.reasons')}</legend>
        <p className="muted small">
          {t('admin.organisation.reasonsHint', {
            max: MAX_REASONS_PER_CATEGORY,
            length: MAX_REASON_LENGTH,
          })}
        </p>
        {REASON_CATEGORIES.map((category) => (
          <TextAreaField
            key={category}
            id={`${id}-reasons-${category}`}
            label={t(`admin.organisation.reason.${category}`)}
            value={draft.reasons[category]}
            placeholder={DEFAULT_REASONS[category].join('\n')}
            rows={3}
            onChange={(v) => set('reasons', { ...draft.reasons, [category]: v })}
            error={errorWithin(errors, `reasons.${category}`)}
          />
        ))}
      </fieldset>
      <CashRoundingField
        id={id}
        currency={typedCurrency(draft.currency, settings.currency)}
        draft={draft.cashRounding}
        onChange={(v) => set('cashRounding', v)}
        error={errors.cashRounding}
      />
      {form.formError ? (
        <p role="alert" className="error">
          {form.formError}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="primary" disabled={form.busy}>
          {t('admin.save')}
        </button>
      </div>
    </form>
  );
}

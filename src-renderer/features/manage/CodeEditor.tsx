import { Fragment, useEffect, useId, useState, type ReactNode } from 'react';
import type { TargetRef } from '../../../shared/discounts';
import { CheckField, FieldCell, SelectField, TextAreaField } from '../../components/FormFields';
import { StatusBadge } from '../../components/StatusBadge';
import { TextField } from '../../components/TextField';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { useCatalogueSearchStore } from '../../stores/catalogue-search-store';
import { useManageStore } from '../../stores/manage-store';
import { CodeHistory } from './CodeHistory';
import { TargetPicker, useTargetText } from './TargetPicker';
import {
  BENEFIT_TYPES,
  COUNT_RULES,
  draftCurrency,
  draftFromCode,
  emptyDraft,
  FLAG_RULES,
  LIMIT_RULES,
  MONEY_RULES,
  toCreateInput,
  toUpdateInput,
  type CodeDraft,
  type FieldErrors,
} from './code-draft';

type TargetKey = { [K in keyof CodeDraft]: CodeDraft[K] extends TargetRef[] ? K : never }[keyof CodeDraft];

/** Every catalogue id a code names, so the pickers can show names instead. */
function targetIds(draft: CodeDraft): string[] {
  return [
    ...draft.targets,
    ...draft.exclude,
    ...draft.buyTargets,
    ...draft.getTargets,
    ...draft.groups.flatMap((g) => g.targets),
    ...draft.prices.map((p) => p.target),
  ].map((t) => t.id);
}

type TextKey = {
  [K in keyof CodeDraft]: CodeDraft[K] extends string ? K : never;
}[keyof CodeDraft];
type FlagKey = { [K in keyof CodeDraft]: CodeDraft[K] extends boolean ? K : never }[keyof CodeDraft];

/** Server reasons about the code string itself, shown under that field. */
const CODE_FIELD_REASONS = new Set(['DUPLICATE_CODE', 'INVALID_CODE_FORMAT']);

/**
 * Create or edit a code: every benefit type and every rule of docs/ENGINE.md. Errors from the shared zod
 * schema sit under their fields; the server's sentence sits above the buttons; what was typed stays.
 * Ctrl+Enter saves from anywhere in the form.
 */
export function CodeEditor() {
  const t = useT();
  const id = useId();
  const editing = useManageStore((s) => s.editing);
  const save = useManageStore((s) => s.save);
  const close = useManageStore((s) => s.closeEditor);
  const existing = editing?.mode === 'edit' ? editing.code : null;
  const [draft, setDraft] = useState<CodeDraft>(() => (existing ? draftFromCode(existing) : emptyDraft()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const resolve = useCatalogueSearchStore((s) => s.resolve);
  const targetText = useTargetText();
  const currency = draftCurrency(draft);

  // The names of what an existing code targets, asked once when it opens.
  useEffect(() => {
    if (existing) void resolve(targetIds(draftFromCode(existing)));
  }, [existing, resolve]);

  const fieldId = (field: string) => `${id}-${field.replace(/\./g, '-')}`;
  const set = <K extends keyof CodeDraft>(key: K, value: CodeDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const translate = (fieldErrors: FieldErrors) =>
    Object.fromEntries(Object.entries(fieldErrors).map(([f, e]) => [f, t(e.key, e.values)]));

  const invalid = (fieldErrors: FieldErrors) => {
    const next = translate(fieldErrors);
    setErrors(next);
    setFormError(t('manage.editor.fix', { count: Object.keys(next).length }));
    // The first invalid field in the form's order gets focus, as a keyboard user would want.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>('.code-editor [aria-invalid="true"]')?.focus(),
    );
  };

  const submit = async () => {
    setFormError(null);
    let request: Parameters<typeof save>[0];
    if (existing) {
      const checked = toUpdateInput(draft);
      if (!checked.ok) return invalid(checked.errors);
      // The version this form was opened on: the server refuses the save if someone changed it since.
      request = { update: { ...checked.value, expectedVersion: existing.version } };
    } else {
      const checked = toCreateInput(draft);
      if (!checked.ok) return invalid(checked.errors);
      request = { create: checked.value };
    }
    setErrors({});
    setBusy(true);
    const failure = await save(request);
    setBusy(false);
    if (!failure) return;
    if (CODE_FIELD_REASONS.has(failure.reason)) setErrors({ code: failure.message });
    setFormError(failure.message);
  };

  const text = (
    key: TextKey,
    label: MessageKey,
    opts: { wide?: boolean; inputMode?: 'decimal' | 'numeric'; type?: 'datetime-local' } = {},
  ) => (
    <FieldCell wide={opts.wide}>
      <TextField
        id={fieldId(key)}
        label={t(label, { currency })}
        value={draft[key]}
        onChange={(v) => set(key, v)}
        error={errors[key]}
        inputMode={opts.inputMode}
        type={opts.type}
      />
    </FieldCell>
  );
  const count = (key: TextKey, label: MessageKey) => text(key, label, { inputMode: 'numeric' });
  const money = (key: TextKey, label: MessageKey) => text(key, label, { inputMode: 'decimal' });
  const flag = (key: FlagKey, label: MessageKey) => (
    <FieldCell>
      <CheckField id={fieldId(key)} label={t(label)} checked={draft[key]} onChange={(v) => set(key, v)} />
    </FieldCell>
  );
  const targets = (key: TargetKey, label: MessageKey) => (
    <FieldCell wide>
      <TargetPicker
        id={fieldId(key)}
        label={t(label)}
        value={draft[key]}
        onChange={(v) => set(key, v)}
        error={errors[key]}
      />
    </FieldCell>
  );
  const section = (legend: MessageKey, children: ReactNode) => (
    <fieldset className="code-editor__section">
      <legend>{t(legend)}</legend>
      <div className="field-grid">{children}</div>
    </fieldset>
  );

  const setGroup = (index: number, patch: Partial<CodeDraft['groups'][number]>) =>
    setDraft((d) => ({ ...d, groups: d.groups.map((g, i) => (i === index ? { ...g, ...patch } : g)) }));

  const benefitFields = () => {
    switch (draft.type) {
      case 'percentage':
        return text('percent', 'manage.field.percent', { inputMode: 'decimal' });
      case 'fixed_order':
      case 'fixed_per_item':
        return money('amount', 'manage.field.amount');
      case 'specific_price':
        return (
          <>
            <FieldCell wide>
              <TargetPicker
                id={fieldId('prices')}
                label={t('manage.field.prices', { currency })}
                value={draft.prices.map((p) => p.target)}
                onChange={(chosen) =>
                  // Prices already typed stay with their targets; a newly picked one starts empty.
                  setDraft((d) => ({
                    ...d,
                    prices: chosen.map(
                      (target) =>
                        d.prices.find((p) => p.target.by === target.by && p.target.id === target.id) ?? {
                          target,
                          price: '',
                        },
                    ),
                  }))
                }
                error={errors.prices}
              />
            </FieldCell>
            {draft.prices.map((row, i) => (
              <FieldCell key={`${row.target.by}:${row.target.id}`}>
                <TextField
                  id={fieldId(`prices.${i}`)}
                  label={t('manage.field.priceFor', { name: targetText(row.target).label, currency })}
                  inputMode="decimal"
                  value={row.price}
                  onChange={(price) =>
                    setDraft((d) => ({
                      ...d,
                      prices: d.prices.map((p, j) => (j === i ? { ...p, price } : p)),
                    }))
                  }
                  error={errors[`prices.${i}`]}
                />
              </FieldCell>
            ))}
          </>
        );
      case 'buy_x_get_y':
        return (
          <>
            {count('buyQty', 'manage.field.buyQty')}
            {count('getQty', 'manage.field.getQty')}
            {text('percent', 'manage.field.getPercent', { inputMode: 'decimal' })}
            {count('maxApplications', 'manage.field.maxApplications')}
            {targets('buyTargets', 'manage.field.buyTargets')}
            {targets('getTargets', 'manage.field.getTargets')}
          </>
        );
      case 'multi_buy':
        return (
          <>
            {text('percent', 'manage.field.percent', { inputMode: 'decimal' })}
            {draft.groups.map((g, i) => (
              <fieldset key={i} className="field-cell field-cell--wide code-editor__group">
                <legend>{t('manage.field.group', { n: i + 1 })}</legend>
                <TextField
                  id={fieldId(`groups.${i}.qty`)}
                  label={t('manage.field.groupQty')}
                  inputMode="numeric"
                  value={g.qty}
                  onChange={(qty) => setGroup(i, { qty })}
                  error={errors[`groups.${i}.qty`]}
                />
                <TargetPicker
                  id={fieldId(`groups.${i}.targets`)}
                  label={t('manage.field.groupTargets')}
                  value={g.targets}
                  onChange={(v) => setGroup(i, { targets: v })}
                  error={errors[`groups.${i}.targets`]}
                />
                {draft.groups.length > 1 ? (
                  <button
                    type="button"
                    className="danger"
                    onClick={() => setDraft((d) => ({ ...d, groups: d.groups.filter((_, j) => j !== i) }))}
                  >
                    {t('manage.field.removeGroup', { n: i + 1 })}
                  </button>
                ) : null}
              </fieldset>
            ))}
            {errors.groups ? (
              <p role="alert" className="error">
                {errors.groups}
              </p>
            ) : null}
            <FieldCell>
              <button
                type="button"
                onClick={() => setDraft((d) => ({ ...d, groups: [...d.groups, { qty: '1', targets: [] }] }))}
              >
                {t('manage.field.addGroup')}
              </button>
            </FieldCell>
          </>
        );
    }
  };

  const heading = existing
    ? t('manage.editor.editHeading', { code: existing.code })
    : t('manage.editor.newHeading');
  return (
    <form
      className="code-editor"
      aria-labelledby={`${id}-heading`}
      aria-busy={busy}
      noValidate
      data-testid="code-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.ctrlKey) {
          e.preventDefault();
          void submit();
        }
      }}
    >
      <h2 id={`${id}-heading`}>
        {heading}
        {existing ? (
          <>
            {' '}
            <StatusBadge status={existing.lifecycle} label={t(`manage.status.${existing.lifecycle}`)} />
          </>
        ) : null}
      </h2>
      {existing && existing.lifecycle === 'active' ? (
        <p className="callout">{t('manage.editor.activeNote')}</p>
      ) : null}
      {existing && existing.usage.uses > 0 ? (
        <p className="muted">
          {t('manage.editor.usedNote', { uses: existing.usage.uses, version: existing.version })}
        </p>
      ) : null}

      {section(
        'manage.section.general',
        <>
          {existing ? null : text('code', 'manage.field.code')}
          {text('name', 'manage.field.name')}
          <FieldCell wide>
            <TextAreaField
              id={fieldId('description')}
              label={t('manage.field.description')}
              value={draft.description}
              onChange={(v) => set('description', v)}
              error={errors.description}
              rows={2}
            />
          </FieldCell>
          {existing ? null : flag('isParent', 'manage.field.isParent')}
        </>,
      )}

      {section(
        'manage.section.benefit',
        <>
          <FieldCell>
            <SelectField
              id={fieldId('type')}
              label={t('manage.field.type')}
              value={draft.type}
              options={BENEFIT_TYPES.map((b) => ({ value: b, label: t(`manage.type.${b}`) }))}
              onChange={(v) => set('type', v)}
              error={errors.type}
            />
          </FieldCell>
          {benefitFields()}
        </>,
      )}

      {section(
        'manage.section.targets',
        <>
          {targets('targets', 'manage.field.targets')}
          {targets('exclude', 'manage.field.exclude')}
          <FieldCell>
            <SelectField
              id={fieldId('targetMode')}
              label={t('manage.field.targetMode')}
              value={draft.targetMode}
              options={[
                { value: 'all', label: t('manage.targetMode.all') },
                { value: 'any', label: t('manage.targetMode.any') },
              ]}
              onChange={(v) => set('targetMode', v)}
            />
          </FieldCell>
          {count('minTargetQty', 'manage.field.minTargetQty')}
        </>,
      )}

      {section(
        'manage.section.when',
        <>
          {text('validFrom', 'manage.field.validFrom', { type: 'datetime-local' })}
          {text('validTo', 'manage.field.validTo', { type: 'datetime-local' })}
          {count('fromMinutesBeforeStart', 'manage.field.fromMinutes')}
          {count('untilMinutesBeforeStart', 'manage.field.untilMinutes')}
        </>,
      )}

      {section(
        'manage.section.basket',
        <>
          {text('currency', 'manage.field.currency')}
          {MONEY_RULES.map((key) => (
            <Fragment key={key}>{money(key, `manage.field.${key}`)}</Fragment>
          ))}
          {COUNT_RULES.filter((k) => k !== 'minTargetQty').map((key) => (
            <Fragment key={key}>{count(key, `manage.field.${key}`)}</Fragment>
          ))}
          <FieldCell>
            <SelectField
              id={fieldId('applyTo')}
              label={t('manage.field.applyTo')}
              value={draft.applyTo}
              options={[
                { value: '', label: t('manage.applyTo.default') },
                { value: 'lowest_first', label: t('manage.applyTo.lowest_first') },
                { value: 'highest_first', label: t('manage.applyTo.highest_first') },
              ]}
              onChange={(v) => set('applyTo', v)}
            />
          </FieldCell>
          {flag('requireAllTargets', 'manage.field.requireAllTargets')}
          {flag('sameEvent', 'manage.field.sameEvent')}
        </>,
      )}

      {section(
        'manage.section.customers',
        <>
          {FLAG_RULES.filter((k) => k === 'newCustomersOnly' || k === 'requiresCustomer').map((key) => (
            <Fragment key={key}>{flag(key, `manage.field.${key}`)}</Fragment>
          ))}
          {text('customerGroups', 'manage.field.customerGroups', { wide: true })}
        </>,
      )}

      {section(
        'manage.section.where',
        <>
          {flag('channelBoxOffice', 'manage.field.channelBoxOffice')}
          {flag('channelOnline', 'manage.field.channelOnline')}
          {errors.channels ? (
            <p role="alert" className="error field-cell--wide">
              {errors.channels}
            </p>
          ) : null}
          <FieldCell>
            <SelectField
              id={fieldId('boxOffice')}
              label={t('manage.field.boxOffice')}
              value={draft.boxOffice}
              options={[
                { value: 'all', label: t('manage.boxOffice.all') },
                { value: 'roles', label: t('manage.boxOffice.roles') },
                { value: 'hidden', label: t('manage.boxOffice.hidden') },
              ]}
              onChange={(v) => set('boxOffice', v)}
            />
          </FieldCell>
          {draft.boxOffice === 'roles' ? text('boxOfficeRoles', 'manage.field.boxOfficeRoles') : null}
        </>,
      )}

      {section(
        'manage.section.limits',
        <>
          {LIMIT_RULES.map((key) => (
            <Fragment key={key}>{count(key, `manage.field.${key}`)}</Fragment>
          ))}
        </>,
      )}

      {section(
        'manage.section.auto',
        <>
          {flag('autoApply', 'manage.field.autoApply')}
          {draft.autoApply ? count('priority', 'manage.field.priority') : null}
          <FieldCell>
            <SelectField
              id={fieldId('offlinePolicy')}
              label={t('manage.field.offlinePolicy')}
              value={draft.offlinePolicy}
              options={[
                ...(existing ? [] : [{ value: '' as const, label: t('manage.offline.default') }]),
                { value: 'best_effort', label: t('manage.offline.best_effort') },
                { value: 'deny', label: t('manage.offline.deny') },
              ]}
              onChange={(v) => set('offlinePolicy', v)}
            />
          </FieldCell>
        </>,
      )}

      {existing && showHistory ? <CodeHistory code={existing} level={3} /> : null}
      {formError ? (
        <p role="alert" className="error" data-testid="editor-error">
          {formError}
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" onClick={close}>
          {t('manage.editor.cancel')}
        </button>
        {existing ? (
          <button type="button" aria-expanded={showHistory} onClick={() => setShowHistory((v) => !v)}>
            {showHistory ? t('manage.history.hide') : t('manage.history.open')}
          </button>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {existing ? t('manage.editor.save') : t('manage.editor.create')}
          <kbd>Ctrl+Enter</kbd>
        </button>
      </div>
    </form>
  );
}

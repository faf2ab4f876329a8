import { useEffect, useId, useState } from 'react';
import type { CodeVersion } from '../../../shared/codes/types';
import type { Benefit, Rules, TargetRef } from '../../../shared/discounts';
import type { ManagedCode } from '../../../shared/ipc/domains/manage';
import { SelectField } from '../../components/FormFields';
import { useLanguage } from '../../i18n/language';
import { messages, type MessageKey } from '../../i18n/messages';
import { useDateTime, useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useCatalogueSearchStore } from '../../stores/catalogue-search-store';
import { useManageStore } from '../../stores/manage-store';
import { benefitSummary } from './benefit-summary';
import { COUNT_RULES, FLAG_RULES, LIMIT_RULES, MONEY_RULES } from './code-draft';
import { useTargetText } from './TargetPicker';

// A code's versions (who saved each, when) and two of them side by side, field by field. A changed
// field says so in words as well as by its colour, so nobody needs to see colour to find it.

const RULE_ORDER: readonly string[] = [
  'targets',
  'exclude',
  'targetMode',
  'minTargetQty',
  'validFrom',
  'validTo',
  'performanceWindow',
  'currency',
  ...MONEY_RULES,
  ...COUNT_RULES.filter((k) => k !== 'minTargetQty'),
  'applyTo',
  ...FLAG_RULES,
  'customerGroups',
  'channels',
  'boxOffice',
  ...LIMIT_RULES,
];

const TARGET_RULES = new Set(['targets', 'exclude']);
const INSTANT_RULES = new Set(['validFrom', 'validTo']);

interface Row {
  key: string;
  label: string;
  a: string;
  b: string;
}

function benefitTargets(benefit: Benefit): TargetRef[][] {
  switch (benefit.type) {
    case 'buy_x_get_y':
      return [benefit.buy.targets ?? [], benefit.get.targets ?? []];
    case 'multi_buy':
      return benefit.groups.map((g) => g.targets ?? []);
    case 'specific_price':
      return [benefit.prices.map((p) => p.target)];
    default:
      return [];
  }
}

/** The ids a version names, so their names can be asked for once. */
function namedIds(version: CodeVersion): string[] {
  return [
    ...(version.rules.targets ?? []),
    ...(version.rules.exclude ?? []),
    ...benefitTargets(version.benefit).flat(),
  ].map((t) => t.id);
}

function useRows(): (a: CodeVersion, b: CodeVersion) => Row[] {
  const t = useT();
  const language = useLanguage();
  const money = useMoney();
  const when = useDateTime();
  const targetText = useTargetText();
  const none = t('manage.history.none');

  const label = (key: string, currency: string) => {
    const messageKey = `manage.field.${key}`;
    return messageKey in messages.en ? t(messageKey as MessageKey, { currency }) : key;
  };
  const targetsText = (targets: readonly TargetRef[]) =>
    targets.length === 0
      ? none
      : targets
          .map((target) => {
            const text = targetText(target);
            return text.context ? `${text.label} (${text.context})` : text.label;
          })
          .join('; ');

  const benefitDetails = (v: CodeVersion) => {
    const currency = v.rules.currency ?? 'EUR';
    if (v.benefit.type === 'specific_price') {
      return v.benefit.prices
        .map((p) => `${targetsText([p.target])} = ${money(p.unitPrice, currency)}`)
        .join('; ');
    }
    const groups = benefitTargets(v.benefit);
    return groups.length === 0 ? none : groups.map(targetsText).join(' | ');
  };

  const ruleText = (rules: Rules, key: string): string => {
    const value = (rules as Record<string, unknown>)[key];
    if (value === undefined) return none;
    if (TARGET_RULES.has(key)) return targetsText(value as TargetRef[]);
    if (INSTANT_RULES.has(key)) return when(value as string);
    if ((MONEY_RULES as readonly string[]).includes(key))
      return money(value as number, rules.currency ?? 'EUR');
    if (value === true) return t('manage.history.yes');
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
    // Numbers, words and the few structured rules (channels, boxOffice, performanceWindow) as written.
    return typeof value === 'number' || typeof value === 'string' ? String(value) : JSON.stringify(value);
  };

  return (a, b) => {
    const summary = (v: CodeVersion) =>
      benefitSummary(v.benefit, t, language, (amount) => money(amount, v.rules.currency ?? 'EUR'));
    const rows: Row[] = [
      { key: 'name', label: t('manage.field.name'), a: a.name, b: b.name },
      { key: 'description', label: t('manage.field.description'), a: a.description, b: b.description },
      { key: 'benefit', label: t('manage.col.benefit'), a: summary(a), b: summary(b) },
      {
        key: 'benefitDetails',
        label: t('manage.history.benefitDetails'),
        a: benefitDetails(a),
        b: benefitDetails(b),
      },
    ];
    const keys = new Set([...Object.keys(a.rules), ...Object.keys(b.rules)]);
    const ordered = [
      ...RULE_ORDER.filter((k) => keys.has(k)),
      ...[...keys].filter((k) => !RULE_ORDER.includes(k)),
    ];
    for (const key of ordered) {
      const currency = b.rules.currency ?? 'EUR';
      rows.push({ key, label: label(key, currency), a: ruleText(a.rules, key), b: ruleText(b.rules, key) });
    }
    const priority = (v: CodeVersion) => (v.autoPriority === null ? none : String(v.autoPriority));
    rows.push(
      { key: 'autoPriority', label: t('manage.field.priority'), a: priority(a), b: priority(b) },
      {
        key: 'offlinePolicy',
        label: t('manage.field.offlinePolicy'),
        a: t(`manage.offline.${a.offlinePolicy}`),
        b: t(`manage.offline.${b.offlinePolicy}`),
      },
    );
    return rows;
  };
}

interface CodeHistoryProps {
  code: Pick<ManagedCode, 'id' | 'code'>;
  /** 2 on a screen of its own, 3 inside the code editor (under its h2). */
  level?: 2 | 3;
}

export function CodeHistory({ code, level = 2 }: CodeHistoryProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const t = useT();
  const id = useId();
  const when = useDateTime();
  const versions = useManageStore((s) => (s.versions?.codeId === code.id ? s.versions : null));
  const loadVersions = useManageStore((s) => s.loadVersions);
  const resolve = useCatalogueSearchStore((s) => s.resolve);
  const rowsOf = useRows();
  const items = versions?.items ?? null;
  // The manager's choice of versions; until they choose, the newest change: the last against the one before.
  const [chosen, setPair] = useState<{ a: number; b: number } | null>(null);
  const last = items?.at(-1)?.version;
  const pair = chosen ?? (last === undefined ? null : { a: items?.at(-2)?.version ?? last, b: last });

  useEffect(() => {
    void loadVersions(code.id);
  }, [code.id, loadVersions]);

  useEffect(() => {
    if (items) void resolve(items.flatMap(namedIds));
  }, [items, resolve]);

  const headingId = `${id}-heading`;
  const a = items?.find((v) => v.version === pair?.a);
  const b = items?.find((v) => v.version === pair?.b);
  const rows = a && b ? rowsOf(a, b) : [];
  const changed = rows.filter((r) => r.a !== r.b).length;
  const options = (items ?? []).map((v) => ({
    value: String(v.version),
    label: t('manage.history.versionN', { n: v.version }),
  }));

  return (
    <section className="code-history" aria-labelledby={headingId} data-testid="code-history">
      <Heading id={headingId}>{t('manage.history.heading', { code: code.code })}</Heading>
      {versions?.error ? (
        <p role="alert" className="error">
          {versions.error}
        </p>
      ) : null}
      {!items && !versions?.error ? <p className="muted">{t('manage.history.loading')}</p> : null}
      {items ? (
        <table className="table" data-testid="code-versions">
          <caption>{t('manage.history.versions', { code: code.code })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('manage.history.col.version')}</th>
              <th scope="col">{t('manage.history.col.by')}</th>
              <th scope="col">{t('manage.history.col.at')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((v) => (
              <tr key={v.version}>
                <th scope="row">{v.version}</th>
                <td>{v.createdByName ?? t('manage.history.someoneElse')}</td>
                <td>{when(v.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {items && items.length === 1 ? <p className="muted">{t('manage.history.single')}</p> : null}
      {pair && a && b ? (
        <>
          <div className="field-grid">
            {(['a', 'b'] as const).map((side) => (
              <div className="field-cell" key={side}>
                <SelectField
                  id={`${id}-${side}`}
                  label={t(side === 'a' ? 'manage.history.left' : 'manage.history.right')}
                  value={String(pair[side])}
                  options={options}
                  onChange={(v) => setPair({ ...pair, [side]: Number(v) })}
                />
              </div>
            ))}
          </div>
          <table className="table code-history__compare" data-testid="version-compare">
            <caption>{t('manage.history.caption', { a: a.version, b: b.version, count: changed })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('manage.history.field')}</th>
                <th scope="col">{t('manage.history.versionN', { n: a.version })}</th>
                <th scope="col">{t('manage.history.versionN', { n: b.version })}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const differs = row.a !== row.b;
                return (
                  <tr
                    key={row.key}
                    data-field={row.key}
                    data-changed={differs ? 'true' : undefined}
                    className={differs ? 'code-history__changed' : undefined}
                  >
                    <th scope="row">
                      {row.label}
                      {differs ? <span className="tag">{t('manage.history.changed')}</span> : null}
                    </th>
                    <td>{row.a}</td>
                    <td>{row.b}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

import type { z } from 'zod';
import {
  codeCreateSchema,
  codeUpdateSchema,
  type CodeCreateInput,
  type CodeUpdateInput,
} from '../../../shared/codes/schema';
import type { Benefit, Rules, TargetRef } from '../../../shared/discounts';
import { normalizeCode } from '../../../shared/discounts';
import type { ManagedCode } from '../../../shared/ipc/domains/manage';
import { currencyExponent } from '../../../shared/money';
import type { MessageKey } from '../../i18n/messages';
import { parseAmount, parsePercent } from '../../lib/amount-input';

// The code editor's form as typed text, and its way to and from the server's shapes. Every typed field
// stays a string until saving, so nothing the manager typed is lost to a failed parse; the zod schemas the
// server uses decide what is valid, and their issues land beside the fields they are about. Targets are
// picked by name (TargetPicker), so they are held as the ids the code stores.

export type BenefitType = Benefit['type'];
export const BENEFIT_TYPES: readonly BenefitType[] = [
  'percentage',
  'fixed_order',
  'fixed_per_item',
  'specific_price',
  'buy_x_get_y',
  'multi_buy',
];

export interface GroupDraft {
  qty: string;
  targets: TargetRef[];
}

/** One special price: what it is for, and the price as typed. */
export interface PriceDraft {
  target: TargetRef;
  price: string;
}

export const COUNT_RULES = [
  'minTargetQty',
  'minQty',
  'maxQty',
  'maxQtyPerLine',
  'minGroupSize',
  'registrantsPerUse',
  'minDistinctEvents',
] as const;
export const LIMIT_RULES = [
  'maxUses',
  'maxItemUses',
  'maxUsesPerCustomer',
  'maxItemUsesPerCustomer',
  'maxUsesPerCustomerPerEvent',
  'maxUsesPerCustomerPerSchedule',
] as const;
export const MONEY_RULES = [
  'minSpend',
  'maxSpend',
  'minUnitPrice',
  'maxUnitPrice',
  'maxDiscount',
  'budget',
] as const;
export const FLAG_RULES = ['requireAllTargets', 'sameEvent', 'newCustomersOnly', 'requiresCustomer'] as const;

type CountRule = (typeof COUNT_RULES)[number];
type LimitRule = (typeof LIMIT_RULES)[number];
type MoneyRule = (typeof MONEY_RULES)[number];
type FlagRule = (typeof FLAG_RULES)[number];

export type CodeDraft = {
  code: string;
  name: string;
  description: string;
  isParent: boolean;
  type: BenefitType;
  percent: string;
  amount: string;
  prices: PriceDraft[];
  buyQty: string;
  buyTargets: TargetRef[];
  getQty: string;
  getTargets: TargetRef[];
  maxApplications: string;
  groups: GroupDraft[];
  targets: TargetRef[];
  exclude: TargetRef[];
  targetMode: 'all' | 'any';
  validFrom: string;
  validTo: string;
  /** The stored instants: kept as they were unless the manager changes the field. */
  storedValidity: { validFrom?: string | undefined; validTo?: string | undefined };
  fromMinutesBeforeStart: string;
  untilMinutesBeforeStart: string;
  currency: string;
  applyTo: '' | 'lowest_first' | 'highest_first';
  customerGroups: string;
  channelOnline: boolean;
  channelBoxOffice: boolean;
  boxOffice: 'all' | 'hidden' | 'roles';
  boxOfficeRoles: string;
  autoApply: boolean;
  priority: string;
  offlinePolicy: '' | 'deny' | 'best_effort';
} & Record<CountRule | LimitRule | MoneyRule, string> &
  Record<FlagRule, boolean>;

export interface FieldError {
  key: MessageKey;
  values?: Record<string, string | number>;
}
export type FieldErrors = Record<string, FieldError>;

const DEFAULT_CURRENCY = 'EUR';

export function emptyDraft(): CodeDraft {
  const blank = (keys: readonly string[]) =>
    Object.fromEntries(keys.map((k) => [k, ''])) as Record<string, string>;
  return {
    code: '',
    name: '',
    description: '',
    isParent: false,
    type: 'percentage',
    percent: '',
    amount: '',
    prices: [],
    buyQty: '1',
    buyTargets: [],
    getQty: '1',
    getTargets: [],
    maxApplications: '',
    groups: [
      { qty: '1', targets: [] },
      { qty: '1', targets: [] },
    ],
    targets: [],
    exclude: [],
    targetMode: 'all',
    validFrom: '',
    validTo: '',
    storedValidity: {},
    fromMinutesBeforeStart: '',
    untilMinutesBeforeStart: '',
    currency: '',
    applyTo: '',
    customerGroups: '',
    channelOnline: true,
    channelBoxOffice: true,
    boxOffice: 'all',
    boxOfficeRoles: '',
    autoApply: false,
    priority: '1',
    offlinePolicy: '',
    ...(blank([...COUNT_RULES, ...LIMIT_RULES, ...MONEY_RULES]) as Record<
      CountRule | LimitRule | MoneyRule,
      string
    >),
    requireAllTargets: false,
    sameEvent: false,
    newCustomersOnly: false,
    requiresCustomer: false,
  };
}

/** The currency amounts are typed in: the code's own, or the terminal's default. */
export function draftCurrency(draft: Pick<CodeDraft, 'currency'>): string {
  const c = draft.currency.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(c) ? c : DEFAULT_CURRENCY;
}

function moneyText(amount: number | undefined, currency: string): string {
  if (amount === undefined) return '';
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(amount);
  const digits = String(amount).padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

function percentText(bp: number): string {
  return bp % 100 === 0 ? String(bp / 100) : (bp / 100).toFixed(2).replace(/0$/, '');
}

const countText = (n: number | undefined) => (n === undefined ? '' : String(n));
const targetList = (targets: TargetRef[] | undefined): TargetRef[] => (targets ?? []).map((t) => ({ ...t }));

/** yyyy-mm-ddThh:mm in local time, as a datetime-local field shows it. */
export function localDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function draftFromCode(code: ManagedCode): CodeDraft {
  const r = code.rules;
  const currency = r.currency ?? DEFAULT_CURRENCY;
  const d = emptyDraft();
  d.code = code.code;
  d.name = code.name;
  d.description = code.description;
  d.isParent = code.isParent === true;
  d.type = code.benefit.type;
  const b = code.benefit;
  switch (b.type) {
    case 'percentage':
      d.percent = percentText(b.percent);
      break;
    case 'fixed_order':
    case 'fixed_per_item':
      d.amount = moneyText(b.amount, currency);
      break;
    case 'specific_price':
      d.prices = b.prices.map((p) => ({ target: { ...p.target }, price: moneyText(p.unitPrice, currency) }));
      break;
    case 'buy_x_get_y':
      d.buyQty = String(b.buy.qty);
      d.buyTargets = targetList(b.buy.targets);
      d.getQty = String(b.get.qty);
      d.getTargets = targetList(b.get.targets);
      d.percent = percentText(b.percent);
      d.maxApplications = countText(b.maxApplications);
      break;
    case 'multi_buy':
      d.groups = b.groups.map((g) => ({ qty: String(g.qty), targets: targetList(g.targets) }));
      d.percent = percentText(b.percent);
      break;
  }
  d.targets = targetList(r.targets);
  d.exclude = targetList(r.exclude);
  d.targetMode = r.targetMode ?? 'all';
  d.validFrom = localDateTime(r.validFrom);
  d.validTo = localDateTime(r.validTo);
  d.storedValidity = { validFrom: r.validFrom, validTo: r.validTo };
  d.fromMinutesBeforeStart = countText(r.performanceWindow?.fromMinutesBeforeStart);
  d.untilMinutesBeforeStart = countText(r.performanceWindow?.untilMinutesBeforeStart);
  d.currency = r.currency ?? '';
  d.applyTo = r.applyTo ?? '';
  for (const key of [...COUNT_RULES, ...LIMIT_RULES]) d[key] = countText(r[key]);
  for (const key of MONEY_RULES) d[key] = moneyText(r[key], currency);
  for (const key of FLAG_RULES) d[key] = r[key] === true;
  d.customerGroups = (r.customerGroups ?? []).join(', ');
  d.channelOnline = r.channels === undefined || r.channels.includes('online');
  d.channelBoxOffice = r.channels === undefined || r.channels.includes('box_office');
  d.boxOffice =
    r.boxOffice === undefined ? 'all' : !r.boxOffice.visible ? 'hidden' : r.boxOffice.roles ? 'roles' : 'all';
  d.boxOfficeRoles = (r.boxOffice?.roles ?? []).join(', ');
  d.autoApply = code.autoApply !== undefined;
  d.priority = String(code.autoApply?.priority ?? 1);
  d.offlinePolicy = code.offlinePolicy;
  return d;
}

/** Collects typed-text problems by field while building the request. */
class Reader {
  readonly errors: FieldErrors = {};
  constructor(readonly currency: string) {}

  private fail(field: string, error: FieldError): undefined {
    this.errors[field] ??= error;
    return undefined;
  }

  count(field: string, text: string): number | undefined {
    const t = text.trim();
    if (t === '') return undefined;
    if (!/^\d{1,10}$/.test(t)) return this.fail(field, { key: 'manage.err.wholeNumber' });
    return Number(t);
  }

  money(field: string, text: string): number | undefined {
    if (text.trim() === '') return undefined;
    const value = parseAmount(text, this.currency);
    return (
      value ??
      this.fail(field, { key: 'manage.err.amount', values: { example: moneyText(1250, this.currency) } })
    );
  }

  percent(field: string, text: string): number | undefined {
    if (text.trim() === '') return this.fail(field, { key: 'manage.err.required' });
    return parsePercent(text) ?? this.fail(field, { key: 'manage.err.percent' });
  }

  required(field: string, value: number | undefined): number {
    if (value === undefined) this.fail(field, { key: 'manage.err.required' });
    return value ?? 0;
  }

  /** Picked targets as the code stores them; none picked is "no narrowing", so the rule is left out. */
  targets(refs: readonly TargetRef[]): TargetRef[] | undefined {
    return refs.length > 0 ? refs.map((t) => ({ by: t.by, id: t.id })) : undefined;
  }

  /** Each picked target with its typed price; a price that does not read is marked on its own row. */
  prices(rows: readonly PriceDraft[]): { target: TargetRef; unitPrice: number }[] {
    return rows.map((row, i) => ({
      target: { by: row.target.by, id: row.target.id },
      unitPrice: this.required(`prices.${i}`, this.money(`prices.${i}`, row.price)),
    }));
  }

  instant(field: string, local: string, stored: string | undefined): string | undefined {
    if (local === '') return undefined;
    // Unchanged fields send back the stored instant, so an edit never looks like a change of terms.
    if (stored !== undefined && localDateTime(stored) === local) return stored;
    const d = new Date(local);
    return Number.isNaN(d.getTime()) ? this.fail(field, { key: 'manage.err.date' }) : d.toISOString();
  }
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

function readBenefit(d: CodeDraft, r: Reader): Benefit {
  switch (d.type) {
    case 'percentage':
      return { type: 'percentage', percent: r.percent('percent', d.percent) ?? 0 };
    case 'fixed_order':
    case 'fixed_per_item':
      return { type: d.type, amount: r.required('amount', r.money('amount', d.amount)) };
    case 'specific_price':
      return { type: 'specific_price', prices: r.prices(d.prices) };
    case 'buy_x_get_y': {
      const buyTargets = r.targets(d.buyTargets);
      const getTargets = r.targets(d.getTargets);
      const maxApplications = r.count('maxApplications', d.maxApplications);
      return {
        type: 'buy_x_get_y',
        buy: {
          qty: r.required('buyQty', r.count('buyQty', d.buyQty)),
          ...(buyTargets ? { targets: buyTargets } : {}),
        },
        get: {
          qty: r.required('getQty', r.count('getQty', d.getQty)),
          ...(getTargets ? { targets: getTargets } : {}),
        },
        percent: r.percent('percent', d.percent) ?? 0,
        ...(maxApplications !== undefined ? { maxApplications } : {}),
      };
    }
    case 'multi_buy':
      return {
        type: 'multi_buy',
        groups: d.groups.map((g, i) => {
          const targets = r.targets(g.targets);
          return {
            qty: r.required(`groups.${i}.qty`, r.count(`groups.${i}.qty`, g.qty)),
            ...(targets ? { targets } : {}),
          };
        }),
        percent: r.percent('percent', d.percent) ?? 0,
      };
  }
}

function readRules(d: CodeDraft, r: Reader): Rules {
  const rules: Rules = {};
  const targets = r.targets(d.targets);
  const exclude = r.targets(d.exclude);
  if (targets) rules.targets = targets;
  if (exclude) rules.exclude = exclude;
  if (d.targetMode === 'any') rules.targetMode = 'any';
  const validFrom = r.instant('validFrom', d.validFrom, d.storedValidity.validFrom);
  const validTo = r.instant('validTo', d.validTo, d.storedValidity.validTo);
  if (validFrom !== undefined) rules.validFrom = validFrom;
  if (validTo !== undefined) rules.validTo = validTo;
  const currency = d.currency.trim().toUpperCase();
  if (currency) rules.currency = currency;
  for (const key of [...COUNT_RULES, ...LIMIT_RULES]) {
    const value = r.count(key, d[key]);
    if (value !== undefined) rules[key] = value;
  }
  for (const key of MONEY_RULES) {
    const value = r.money(key, d[key]);
    if (value !== undefined) rules[key] = value;
  }
  for (const key of FLAG_RULES) if (d[key]) rules[key] = true;
  if (d.applyTo) rules.applyTo = d.applyTo;
  const groups = list(d.customerGroups);
  if (groups.length > 0) rules.customerGroups = groups;
  if (!(d.channelOnline && d.channelBoxOffice)) {
    rules.channels = [
      ...(d.channelOnline ? ['online' as const] : []),
      ...(d.channelBoxOffice ? ['box_office' as const] : []),
    ];
  }
  if (d.boxOffice === 'hidden') rules.boxOffice = { visible: false };
  if (d.boxOffice === 'roles') rules.boxOffice = { visible: true, roles: list(d.boxOfficeRoles) };
  const from = r.count('fromMinutesBeforeStart', d.fromMinutesBeforeStart);
  const until = r.count('untilMinutesBeforeStart', d.untilMinutesBeforeStart);
  if (from !== undefined || until !== undefined) {
    rules.performanceWindow = {
      ...(from !== undefined ? { fromMinutesBeforeStart: from } : {}),
      ...(until !== undefined ? { untilMinutesBeforeStart: until } : {}),
    };
  }
  return rules;
}

/** Which form field a schema issue is about. */
export function fieldOf(path: readonly PropertyKey[]): string {
  const [head, second, third, fourth] = path.map(String);
  if (head === 'benefit') {
    if (second === 'buy' || second === 'get') return `${second}${third === 'targets' ? 'Targets' : 'Qty'}`;
    if (second === 'groups') return third === undefined ? 'groups' : `groups.${third}.${fourth ?? 'qty'}`;
    if (second === 'prices' && third !== undefined && fourth === 'unitPrice') return `prices.${third}`;
    return second ?? 'type';
  }
  if (head === 'rules') {
    if (second === 'performanceWindow') return third ?? 'fromMinutesBeforeStart';
    if (second === 'boxOffice') return 'boxOfficeRoles';
    return second ?? 'targets';
  }
  if (head === 'autoApply') return 'priority';
  return head ?? 'form';
}

const REFINE_MESSAGES: Record<string, MessageKey> = {
  'validFrom must not be after validTo': 'manage.err.validOrder',
  'minSpend must not be above maxSpend': 'manage.err.spendOrder',
  'minUnitPrice must not be above maxUnitPrice': 'manage.err.priceOrder',
  'a three-letter ISO 4217 code such as EUR': 'manage.err.currency',
};

function issueError(issue: z.core.$ZodIssue, field: string): FieldError {
  const known = REFINE_MESSAGES[issue.message];
  if (known) return { key: known };
  if (field === 'channels') return { key: 'manage.err.channels' };
  if (issue.code === 'too_small') {
    if (issue.origin === 'string') return { key: 'manage.err.required' };
    if (issue.origin === 'array') return { key: 'manage.err.atLeastOne' };
    return { key: 'manage.err.atLeast', values: { min: Number(issue.minimum) } };
  }
  if (issue.code === 'too_big') {
    if (issue.origin === 'string')
      return { key: 'manage.err.tooLong', values: { max: Number(issue.maximum) } };
    return { key: 'manage.err.atMost', values: { max: Number(issue.maximum) } };
  }
  return { key: 'manage.err.invalid' };
}

function schemaErrors(error: z.ZodError, into: FieldErrors): void {
  for (const issue of error.issues) {
    const field = fieldOf(issue.path);
    into[field] ??= issueError(issue, field);
  }
}

export type DraftResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** A new code from the form, checked by the very schema the server applies. */
export function toCreateInput(d: CodeDraft): DraftResult<CodeCreateInput> {
  const r = new Reader(draftCurrency(d));
  const normalised = normalizeCode(d.code);
  if (!normalised.ok)
    r.errors.code = { key: d.code.trim() ? 'manage.err.codeFormat' : 'manage.err.required' };
  const candidate = {
    code: d.code.trim(),
    name: d.name,
    description: d.description,
    isParent: d.isParent,
    benefit: readBenefit(d, r),
    rules: readRules(d, r),
    ...(d.autoApply
      ? { autoApply: { priority: r.required('priority', r.count('priority', d.priority)) } }
      : {}),
    ...(d.offlinePolicy ? { offlinePolicy: d.offlinePolicy } : {}),
  };
  const parsed = codeCreateSchema.safeParse(candidate);
  if (!parsed.success) schemaErrors(parsed.error, r.errors);
  if (d.isParent && d.autoApply) r.errors.priority ??= { key: 'manage.err.parentAuto' };
  if (Object.keys(r.errors).length > 0 || !parsed.success) return { ok: false, errors: r.errors };
  return { ok: true, value: parsed.data };
}

/** The edited terms; the code string itself never changes after creation. */
export function toUpdateInput(d: CodeDraft): DraftResult<CodeUpdateInput> {
  const r = new Reader(draftCurrency(d));
  const candidate = {
    name: d.name,
    description: d.description,
    benefit: readBenefit(d, r),
    rules: readRules(d, r),
    autoApply: d.autoApply ? { priority: r.required('priority', r.count('priority', d.priority)) } : null,
    ...(d.offlinePolicy ? { offlinePolicy: d.offlinePolicy } : {}),
  };
  const parsed = codeUpdateSchema.safeParse(candidate);
  if (!parsed.success) schemaErrors(parsed.error, r.errors);
  if (d.isParent && d.autoApply) r.errors.priority ??= { key: 'manage.err.parentAuto' };
  if (Object.keys(r.errors).length > 0 || !parsed.success) return { ok: false, errors: r.errors };
  return { ok: true, value: parsed.data };
}

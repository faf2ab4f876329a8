import { z } from 'zod';
import { text } from '../text';
import type { Benefit, CodeDefinition, Rules } from '../discounts';

// zod schemas of the engine's code shapes (docs/ENGINE.md), shared by the server's admin API and the
// terminal's manager screens. Objects are strict: an unknown field is a typo, not something to ignore.

const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const bp = z.number().int().min(0).max(10000);
const count = z.number().int().min(1).max(1_000_000_000);
const nonNegativeCount = z.number().int().min(0).max(1_000_000_000);
const instant = z.iso.datetime({ offset: true });

export const targetRefSchema = z.strictObject({
  by: z.enum(['item', 'event', 'schedule', 'priceBand', 'inventoryItem', 'category', 'kind']),
  id: text().min(1).max(200),
});

const targets = z.array(targetRefSchema).max(500);
const unitGroup = z.strictObject({ targets: targets.optional(), qty: count });

export const benefitSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('percentage'), percent: bp }),
  z.strictObject({ type: z.literal('fixed_order'), amount: minor }),
  z.strictObject({ type: z.literal('fixed_per_item'), amount: minor }),
  z.strictObject({
    type: z.literal('specific_price'),
    prices: z
      .array(z.strictObject({ target: targetRefSchema, unitPrice: minor }))
      .min(1)
      .max(500),
  }),
  z.strictObject({
    type: z.literal('buy_x_get_y'),
    buy: unitGroup,
    get: unitGroup,
    percent: bp,
    maxApplications: count.optional(),
  }),
  z.strictObject({
    type: z.literal('multi_buy'),
    groups: z.array(unitGroup).min(1).max(50),
    percent: bp,
  }),
]);

export const rulesSchema = z
  .strictObject({
    targets: targets.optional(),
    exclude: targets.optional(),
    targetMode: z.enum(['all', 'any']).optional(),
    minTargetQty: count.optional(),
    validFrom: instant.optional(),
    validTo: instant.optional(),
    currency: text()
      .regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as EUR')
      .optional(),
    minSpend: minor.optional(),
    maxSpend: minor.optional(),
    minUnitPrice: minor.optional(),
    maxUnitPrice: minor.optional(),
    minQty: count.optional(),
    maxQty: count.optional(),
    maxQtyPerLine: count.optional(),
    applyTo: z.enum(['highest_first', 'lowest_first']).optional(),
    maxDiscount: minor.optional(),
    budget: minor.optional(),
    minGroupSize: count.optional(),
    registrantsPerUse: count.optional(),
    requireAllTargets: z.boolean().optional(),
    minDistinctEvents: count.optional(),
    sameEvent: z.boolean().optional(),
    maxUses: nonNegativeCount.optional(),
    maxItemUses: nonNegativeCount.optional(),
    maxUsesPerCustomer: nonNegativeCount.optional(),
    maxItemUsesPerCustomer: nonNegativeCount.optional(),
    maxUsesPerCustomerPerEvent: nonNegativeCount.optional(),
    maxUsesPerCustomerPerSchedule: nonNegativeCount.optional(),
    newCustomersOnly: z.boolean().optional(),
    customerGroups: z.array(text().min(1).max(100)).max(100).optional(),
    requiresCustomer: z.boolean().optional(),
    channels: z
      .array(z.enum(['online', 'box_office']))
      .min(1)
      .optional(),
    boxOffice: z
      .strictObject({ visible: z.boolean(), roles: z.array(text().min(1).max(40)).max(50).optional() })
      .optional(),
    performanceWindow: z
      .strictObject({
        fromMinutesBeforeStart: z.number().int().min(0).optional(),
        untilMinutesBeforeStart: z.number().int().min(0).optional(),
      })
      .optional(),
  })
  .refine((r) => r.validFrom === undefined || r.validTo === undefined || r.validFrom <= r.validTo, {
    message: 'validFrom must not be after validTo',
    path: ['validTo'],
  })
  .refine((r) => r.minSpend === undefined || r.maxSpend === undefined || r.minSpend <= r.maxSpend, {
    message: 'minSpend must not be above maxSpend',
    path: ['maxSpend'],
  })
  .refine(
    (r) => r.minUnitPrice === undefined || r.maxUnitPrice === undefined || r.minUnitPrice <= r.maxUnitPrice,
    { message: 'minUnitPrice must not be above maxUnitPrice', path: ['maxUnitPrice'] },
  );

export const autoApplySchema = z.strictObject({ priority: z.number().int().min(1).max(1_000_000) });
export const offlinePolicySchema = z.enum(['deny', 'best_effort']);

/** A new code: the string is normalised by the server (normalizeCode) and can never change afterwards. */
export const codeCreateSchema = z.strictObject({
  code: text().min(1).max(64),
  name: text().trim().min(1).max(200),
  description: text().max(2000).default(''),
  isParent: z.boolean().default(false),
  benefit: benefitSchema,
  rules: rulesSchema.default({}),
  autoApply: autoApplySchema.nullable().optional(),
  offlinePolicy: offlinePolicySchema.optional(),
});

/** An edit: every field optional; the code string is deliberately absent. */
export const codeUpdateSchema = z.strictObject({
  name: text().trim().min(1).max(200).optional(),
  description: text().max(2000).optional(),
  benefit: benefitSchema.optional(),
  rules: rulesSchema.optional(),
  autoApply: autoApplySchema.nullable().optional(),
  offlinePolicy: offlinePolicySchema.optional(),
  /**
   * The version the editor opened (shared/server-api/version-conflict.ts): a stale one is refused with
   * VERSION_CONFLICT. Optional, so scripts that send none update as before.
   */
  expectedVersion: z.number().int().min(1).optional(),
});

/** The engine's CodeDefinition itself, e.g. as synced to a terminal. */
export const codeDefinitionSchema = z.strictObject({
  id: text().min(1).max(100),
  code: text().min(1).max(64),
  name: text().min(1).max(200),
  status: z.enum(['active', 'disabled', 'deleted']),
  isParent: z.boolean().optional(),
  benefit: benefitSchema,
  rules: rulesSchema,
  autoApply: autoApplySchema.optional(),
});

export type CodeCreateInput = z.infer<typeof codeCreateSchema>;
export type CodeUpdateInput = z.infer<typeof codeUpdateSchema>;

// Compile-time proof that the schemas describe exactly the engine's shapes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _benefitMatches: Same<z.infer<typeof benefitSchema>, Benefit> = true;
const _rulesMatch: Same<z.infer<typeof rulesSchema>, Rules> = true;
const _definitionMatches: Same<z.infer<typeof codeDefinitionSchema>, CodeDefinition> = true;
void _benefitMatches;
void _rulesMatch;
void _definitionMatches;

import { z } from 'zod';
import { REASON_LISTS, type ReasonLists } from '../cash/reasons';
import type { Bp } from '../discounts';
import { CASH_ROUNDING_SETTING, type CashRoundingSetting } from '../money/cash-rounding';
import { text } from '../text';
import { isTimeZone } from './performance-run';

// The organisation's settings (migrations/server/0017_organisation_settings.sql), one schema for the
// admin API's PATCH /v1/organisation and the back office's form.

/** A named VAT rate the price and product forms offer: "Standard" at 1900 bp (19 %). */
export interface VatRate {
  name: string;
  rate: Bp;
}

export interface OrganisationSettings {
  id: string;
  name: string;
  /** ISO 4217: what new venues and organisation-wide products (products have no venue) are priced in. */
  currency: string;
  /** What new venues start with. */
  timezone: string;
  vatRates: VatRate[];
  /** Lines printed at the top of every receipt. */
  receiptHeader: string[];
  /** The reasons the terminals offer, per category; a category left out offers its default list. */
  reasons: ReasonLists;
  /** Cash rounding (docs/CASH.md): null follows the currency's rule, 0 is none, else the step in minor units. */
  cashRounding: CashRoundingSetting;
  version: number;
}

export const MAX_VAT_RATES = 12;
export const MAX_RECEIPT_HEADER_LINES = 6;
/** A line fits 80 mm paper in the normal font (48 columns). */
export const RECEIPT_LINE_LENGTH = 48;

export const CURRENCY = text().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as EUR');
export const TIME_ZONE = text().max(64).refine(isTimeZone, 'a time zone such as Europe/Berlin or UTC');

export const ORGANISATION_BODY = z.strictObject({
  name: text().trim().min(1).max(200),
  currency: CURRENCY,
  timezone: TIME_ZONE,
  vatRates: z
    .array(
      z.strictObject({
        name: text().trim().min(1, 'give the rate a name, such as Standard').max(60),
        rate: z.number().int().min(0).max(10000),
      }),
    )
    .max(MAX_VAT_RATES)
    .superRefine((rates, issue) => {
      const seen = new Set<string>();
      rates.forEach((rate, i) => {
        const key = rate.name.trim().toLowerCase();
        if (seen.has(key)) {
          issue.addIssue({ code: 'custom', path: [i, 'name'], message: 'two rates have this name' });
        }
        seen.add(key);
      });
    }),
  receiptHeader: z
    .array(text().max(RECEIPT_LINE_LENGTH, `at most ${RECEIPT_LINE_LENGTH} characters a line`))
    .max(MAX_RECEIPT_HEADER_LINES, `at most ${MAX_RECEIPT_HEADER_LINES} lines`),
  reasons: REASON_LISTS,
  /** Optional so that a client from before cash rounding can still save its form. */
  cashRounding: CASH_ROUNDING_SETTING.optional(),
});

export type OrganisationInput = z.input<typeof ORGANISATION_BODY>;

/** PATCH body: any of the fields, and the version the editor opened. */
export const ORGANISATION_PATCH = ORGANISATION_BODY.partial().extend({
  expectedVersion: z.number().int().min(1).optional(),
});

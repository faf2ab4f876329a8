import { z } from 'zod';
import { text } from '../text';

// Reason lists (docs/CASH.md "Reasons"). An organisation keeps one list per category in its settings;
// the server sends them with the venue on every pull, so an offline terminal still offers the list and
// the terminal checks a reason against it in the main process, not only in the dropdown.

export const REASON_CATEGORIES = [
  'paid_in',
  'paid_out',
  'drop',
  'float_change',
  'no_sale',
  'custom_discount',
  'comp',
  'overuse',
  'refund',
  'void',
] as const;
export type ReasonCategory = (typeof REASON_CATEGORIES)[number];

export const MAX_REASONS_PER_CATEGORY = 30;
export const MAX_REASON_LENGTH = 60;
/** The free text a reason may carry beside its choice from the list. */
export const MAX_REASON_NOTE_LENGTH = 200;

/** An organisation's lists: a category left out uses the default list below. */
export type ReasonLists = Partial<Record<ReasonCategory, string[]>>;

/** The refund reason an exchange starts on where the organisation lists it (its default list does). */
export const EXCHANGE_REASON = 'Exchanged for other tickets';

/** What a new organisation offers until a manager edits its lists. */
export const DEFAULT_REASONS: Readonly<Record<ReasonCategory, readonly string[]>> = {
  paid_in: ['Change from the safe', 'Correction'],
  paid_out: ['Petty cash purchase', 'Supplier payment', 'Correction'],
  drop: ['Cash drop to the safe'],
  float_change: ['Float topped up', 'Float reduced'],
  no_sale: ['Change for a customer', 'Check the drawer', 'Correction'],
  custom_discount: ['Goodwill', 'Damaged view', 'Staff'],
  comp: ['Press', 'Artist guest', 'Goodwill'],
  overuse: ['Manager decision', 'Code limit reached by mistake'],
  refund: ['Performance cancelled', 'Customer request', 'Wrong ticket sold', EXCHANGE_REASON],
  void: ['Wrong ticket sold', 'Customer changed their mind', 'Payment failed'],
};

const reasonList = z
  .array(
    text()
      .trim()
      .min(1, 'a reason cannot be empty: remove the line instead')
      .max(MAX_REASON_LENGTH, `at most ${MAX_REASON_LENGTH} characters a reason`),
  )
  .min(1, 'keep at least one reason, or leave the category out to use the default list')
  .max(MAX_REASONS_PER_CATEGORY, `at most ${MAX_REASONS_PER_CATEGORY} reasons a category`)
  .superRefine((reasons, issue) => {
    const seen = new Set<string>();
    reasons.forEach((reason, i) => {
      const key = reason.trim().toLowerCase();
      if (seen.has(key))
        issue.addIssue({ code: 'custom', path: [i], message: 'this reason is listed twice' });
      seen.add(key);
    });
  });

/** The organisation settings' `reasons`: any of the categories, each a list of labels. */
export const REASON_LISTS = z.strictObject(
  Object.fromEntries(REASON_CATEGORIES.map((c) => [c, reasonList.optional()])) as Record<
    ReasonCategory,
    z.ZodOptional<typeof reasonList>
  >,
);

/** The list a category offers: the organisation's own, or the default. */
export function reasonsFor(
  lists: ReasonLists | null | undefined,
  category: ReasonCategory,
): readonly string[] {
  const own = lists?.[category];
  return own && own.length > 0 ? own : DEFAULT_REASONS[category];
}

/**
 * Whether `reason` is on the category's list, compared as the list is written (trimmed, any case), and
 * the label as listed, so what is stored reads the same whoever typed it.
 */
export function listedReason(
  lists: ReasonLists | null | undefined,
  category: ReasonCategory,
  reason: string,
): string | undefined {
  const key = reason.trim().toLowerCase();
  return reasonsFor(lists, category).find((r) => r.trim().toLowerCase() === key);
}

/**
 * A stored reason list as it came from a pull or the database: anything that does not parse counts as
 * "no lists" (the defaults), so a damaged setting can never stop a till.
 */
export function parseReasonLists(value: unknown): ReasonLists {
  const parsed = REASON_LISTS.safeParse(value);
  return parsed.success ? parsed.data : {};
}

/**
 * A listed reason with its note in brackets, as receipts, the journal and the order view show it: the
 * label stays first and whole, so it reads (and sorts) the same as in the reports that group by it.
 */
export function reasonWithNote(reason: string | null, note: string | null | undefined): string {
  return note ? `${reason ?? ''} (${note})` : (reason ?? '');
}

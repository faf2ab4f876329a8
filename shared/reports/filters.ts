import { z } from 'zod';
import { text } from '../text';

// Query pieces every back-office report shares (docs/REPORTS.md). Instants carry their offset, so a
// report never guesses a time zone.

export const instantQuery = z.iso.datetime({ offset: true });

/** from/to bound the report's own time (a sale's time, a shift's opening), both ends included. */
export const dateRange = {
  from: instantQuery.optional(),
  to: instantQuery.optional(),
};

/** Offset pages, for reports whose rows number in the thousands. */
export { pageQuery as offsetPage } from '../query';

/**
 * Keyset pages, for reports that grow with every sale: `cursor` is the previous page's nextCursor,
 * opaque to the caller, so page 10,000 costs what page 1 does.
 */
export const keysetPage = {
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: text().min(1).max(200).optional(),
};

export interface KeysetPage<Row> {
  rows: Row[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  limit: number;
}

export interface OffsetPage<Row> {
  rows: Row[];
  total: number;
  limit: number;
  offset: number;
}

/** Filters on who used which code: the codes, overuse and orders reports take them alike. */
export const codeUseFilters = {
  /** Part of a code's text, any case: "SCHOOL" finds every SCHOOL… child. */
  code: text().min(1).max(64).optional(),
  codeId: z.uuid().optional(),
  /** This code and its children. */
  parentId: z.uuid().optional(),
  /** Part of the buyer's name or email, or their customer id. */
  buyer: text().min(1).max(320).optional(),
  cashierId: z.uuid().optional(),
  /** Part of an overuse reason (on orders, also of an ad-hoc discount's reason). */
  reason: text().min(1).max(500).optional(),
};

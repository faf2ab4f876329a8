import { z } from 'zod';
import { booleanQuery } from '../query';
import { codeUseFilters, dateRange, offsetPage } from './filters';

// GET /v1/reports/codes (+ .csv) and /v1/reports/overuse (docs/REPORTS.md). The rows are the terminal's
// manager screens' wire shapes (shared/ipc/domains/manage.ts), re-exported here for the back office.

export type { CodeReport, CodeReportRow, OverusePage, OveruseRow } from '../ipc/domains/manage';

export const codeReportFilters = {
  ...dateRange,
  ...codeUseFilters,
  /** Only codes used in the range (with no other filter, every code is listed). */
  usedOnly: booleanQuery.optional(),
  groupBy: z.enum(['code', 'parent']).default('code'),
};

export const codeReportQuerySchema = z.strictObject({ ...codeReportFilters, ...offsetPage });
export const codeReportCsvQuerySchema = z.strictObject(codeReportFilters);
export const overuseQuerySchema = codeReportQuerySchema.omit({ groupBy: true, usedOnly: true });
export type CodeReportQuery = z.infer<typeof codeReportQuerySchema>;

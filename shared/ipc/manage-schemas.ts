import { z } from 'zod';
import { text } from '../text';
import { catalogueSearchSchema, type CatalogueHit } from '../catalogue/search';
import { codeCreateSchema, codeUpdateSchema } from '../codes/schema';
import type { CodeVersion } from '../codes/types';
import { channels as c } from './channels';
import type {
  CodePage,
  CodeReport,
  DeleteOutcome,
  GenerationJobView,
  ManagedCode,
  ManageSessionView,
  OverusePage,
} from './domains/manage';

// The `manage` domain's requests and answers, spread into the one contract (contract.ts). They mirror
// the central server's admin API so main can pass them on without reshaping.

const empty = z.strictObject({});
/** The central server's ids are UUIDs. */
const serverId = z.uuid();
const page = {
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(10_000_000).default(0),
};

export const CODE_STATUSES = ['scheduled', 'active', 'exhausted', 'ended', 'disabled', 'deleted'] as const;
export const CODE_KINDS = ['top', 'parent', 'generated', 'standalone'] as const;
/** The server refuses larger batches. */
export const MAX_CHILDREN_PER_BATCH = 100_000;

export const codeListFilterSchema = z.strictObject({
  q: text().max(64).optional(),
  status: z.enum(CODE_STATUSES).optional(),
  kind: z.enum(CODE_KINDS).optional(),
  parentId: serverId.optional(),
  ...page,
});

const reportFilters = {
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  code: text().trim().min(1).max(64).optional(),
  groupBy: z.enum(['code', 'parent']).optional(),
  /** Only codes used in the period; a report over 100,000 unused children helps nobody. */
  usedOnly: z.boolean().optional(),
};

export const reportFilterSchema = z.strictObject({ ...reportFilters, ...page });

export const manageRequestSchemas = {
  [c.manage.session]: empty,
  [c.manage.signIn]: z.strictObject({
    email: text().trim().min(1, 'enter your email').max(320),
    password: text().min(1, 'enter your password').max(200),
  }),
  [c.manage.signOut]: empty,
  [c.manage.listCodes]: codeListFilterSchema,
  [c.manage.getCode]: z.strictObject({ id: serverId }),
  [c.manage.createCode]: z.strictObject({ code: codeCreateSchema }),
  [c.manage.updateCode]: z.strictObject({ id: serverId, changes: codeUpdateSchema }),
  [c.manage.setCodeStatus]: z.strictObject({ id: serverId, action: z.enum(['disable', 'restore']) }),
  [c.manage.deleteCode]: z.strictObject({ id: serverId }),
  [c.manage.generateChildren]: z.strictObject({
    parentId: serverId,
    count: z.number().int().min(1).max(MAX_CHILDREN_PER_BATCH),
    prefix: text().trim().max(40).optional(),
    length: z.number().int().min(4).max(32).optional(),
  }),
  [c.manage.generationJob]: z.strictObject({ jobId: serverId }),
  [c.manage.codeReport]: reportFilterSchema,
  [c.manage.overuseReport]: z.strictObject({ from: reportFilters.from, to: reportFilters.to, ...page }),
  [c.manage.exportCsv]: z.strictObject(reportFilters),
  [c.manage.codeVersions]: z.strictObject({ id: serverId }),
  [c.manage.searchCatalogue]: catalogueSearchSchema,
};

export interface ManageResponseTypes {
  [c.manage.session]: ManageSessionView;
  [c.manage.signIn]: ManageSessionView;
  [c.manage.signOut]: ManageSessionView;
  [c.manage.listCodes]: CodePage;
  [c.manage.getCode]: ManagedCode;
  [c.manage.createCode]: ManagedCode;
  [c.manage.updateCode]: ManagedCode;
  [c.manage.setCodeStatus]: ManagedCode;
  [c.manage.deleteCode]: DeleteOutcome;
  [c.manage.generateChildren]: GenerationJobView;
  [c.manage.generationJob]: GenerationJobView;
  [c.manage.codeReport]: CodeReport;
  [c.manage.overuseReport]: OverusePage;
  /** The code report as CSV text; the renderer offers it as a file. */
  [c.manage.exportCsv]: string;
  /** Oldest first. */
  [c.manage.codeVersions]: CodeVersion[];
  [c.manage.searchCatalogue]: { items: CatalogueHit[] };
}

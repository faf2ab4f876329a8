import type { CodeLifecycleStatus, CodeRecord } from '../../codes/types';
import type { Benefit } from '../../discounts';

// The manager screens' data as main relays it from the central server's admin API. The server session
// token stays in main: nothing here carries it.

export interface ManageSessionView {
  /** False when this terminal has no central server address. */
  configured: boolean;
  serverUrl: string | null;
  signedIn: boolean;
  email: string | null;
  name: string | null;
  /** The server role's permissions, e.g. 'codes.manage'. */
  permissions: string[];
  expiresAt: string | null;
}

export interface ManagedCode extends CodeRecord {
  usage: { uses: number; itemUses: number; discountGiven: number };
  lifecycle: CodeLifecycleStatus;
  /** Uses left before maxUses; null = no limit. */
  remainingUses: number | null;
}

export interface CodePage {
  items: ManagedCode[];
  total: number;
  limit: number;
  offset: number;
}

export interface DeleteOutcome {
  /** A used code is disabled instead of deleted, so its history stays whole. */
  outcome: 'deleted' | 'disabled';
  code: ManagedCode;
}

export interface GenerationJobView {
  id: string;
  parentId: string;
  requested: number;
  prefix: string;
  length: number;
  generated: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  error: string | null;
  createdAt: string;
  heartbeatAt: string;
  finishedAt: string | null;
}

export interface CodeReportRow {
  codeId: string;
  code: string;
  parentId: string | null;
  isParent: boolean;
  /** Generated children in a parent roll-up; 0 on a per-code row. */
  children: number;
  type: Benefit['type'];
  value: string;
  limit: number | null;
  status: CodeLifecycleStatus;
  orders: number;
  tickets: number;
  totalDiscount: number;
  revenue: number;
  /** Of totalDiscount and revenue (a code used in two currencies has a row per currency); null only for an unused code in an organisation without a venue. */
  currency: string | null;
  overuses: number;
  firstUse: string | null;
  lastUse: string | null;
  remaining: number | null;
}

export interface CodeReport {
  rows: CodeReportRow[];
  total: number;
  limit: number;
  offset: number;
}

export interface OveruseRow {
  redemptionId: string;
  orderId: string;
  codeId: string;
  code: string;
  cashierId: string | null;
  cashierName: string | null;
  grantedBy: string | null;
  grantedByName: string | null;
  reason: string;
  limits: string[] | null;
  discount: number;
  currency: string;
  redeemedAt: string;
}

export interface OverusePage {
  rows: OveruseRow[];
  total: number;
  limit: number;
  offset: number;
}

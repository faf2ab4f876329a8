import type { OfflineLimits } from '../sync/offline-limits';
import type { ReviewKind, ReviewItem, ReviewStatus } from '../sync/protocol';
import type { ReviewRow, TerminalLeaseRow, TerminalRow, TerminalStatus } from '../sync/terminal-admin';
import type { ServerCall } from './call';
import type { Page, PageRequest } from './page';

// The terminals' admin API as the back office calls it: the list, enrolment codes, revoking, lease
// caps and leases, and the review queue with its three actions.

export interface TerminalQuery extends PageRequest {
  q?: string;
  venueId?: string;
  status?: TerminalStatus;
}

export interface ReviewQuery extends PageRequest {
  status?: ReviewStatus;
  kind?: ReviewKind;
  terminalId?: string;
  /** Instants (ISO 8601) bounding when the item was raised. */
  from?: string;
  to?: string;
}

export interface EnrolmentCode {
  enrolmentCode: string;
  venueId: string;
  expiresAt: string;
}

export type ReviewAction = 'accept' | 'flag' | 'retry';

export function terminalCalls(call: ServerCall) {
  return {
    list: (query: TerminalQuery) => call<Page<TerminalRow>>('GET', '/v1/terminals', { query: { ...query } }),
    leases: (terminalId: string, query: PageRequest) =>
      call<Page<TerminalLeaseRow>>('GET', `/v1/terminals/${terminalId}/leases`, { query: { ...query } }),
    createEnrolmentCode: (venueId: string) =>
      call<EnrolmentCode>('POST', `/v1/venues/${venueId}/enrolment-codes`),
    revoke: (terminalId: string) =>
      call<{ terminalId: string; revokedAt: string }>('POST', `/v1/terminals/${terminalId}/revoke`),
    setLeaseCap: (terminalId: string, percent: number | null) =>
      call<{ terminalId: string; leaseCapPercent: number | null; effectivePercent: number }>(
        'PUT',
        `/v1/terminals/${terminalId}/lease-cap`,
        { body: { percent } },
      ),
    setOfflineLimits: (terminalId: string, limits: OfflineLimits) =>
      call<{ terminalId: string } & OfflineLimits>('PUT', `/v1/terminals/${terminalId}/offline-limits`, {
        body: limits,
      }),
    setOveruseCap: (terminalId: string, cap: number | null) =>
      call<{ terminalId: string; cap: number | null }>('PUT', `/v1/terminals/${terminalId}/overuse-cap`, {
        body: { cap },
      }),
    /** docs/CASH.md "Offline": the share of each open gift voucher this terminal holds ahead. */
    setVoucherShare: (terminalId: string, percent: number) =>
      call<{ terminalId: string; voucherSharePercent: number }>(
        'PUT',
        `/v1/terminals/${terminalId}/voucher-share`,
        { body: { percent } },
      ),
    setTraining: (terminalId: string, training: boolean) =>
      call<{ terminalId: string; training: boolean }>('PUT', `/v1/terminals/${terminalId}/training`, {
        body: { training },
      }),
    reviewItems: (query: ReviewQuery) =>
      call<Page<ReviewRow>>('GET', '/v1/review-items', { query: { ...query } }),
    act: (itemId: string, action: ReviewAction, note: string) =>
      call<ReviewItem>('POST', `/v1/review-items/${itemId}/${action}`, { body: { note } }),
  };
}

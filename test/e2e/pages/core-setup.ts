import type { ChannelName } from '../../../shared/ipc/channels';
import type { ResponseOf } from '../../../shared/ipc/contract';
import type { CodeRecord } from '../../../shared/codes/types';
import { upsertCode } from '../../../src-main/db/repos/code-repo';
import type { BrowserHost } from '../../../src-main/shells/browser/server';

// Puts the terminal into a state through the core itself (earlier sales, an open shift) so each spec
// drives through the UI only the flow it is about.

export async function must<C extends ChannelName>(
  host: BrowserHost,
  channel: C,
  request: unknown = {},
): Promise<ResponseOf<C>> {
  const result = await host.terminal.dispatch(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.message}`);
  return result.value as ResponseOf<C>;
}

/** Signs in and opens a shift with a 100.00 float. */
export async function openShiftAs(host: BrowserHost, staffId = 'staff-sam', pin = '4826'): Promise<void> {
  await must(host, 'pos:staff:signIn', { staffId, pin });
  await must(host, 'pos:shift:open', { openingFloat: 10_000 });
}

/** Sells `qty` Hamlet adult stalls tickets (45.00 each), with `code` if given, paid exactly in cash. */
export async function sellAdults(
  host: BrowserHost,
  qty: number,
  code?: string,
): Promise<ResponseOf<'pos:checkout:complete'>> {
  await must(host, 'pos:cart:addTicket', {
    performanceId: 'perf-hamlet-1',
    ticketPriceId: 'price-hamlet-adult-stalls',
    qty,
  });
  if (code) await must(host, 'pos:cart:applyCode', { input: code });
  const cart = await must(host, 'pos:cart:get');
  return must(host, 'pos:checkout:complete', {
    cartId: cart.id,
    tenders: [{ tender: 'cash', amount: cart.total }],
  });
}

/** Adds an active percentage code (15 % off) straight to the terminal's store, as a pull would. */
export function addCode(
  host: BrowserHost,
  code: { id: string; code: string; rules: CodeRecord['rules'] },
): void {
  const at = new Date().toISOString();
  upsertCode(host.terminal.db, {
    id: code.id,
    code: code.code,
    name: code.code,
    description: '',
    status: 'active',
    benefit: { type: 'percentage', percent: 1500 },
    rules: code.rules,
    version: 1,
    parentId: null,
    offlinePolicy: 'best_effort',
    createdAt: at,
    updatedAt: at,
  });
}

/**
 * Points the host's receipt printer at an emulated network printer, receipts only (the manager's
 * settings, as the Manage screen would save them); `extra` adds settings such as the drawer kick.
 */
export async function printTo(
  host: BrowserHost,
  printer: { host: string; port: number },
  extra: Record<string, unknown> = {},
): Promise<void> {
  await must(host, 'pos:staff:signIn', { staffId: 'staff-max', pin: '640273' });
  await must(host, 'pos:print:settingsUpdate', {
    output: 'network',
    host: printer.host,
    port: printer.port,
    ticketOrder: 'receipt_only',
    ...extra,
  });
  await must(host, 'pos:staff:signOut');
}

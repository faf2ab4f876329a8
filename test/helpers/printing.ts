import { channels as c, type ChannelName } from '../../shared/ipc/channels';
import type { RequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { SaleView } from '../../shared/ipc/types';
import { createTerminal, type Terminal, type TerminalOptions } from '../../src-main/terminal';
import { startEscPosEmulator, type EscPosEmulator } from './escpos-emulator';
import { makeTempDir } from './temp-dir';
import { testClock } from './terminal';

export const HAMLET = 'perf-hamlet-1';
export const ADULT_STALLS = 'price-hamlet-adult-stalls'; // 45.00, VAT 7 %

/** Fast retries and short network waits, so fault tests take milliseconds. */
export const FAST_PRINTER: NonNullable<TerminalOptions['printer']> = {
  retryBaseMs: 5,
  retryCapMs: 40,
  network: { connectTimeoutMs: 500, statusTimeoutMs: 500, sendTimeoutMs: 1_000 },
};

export interface PrintCore {
  terminal: Terminal;
  must<C extends ChannelName>(channel: C, request?: RequestOf<C>): Promise<ResponseOf<C>>;
  call<C extends ChannelName>(
    channel: C,
    request?: RequestOf<C>,
  ): Promise<{ ok: true; value: ResponseOf<C> } | { ok: false; reason: string; message: string }>;
}

/** A core on `dataDir` (a new one keeps the data of the last), with the demo data and fast printing. */
export async function openCore(dataDir: string, options: Partial<TerminalOptions> = {}): Promise<PrintCore> {
  const terminal = await createTerminal({
    dataDir,
    clock: testClock(),
    demoData: true,
    printer: FAST_PRINTER,
    ...options,
  });
  const call = (async (channel: ChannelName, request: unknown = {}) =>
    terminal.dispatch(channel, request)) as PrintCore['call'];
  const must = (async (channel: ChannelName, request: unknown = {}) => {
    const result = await terminal.dispatch(channel, request);
    if (!result.ok) throw new Error(`${channel} failed: ${result.reason}: ${result.message}`);
    return result.value;
  }) as PrintCore['must'];
  return { terminal, call, must };
}

/**
 * Printer settings for tests about receipts, refunds and Z reports: the window prints no tickets, so each
 * sale is one job (test/integration/printing/tickets.test.ts covers the tickets).
 */
export const RECEIPTS_ONLY = { ticketOrder: 'receipt_only' } as const;

/** Points the terminal at the emulator (as the manager), then signs the seller in with a shift open. */
export async function setUpPrinter(
  core: PrintCore,
  printer: EscPosEmulator,
  settings: RequestOf<typeof c.print.settingsUpdate> = {},
): Promise<void> {
  await core.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
  await core.must(c.print.settingsUpdate, {
    output: 'network',
    host: printer.host,
    port: printer.port,
    ...settings,
  });
  await core.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
  if (!(await core.must(c.shift.current))) await core.must(c.shift.open, { openingFloat: 10_000 });
}

/** A real sale through the core: adults for Hamlet, an optional code, paid in cash (or by card, with its reference). */
export async function sellAdults(
  core: PrintCore,
  qty: number,
  options: { code?: string; tendered?: number; card?: string } = {},
): Promise<SaleView> {
  await core.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty });
  if (options.code) await core.must(c.cart.applyCode, { input: options.code });
  const cart = await core.must(c.cart.get);
  return core.must(c.checkout.complete, {
    cartId: cart.id,
    tenders: [
      options.card === undefined
        ? { tender: 'cash', amount: cart.total, tendered: options.tendered ?? cart.total }
        : { tender: 'card', amount: cart.total, reference: options.card },
    ],
  });
}

export interface PrintBench extends PrintCore {
  printer: EscPosEmulator;
  dataDir: string;
  /** Closes the core and opens a new one on the same data folder, as after a restart. */
  restart(options?: Partial<TerminalOptions>): Promise<void>;
  close(): Promise<void>;
}

export async function startPrintBench(options: Partial<TerminalOptions> = {}): Promise<PrintBench> {
  const temp = makeTempDir('pos-print-');
  const printer = await startEscPosEmulator();
  const bench: PrintBench = {
    ...(await openCore(temp.path, options)),
    printer,
    dataDir: temp.path,
    async restart(next = {}) {
      await bench.terminal.close();
      Object.assign(bench, await openCore(temp.path, next));
    },
    async close() {
      await bench.terminal.close();
      await printer.close();
      temp.cleanup();
    },
  };
  return bench;
}

/** Polls until `check` returns a truthy value; fails the test after `timeoutMs`. */
export async function until<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Lets the queue run a few more retry rounds, to show that nothing more arrives. */
export const settle = (ms = 120) => new Promise((resolve) => setTimeout(resolve, ms));

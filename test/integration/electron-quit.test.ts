import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { closeBeforeQuit, type QuittingApp } from '../../src-main/shells/electron/quit';
import {
  sellAdults,
  setUpPrinter,
  startPrintBench,
  until,
  type PrintBench,
  RECEIPTS_ONLY,
} from '../helpers/printing';

/** Electron's `app` as the quit sequence sees it: 'will-quit' events and exit(). */
function quittingApp(onExit: () => void = () => undefined): QuittingApp & {
  quit(): { prevented: boolean };
  exits: number[];
} {
  const events = new EventEmitter();
  const exits: number[] = [];
  return {
    exits,
    on(event, listener) {
      events.on(event, listener);
      return this;
    },
    exit(code) {
      onExit();
      exits.push(code);
    },
    quit() {
      const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
      events.emit('will-quit', event);
      return event;
    },
  };
}

describe('quitting the desktop app', () => {
  let bench: PrintBench;
  afterEach(() => bench.close());

  it('waits for the receipt being printed and closes the store before the process exits', async () => {
    bench = await startPrintBench();
    await setUpPrinter(bench, bench.printer, RECEIPTS_ONLY);
    // What had printed and whether the store was closed at the moment the process would have ended.
    let atExit: { printed: number; storeOpen: boolean } | undefined;
    const app = quittingApp(() => {
      atExit = { printed: bench.printer.printed().length, storeOpen: bench.terminal.db.open };
    });
    closeBeforeQuit(
      app,
      () => bench.terminal.close(),
      () => undefined,
    );
    await sellAdults(bench, 2);
    await until(() => bench.printer.connections.length > 0, 'the receipt to reach the printer');

    expect(app.quit().prevented).toBe(true);
    // A second quit (the user presses Ctrl+Q again) does not start a second close.
    expect(app.quit().prevented).toBe(true);
    expect(app.exits).toEqual([]);
    await until(() => app.exits.length > 0, 'the app to exit');
    expect(app.exits).toEqual([0]);
    expect(atExit).toEqual({ printed: 1, storeOpen: false });
  });

  it('still exits, with a failure code, when closing fails', async () => {
    bench = await startPrintBench();
    const app = quittingApp();
    const logged: unknown[] = [];
    closeBeforeQuit(
      app,
      () => Promise.reject(new Error('disk gone')),
      (error) => logged.push(error),
    );
    app.quit();
    await until(() => app.exits.length > 0, 'the app to exit');
    expect(app.exits).toEqual([1]);
    expect(String(logged[0])).toContain('disk gone');
  });
});

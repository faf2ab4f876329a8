/** The part of Electron's `app` the quit sequence uses. */
export interface QuittingApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  exit(code: number): void;
}

/**
 * Quitting waits for the terminal to close: the receipt on the wire finishes printing, a sync round in
 * flight is recorded, and the store closes cleanly (its WAL checkpointed) before the process ends.
 * Electron does not wait for promises on quit, so the first 'will-quit' is held back and the app
 * exits itself once the close has finished (or failed, which is logged: the process still ends).
 */
export function closeBeforeQuit(
  app: QuittingApp,
  close: () => Promise<void>,
  logError: (error: unknown) => void,
): void {
  let closing: Promise<void> | undefined;
  app.on('will-quit', (event) => {
    event.preventDefault();
    closing ??= close().then(
      () => app.exit(0),
      (error: unknown) => {
        logError(error);
        app.exit(1);
      },
    );
  });
}

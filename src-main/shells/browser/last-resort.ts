// The browser host is a long-running process that any local page can send requests to. Each handler
// catches its own errors; this is the net under them, so a bug we missed is logged and the till keeps
// selling instead of the process exiting mid-shift.

export type LogError = (error: unknown, context: string) => void;

/** Installs process-wide handlers for errors nothing caught; returns the function that removes them. */
export function installLastResort(logError: LogError): () => void {
  const onException = (error: unknown) => logError(error, 'browser host (uncaught, kept running)');
  const onRejection = (reason: unknown) =>
    logError(reason, 'browser host (unhandled rejection, kept running)');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}

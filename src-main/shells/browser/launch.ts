import { TerminalOpenError } from '../../terminal';
import { knock, listenForLaunches } from '../../single-instance';
import { installLastResort } from './last-resort';
import { openInBrowser } from './open-browser';
import { BrowserHostError, startBrowserHost, type BrowserHostOptions } from './server';

export interface BrowserLaunch {
  /** Stops serving and closes the store; resolves when both are done. */
  stop(): Promise<void>;
}

/**
 * What `npm run start:browser` and the fallback of `npm start` do: serve the terminal on loopback,
 * print its address and open it in the default browser. A second launch on the same data folder
 * opens the running terminal instead of starting another. Resolves to null when there is nothing left
 * to run (the other instance was opened, or the host could not start and said why).
 */
export async function launchBrowserHost(
  options: BrowserHostOptions & { open: boolean },
  say: (line: string) => void = console.log,
): Promise<BrowserLaunch | null> {
  let host;
  try {
    host = await startBrowserHost(options);
  } catch (error) {
    if (error instanceof TerminalOpenError && error.reason === 'ALREADY_RUNNING') {
      const running = await knock(options.dataDir);
      if (running?.url) {
        say(`The terminal for ${options.dataDir} is already running.`);
        say(`Open: ${running.url}`);
        if (options.open) openInBrowser(running.url);
        return null;
      }
    }
    if (error instanceof BrowserHostError || error instanceof TerminalOpenError) {
      say(error.message);
      process.exitCode = 1;
      return null;
    }
    throw error;
  }
  // Process-wide, so it belongs to the process's entry, not to each host a test starts.
  const removeLastResort = installLastResort(
    options.logError ?? ((error, context) => console.error(`[${context}]`, error)),
  );
  const launches = await listenForLaunches(host.terminal.dataDir, () => ({ url: host.url }));
  say(`Box office terminal (browser host), data in ${host.terminal.dataDir}`);
  say(`Open: ${host.url}`);
  if (options.open && openInBrowser(host.url)) say('Opened in your default browser.');
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= launches
        .close()
        .then(() => host.close())
        .finally(removeLastResort);
      return stopping;
    },
  };
}

/** Ctrl+C (or a service manager's SIGTERM) closes the store and then ends the process. */
export function stopOnSignals(launch: BrowserLaunch, say: (line: string) => void = console.log): void {
  const stop = () => {
    say('Stopping: finishing the print job in progress and closing the store…');
    launch.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

import type { LaunchReply } from '../../single-instance';
import { TerminalOpenError } from '../../terminal';

/** The parts of Electron the start-up failure path uses: `app.exit` and `dialog.showErrorBox`. */
export interface StartFailureHost {
  exit(code: number): void;
  showErrorBox(title: string, content: string): void;
  /** Asks the terminal already running on the data folder to come forward (single-instance.ts). */
  knock(dataDir: string): Promise<LaunchReply | null>;
}

export const START_FAILURE_TITLE = 'The terminal cannot start';

/**
 * What the desktop app does when the core does not start. A second launch on a running terminal's data
 * folder brings that one forward and ends quietly; any other start error the core explains
 * (TerminalOpenError: a damaged store, a newer schema, a folder it cannot open) is shown in a dialog
 * with the core's sentence, the same one the browser host prints, and the app exits with 1. Returns
 * false for an error the core did not explain (a bug), which the caller rethrows. Kept out of
 * index.ts so tests run it without the Electron binary.
 */
export async function reportStartFailure(
  error: unknown,
  dataDir: string,
  host: StartFailureHost,
): Promise<boolean> {
  if (!(error instanceof TerminalOpenError)) return false;
  if (error.reason === 'ALREADY_RUNNING' && (await host.knock(dataDir))) {
    host.exit(0);
    return true;
  }
  host.showErrorBox(START_FAILURE_TITLE, error.message);
  host.exit(1);
  return true;
}

/**
 * The worker loop the durable queues share (the print queue, the mail queue): one attempt at a time,
 * never two at once, and after a failure a wait that doubles with each failure in a row up to a cap. A
 * queue supplies `step`, which does one attempt and says whether to go on at once ('again'), whether
 * it scheduled a wait through `failed()` ('wait'), or that there is nothing to do ('idle').
 */
export interface SerialDrainOptions {
  /** First wait after a failure; it doubles with each failure in a row. */
  retryBaseMs: number;
  /** The longest wait between attempts. */
  retryCapMs: number;
}

export type StepOutcome = 'again' | 'wait' | 'idle';

export function createSerialDrain(
  deps: SerialDrainOptions & {
    step: () => Promise<StepOutcome>;
    /** After each attempt, e.g. to tell the screens. */
    onChange?: (() => void) | undefined;
    /** A throw out of `step` is a bug: logged, then retried after the backoff. */
    logError: (error: unknown) => void;
    /** At start: puts back what a crash left half-done; returns how many. */
    resume: () => number;
  },
) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let stopped = true;
  let kicked = false;
  let failuresInRow = 0;

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      drain();
    }, ms);
  };

  const failed = (): number => {
    failuresInRow += 1;
    const wait = Math.min(deps.retryCapMs, deps.retryBaseMs * 2 ** Math.min(failuresInRow - 1, 30));
    schedule(wait);
    return wait;
  };

  function drain(): void {
    if (stopped) return;
    if (running) {
      kicked = true;
      return;
    }
    kicked = false;
    running = (async () => {
      try {
        for (;;) {
          if (stopped) return;
          const next = await deps.step();
          deps.onChange?.();
          if (next !== 'again') return;
        }
      } catch (error) {
        deps.logError(error);
        failed();
      }
    })().finally(() => {
      running = null;
      if (kicked && timer === undefined) drain();
    });
  }

  return {
    /** One more failure in a row: schedules the next attempt after the backoff and returns the wait. */
    failed,
    /** An attempt worked: the next failure waits the shortest time again. */
    succeeded: (): void => {
      failuresInRow = 0;
    },
    /** Resumes what a crash interrupted and starts draining; returns how many were resumed. */
    start: (): number => {
      const resumed = deps.resume();
      stopped = false;
      drain();
      return resumed;
    },
    /** New work arrived; a queue waiting out a failure keeps waiting. */
    kick: (): void => {
      if (timer === undefined) drain();
    },
    /** Try again at once, forgetting the failures so far. */
    retryNow: (): void => {
      clearTimeout(timer);
      timer = undefined;
      failuresInRow = 0;
      drain();
    },
    /** Stops the loop and waits for the attempt under way, so its outcome is written before the store closes. */
    stop: async (): Promise<void> => {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}

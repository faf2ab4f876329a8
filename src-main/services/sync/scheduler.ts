export interface Scheduler {
  start(): void;
  /** Stops scheduling; resolves once a round in flight has finished (so the store can close). */
  stop(): Promise<void>;
  /** Runs a round now (or right after the one in flight). */
  kick(): void;
  /** The server answers again: forget the backoff and run a round now. */
  resume(): void;
  running(): boolean;
}

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 60_000;

/** 1 s doubling to 60 s, with full jitter in the upper half so terminals do not return in step. */
export function backoffDelay(failures: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * Runs `round` every `intervalMs` while it succeeds, and backs off while it fails. One round at a
 * time: a kick during a round asks for another right after it.
 */
export function createScheduler(options: {
  round: () => Promise<boolean>;
  intervalMs: number;
  random?: () => number;
  onError: (error: unknown) => void;
}): Scheduler {
  const random = options.random ?? Math.random;
  let started = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight = false;
  let current: Promise<void> = Promise.resolve();
  let again = false;
  let failures = 0;

  const schedule = (ms: number) => {
    if (!started) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      current = run();
    }, ms);
    timer.unref();
  };

  const run = async (): Promise<void> => {
    if (!started) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    let succeeded = false;
    try {
      succeeded = await options.round();
    } catch (error) {
      options.onError(error);
    } finally {
      inFlight = false;
    }
    failures = succeeded ? 0 : failures + 1;
    if (again && succeeded) {
      again = false;
      schedule(0);
      return;
    }
    again = false;
    schedule(succeeded ? options.intervalMs : backoffDelay(failures, random));
  };

  return {
    start() {
      if (started) return;
      started = true;
      schedule(0);
    },
    stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      return current;
    },
    kick() {
      if (!started) return;
      if (inFlight) again = true;
      else if (failures === 0) schedule(0);
    },
    resume() {
      if (!started) return;
      failures = 0;
      if (inFlight) again = true;
      else schedule(0);
    },
    running: () => started,
  };
}

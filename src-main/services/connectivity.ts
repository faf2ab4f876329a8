import type { ServerStatus } from '../../shared/ipc/types';
import { isoNow, type Clock } from '../clock';

export interface ConnectivityOptions {
  serverUrl: string | undefined;
  clock: Clock;
  intervalMs: number;
  timeoutMs: number;
  onChange: (status: ServerStatus) => void;
}

export interface Connectivity {
  current(): ServerStatus;
  /** Probes the server now and returns the resulting status. */
  check(): Promise<ServerStatus>;
  stop(): void;
}

/** Watches the central server's /health so the status bar can say online or offline. */
export function createConnectivity(options: ConnectivityOptions): Connectivity {
  const { serverUrl, clock } = options;
  let status: ServerStatus = serverUrl
    ? { state: 'offline', url: serverUrl, lastSeenAt: null, revision: 0 }
    : { state: 'not_configured', url: null, lastSeenAt: null, revision: 0 };
  let stopped = false;
  let inFlight: Promise<ServerStatus> | null = null;

  const update = (next: ServerStatus) => {
    const changed = next.state !== status.state;
    status = { ...next, revision: status.revision + (changed ? 1 : 0) };
    if (changed && !stopped) options.onChange(status);
  };

  const probe = async (url: string): Promise<ServerStatus> => {
    try {
      const response = await fetch(new URL('/health', url), {
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (response.ok) return { ...status, state: 'online', lastSeenAt: isoNow(clock) };
    } catch {
      // Refused, reset or timed out: all mean offline, which is an expected state, not an error.
    }
    return { ...status, state: 'offline' };
  };

  const check = (): Promise<ServerStatus> => {
    if (!serverUrl || stopped) return Promise.resolve(status);
    inFlight ??= probe(serverUrl).then((next) => {
      inFlight = null;
      update(next);
      return status;
    });
    return inFlight;
  };

  const timer = serverUrl ? setInterval(() => void check(), options.intervalMs) : undefined;
  timer?.unref();
  if (serverUrl) void check();

  return {
    current: () => status,
    check,
    stop() {
      stopped = true;
      if (timer) clearInterval(timer);
    },
  };
}

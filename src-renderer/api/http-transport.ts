import type { ChannelName } from '../../shared/ipc/channels';
import type { Invoke, PosEvents } from '../../shared/ipc/client';
import type { IpcResult } from '../../shared/ipc/contract';

// The browser host's transport: calls are POST /api/<channel> with the per-launch token, events
// arrive on a WebSocket. Only api/ knows this exists.

const TOKEN_KEY = 'pos.launchToken';

/** The host prints a URL with `#token=…`; keep it for reloads and take it out of the address bar. */
export function readLaunchToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const UNREACHABLE =
  'The terminal is not answering. Check that its host is still running, then reload this page.';

export function createHttpInvoke(token: string | null): Invoke {
  return async (channel: ChannelName, request: unknown): Promise<IpcResult<unknown>> => {
    try {
      const response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token ?? ''}` },
        body: JSON.stringify(request),
      });
      return (await response.json()) as IpcResult<unknown>;
    } catch {
      return { ok: false, reason: 'INTERNAL', message: UNREACHABLE };
    }
  };
}

export function createSocketEvents(token: string | null): PosEvents {
  const listeners = new Set<(event: unknown) => void>();
  let socket: WebSocket | null = null;
  let retryMs = 500;

  const connect = () => {
    const url = `ws://${window.location.host}/api/events?token=${encodeURIComponent(token ?? '')}`;
    socket = new WebSocket(url);
    socket.onopen = () => {
      retryMs = 500;
    };
    socket.onmessage = (message) => {
      const event: unknown = JSON.parse(String(message.data));
      for (const listener of listeners) listener(event);
    };
    socket.onclose = () => {
      socket = null;
      if (listeners.size > 0) {
        setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, 10_000);
      }
    };
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!socket) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) socket?.close();
      };
    },
  };
}

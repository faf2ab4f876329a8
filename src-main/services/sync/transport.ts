export interface SyncRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Server path such as /v1/sync/push. */
  path: string;
  body?: unknown;
  /** Device token, sent as bearer. */
  token?: string;
  /** Overrides the transport's timeout: a door cannot keep a queue waiting as long as a sync round can. */
  timeoutMs?: number;
}

/** status 0: the server was not reached (refused, reset, timed out); the body then says why. */
export interface SyncAnswer {
  status: number;
  body: unknown;
}

/**
 * Everything the sync client says to the server goes through one function, so the simulation can
 * route it in-process and drop, duplicate or delay it. It never throws for an HTTP status or a
 * network failure: both are answers the caller handles.
 */
export type SyncTransport = (request: SyncRequest) => Promise<SyncAnswer>;

export const NETWORK_FAILURE = 0;

export function createFetchTransport(serverUrl: string, options: { timeoutMs: number }): SyncTransport {
  const once = async (request: SyncRequest): Promise<SyncAnswer> => {
    const headers: Record<string, string> = {};
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    try {
      const response = await fetch(new URL(request.path, serverUrl), {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(request.timeoutMs ?? options.timeoutMs),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text ? (JSON.parse(text) as unknown) : null;
      } catch {
        // Not JSON (a proxy's error page): the caller sees the text and the status.
      }
      return { status: response.status, body };
    } catch (error) {
      return {
        status: NETWORK_FAILURE,
        body: { message: (error as Error).message, timedOut: isTimeout(error) },
      };
    }
  };
  return async (request) => {
    const answer = await once(request);
    // After a long quiet spell the first request may go out on a kept-alive connection the server has
    // already closed. Sync requests are safe to resend (push acknowledges duplicates, a lease request
    // is idempotent by its id, pull only reads), so one immediate retry turns that into a success.
    // Enrolment spends a one-time code and a timeout may have reached the server: neither is retried.
    const body = answer.body as { timedOut?: boolean } | null;
    if (answer.status !== NETWORK_FAILURE || body?.timedOut || request.path === REGISTER_PATH) return answer;
    return once(request);
  };
}

const REGISTER_PATH = '/v1/terminals/register';

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** The server's own sentence from an error body, if it sent one. */
export function serverMessage(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && 'message' in body) {
    const message = body.message;
    if (typeof message === 'string') return message;
  }
  return undefined;
}

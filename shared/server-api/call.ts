import type { Language } from '../ipc/types';
import { err, ok, type Result } from '../result';

// One way to call the central server's HTTP API, for every client of it: the terminal's main process
// (manager screens) and the back office in a browser. Failures come back as sentences that say what to do.

export const CALL_SENTENCES = {
  SERVER_UNREACHABLE: {
    en: 'The central server cannot be reached right now. Check the network and try again; what you entered is kept.',
    de: 'Der Zentralserver ist gerade nicht erreichbar. Bitte das Netzwerk prüfen und erneut versuchen; Ihre Eingaben bleiben erhalten.',
  },
  SERVER_TIMEOUT: {
    en: 'The central server did not answer within {seconds} seconds. Try again; what you entered is kept.',
    de: 'Der Zentralserver hat nicht innerhalb von {seconds} Sekunden geantwortet. Bitte erneut versuchen; Ihre Eingaben bleiben erhalten.',
  },
  SERVER_SESSION_ENDED: {
    en: 'Your session on the central server has ended. Sign in to the server again; what you entered is kept.',
    de: 'Ihre Sitzung am Zentralserver ist abgelaufen. Bitte erneut am Server anmelden; Ihre Eingaben bleiben erhalten.',
  },
  SERVER_BAD_ANSWER: {
    en: 'The central server gave an answer that cannot be read (HTTP {status}). Try again; if it keeps happening, tell support.',
    de: 'Der Zentralserver hat unverständlich geantwortet (HTTP {status}). Bitte erneut versuchen; wenn es wieder passiert, den Support informieren.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type Query = Record<string, string | number | boolean | undefined>;

export interface CallOptions {
  token?: string;
  body?: unknown;
  query?: Query;
  /** Answer with the body as text (CSV) rather than parsed JSON. */
  text?: boolean;
  /** Answer with the body's bytes (a PDF); a refusal is still read as JSON. */
  bytes?: boolean;
}

export type ServerCall = <T>(method: string, path: string, options?: CallOptions) => Promise<Result<T>>;

export interface ServerCallOptions {
  /** Absolute base URL without a trailing slash, e.g. http://10.0.0.5:8787 or the page's own origin. */
  baseUrl: string;
  language: () => Language;
  /** Per request; bulk reports and CSV exports take longest. */
  timeoutMs: number;
  /** The server refused a token it was sent (expired, or signed out elsewhere). */
  onSessionEnded: () => void;
}

export function sentence(
  language: Language,
  key: keyof typeof CALL_SENTENCES,
  values: Record<string, string | number> = {},
): string {
  return CALL_SENTENCES[key][language].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

// fetch and AbortSignal are WHATWG APIs that Node 20 and every browser provide; shared/ sees neither Node's
// nor the DOM's types, so the few members used here are typed locally rather than declared globally.
interface WebResponse {
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}
interface Web {
  fetch(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string; signal: unknown },
  ): Promise<WebResponse>;
  AbortSignal: { timeout(ms: number): unknown };
}
const web = globalThis as unknown as Web;

function withQuery(url: string, query: Query | undefined): string {
  const pairs = Object.entries(query ?? {}).filter(
    (pair): pair is [string, string | number | boolean] => pair[1] !== undefined,
  );
  if (pairs.length === 0) return url;
  const search = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return `${url}?${search.join('&')}`;
}

/** A refusal from the server; a refused form also says which field is wrong (field path → sentence). */
export interface ServerFailure {
  ok: false;
  reason: string;
  message: string;
  fields?: Record<string, string>;
  /** A refused import names each problem by the row it is on (a seat map's CSV line or JSON seat). */
  problems?: { row: number; message: string }[];
}

/** The per-field sentences of a failure, if the server named fields. */
export function fieldsOf(failure: { reason: string; message: string }): Record<string, string> {
  return (failure as ServerFailure).fields ?? {};
}

function isFailureBody(value: unknown): value is ServerFailure {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.ok === false && typeof v.reason === 'string' && typeof v.message === 'string';
}

export function createServerCall(options: ServerCallOptions): ServerCall {
  const { baseUrl, timeoutMs } = options;
  const say = (key: keyof typeof CALL_SENTENCES, values: Record<string, string | number> = {}) =>
    err(key, sentence(options.language(), key, values));

  return async function call<T>(method: string, path: string, opts: CallOptions = {}): Promise<Result<T>> {
    const url = withQuery(`${baseUrl}${path}`, opts.query);
    const accept = opts.bytes
      ? 'application/pdf, application/json'
      : opts.text
        ? 'text/csv'
        : 'application/json';
    const headers: Record<string, string> = { accept };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    let response: WebResponse;
    let text: string;
    let bytes: Uint8Array | undefined;
    try {
      response = await web.fetch(url, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: web.AbortSignal.timeout(timeoutMs),
      });
      if (opts.bytes && response.ok) {
        bytes = new Uint8Array(await response.arrayBuffer());
        text = '';
      } else text = await response.text();
    } catch (error) {
      // Refused, reset or timed out: an expected state at a ticket window, said in a sentence.
      return (error as Error).name === 'TimeoutError'
        ? say('SERVER_TIMEOUT', { seconds: Math.round(timeoutMs / 1000) })
        : say('SERVER_UNREACHABLE');
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      // A rejected token means the server forgot us (expiry, logout elsewhere): sign in again.
      if (response.status === 401 && opts.token) {
        options.onSessionEnded();
        return say('SERVER_SESSION_ENDED');
      }
      if (isFailureBody(body)) {
        const failure: ServerFailure = err(body.reason, body.message);
        if (body.fields) failure.fields = body.fields;
        if (Array.isArray(body.problems)) failure.problems = body.problems;
        return failure;
      }
      return say('SERVER_BAD_ANSWER', { status: response.status });
    }
    if (bytes) return ok(bytes as T);
    if (opts.text) return ok(text as T);
    if (body === undefined) return say('SERVER_BAD_ANSWER', { status: response.status });
    return ok(body as T);
  };
}

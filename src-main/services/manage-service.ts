import type { z } from 'zod';
import type {
  CodePage,
  CodeReport,
  DeleteOutcome,
  GenerationJobView,
  ManagedCode,
  ManageSessionView,
  OverusePage,
} from '../../shared/ipc/domains/manage';
import type { Actor } from '../../shared/ipc/domains/staff';
import type { Language } from '../../shared/ipc/types';
import type { codeListFilterSchema, manageRequestSchemas } from '../../shared/ipc/manage-schemas';
import type { channels as c } from '../../shared/ipc/channels';
import { err, ok, type Result } from '../../shared/result';

// The manager screens' way to the central server's admin API. The renderer never talks to the server:
// main holds the server session token in memory only, bound to the terminal staff member who signed in.

type Req<C extends keyof typeof manageRequestSchemas> = z.output<(typeof manageRequestSchemas)[C]>;

const SENTENCES = {
  SERVER_NOT_CONFIGURED: {
    en: 'This terminal has no central server set up, so codes and reports cannot be managed here. Ask support to set the server address (POS_SERVER_URL).',
    de: 'Für dieses Terminal ist kein Zentralserver eingerichtet, daher lassen sich Codes und Berichte hier nicht verwalten. Bitte den Support bitten, die Serveradresse (POS_SERVER_URL) einzutragen.',
  },
  SERVER_UNREACHABLE: {
    en: 'The central server cannot be reached right now. Check the network and try again; what you entered is kept.',
    de: 'Der Zentralserver ist gerade nicht erreichbar. Bitte das Netzwerk prüfen und erneut versuchen; Ihre Eingaben bleiben erhalten.',
  },
  SERVER_TIMEOUT: {
    en: 'The central server did not answer within {seconds} seconds. Try again; what you entered is kept.',
    de: 'Der Zentralserver hat nicht innerhalb von {seconds} Sekunden geantwortet. Bitte erneut versuchen; Ihre Eingaben bleiben erhalten.',
  },
  SERVER_SIGN_IN_REQUIRED: {
    en: 'Sign in to the central server with your manager email and password first.',
    de: 'Bitte zuerst mit Ihrer Manager-E-Mail und Ihrem Passwort am Zentralserver anmelden.',
  },
  SERVER_SESSION_ENDED: {
    en: 'Your session on the central server has ended. Sign in to the server again; what you entered is kept.',
    de: 'Ihre Sitzung am Zentralserver ist abgelaufen. Bitte erneut am Server anmelden; Ihre Eingaben bleiben erhalten.',
  },
  SERVER_BAD_ANSWER: {
    en: 'The central server gave an answer the terminal does not understand (HTTP {status}). Try again; if it keeps happening, tell support.',
    de: 'Der Zentralserver hat unverständlich geantwortet (HTTP {status}). Bitte erneut versuchen; wenn es wieder passiert, den Support informieren.',
  },
} as const satisfies Record<string, Record<Language, string>>;

type SentenceKey = keyof typeof SENTENCES;

export interface ManageServiceOptions {
  /** The central server's base URL; without it every call says the terminal is standalone. */
  serverUrl: string | undefined;
  language: () => Language;
  /** Per request; bulk reports and CSV exports take longest. Default 15 s. */
  timeoutMs?: number;
}

export interface ManageService {
  session(actor: Actor): ManageSessionView;
  signIn(actor: Actor, request: Req<typeof c.manage.signIn>): Promise<Result<ManageSessionView>>;
  signOut(actor: Actor): Promise<Result<ManageSessionView>>;
  /** Drops the server session without asking anyone: the terminal staff member signed out. */
  forget(): void;
  listCodes(actor: Actor, filter: z.output<typeof codeListFilterSchema>): Promise<Result<CodePage>>;
  getCode(actor: Actor, id: string): Promise<Result<ManagedCode>>;
  createCode(actor: Actor, request: Req<typeof c.manage.createCode>): Promise<Result<ManagedCode>>;
  updateCode(actor: Actor, request: Req<typeof c.manage.updateCode>): Promise<Result<ManagedCode>>;
  setCodeStatus(actor: Actor, request: Req<typeof c.manage.setCodeStatus>): Promise<Result<ManagedCode>>;
  deleteCode(actor: Actor, id: string): Promise<Result<DeleteOutcome>>;
  generateChildren(
    actor: Actor,
    request: Req<typeof c.manage.generateChildren>,
  ): Promise<Result<GenerationJobView>>;
  generationJob(actor: Actor, jobId: string): Promise<Result<GenerationJobView>>;
  codeReport(actor: Actor, filter: Req<typeof c.manage.codeReport>): Promise<Result<CodeReport>>;
  overuseReport(actor: Actor, filter: Req<typeof c.manage.overuseReport>): Promise<Result<OverusePage>>;
  exportCsv(actor: Actor, filter: Req<typeof c.manage.exportCsv>): Promise<Result<string>>;
}

interface ServerSession {
  /** The terminal staff member it belongs to: nobody else at this terminal may use it. */
  staffId: string;
  token: string;
  email: string;
  name: string | null;
  permissions: string[];
  expiresAt: string;
}

type Query = Record<string, string | number | boolean | undefined>;

interface CallOptions {
  token?: string;
  body?: unknown;
  query?: Query;
  /** Answer with the body as text (CSV) rather than parsed JSON. */
  text?: boolean;
}

function isFailureBody(value: unknown): value is { reason: string; message: string } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.ok === false && typeof v.reason === 'string' && typeof v.message === 'string';
}

export function createManageService(options: ManageServiceOptions): ManageService {
  const { language } = options;
  const baseUrl = options.serverUrl?.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  let session: ServerSession | null = null;

  const say = (key: SentenceKey, values: Record<string, string | number> = {}) =>
    err(
      key,
      SENTENCES[key][language()].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? '')),
    );

  const view = (): ManageSessionView => ({
    configured: baseUrl !== undefined,
    serverUrl: baseUrl ?? null,
    signedIn: session !== null,
    email: session?.email ?? null,
    name: session?.name ?? null,
    permissions: session?.permissions ?? [],
    expiresAt: session?.expiresAt ?? null,
  });

  async function call<T>(method: string, path: string, opts: CallOptions = {}): Promise<Result<T>> {
    if (baseUrl === undefined) return say('SERVER_NOT_CONFIGURED');
    const url = new URL(`${baseUrl}${path}`);
    for (const [key, value] of Object.entries(opts.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: opts.text ? 'text/csv' : 'application/json' };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
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
        session = null;
        return say('SERVER_SESSION_ENDED');
      }
      if (isFailureBody(body)) return err(body.reason, body.message);
      return say('SERVER_BAD_ANSWER', { status: response.status });
    }
    if (opts.text) return ok(text as T);
    if (body === undefined) return say('SERVER_BAD_ANSWER', { status: response.status });
    return ok(body as T);
  }

  /** The caller's server session, if they opened one and it has not run out. */
  function tokenFor(actor: Actor): Result<string> {
    if (baseUrl === undefined) return say('SERVER_NOT_CONFIGURED');
    // Expiry is the server's to judge (its 401 ends the session here): the terminal's clock may be off.
    if (!session || session.staffId !== actor.staffId) return say('SERVER_SIGN_IN_REQUIRED');
    return ok(session.token);
  }

  async function authed<T>(actor: Actor, method: string, path: string, opts: CallOptions = {}) {
    const token = tokenFor(actor);
    if (!token.ok) return token;
    return call<T>(method, path, { ...opts, token: token.value });
  }

  const logout = (token: string) => {
    // Best effort: the server session ends by itself at its expiry if this does not arrive.
    void call<null>('POST', '/v1/auth/logout', { token });
  };

  const page = (r: { limit: number; offset: number }) => ({ limit: r.limit, offset: r.offset });

  /** What this actor may know: another staff member's server session is not theirs to see. */
  const sessionFor = (actor: Actor): ManageSessionView => {
    if (session && session.staffId !== actor.staffId) {
      return { ...view(), signedIn: false, email: null, name: null, permissions: [], expiresAt: null };
    }
    return view();
  };

  return {
    session: sessionFor,

    async signIn(actor, { email, password }) {
      const login = await call<{ token: string; expiresAt: string }>('POST', '/v1/auth/login', {
        body: { email, password },
      });
      if (!login.ok) return login;
      const me = await call<{ permissions: string[]; staff?: { name?: string } }>('GET', '/v1/auth/me', {
        token: login.value.token,
      });
      if (session) logout(session.token);
      session = {
        staffId: actor.staffId,
        token: login.value.token,
        email,
        name: me.ok ? (me.value.staff?.name ?? null) : null,
        permissions: me.ok ? me.value.permissions : [],
        expiresAt: login.value.expiresAt,
      };
      return ok(view());
    },

    async signOut(actor) {
      if (session && session.staffId === actor.staffId) {
        logout(session.token);
        session = null;
      }
      return ok(sessionFor(actor));
    },

    forget() {
      if (session) logout(session.token);
      session = null;
    },

    listCodes: (actor, filter) => authed<CodePage>(actor, 'GET', '/v1/codes', { query: { ...filter } }),
    getCode: (actor, id) => authed<ManagedCode>(actor, 'GET', `/v1/codes/${id}`),
    createCode: (actor, r) => authed<ManagedCode>(actor, 'POST', '/v1/codes', { body: r.code }),
    updateCode: (actor, r) => authed<ManagedCode>(actor, 'PATCH', `/v1/codes/${r.id}`, { body: r.changes }),
    setCodeStatus: (actor, r) => authed<ManagedCode>(actor, 'POST', `/v1/codes/${r.id}/${r.action}`),
    deleteCode: (actor, id) => authed<DeleteOutcome>(actor, 'DELETE', `/v1/codes/${id}`),
    generateChildren: (actor, { parentId, ...batch }) =>
      authed<GenerationJobView>(actor, 'POST', `/v1/codes/${parentId}/children`, {
        body: { ...batch, prefix: batch.prefix || undefined },
      }),
    generationJob: (actor, jobId) => authed<GenerationJobView>(actor, 'GET', `/v1/generation-jobs/${jobId}`),
    codeReport: (actor, r) =>
      authed<CodeReport>(actor, 'GET', '/v1/reports/codes', {
        query: { from: r.from, to: r.to, code: r.code, groupBy: r.groupBy, usedOnly: r.usedOnly, ...page(r) },
      }),
    overuseReport: (actor, r) =>
      authed<OverusePage>(actor, 'GET', '/v1/reports/overuse', {
        query: { from: r.from, to: r.to, ...page(r) },
      }),
    exportCsv: (actor, r) =>
      authed<string>(actor, 'GET', '/v1/reports/codes.csv', {
        query: { from: r.from, to: r.to, code: r.code, groupBy: r.groupBy, usedOnly: r.usedOnly },
        text: true,
      }),
  };
}

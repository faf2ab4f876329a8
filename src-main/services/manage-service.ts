import type { z } from 'zod';
import type { CatalogueHit } from '../../shared/catalogue/search';
import type { CodeVersion } from '../../shared/codes/types';
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
import {
  closeServerSession,
  openServerSession,
  type ServerSession,
} from '../../shared/server-api/auth-calls';
import { createServerCall, type ServerCall } from '../../shared/server-api/call';
import { manageCalls, type ManageCalls } from '../../shared/server-api/manage-calls';

// The manager screens' way to the central server's admin API. The renderer never talks to the server:
// main holds the server session token in memory only, bound to the terminal staff member who signed in.

type Req<C extends keyof typeof manageRequestSchemas> = z.output<(typeof manageRequestSchemas)[C]>;

const SENTENCES = {
  SERVER_NOT_CONFIGURED: {
    en: 'This terminal has no central server set up, so codes and reports cannot be managed here. Ask support to set the server address (POS_SERVER_URL).',
    de: 'Für dieses Terminal ist kein Zentralserver eingerichtet, daher lassen sich Codes und Berichte hier nicht verwalten. Bitte den Support bitten, die Serveradresse (POS_SERVER_URL) einzutragen.',
  },
  SERVER_SIGN_IN_REQUIRED: {
    en: 'Sign in to the central server with your manager email and password first.',
    de: 'Bitte zuerst mit Ihrer Manager-E-Mail und Ihrem Passwort am Zentralserver anmelden.',
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
  codeVersions(actor: Actor, id: string): Promise<Result<CodeVersion[]>>;
  searchCatalogue(
    actor: Actor,
    search: Req<typeof c.manage.searchCatalogue>,
  ): Promise<Result<{ items: CatalogueHit[] }>>;
}

interface StaffServerSession extends ServerSession {
  /** The terminal staff member it belongs to: nobody else at this terminal may use it. */
  staffId: string;
}

export function createManageService(options: ManageServiceOptions): ManageService {
  const { language } = options;
  const baseUrl = options.serverUrl?.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  let session: StaffServerSession | null = null;

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

  const call: ServerCall =
    baseUrl === undefined
      ? () => Promise.resolve(say('SERVER_NOT_CONFIGURED'))
      : createServerCall({
          baseUrl,
          language,
          timeoutMs,
          onSessionEnded: () => {
            session = null;
          },
        });

  /** The caller's server session, if they opened one and it has not run out. */
  function tokenFor(actor: Actor): Result<string> {
    if (baseUrl === undefined) return say('SERVER_NOT_CONFIGURED');
    // Expiry is the server's to judge (its 401 ends the session here): the terminal's clock may be off.
    if (!session || session.staffId !== actor.staffId) return say('SERVER_SIGN_IN_REQUIRED');
    return ok(session.token);
  }

  /** Runs `ask` with the manage calls made in this actor's own server session, if they have one. */
  async function as<T>(actor: Actor, ask: (calls: ManageCalls) => Promise<Result<T>>): Promise<Result<T>> {
    const token = tokenFor(actor);
    if (!token.ok) return token;
    return ask(manageCalls((method, path, opts) => call(method, path, { ...opts, token: token.value })));
  }

  // Best effort: the server session ends by itself at its expiry if this does not arrive.
  const logout = (token: string) => void closeServerSession(call, token);

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
      const opened = await openServerSession(call, email, password);
      if (!opened.ok) return opened;
      if (session) logout(session.token);
      session = { staffId: actor.staffId, ...opened.value };
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

    listCodes: (actor, filter) => as(actor, (m) => m.listCodes(filter)),
    getCode: (actor, id) => as(actor, (m) => m.getCode({ id })),
    createCode: (actor, r) => as(actor, (m) => m.createCode(r)),
    updateCode: (actor, r) => as(actor, (m) => m.updateCode(r)),
    setCodeStatus: (actor, r) => as(actor, (m) => m.setCodeStatus(r)),
    deleteCode: (actor, id) => as(actor, (m) => m.deleteCode({ id })),
    generateChildren: (actor, r) => as(actor, (m) => m.generateChildren(r)),
    generationJob: (actor, jobId) => as(actor, (m) => m.generationJob({ jobId })),
    codeReport: (actor, r) => as(actor, (m) => m.codeReport(r)),
    overuseReport: (actor, r) => as(actor, (m) => m.overuseReport(r)),
    exportCsv: (actor, r) => as(actor, (m) => m.exportCsv(r)),
    codeVersions: (actor, id) => as(actor, (m) => m.codeVersions({ id })),
    searchCatalogue: (actor, r) => as(actor, (m) => m.searchCatalogue(r)),
  };
}

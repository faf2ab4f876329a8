import type { ZodType } from 'zod';
import { channels, type ChannelName } from '../../shared/ipc/channels';
import { createPosApi } from '../../shared/ipc/client';
import type { ManageSessionView } from '../../shared/ipc/domains/manage';
import { manageRequestSchemas } from '../../shared/ipc/manage-schemas';
import type { Language } from '../../shared/ipc/types';
import { err, ok, type Result } from '../../shared/result';
import {
  closeServerSession,
  openServerSession,
  type ServerSession,
} from '../../shared/server-api/auth-calls';
import { createServerCall, type CallOptions } from '../../shared/server-api/call';
import { manageCalls, type ManageCalls } from '../../shared/server-api/manage-calls';

// The back office's host. The terminal's manager screens ask `window.pos.manage.*`, which main answers
// with the staff member's server session; here the same calls go straight to the server that served this
// page, with the manager's own session. So one set of screens runs in both places. The terminal's other
// domains (selling, shifts, printing) do not exist in a back office and say so.

const SESSION_KEY = 'admin.session';
const LANGUAGE_KEY = 'admin.language';

const NOT_HERE: Record<Language, string> = {
  en: 'That is done at a ticket window, not in the back office.',
  de: 'Das geschieht an einer Kasse, nicht im Backoffice.',
};

const NOT_SIGNED_IN: Record<Language, string> = {
  en: 'Sign in with your manager email and password first.',
  de: 'Bitte zuerst mit Ihrer Manager-E-Mail und Ihrem Passwort anmelden.',
};

function readSession(): ServerSession | null {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as ServerSession | null;
  } catch {
    return null;
  }
}

let session: ServerSession | null = readSession();
let language: Language = localStorage.getItem(LANGUAGE_KEY) === 'de' ? 'de' : 'en';

function keep(next: ServerSession | null): void {
  session = next;
  if (next) sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
  else sessionStorage.removeItem(SESSION_KEY);
}

export function adminLanguage(): Language {
  return language;
}

export function setAdminLanguage(next: Language): void {
  language = next;
  localStorage.setItem(LANGUAGE_KEY, next);
}

/**
 * The server that served this page: the back office's API, and the address its enrolment links give
 * terminals (reach the back office at the address the terminals use).
 */
export const SERVER_URL = window.location.origin;

const call = createServerCall({
  baseUrl: SERVER_URL,
  language: () => language,
  timeoutMs: 30_000,
  onSessionEnded: () => keep(null),
});

/** The central server's API with the signed-in manager's session: what back-office stores call. */
export function server<T>(method: string, path: string, options: CallOptions = {}): Promise<Result<T>> {
  return call<T>(method, path, session ? { ...options, token: session.token } : options);
}

function view(): ManageSessionView {
  return {
    configured: true,
    serverUrl: SERVER_URL,
    signedIn: session !== null,
    email: session?.email ?? null,
    name: session?.name ?? null,
    permissions: session?.permissions ?? [],
    expiresAt: session?.expiresAt ?? null,
  };
}

async function signIn(email: string, password: string): Promise<Result<ManageSessionView>> {
  const opened = await openServerSession(call, email, password);
  if (!opened.ok) return opened;
  keep(opened.value);
  return ok(view());
}

async function signOut(): Promise<Result<ManageSessionView>> {
  // Should the server be unreachable, the token is dropped here all the same.
  if (session) await closeServerSession(call, session.token);
  keep(null);
  return ok(view());
}

const manage = manageCalls(server);
const verbOf = new Map<ChannelName, string>(
  Object.entries(channels.manage).map(([verb, channel]) => [channel, verb]),
);

async function invoke(channel: ChannelName, request: unknown): Promise<Result<unknown>> {
  if (channel === channels.manage.session) return ok(view());
  if (channel === channels.manage.signOut) return signOut();
  const schema = (manageRequestSchemas as Partial<Record<ChannelName, ZodType>>)[channel];
  const verb = verbOf.get(channel);
  if (!schema || !verb) return err('NOT_IN_BACK_OFFICE', NOT_HERE[language]);
  const parsed = schema.safeParse(request);
  if (!parsed.success) {
    return err('VALIDATION_FAILED', parsed.error.issues.map((i) => i.message).join('; '));
  }
  if (channel === channels.manage.signIn) {
    const { email, password } = parsed.data as { email: string; password: string };
    return signIn(email, password);
  }
  if (!session) return err('SERVER_SIGN_IN_REQUIRED', NOT_SIGNED_IN[language]);
  return (manage[verb as keyof ManageCalls] as (r: unknown) => Promise<Result<unknown>>)(parsed.data);
}

/** Puts the back office's host in place of the terminal's; call before anything imports api/. */
export function installAdminHost(): void {
  window.pos = createPosApi(invoke);
  window.posEvents = { subscribe: () => () => undefined };
}

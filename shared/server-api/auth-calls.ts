import { ok, type Result } from '../result';
import type { ServerCall } from './call';

// A manager's own session on the central server, as both hosts of the manager screens open it: the
// terminal's main process (for the staff member signed in there) and the back office in a browser.

export interface ServerSession {
  token: string;
  expiresAt: string;
  email: string;
  /** The staff member's name as the server knows it. */
  name: string | null;
  /** What the server's role for this session allows (the server checks it again on every call). */
  permissions: string[];
}

/** Signs in with email and password, then asks the server who that is and what they may do. */
export async function openServerSession(
  call: ServerCall,
  email: string,
  password: string,
): Promise<Result<ServerSession>> {
  const login = await call<{ token: string; expiresAt: string }>('POST', '/v1/auth/login', {
    body: { email, password },
  });
  if (!login.ok) return login;
  const { token, expiresAt } = login.value;
  const me = await call<{ permissions: string[]; staff?: { name?: string } }>('GET', '/v1/auth/me', {
    token,
  });
  if (!me.ok) {
    void closeServerSession(call, token);
    return me;
  }
  return ok({
    token,
    expiresAt,
    email,
    name: me.value.staff?.name ?? null,
    permissions: me.value.permissions,
  });
}

/** Ends the session on the server. Should the server be unreachable, it ends by itself at its expiry. */
export async function closeServerSession(call: ServerCall, token: string): Promise<void> {
  await call<null>('POST', '/v1/auth/logout', { token });
}

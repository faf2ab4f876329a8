import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Permission } from '../../shared/auth/permissions';
import { TERMINAL_PERMISSIONS, type Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import { reject } from '../errors';
import { assertOperator, authenticate } from '../services/auth-service';

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header) : null;
  return match?.[1];
}

/**
 * Who a guarded route admits, as its guard declares it: callers of one of `principals` kinds holding
 * any one of `permissions` (none listed: any signed-in caller of those kinds). Kept on the hook so the
 * route table (route-table.ts) and the generated authorisation tests read the rule the guard enforces
 * instead of a hand-written copy of it.
 */
export interface Access {
  permissions: readonly Permission[];
  /** 'operator': the server operator's SERVER_ADMIN_TOKEN, which is no principal of any organisation. */
  principals: readonly (Principal['kind'] | 'operator')[];
}

const ACCESS = Symbol('access');
type Guard = ((request: FastifyRequest) => Promise<void>) & { [ACCESS]: Access };

function declare(access: Access, hook: (request: FastifyRequest) => Promise<void>): Guard {
  return Object.assign(hook, { [ACCESS]: access });
}

/** The access rule of a guard hook (or of the first guard among several hooks); undefined for none. */
export function accessOf(hooks: unknown): Access | undefined {
  for (const hook of Array.isArray(hooks) ? hooks : [hooks]) {
    if (typeof hook === 'function' && ACCESS in hook) return (hook as Guard)[ACCESS];
  }
  return undefined;
}

/**
 * An onRequest hook that admits callers holding any one of `permissions`. It runs before the body is
 * read, so a caller without a valid token is refused before its body is parsed or validated (an 8 MiB
 * push gets its 401 unread). Scope is not checked here: every service query is filtered by the
 * principal's organisation.
 */
export function guard(ctx: ServerContext, ...permissions: Permission[]): Guard {
  return declare({ permissions, principals: ['staff', 'terminal'] }, async (request) => {
    const token = bearerToken(request);
    const principal = token ? await authenticate(ctx, token) : undefined;
    if (!principal)
      reject('UNAUTHENTICATED', 'Sign in first: send a valid token as "Authorization: Bearer …".');
    if (permissions.length > 0 && !permissions.some((p) => principal.permissions.has(p))) {
      reject('FORBIDDEN', `Your role may not do this (needs ${permissions.join(' or ')}): ask a manager.`);
    }
    request.principal = principal;
  });
}

/** Only for routes behind a staff guard, e.g. issuing enrolment codes. */
export function staffGuard(ctx: ServerContext, ...permissions: Permission[]): Guard {
  const check = guard(ctx, ...permissions);
  return declare({ permissions, principals: ['staff'] }, async (request) => {
    await check(request);
    if (request.principal?.kind !== 'staff') reject('FORBIDDEN', 'Only staff accounts may do this.');
  });
}

/**
 * Only an enrolled terminal's device token (sync and leases). The services check further that a
 * terminal acts only for itself; a staff session is refused here, before its body is read.
 */
export function terminalGuard(ctx: ServerContext): Guard {
  const check = guard(ctx, ...TERMINAL_PERMISSIONS);
  return declare({ permissions: [...TERMINAL_PERMISSIONS], principals: ['terminal'] }, async (request) => {
    await check(request);
    if (request.principal?.kind !== 'terminal') {
      reject('FORBIDDEN', 'Only an enrolled terminal may do this: send its device token.');
    }
  });
}

/**
 * Only the server operator (SERVER_ADMIN_TOKEN), checked before the body is read like every guard: a
 * caller without the token gets its 401 without its body being parsed or validated.
 */
export function operatorGuard(ctx: ServerContext): Guard {
  return declare({ permissions: [], principals: ['operator'] }, async (request) => {
    assertOperator(ctx, bearerToken(request));
  });
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('route without a guard');
  return request.principal;
}

export function staffOf(request: FastifyRequest): Principal & { kind: 'staff' } {
  const principal = principalOf(request);
  if (principal.kind !== 'staff') throw new Error('route without a staff guard');
  return principal;
}

export const idParams = z.strictObject({ id: z.uuid() });

export const bearer = [{ bearer: [] }];

export { booleanQuery, pageQuery } from '../../shared/query';

/** A report's CSV twin: a download named `filename`, UTF-8. */
export function sendCsv(reply: FastifyReply, filename: string, csv: string): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(csv);
}

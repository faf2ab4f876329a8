import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Permission } from '../../shared/auth/permissions';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import { reject } from '../errors';
import { authenticate } from '../services/auth-service';

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
 * An onRequest hook that admits callers holding any one of `permissions`. It runs before the body is
 * read, so a caller without a valid token is refused before its body is parsed or validated (an 8 MiB
 * push gets its 401 unread). Scope is not checked here: every service query is filtered by the
 * principal's organisation.
 */
export function guard(ctx: ServerContext, ...permissions: Permission[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request);
    const principal = token ? await authenticate(ctx, token) : undefined;
    if (!principal)
      reject('UNAUTHENTICATED', 'Sign in first: send a valid token as "Authorization: Bearer …".');
    if (permissions.length > 0 && !permissions.some((p) => principal.permissions.has(p))) {
      reject('FORBIDDEN', `Your role may not do this (needs ${permissions.join(' or ')}): ask a manager.`);
    }
    request.principal = principal;
  };
}

/** Only for routes behind a staff guard, e.g. issuing enrolment codes. */
export function staffGuard(ctx: ServerContext, ...permissions: Permission[]) {
  const check = guard(ctx, ...permissions);
  return async (request: FastifyRequest): Promise<void> => {
    await check(request);
    if (request.principal?.kind !== 'staff') reject('FORBIDDEN', 'Only staff accounts may do this.');
  };
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

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};

export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

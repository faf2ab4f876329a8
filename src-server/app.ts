import swagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyReply } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { DEFAULT_ADMIN_DIR, registerAdminApp } from './admin-assets';
import type { ServerContext } from './context';
import { Rejection, statusFor } from './errors';
import { registerAuditRoutes } from './routes/audit-routes';
import { registerAuthRoutes } from './routes/auth-routes';
import { registerCatalogueRoutes } from './routes/catalogue-routes';
import { registerCatalogueSearchRoutes } from './routes/catalogue-search-routes';
import { registerCheckinRoutes } from './routes/checkin-routes';
import { registerCodeRoutes } from './routes/code-routes';
import { registerCustomerRoutes } from './routes/customer-routes';
import { registerJournalRoutes } from './routes/journal-routes';
import { registerOrganisationRoutes } from './routes/organisation-routes';
import type { App } from './routes/common';
import { registerRedemptionRoutes } from './routes/redemption-routes';
import { registerReportRoutes } from './routes/report-routes';
import { registerVoucherRoutes } from './routes/voucher-routes';
import { recordRoutes } from './routes/route-table';
import { registerSeatRoutes } from './routes/seat-routes';
import { registerStaffRoutes } from './routes/staff-routes';
import { registerSyncRoutes } from './routes/sync-routes';
import { registerTerminalRoutes } from './routes/terminal-routes';
import { registerTicketLayoutRoutes } from './routes/ticket-layout-routes';
import { registerSeatMapRoutes } from './routes/seat-map-routes';

export interface ServerOptions {
  version: string;
  logger?: boolean;
  context: ServerContext;
  /** The built back office (dist/admin by default). */
  adminDir?: string;
}

export const BODY_LIMIT = 1024 * 1024;

function fail(reason: string, message: string) {
  return { ok: false as const, reason, message };
}

/** Fastify's own request errors, as the `{ok, reason, message}` bodies every client understands. */
function mapFastifyError(error: FastifyError): { status: number; body: ReturnType<typeof fail> } | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: fail(
          'BODY_TOO_LARGE',
          'The request body is larger than this route accepts (1 MiB for admin calls): send less at once.',
        ),
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: fail('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.') };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: fail('INVALID_JSON', 'The body is empty: send a JSON object.') };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        status: 400,
        body: fail('INVALID_JSON', 'The body is not valid JSON: check quotes, commas and brackets.'),
      };
  }
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return {
      status: 400,
      body: fail('INVALID_JSON', 'The body is not valid JSON: check quotes, commas and brackets.'),
    };
  }
  return undefined;
}

/** The central server's HTTP app: admin API, enrolment and online redemptions over one database. */
export async function buildServer(options: ServerOptions): Promise<App> {
  const ctx = options.context;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    // A path with a broken %-escape never reaches a route: answer it in the same shape as every error.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      void reply
        .code(400)
        .send(
          fail(
            'BAD_URL',
            `The address is not valid (${error.code}): check the %-escapes and the ids in it, then resend.`,
          ),
        );
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a text body would otherwise reach validation as a string and get a vaguer answer.
  app.removeContentTypeParser('text/plain');
  recordRoutes(app);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof Rejection) return reply.code(statusFor(error.failure)).send(error.failure);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'request';
      const issues = error.validation
        .slice(0, 10)
        .map((v) => `${where}${v.instancePath.replaceAll('/', '.')}: ${v.message ?? 'invalid'}`)
        .join('; ');
      // Per field too, so a form can put each sentence beside its own field.
      const fields: Record<string, string> = {};
      for (const v of error.validation) {
        const field = v.instancePath.slice(1).replaceAll('/', '.');
        if (field && !(field in fields)) fields[field] = v.message ?? 'invalid';
      }
      return reply.code(400).send({
        ...fail('VALIDATION_FAILED', `The request is not valid. Fix these and resend: ${issues}.`),
        fields,
      });
    }
    const mapped = mapFastifyError(error);
    if (mapped) return reply.code(mapped.status).send(mapped.body);
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(fail('BAD_REQUEST', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    // Never a stack or a database message in the body: they help attackers, not staff.
    return reply
      .code(500)
      .send(
        fail(
          'INTERNAL',
          'Something went wrong on the server. Try again; if it keeps happening, tell support.',
        ),
      );
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(fail('ROUTE_NOT_FOUND', `There is no ${request.method} ${request.url.split('?')[0]}.`)),
  );

  await app.register(swagger, {
    openapi: {
      info: { title: 'Box office central server', version: options.version },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });

  app.get('/health', { schema: { hide: true } }, () => ({
    ok: true,
    service: 'box-office-server',
    version: options.version,
  }));
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  registerAuthRoutes(app, ctx);
  registerStaffRoutes(app, ctx);
  registerCatalogueRoutes(app, ctx);
  registerTicketLayoutRoutes(app, ctx);
  registerSeatMapRoutes(app, ctx);
  registerOrganisationRoutes(app, ctx);
  registerCatalogueSearchRoutes(app, ctx);
  registerTerminalRoutes(app, ctx);
  registerCodeRoutes(app, ctx);
  registerCustomerRoutes(app, ctx);
  registerRedemptionRoutes(app, ctx);
  registerCheckinRoutes(app, ctx);
  registerReportRoutes(app, ctx);
  registerVoucherRoutes(app, ctx);
  registerJournalRoutes(app, ctx);
  registerSyncRoutes(app, ctx);
  registerSeatRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerAdminApp(app, options.adminDir ?? DEFAULT_ADMIN_DIR);
  app.addHook('onClose', () => ctx.background.drain());
  return app;
}

import Fastify, { type FastifyInstance } from 'fastify';

export interface ServerOptions {
  version: string;
  logger?: boolean;
}

/** The central server's HTTP app. Admin, sync and lease routes join it in their own modules. */
export function buildServer(options: ServerOptions): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 });
  app.get('/health', () => ({ ok: true, service: 'box-office-server', version: options.version }));
  return app;
}

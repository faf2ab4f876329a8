import type { FastifySchema } from 'fastify';
import { accessOf, type Access, type App } from './common';

/** One registered route as the server serves it: its schemas and the access its guard declares. */
export interface RouteEntry {
  method: string;
  /** Fastify's form, `/v1/codes/:id`. */
  url: string;
  schema: (FastifySchema & { security?: unknown; hide?: boolean }) | undefined;
  /** Undefined for a route without a guard: a public one. */
  access: Access | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after buildServer began, in order; HEAD twins of GET routes left out. */
    routeTable: readonly RouteEntry[];
  }
}

/**
 * Records every route as it is registered, so the generated authorisation and fuzz tests cover a new
 * route without anyone listing it. Call before registering routes.
 */
export function recordRoutes(app: App): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      table.push({
        method,
        url: route.url,
        schema: route.schema,
        access: accessOf(route.onRequest),
      });
    }
  });
}

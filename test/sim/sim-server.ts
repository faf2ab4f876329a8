import { buildServer } from '../../src-server/app';
import { BackgroundTasks, type ServerContext } from '../../src-server/context';
import type { Database, Queryable } from '../../src-server/db/database';
import type { App } from '../../src-server/routes/common';
import { NetworkFault, type SimRequest, type SimResponse } from './sim-network';

/**
 * The database as the server sees it, with one fault switch: after `failAfter` more statements the next
 * one throws, as a lost connection would. A transaction it hits rolls back; the server must answer
 * without having half-applied anything.
 */
export class FaultyDatabase implements Database {
  readonly kind: Database['kind'];
  private failAfter: number | undefined;

  constructor(readonly inner: Database) {
    this.kind = inner.kind;
  }

  failAfterStatements(n: number): void {
    this.failAfter = n;
  }

  clearFault(): void {
    this.failAfter = undefined;
  }

  private tick(): void {
    if (this.failAfter === undefined) return;
    if (this.failAfter <= 0) {
      this.failAfter = undefined;
      throw new Error('simulated database failure: connection lost');
    }
    this.failAfter -= 1;
  }

  private wrap(q: Queryable): Queryable {
    return {
      query: <T>(sql: string, params?: readonly unknown[]) => {
        this.tick();
        return q.query<T>(sql, params);
      },
      exec: (sql: string) => {
        this.tick();
        return q.exec(sql);
      },
    };
  }

  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    try {
      this.tick();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return this.inner.query<T>(sql, params);
  }

  exec(sql: string): Promise<void> {
    try {
      this.tick();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return this.inner.exec(sql);
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.inner.transaction((tx) => fn(this.wrap(tx)));
  }

  close(): Promise<void> {
    // The PGlite instance outlives every simulated server process; the test file closes it.
    return Promise.resolve();
  }
}

/** The real Fastify app over the shared store, driven with inject(): no sockets, no timers. */
export class SimServer {
  readonly db: FaultyDatabase;
  readonly ctx: ServerContext;
  private app: App | undefined;
  restarts = 0;

  constructor(store: Database, now: () => Date) {
    this.db = new FaultyDatabase(store);
    this.ctx = { db: this.db, now, background: new BackgroundTasks() };
  }

  get up(): boolean {
    return this.app !== undefined;
  }

  async start(): Promise<void> {
    if (this.app) return;
    this.app = await buildServer({ version: 'sim', context: this.ctx });
    await this.app.ready();
  }

  /** The process dies between two requests; the store keeps what was committed. */
  async crash(): Promise<void> {
    const app = this.app;
    this.app = undefined;
    this.db.clearFault();
    if (app) await app.close();
  }

  async restart(): Promise<void> {
    await this.crash();
    this.restarts += 1;
    await this.start();
  }

  /** One HTTP exchange; a server that is down refuses the connection. */
  async handle(request: SimRequest): Promise<SimResponse> {
    if (!this.app) throw new NetworkFault('connection refused: the server is down');
    const reply = await this.app.inject({
      method: request.method,
      url: request.path,
      ...(request.body === undefined ? {} : { payload: request.body as object }),
      headers: request.token ? { authorization: `Bearer ${request.token}` } : {},
    });
    let body: unknown;
    try {
      body = reply.body ? (JSON.parse(reply.body) as unknown) : undefined;
    } catch {
      body = reply.body;
    }
    return { status: reply.statusCode, body };
  }
}

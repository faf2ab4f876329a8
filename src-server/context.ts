import type { Database } from './db/database';

/** Everything a service needs, built once per server process. */
export interface ServerContext {
  db: Database;
  /** The only clock the services read, so tests can pin time. */
  now: () => Date;
  /** Background work (bulk code generation) that close() waits for. */
  background: BackgroundTasks;
  /** The operator's token for creating organisations (SERVER_ADMIN_TOKEN); unset = no such route. */
  operatorToken?: string;
}

export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();

  run(task: () => Promise<void>): void {
    const promise = task().finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

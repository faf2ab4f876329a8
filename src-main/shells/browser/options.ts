import { join } from 'node:path';
import { err, ok, type Result } from '../../../shared/result';
import type { BrowserHostOptions } from './server';

/**
 * The browser host's settings from the environment: POS_DATA_DIR (default .data/terminal under the
 * working folder), PORT (default: a free one), POS_SERVER_URL, and POS_DEMO=0 to start empty.
 */
export function browserHostOptionsFromEnv(
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
): Result<BrowserHostOptions> {
  const port = env.PORT ? Number(env.PORT) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return err('INVALID_REQUEST', `PORT must be a whole number from 0 to 65535 (got ${env.PORT}).`);
  }
  const serverUrl = env.POS_SERVER_URL || undefined;
  return ok({
    dataDir: env.POS_DATA_DIR ?? join(cwd, '.data', 'terminal'),
    port,
    serverUrl,
    // Without a central server an empty terminal fills itself with the demo theatre so it can be tried at once.
    demoData: !serverUrl && env.POS_DEMO !== '0',
  });
}

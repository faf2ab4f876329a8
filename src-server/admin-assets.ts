import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  assetPathOf,
  cacheControl,
  contentSecurityPolicy,
  mimeType,
  securityHeaders,
} from '../shared/web/static-assets';
import type { App } from './routes/common';

// The back office is a built single-page app (`npm run build:admin` → dist/admin). The server hands its
// files out at /admin/ with the same security headers the terminal's hosts use; the app then talks to
// this server's /v1 API with the manager's own session, like any other client.

export const ADMIN_PATH = '/admin/';
const ENTRY = 'admin.html';

export const DEFAULT_ADMIN_DIR = fileURLToPath(new URL('../dist/admin/', import.meta.url));

const NOT_BUILT =
  'The back office is not built on this server. Run `npm run build:admin` (npm run server does it for you), then reload.';

export function registerAdminApp(app: App, adminDir: string): void {
  const root = resolve(adminDir);
  const headers = securityHeaders(contentSecurityPolicy());

  app.get('/admin', { schema: { hide: true } }, (_request, reply) => reply.redirect(ADMIN_PATH, 308));
  app.get('/admin/*', { schema: { hide: true } }, async (request, reply) => {
    const relative = assetPathOf((request.params as { '*': string })['*'], ENTRY);
    const file = relative === null ? null : resolve(root, relative);
    if (file === null || !(file === root || file.startsWith(root + sep))) {
      return reply.code(404).send({ ok: false, reason: 'NOT_FOUND', message: 'There is no such file.' });
    }
    const body = await readFile(file).catch(() => null);
    if (!body) {
      return relative === ENTRY
        ? reply.code(404).send({ ok: false, reason: 'ADMIN_NOT_BUILT', message: NOT_BUILT })
        : reply.code(404).send({ ok: false, reason: 'NOT_FOUND', message: 'There is no such file.' });
    }
    return reply
      .headers({ ...headers, 'content-type': mimeType(file), 'cache-control': cacheControl(file, ENTRY) })
      .send(body);
  });
}

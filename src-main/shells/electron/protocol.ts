import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from '../../security';
import { loadRendererAsset } from '../renderer-assets';

/** Must run before app is ready: app:// behaves like a secure, standard origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const asset = await loadRendererAsset(rendererDir, url.pathname);
    return new Response(asset.body ? new Uint8Array(asset.body) : null, {
      status: asset.status,
      headers: asset.headers,
    });
  });
}

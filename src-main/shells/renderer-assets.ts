import { readFile } from 'node:fs/promises';
import { cacheControl } from '../../shared/web/static-assets';
import { contentSecurityPolicy, mimeType, resolveRendererFile, securityHeaders } from '../security';

export interface RendererAsset {
  status: 200 | 404;
  headers: Record<string, string>;
  body: Buffer | null;
}

/** One way to serve the built renderer, used by Electron's app:// handler and by the browser host. */
export async function loadRendererAsset(
  rendererDir: string,
  urlPath: string,
  connectSources: readonly string[] = [],
): Promise<RendererAsset> {
  const file = resolveRendererFile(rendererDir, urlPath);
  const body = file ? await readFile(file).catch(() => null) : null;
  if (!file || !body)
    return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: null };
  return {
    status: 200,
    headers: {
      ...securityHeaders(contentSecurityPolicy(connectSources)),
      'Content-Type': mimeType(file),
      'Cache-Control': cacheControl(file, 'index.html'),
    },
    body,
  };
}

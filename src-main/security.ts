import { normalize, resolve, sep } from 'node:path';
import { assetPathOf } from '../shared/web/static-assets';

// Policy shared by both hosts. Kept free of Electron so it is tested directly; the shells only wire it up.

export const APP_SCHEME = 'app';
export const APP_HOST = 'pos';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True only for pages served by our own app:// protocol (custom schemes have an opaque URL origin). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Every navigation away from the app is refused; the renderer is a single page. */
export function isNavigationAllowed(targetUrl: string): boolean {
  return isAppUrl(targetUrl);
}

export { contentSecurityPolicy, mimeType, securityHeaders } from '../shared/web/static-assets';

/**
 * Maps a URL path to a file inside the renderer folder, or null when it would escape it.
 * `/` serves index.html.
 */
export function resolveRendererFile(rendererDir: string, urlPath: string): string | null {
  const relative = assetPathOf(urlPath, 'index.html');
  if (relative === null) return null;
  const root = resolve(rendererDir);
  const target = resolve(root, normalize(relative));
  return target === root || target.startsWith(root + sep) ? target : null;
}

import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  contentSecurityPolicy,
  isAppUrl,
  isNavigationAllowed,
  resolveRendererFile,
} from '../../../src-main/security';

describe('security', () => {
  it('trusts only our app:// origin', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://pos/assets/x.js')).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'https://pos/',
      'file:///index.html',
      'http://127.0.0.1/',
      '',
      undefined,
      'nonsense',
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });

  it('denies navigation away from the app', () => {
    expect(isNavigationAllowed('https://example.com/')).toBe(false);
    expect(isNavigationAllowed('file:///etc/passwd')).toBe(false);
    expect(isNavigationAllowed('javascript:alert(1)')).toBe(false);
    expect(isNavigationAllowed(APP_ENTRY_URL)).toBe(true);
  });

  it('serves only files inside the renderer folder', () => {
    const root = resolve('/srv/renderer');
    expect(resolveRendererFile(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveRendererFile(root, '/assets/app.js?v=1')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveRendererFile(root, '/../package.json')).toBeNull();
    expect(resolveRendererFile(root, '/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveRendererFile(root, '/%00.js')).toBeNull();
    expect(resolveRendererFile(root, '/%E0%A4%A')).toBeNull();
  });

  it('has a CSP without inline scripts, eval or framing', () => {
    const csp = contentSecurityPolicy(['ws://127.0.0.1:1']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:1");
  });
});

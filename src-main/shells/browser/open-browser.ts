import { spawn } from 'node:child_process';

/**
 * Opens `url` in the user's default browser, if this machine has one to open: not in CI, not with
 * BROWSER=none (the convention other dev servers follow), and not on a Linux console without a
 * display. Returns whether a browser was asked; the URL is printed either way.
 */
export function openInBrowser(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.CI || env.BROWSER === 'none') return false;
  const platform = process.platform;
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return false;
  const [command, args] =
    platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    // No opener installed is not an error worth more than the printed URL.
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

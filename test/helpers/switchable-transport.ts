import { createFetchTransport, type SyncTransport } from '../../src-main/services/sync/transport';

/**
 * The terminal's real HTTP transport to `serverUrl`, with a switch the test or bench flips to cut the
 * line: cut, every request answers as an unreachable server does (status 0), so sales queue up as they
 * would offline while the server stays up.
 */
export function switchableTransport(
  serverUrl: string,
  options: { timeoutMs: number } = { timeoutMs: 60_000 },
): { transport: SyncTransport; online(on: boolean): void } {
  const http = createFetchTransport(serverUrl, options);
  let up = true;
  return {
    transport: (request) => (up ? http(request) : Promise.resolve({ status: 0, body: { message: 'cut' } })),
    online: (on) => void (up = on),
  };
}

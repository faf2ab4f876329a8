import { startServer } from '../../src-server/start';

/** Starts the real central server on 127.0.0.1 with a free port, on a fresh in-memory PGlite. */
export async function startCentralServer(
  port = 0,
): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const server = await startServer({ version: 'test', port, host: '127.0.0.1' });
  return { url: server.url, port: server.port, close: () => server.close() };
}

import type { AddressInfo } from 'node:net';
import { buildServer } from '../../src-server/app';

/** Starts the real central server on 127.0.0.1 with a free port. */
export async function startCentralServer(
  port = 0,
): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const app = buildServer({ version: 'test' });
  await app.listen({ port, host: '127.0.0.1' });
  const bound = (app.server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${bound}`, port: bound, close: () => app.close() };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetchTransport, NETWORK_FAILURE } from '../../../../../src-main/services/sync/transport';

describe('createFetchTransport', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** A server on loopback that drops the first `drops` connections without answering. */
  async function flaky(drops: number): Promise<{ url: string; requests: () => number }> {
    let seen = 0;
    server = createServer((request, response) => {
      seen += 1;
      if (seen <= drops) {
        request.socket.destroy();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => seen };
  }

  it('resends a sync request once when the connection dies under it', async () => {
    const { url, requests } = await flaky(1);
    const send = createFetchTransport(url, { timeoutMs: 5_000 });
    expect(await send({ method: 'POST', path: '/v1/sync/push', body: {} })).toEqual({
      status: 200,
      body: { ok: true },
    });
    expect(requests()).toBe(2);
  });

  it('gives up after the second failure, and never resends an enrolment', async () => {
    const { url, requests } = await flaky(10);
    const send = createFetchTransport(url, { timeoutMs: 5_000 });
    expect((await send({ method: 'POST', path: '/v1/sync/pull', body: {} })).status).toBe(NETWORK_FAILURE);
    expect(requests()).toBe(2);
    expect((await send({ method: 'POST', path: '/v1/terminals/register', body: {} })).status).toBe(
      NETWORK_FAILURE,
    );
    expect(requests()).toBe(3);
  });
});

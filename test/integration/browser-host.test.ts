import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { channels } from '../../shared/ipc/channels';
import { startBrowserHost, type BrowserHost } from '../../src-main/shells/browser/server';
import { startCentralServer } from '../helpers/central-server';
import { makeTempDir } from '../helpers/temp-dir';

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Raw HTTP so tests can forge the Host and Origin headers a browser would never let a page set. */
function send(
  host: BrowserHost,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<Reply>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: options.method ?? 'POST',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: res.headers,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser host', () => {
  const temp = makeTempDir();
  let host: BrowserHost;
  let central: Awaited<ReturnType<typeof startCentralServer>>;
  const good = () => ({
    Origin: host.origin,
    Authorization: `Bearer ${host.token}`,
    'Content-Type': 'application/json',
  });

  beforeAll(async () => {
    central = await startCentralServer();
    host = await startBrowserHost({
      dataDir: temp.path,
      serverUrl: central.url,
      connectivity: { intervalMs: 50, timeoutMs: 500 },
    });
  });
  afterAll(async () => {
    await host.close();
    await central.close();
    temp.cleanup();
  });

  it('binds loopback and prints a URL carrying the token in its fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('answers a well-formed call with the core result', async () => {
    const reply = await send(host, `/api/${channels.system.status}`, { headers: good(), body: '{}' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { dataDir: temp.path } });
  });

  it('refuses a forged Host header (DNS rebinding)', async () => {
    const reply = await send(host, `/api/${channels.system.status}`, {
      headers: { ...good(), Host: `evil.example:${host.port}` },
      body: '{}',
    });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
  });

  it('refuses a call from another origin even with the token', async () => {
    const reply = await send(host, `/api/${channels.settings.update}`, {
      headers: { ...good(), Origin: 'http://127.0.0.1:1' },
      body: '{"language":"de"}',
    });
    expect(reply.status).toBe(403);
    const settings = await send(host, `/api/${channels.settings.get}`, { headers: good(), body: '{}' });
    expect(JSON.parse(settings.body)).toEqual({ ok: true, value: { language: 'en' } });
  });

  it('refuses a call without the token or with a wrong one', async () => {
    const { Authorization: _, ...noToken } = good();
    expect(
      (await send(host, `/api/${channels.system.status}`, { headers: noToken, body: '{}' })).status,
    ).toBe(401);
    const wrong = await send(host, `/api/${channels.system.status}`, {
      headers: { ...good(), Authorization: 'Bearer nope' },
      body: '{}',
    });
    expect(wrong.status).toBe(401);
    expect((JSON.parse(wrong.body) as { message: string }).message).toMatch(/link the host printed/);
  });

  it('refuses malformed JSON, wrong content types, oversize bodies and GET calls', async () => {
    expect(
      (await send(host, `/api/${channels.system.status}`, { headers: good(), body: '{"oops' })).status,
    ).toBe(400);
    expect(
      (
        await send(host, `/api/${channels.system.status}`, {
          headers: { ...good(), 'Content-Type': 'text/plain' },
          body: '{}',
        })
      ).status,
    ).toBe(415);
    const huge = JSON.stringify({ language: 'x'.repeat(2 * 1024 * 1024) });
    expect(
      (await send(host, `/api/${channels.settings.update}`, { headers: good(), body: huge })).status,
    ).toBe(413);
    expect(
      (await send(host, `/api/${channels.system.status}`, { method: 'GET', headers: good() })).status,
    ).toBe(405);
  });

  it('refuses an unknown channel and a request that fails its schema', async () => {
    expect((await send(host, '/api/pos:system:shutdown', { headers: good(), body: '{}' })).status).toBe(404);
    const invalid = await send(host, `/api/${channels.settings.update}`, {
      headers: good(),
      body: '{"language":"fr"}',
    });
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, reason: 'INVALID_REQUEST' });
  });

  it('serves the renderer with its security headers and nothing outside it', async () => {
    const page = await send(host, '/', { method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.body).toContain('<div id="root">');
    expect((await send(host, '/..%2f..%2fpackage.json', { method: 'GET' })).status).toBe(404);
  });

  it('pushes events over the WebSocket only to the page with the token', async () => {
    const base = `ws://127.0.0.1:${host.port}/api/events`;
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`${base}?token=${host.token}`, { origin: 'http://evil.example' });
      ws.on('error', (error) => resolve(error.message));
      ws.on('open', () => resolve('opened'));
    });
    expect(refused).toMatch(/403/);

    const ws = new WebSocket(`${base}?token=${host.token}`, { origin: host.origin });
    await new Promise((resolve) => ws.on('open', resolve));
    const received = new Promise<unknown>((resolve) =>
      ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))),
    );
    await central.close();
    expect(await received).toMatchObject({ type: 'server-status', server: { state: 'offline' } });
    ws.close();
  });
});

import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../shared/ipc/channels';
import { startBrowserHost, type BrowserHost } from '../../src-main/shells/browser/server';
import { makeTempDir, stubRendererDir } from '../helpers/temp-dir';

// A hostile local page or process aims odd requests at the browser host. Each must be answered (or the
// connection closed) without an error escaping a handler, and the host must go on serving the real page.

interface RawReply {
  status: number;
  head: string;
  body: string;
  /** True when the answer arrived before the whole body had been sent. */
  beforeBodyEnd: boolean;
}

/** Raw HTTP over a socket: any request-target, any header, a body streamed in chunks. */
function raw(
  host: BrowserHost,
  requestLine: string,
  headers: Record<string, string>,
  body: { chunk: Buffer; count: number } | string = '',
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, '127.0.0.1');
    let received = '';
    let sentAll = false;
    let answered = false;
    const finish = (beforeBodyEnd = !sentAll) => {
      const [head = '', rest = ''] = received.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body: rest, beforeBodyEnd });
    };
    socket.on('data', (data: Buffer) => {
      received += data.toString();
      if (!answered && received.includes('\r\n\r\n')) {
        answered = true;
        const beforeBodyEnd = !sentAll;
        // Give the body a moment to arrive, then stop listening.
        setTimeout(() => {
          finish(beforeBodyEnd);
          socket.destroy();
        }, 50);
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after the answer arrived is the host dropping a body it will not read.
      if (!answered) reject(error);
    });
    socket.on('connect', () => {
      const lines = [requestLine, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      if (typeof body === 'string') {
        if (!('Content-Length' in headers)) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
        socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
        sentAll = true;
        return;
      }
      lines.push('Transfer-Encoding: chunked');
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      let left = body.count;
      const pump = () => {
        while (left > 0 && !socket.destroyed && !answered) {
          left -= 1;
          const more = socket.write(`${body.chunk.length.toString(16)}\r\n`) && socket.write(body.chunk);
          socket.write('\r\n');
          if (!more) return void socket.once('drain', pump);
        }
        if (left === 0 && !socket.destroyed) {
          socket.write('0\r\n\r\n');
          sentAll = true;
        }
      };
      pump();
    });
  });
}

describe('browser host under hostile requests', () => {
  const temp = makeTempDir();
  const logged: string[] = [];
  let host: BrowserHost;
  let hostHeader: string;
  const good = () => ({
    Host: hostHeader,
    Origin: host.origin,
    Authorization: `Bearer ${host.token}`,
    'Content-Type': 'application/json',
  });
  const status = `/api/${channels.system.status}`;

  beforeAll(async () => {
    const rendererDir = stubRendererDir(temp.path);
    host = await startBrowserHost({
      dataDir: join(temp.path, 'data'),
      rendererDir,
      logError: (error, context) => logged.push(`${context}: ${String(error)}`),
    });
    hostHeader = `127.0.0.1:${host.port}`;
  });
  afterAll(async () => {
    await host.close();
    temp.cleanup();
  });

  // After every hostile request: nothing reached a log or the last-resort handler, and the same token
  // still gets a real answer.
  afterEach(async () => {
    expect(logged).toEqual([]);
    const reply = await raw(host, `POST ${status} HTTP/1.1`, good(), '{}');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { dataDir: join(temp.path, 'data') } });
  });

  it.each(['/api/%E0%A4%A', '/api/%', '/api/pos%ZZsystem', '/api/%C0%AF', '/api/%ED%A0%80'])(
    'answers a broken escape in the channel %s with 400 when authorised, 401 otherwise',
    async (path) => {
      const anonymous = await raw(host, `POST ${path} HTTP/1.1`, { Host: hostHeader }, '{}');
      expect(anonymous.status).toBe(403);
      const noToken = await raw(
        host,
        `POST ${path} HTTP/1.1`,
        { Host: hostHeader, Origin: host.origin, 'Content-Type': 'application/json' },
        '{}',
      );
      expect(noToken.status).toBe(401);
      const authorised = await raw(host, `POST ${path} HTTP/1.1`, good(), '{}');
      if (path === '/api/%C0%AF' || path === '/api/%ED%A0%80') {
        // Overlong and surrogate UTF-8 decode to U+FFFD in Node rather than throwing: an unknown channel.
        expect([400, 404]).toContain(authorised.status);
      } else {
        expect(authorised.status).toBe(400);
        expect(JSON.parse(authorised.body)).toMatchObject({ ok: false, reason: 'INVALID_REQUEST' });
      }
    },
  );

  it.each([`${status}?%E0%A4%A`, `${status}?token=%`, `${status}?a=%ZZ&b=%E0%A4%A`])(
    'ignores a broken query string on a call: %s',
    async (path) => {
      const reply = await raw(host, `POST ${path} HTTP/1.1`, good(), '{}');
      expect(reply.status).toBe(200);
    },
  );

  it.each(['//', '//api/x', '/..%2f', '/..%2f..%2fpackage.json', '/%E0%A4%A', '/%00', '/?%E0%A4%A'])(
    'answers an odd static path %s without failing',
    async (path) => {
      const reply = await raw(host, `GET ${path} HTTP/1.1`, { Host: hostHeader });
      expect([200, 400, 404]).toContain(reply.status);
      if (reply.status === 200) expect(reply.body).toContain('<div id="root">');
      const posted = await raw(host, `POST ${path} HTTP/1.1`, { Host: hostHeader }, 'x');
      expect([400, 405]).toContain(posted.status);
    },
  );

  it('answers a target that is not a path with 400', async () => {
    const reply = await raw(host, 'GET http://evil.example/api/x HTTP/1.1', { Host: hostHeader });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, reason: 'INVALID_REQUEST' });
  });

  it('refuses a huge body without the token before reading it, and one with the token as 413', async () => {
    const chunk = Buffer.alloc(256 * 1024, 'a');
    const noToken = await raw(
      host,
      `POST ${status} HTTP/1.1`,
      { Host: hostHeader, Origin: host.origin, 'Content-Type': 'application/json' },
      { chunk, count: 400 },
    );
    expect(noToken.status).toBe(401);
    expect(noToken.beforeBodyEnd).toBe(true);

    const declared = await raw(
      host,
      `POST ${status} HTTP/1.1`,
      { ...good(), 'Content-Length': String(100 * 1024 * 1024) },
      '',
    ).catch(() => null);
    // The declared length is over the limit: refused at once, nothing read.
    expect(declared?.status).toBe(413);

    const streamed = await raw(host, `POST ${status} HTTP/1.1`, good(), { chunk, count: 8 });
    expect(streamed.status).toBe(413);
  });

  it('refuses a no-cors style call from another page: no Origin, a wrong one, text/plain', async () => {
    for (const origin of [undefined, 'http://127.0.0.1:1', 'null', 'http://localhost']) {
      const headers: Record<string, string> = { Host: hostHeader, 'Content-Type': 'text/plain' };
      if (origin) headers.Origin = origin;
      for (const path of [status, '/api/%E0%A4%A', '/api/']) {
        const reply = await raw(host, `POST ${path} HTTP/1.1`, headers, '{"x":1}');
        expect(reply.status).toBe(403);
      }
    }
  });

  it.each([
    '//',
    '/%E0%A4%A',
    '/api/events?token=%E0%A4%A',
    '/api/events?%',
    '//api/events',
    '/api/events/..%2f',
    'http://evil.example/api/events',
  ])('refuses a WebSocket upgrade to %s without failing', async (path) => {
    const reply = await raw(
      host,
      `GET ${path} HTTP/1.1`,
      {
        Host: hostHeader,
        Origin: host.origin,
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
      undefined,
    );
    expect(reply.status).toBe(403);
  });
});

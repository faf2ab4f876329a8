import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import type { TransportReason } from '../../../shared/ipc/contract';
import { err } from '../../../shared/result';
import { findAppRoot } from '../../app-info';
import { loadRendererAsset } from '../renderer-assets';
import { createTerminal, type Terminal, type TerminalOptions } from '../../terminal';
import { bearerToken, isAllowedHost, isAllowedOrigin, tokenMatches } from './guards';

export const API_PREFIX = '/api/';
export const EVENTS_PATH = '/api/events';
const MAX_BODY_BYTES = 1024 * 1024;

export interface BrowserHostOptions extends TerminalOptions {
  /** 0 or omitted: a free port. The host always binds 127.0.0.1. */
  port?: number;
  rendererDir?: string;
  /** Fixed token for tests; otherwise a fresh random one per launch. */
  token?: string;
}

export interface BrowserHost {
  /** The URL to open, carrying the per-launch token in its fragment (never sent over the wire). */
  url: string;
  origin: string;
  port: number;
  token: string;
  terminal: Terminal;
  close(): Promise<void>;
}

export class BrowserHostError extends Error {
  constructor(
    readonly reason: 'RENDERER_NOT_BUILT' | 'PORT_IN_USE',
    message: string,
  ) {
    super(message);
    this.name = 'BrowserHostError';
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(payload);
}

function refuse(res: ServerResponse, status: number, reason: TransportReason, message: string): void {
  sendJson(res, status, err(reason, message));
}

/**
 * Reads a JSON body up to MAX_BODY_BYTES. Past that it keeps discarding (so the client can read our
 * 413 instead of a reset) until a hard ceiling, where it gives up on the connection.
 */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16 * MAX_BODY_BYTES) {
      req.destroy();
      return null;
    }
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8');
}

/** Runs the terminal core in this Node process and serves the renderer and the typed API on loopback. */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const appRoot = options.appRoot ?? findAppRoot();
  const rendererDir = options.rendererDir ?? join(appRoot, 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new BrowserHostError(
      'RENDERER_NOT_BUILT',
      `The screens are not built yet (no ${join(rendererDir, 'index.html')}): run npm run build:renderer, or npm run start:browser which builds them first.`,
    );
  }
  const token = options.token ?? randomBytes(32).toString('base64url');
  const terminal = await createTerminal({ ...options, appRoot });
  let port = 0;

  const serveStatic = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return refuse(res, 405, 'FORBIDDEN', 'Only GET is served here.');
    const asset = await loadRendererAsset(rendererDir, req.url ?? '/', [
      `ws://127.0.0.1:${port}`,
      `ws://localhost:${port}`,
    ]);
    if (!asset.body) return refuse(res, 404, 'UNKNOWN_CHANNEL', 'Not found.');
    res.writeHead(asset.status, asset.headers);
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  };

  const serveApi = async (req: IncomingMessage, res: ServerResponse, channel: string) => {
    if (req.method !== 'POST') return refuse(res, 405, 'FORBIDDEN', 'API calls are POST requests.');
    if (!isAllowedOrigin(req.headers.origin, port)) {
      return refuse(
        res,
        403,
        'FORBIDDEN',
        'Calls are accepted only from the terminal page this host serves.',
      );
    }
    if (!tokenMatches(bearerToken(req.headers.authorization), token)) {
      return refuse(
        res,
        401,
        'UNAUTHORIZED',
        'Open the terminal with the link the host printed when it started.',
      );
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(res, 415, 'INVALID_REQUEST', 'Send the request as application/json.');
    }
    const body = await readBody(req);
    if (body === null) return refuse(res, 413, 'INVALID_REQUEST', 'The request is larger than 1 MiB.');
    let request: unknown;
    try {
      request = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return refuse(res, 400, 'INVALID_REQUEST', 'The request is not valid JSON.');
    }
    const result = await terminal.dispatch(channel, request);
    sendJson(res, !result.ok && result.reason === 'UNKNOWN_CHANNEL' ? 404 : 200, result);
  };

  const server = createServer((req, res) => {
    if (!isAllowedHost(req.headers.host, port)) {
      return refuse(res, 403, 'FORBIDDEN', 'Use http://127.0.0.1 to reach the terminal.');
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const work = path.startsWith(API_PREFIX)
      ? serveApi(req, res, decodeURIComponent(path.slice(API_PREFIX.length)))
      : serveStatic(req, res);
    work.catch((error: unknown) => {
      options.logError?.(error, 'browser host');
      if (!res.headersSent) refuse(res, 500, 'INTERNAL', 'The terminal could not answer. Try again.');
      else res.destroy();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const allowed =
      url.pathname === EVENTS_PATH &&
      isAllowedHost(req.headers.host, port) &&
      isAllowedOrigin(req.headers.origin, port) &&
      tokenMatches(url.searchParams.get('token'), token);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const unsubscribe = terminal.events.subscribe((event) => ws.send(JSON.stringify(event)));
      ws.on('close', unsubscribe);
      // Events flow one way; anything the page sends here is ignored.
      ws.on('message', () => undefined);
    });
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      void terminal.close();
      rejectListen(
        error.code === 'EADDRINUSE'
          ? new BrowserHostError(
              'PORT_IN_USE',
              `Port ${options.port} is already in use: set PORT to another number, or leave it unset for a free port.`,
            )
          : error,
      );
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    terminal,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await terminal.close();
    },
  };
}

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { findAppRoot } from '../../app-info';
import { loadRendererAsset } from '../renderer-assets';
import { createTerminal, type Terminal, type TerminalOptions } from '../../terminal';
import { bearerToken, isAllowedHost, isAllowedOrigin, tokenMatches } from './guards';
import { decodeSegment, parseTarget, readBody, refuse, sendJson, TOO_LARGE } from './http';

export const API_PREFIX = '/api/';
export const EVENTS_PATH = '/api/events';

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

  const logError =
    options.logError ?? ((error: unknown, context: string) => console.error(`[${context}]`, error));

  const serveStatic = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return refuse(req, res, 405, 'FORBIDDEN', 'Only GET is served here.');
    const asset = await loadRendererAsset(rendererDir, req.url ?? '/', [
      `ws://127.0.0.1:${port}`,
      `ws://localhost:${port}`,
    ]);
    if (!asset.body) return refuse(req, res, 404, 'UNKNOWN_CHANNEL', 'Not found.');
    res.writeHead(asset.status, asset.headers);
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  };

  // Every check that needs no body comes first, so a caller without the token is answered before a
  // byte of what it sends is read.
  const serveApi = async (req: IncomingMessage, res: ServerResponse, rawChannel: string) => {
    if (req.method !== 'POST') return refuse(req, res, 405, 'FORBIDDEN', 'API calls are POST requests.');
    if (!isAllowedOrigin(req.headers.origin, port)) {
      return refuse(
        req,
        res,
        403,
        'FORBIDDEN',
        'Calls are accepted only from the terminal page this host serves.',
      );
    }
    if (!tokenMatches(bearerToken(req.headers.authorization), token)) {
      return refuse(
        req,
        res,
        401,
        'UNAUTHORIZED',
        'Open the terminal with the link the host printed when it started.',
      );
    }
    const channel = decodeSegment(rawChannel);
    if (!channel.ok) return refuse(req, res, 400, channel.reason, channel.message);
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(req, res, 415, 'INVALID_REQUEST', 'Send the request as application/json.');
    }
    const body = await readBody(req);
    if (body === null) return refuse(req, res, 413, 'INVALID_REQUEST', TOO_LARGE);
    let request: unknown;
    try {
      request = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return refuse(req, res, 400, 'INVALID_REQUEST', 'The request is not valid JSON.');
    }
    const result = await terminal.dispatch(channel.value, request);
    sendJson(res, !result.ok && result.reason === 'UNKNOWN_CHANNEL' ? 404 : 200, result);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!isAllowedHost(req.headers.host, port)) {
      return refuse(req, res, 403, 'FORBIDDEN', 'Use http://127.0.0.1 to reach the terminal.');
    }
    const target = parseTarget(req.url);
    if (!target.ok) return refuse(req, res, 400, target.reason, target.message);
    const { path } = target.value;
    return path.startsWith(API_PREFIX)
      ? serveApi(req, res, path.slice(API_PREFIX.length))
      : serveStatic(req, res);
  };

  const server = createServer((req, res) => {
    // `handle` is async, so even a synchronous throw inside it lands in this catch as a rejection.
    handle(req, res).catch((error: unknown) => {
      logError(error, 'browser host');
      if (!res.headersSent) refuse(req, res, 500, 'INTERNAL', 'The terminal could not answer. Try again.');
      else res.destroy();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  sockets.on('error', (error) => logError(error, 'browser host events'));
  const upgrade = (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const target = parseTarget(req.url);
    const allowed =
      target.ok &&
      target.value.path === EVENTS_PATH &&
      isAllowedHost(req.headers.host, port) &&
      isAllowedOrigin(req.headers.origin, port) &&
      tokenMatches(target.value.query.get('token'), token);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const unsubscribe = terminal.events.subscribe((event) => ws.send(JSON.stringify(event)));
      ws.on('close', unsubscribe);
      // A frame over maxPayload or a broken frame is an 'error' on the socket; unheard, it would end the process.
      ws.on('error', (error) => logError(error, 'browser host events'));
      // Events flow one way; anything the page sends here is ignored.
      ws.on('message', () => undefined);
    });
  };
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    // A peer that resets mid-handshake is routine, not a fault to log; unheard, it would end the process.
    socket.on('error', () => socket.destroy());
    try {
      upgrade(req, socket, head);
    } catch (error) {
      logError(error, 'browser host upgrade');
      socket.end('HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\n\r\n');
    }
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

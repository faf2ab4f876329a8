import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TransportReason } from '../../../shared/ipc/contract';
import { err, ok, type Result } from '../../../shared/result';

// Request plumbing for the browser host. Everything here answers with a typed result instead of
// throwing: the host serves any page the staff browser opens, so input it cannot read is a 400, never a crash.

export const MAX_BODY_BYTES = 1024 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown, close = false): void {
  if (res.headersSent || res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Length': Buffer.byteLength(payload),
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(payload);
}

/**
 * Answers without reading the body. A caller that is refused before its body is read may still be
 * sending it: the connection is closed once the answer is out so nothing more of it is taken in.
 */
export function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  reason: TransportReason,
  message: string,
): void {
  const unread = !req.complete;
  sendJson(res, status, err(reason, message), unread);
  if (unread) res.once('finish', () => req.socket.destroySoon());
}

export interface RequestTarget {
  /** Still percent-encoded, as it came: decoding is the caller's choice, through decodeSegment. */
  path: string;
  query: URLSearchParams;
}

/**
 * Splits a request target into path and query without `new URL`, which throws on targets such as
 * `//`. Only origin-form targets (starting with one `/`) are served.
 */
export function parseTarget(raw: string | undefined): Result<RequestTarget, 'INVALID_REQUEST'> {
  const target = raw ?? '/';
  if (!target.startsWith('/'))
    return err('INVALID_REQUEST', 'The address must be a path on this host, such as /api/….');
  const at = target.indexOf('?');
  const path = at === -1 ? target : target.slice(0, at);
  // URLSearchParams never throws: a malformed escape stays as typed, and the token check fails on it.
  return ok({ path, query: new URLSearchParams(at === -1 ? '' : target.slice(at + 1)) });
}

export function decodeSegment(segment: string): Result<string, 'INVALID_REQUEST'> {
  try {
    return ok(decodeURIComponent(segment));
  } catch {
    return err(
      'INVALID_REQUEST',
      'The address has a broken %-escape: use the terminal page, which builds its addresses itself.',
    );
  }
}

/**
 * Reads a body up to MAX_BODY_BYTES. A declared length past the limit is refused before any of it is
 * read; an undeclared one is read and discarded past the limit (so the client can read our 413
 * rather than a reset) until a hard ceiling, where the connection is dropped.
 */
export async function readBody(req: IncomingMessage): Promise<string | null> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return null;
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

export const TOO_LARGE = 'The request is larger than 1 MiB: send less at once.';

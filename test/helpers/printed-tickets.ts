import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { publicKeyOf, signTicket, ticketSigningKey } from '../../shared/node/tickets/secret';
import type { PrintedTicket } from '../../shared/tickets/layout';

// Tickets as a sale would print them, each with a real secret signed by a fresh Ed25519 device key, for
// the thermal and PDF ticket tests and the bench.

export function freshSigner() {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return ticketSigningKey(pem, publicKeyOf(pem));
}

/** `n` tickets of one order for Hamlet (19:30 in Berlin, 18:30 UTC), alternately discounted by a code. */
export function hamletTickets(n: number, signer = freshSigner()): PrintedTicket[] {
  return Array.from({ length: n }, (_, i) => {
    // A first id byte of 0x05 makes the secret's first character a space (base45 of 0x01 0x05), which
    // the printed QR code must keep.
    const ticketId = i === 0 ? `05${randomUUID().slice(2)}` : randomUUID();
    const discounted = i % 2 === 1;
    return {
      ticketId,
      eventName: 'Hamlet',
      startsAt: '2026-11-21T18:30:00.000Z',
      venue: { name: 'Demo Theatre', timezone: 'Europe/Berlin' },
      ticketTypeName: i === 2 ? 'Child' : 'Adult',
      priceBandName: 'Stalls',
      pricePaid: discounted ? 3600 : 4500,
      currency: 'EUR',
      codeName: discounted ? 'SUMMER20' : null,
      orderRef: '1042',
      secret: signTicket(
        {
          ticketId,
          performanceId: 'perf-hamlet-1',
          ticketTypeId: i === 2 ? 'child' : 'adult',
          issuedAt: '2026-11-20T10:00:00.000Z',
        },
        signer,
      ),
      duplicate: false,
    };
  });
}

/**
 * A black-and-white PNG as a data URL: `rows` of '1' (black) and '0', each pixel `scale` times. Small
 * enough to write here, so the logo tests need no image library.
 */
export function pngDataUrl(rows: readonly string[], scale = 1): string {
  const width = (rows[0]?.length ?? 0) * scale;
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(rows.length * scale, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  const raw = rows.flatMap((row) => {
    const pixels = Array.from(row, (px) => Array<number>(scale).fill(px === '1' ? 0 : 255));
    const line = Buffer.from([0, ...pixels.flat()]);
    return Array<Buffer>(scale).fill(line);
  });
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(raw))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** A 96 × 32 logo: a black frame around white. */
export const FRAME_LOGO = pngDataUrl(
  Array.from({ length: 8 }, (_, y) => (y === 0 || y === 7 ? '1'.repeat(24) : `1${'0'.repeat(22)}1`)),
  4,
);

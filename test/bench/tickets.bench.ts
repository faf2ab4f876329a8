import { createPublicKey, generateKeyPairSync, randomUUID, verify } from 'node:crypto';
import {
  keyIdOf,
  publicKeyOf,
  readTicketSecret,
  signTicket,
  ticketKeyring,
  ticketSigningKey,
} from '../../shared/node/tickets/secret';
import { checkScan, type DoorPerformance } from '../../shared/node/tickets/door-check';
import type { TicketRevocation } from '../../shared/sync/protocol';
import { doorsOpenAt } from '../../shared/tickets/checkins';
import { DEFAULT_TICKET_LAYOUT } from '../../shared/tickets/layout';
import {
  revocationOf,
  trustedTicketKeys,
  upsertRevocations,
  replaceTicketKeys,
} from '../../src-main/db/repos/ticket-trust-repo';
import { startTestTerminal } from '../helpers/terminal';
import { paperFor } from '../../src-main/services/printing/markup';
import { toEscPos } from '../../src-main/services/printing/render';
import { ticketsDocument } from '../../src-main/services/printing/ticket-documents';
import { hamletTickets } from '../helpers/printed-tickets';
import { percentile, sample, type BenchSuite, type Figure } from './harness';

// Tickets: how fast a door can trust a barcode. One Ed25519 verification is nearly all of it, so the
// suite times a bare node:crypto verify loop over the same signatures in the same run and prints the
// ratio: our overhead on top of what the CPU can do.

const SECRETS = 2000;
const ROUNDS = 5;

/** The best of ROUNDS passes over `items`, in items per second. */
function rate<T>(items: readonly T[], each: (item: T) => void): number {
  let best = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    for (const item of items) each(item);
    best = Math.max(best, items.length / ((performance.now() - started) / 1000));
  }
  return best;
}

export const ticketsSuite: BenchSuite = {
  name: 'tickets',
  async run(): Promise<Figure[]> {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const publicKey = publicKeyOf(pem);
    const signer = ticketSigningKey(pem, publicKey);
    const issuedAt = new Date().toISOString();
    const secrets = Array.from({ length: SECRETS }, () =>
      signTicket(
        { ticketId: randomUUID(), performanceId: randomUUID(), ticketTypeId: 'adult', issuedAt },
        signer,
      ),
    );
    const keyring = ticketKeyring([{ publicKey, revokedAt: null }]);
    const bare = secrets.map((s) => {
      const parsed = readTicketSecret(s);
      if (!parsed) throw new Error('a signed ticket did not read');
      return { payload: parsed.payload, signature: parsed.signature };
    });
    const ours = rate(secrets, (secret) => {
      const parsed = readTicketSecret(secret);
      if (!parsed || !keyring.check(parsed).ok) throw new Error('a signed ticket did not verify');
    });
    const trusted = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
    const baseline = rate(bare, (b) => {
      if (!verify(null, b.payload, trusted, b.signature)) throw new Error('bare verify failed');
    });
    // Ten tickets of one order, as the print path makes them: the document, then its ESC/POS bytes (a
    // raster QR code each) on 80 mm paper.
    const tickets = hamletTickets(10);
    const printTickets = await sample(
      () =>
        toEscPos(
          ticketsDocument(tickets, DEFAULT_TICKET_LAYOUT, { language: 'en', paperWidth: 80 }),
          paperFor(80).cpl,
        ),
      50,
    );
    const door = await doorCheck(secrets.slice(0, 1000), publicKey);
    return [
      {
        name: 'door.check_p99_ms',
        value: percentile(door, 99),
        unit: 'ms',
        target: { op: '<=', value: 20 },
        note: `one scan: read, key, ${REVOCATIONS.toLocaleString('en')} revocations in SQLite, performance, entry`,
      },
      {
        name: 'tickets.print_10_ms',
        value: percentile(printTickets, 50),
        unit: 'ms',
        note: 'p50: 10 tickets, markup to ESC/POS bytes, 80 mm',
      },
      {
        name: 'tickets.verify_per_s',
        value: Math.round(ours),
        unit: '/s',
        target: { op: '>=', value: 20_000 },
        note: 'read + key lookup + Ed25519 verify, one core',
      },
      {
        name: 'tickets.verify_bare_per_s',
        value: Math.round(baseline),
        unit: '/s',
        note: 'node:crypto verify alone on the same payloads, same run',
      },
      {
        name: 'tickets.verify_vs_bare',
        value: ours / baseline,
        unit: 'x',
        note: 'ours ÷ bare (1 = no overhead)',
      },
    ];
  },
};

const REVOCATIONS = 100_000;

/**
 * A door's check of one scan against a real terminal store holding REVOCATIONS revoked tickets and the
 * pulled keys, as Door mode reads them: keyring, revocation lookup, performance, the entry log (none yet).
 * The secrets are for one performance, issued now; every tenth is revoked, so both answers are timed.
 */
async function doorCheck(secrets: readonly string[], publicKey: string): Promise<number[]> {
  const pos = await startTestTerminal();
  try {
    const db = pos.terminal.db;
    replaceTicketKeys(db, [
      { keyId: keyIdOf(publicKey), publicKey, terminalId: randomUUID(), revokedAt: null },
    ]);
    const changedAt = new Date().toISOString();
    const revoked: TicketRevocation[] = Array.from({ length: REVOCATIONS }, () => ({
      ticketId: randomUUID(),
      status: 'void' as const,
      changedAt,
    }));
    secrets.forEach((secret, i) => {
      const id = readTicketSecret(secret)?.ticketId;
      if (id && i % 10 === 0) revoked[i] = { ticketId: id, status: 'void', changedAt };
    });
    for (let i = 0; i < revoked.length; i += 5000) upsertRevocations(db, revoked.slice(i, i + 5000));
    // The door admits every performance the secrets name (each was issued for its own).
    const startsAt = new Date(Date.now() + 3_600_000).toISOString();
    const performances = new Map<string, DoorPerformance>();
    for (const secret of secrets) {
      const tag = readTicketSecret(secret)?.performanceTag ?? '';
      performances.set(tag, { id: tag, tag, startsAt, opensAt: doorsOpenAt(startsAt) });
    }
    const keyring = ticketKeyring(trustedTicketKeys(db));
    let k = 0;
    return await sample(() => {
      const secret = secrets[k++ % secrets.length] as string;
      const outcome = checkScan(secret, {
        keyring,
        performances,
        revocation: (id) => revocationOf(db, id)?.status,
        entry: () => undefined,
        now: new Date(),
      });
      if (outcome.kind !== 'valid' && outcome.kind !== 'voided')
        throw new Error(`door check: ${outcome.kind}`);
    }, 2000);
  } finally {
    await pos.close();
  }
}

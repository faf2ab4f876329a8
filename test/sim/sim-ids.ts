// Deterministic ids for the simulation. The core and the server make UUIDv7 ids from the wall clock and
// crypto randomness; ids order rows (ORDER BY id) and name leases and requests, so a rerun with the same
// seed must produce the same ids. sim.test.ts swaps uuid's v7 for `nextId` with vi.mock; everything
// else that is random (device tokens, enrolment code text, scrypt salts) never decides an order.

let state = 1;
let counter = 0;
// A fixed base in 2026 keeps the timestamp field plausible; the counter keeps ids strictly ordered.
const BASE_MS = Date.parse('2026-01-01T00:00:00.000Z');

/** mulberry32: small, fast and good enough to fill the random bits of an id. */
function random32(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

let offset = 0;

/**
 * Starts the id sequence of one run. `run` moves the time field, so runs sharing one database never
 * collide; within a run the order of ids depends on the seed and the order of creation alone.
 */
export function resetIds(seed: number, run: number): void {
  state = seed | 0;
  counter = 0;
  offset = run * 10_000_000;
}

const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');

/** A valid UUIDv7 (version 7, RFC 4122 variant) whose time field counts up by one per id. */
export function nextId(): string {
  counter += 1;
  const ms = BASE_MS + offset + counter;
  const time = hex(ms, 12);
  const a = random32();
  const b = random32();
  const c = random32();
  const randA = hex(a & 0xfff, 3);
  const variant = hex(0x8000 | ((a >>> 12) & 0x3fff), 4);
  const tail = hex(b, 8) + hex(c & 0xffff, 4);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randA}-${variant}-${tail}`;
}

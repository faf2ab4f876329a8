import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

// uuid's v7 draws its 16 random bytes through Web Crypto for each id, most of what an id costs, and a
// checkout makes half a dozen. Here the bytes come from a pool that Node's CSPRNG fills 128 ids at a
// time. Handing v7 its bytes bypasses the monotonic sequence it keeps for ids made within the same
// millisecond, so that rule (uuid's updateV7State) is kept here: a random start each millisecond,
// plus one for each further id in it.

const POOL_BYTES = 16 * 128;
const pool = new Uint8Array(POOL_BYTES);
let used = POOL_BYTES;
const clock = { msecs: -Infinity, seq: 0 };

function randomBytes(): Uint8Array {
  if (used === POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = pool.subarray(used, used + 16);
  used += 16;
  return bytes;
}

/** Client-made ids are UUIDv7: unique without the server, and ordered by creation time. */
export function newId(): string {
  const random = randomBytes();
  const now = Date.now();
  if (now > clock.msecs) {
    clock.seq =
      (((random[6] as number) & 0x7f) << 24) |
      ((random[7] as number) << 16) |
      ((random[8] as number) << 8) |
      (random[9] as number);
    clock.msecs = now;
  } else {
    clock.seq = (clock.seq + 1) | 0;
    if (clock.seq === 0) clock.msecs++;
  }
  return v7({ random, msecs: clock.msecs, seq: clock.seq });
}

// Measures what one PIN guess costs: scrypt at the parameters of shared/auth/pin-policy.ts
// (SCRYPT_COST), one core, synchronous. docs/SECURITY.md quotes its output. The fastest of the rounds
// is reported: closest to an idle core, so the attacker's side of the sums is not flattered.
// Run: npx tsx scripts/measure-pin-kdf.ts [N ...]
import { randomBytes, scryptSync } from 'node:crypto';
import { SCRYPT_COST, SCRYPT_MAX_MEMORY } from '../shared/auth/pin-policy';

const costs = process.argv.slice(2).map(Number);
const salt = randomBytes(16);
const hours = (guesses: number, ms: number) => (guesses * ms) / 3_600_000;
for (const N of costs.length > 0 ? costs : [16384, SCRYPT_COST.N]) {
  const options = { N, r: SCRYPT_COST.r, p: SCRYPT_COST.p, maxmem: SCRYPT_MAX_MEMORY };
  scryptSync('000000', salt, 32, options); // warm-up
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 20; i++) {
    const started = process.hrtime.bigint();
    scryptSync(String(i).padStart(6, '0'), salt, 32, options);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  const mib = (128 * N * SCRYPT_COST.r) / 2 ** 20;
  console.log(
    `N=${N} r=${SCRYPT_COST.r} p=${SCRYPT_COST.p} (${mib} MiB): ${best.toFixed(1)} ms a guess; every PIN per core: ` +
      `4 digits ${hours(1e4, best).toFixed(2)} h, 6 digits ${hours(1e6, best).toFixed(0)} h, ` +
      `8 digits ${hours(1e8, best).toFixed(0)} h`,
  );
}

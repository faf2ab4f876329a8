// Measures what one PIN guess costs: scrypt at the parameters src-main/services/pin.ts and
// src-server/auth/secrets.ts use, one core, synchronous. docs/SECURITY.md quotes its output.
// Run: npx tsx scripts/measure-pin-kdf.ts [N ...]
import { randomBytes, scryptSync } from 'node:crypto';

const costs = process.argv.slice(2).map(Number);
const salt = randomBytes(16);
for (const N of costs.length > 0 ? costs : [16384, 32768, 65536, 131072]) {
  const options = { N, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };
  scryptSync('000000', salt, 32, options); // warm-up
  const rounds = 20;
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) scryptSync(String(i).padStart(6, '0'), salt, 32, options);
  const ms = Number(process.hrtime.bigint() - started) / 1e6 / rounds;
  const span = (digits: number) => ((10 ** digits * ms) / 1000 / 3600).toFixed(digits > 6 ? 0 : 1);
  console.log(
    `N=${N} r=8 p=1: ${ms.toFixed(1)} ms a guess, ${(128 * N * 8) / 2 ** 20} MiB; ` +
      `whole space per core: 4 digits ${span(4)} h, 6 digits ${span(6)} h, 8 digits ${span(8)} h`,
  );
}

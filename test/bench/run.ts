import { meets, round, type Figure } from './harness';
import { suites } from './suites';

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1]?.split(',') : undefined;

const figures: Figure[] = [];
for (const suite of suites) {
  if (only && !only.includes(suite.name)) continue;
  if (!json) console.error(`running ${suite.name} …`);
  figures.push(...(await suite.run()));
}

if (json) {
  process.stdout.write(
    JSON.stringify(Object.fromEntries(figures.map((f) => [f.name, round(f.value)]))) + '\n',
  );
} else {
  const rows = figures.map((f) => {
    const ok = meets(f);
    return [
      f.name,
      String(round(f.value)),
      f.unit,
      f.target ? `${f.target.op} ${f.target.value}` : '',
      ok === undefined ? '' : ok ? 'ok' : 'MISSED',
      f.note ?? '',
    ];
  });
  const header = ['figure', 'value', 'unit', 'target', 'status', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}

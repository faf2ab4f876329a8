// Type-checks every project separately: each folder's tsconfig decides which globals it may see,
// so a Node or DOM API used in shared/ fails here rather than at run time in the renderer or server.
import { spawnSync } from 'node:child_process';

const projects = ['shared', 'shared/node', 'src-main', 'src-renderer', 'src-server', 'test', '.'];
let failed = false;
for (const project of projects) {
  const started = Date.now();
  const result = spawnSync('npx', ['tsc', '-p', project, '--noEmit'], { stdio: 'inherit' });
  const status = result.status === 0 ? 'ok' : 'FAILED';
  console.log(`typecheck ${project.padEnd(13)} ${status} (${Date.now() - started} ms)`);
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);

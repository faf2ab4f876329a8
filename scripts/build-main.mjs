// Bundles the Electron main process and the sandboxed preload. Everything JavaScript goes into the
// bundle, better-sqlite3's wrapper included, so the packaged app needs no node_modules at all; its
// native addon is loaded by path (src-main/db/native-binding.ts) from the Electron build in native/.
import { build } from 'esbuild';

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['electron', '*.node'],
  logLevel: 'warning',
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['src-main/index.ts'],
    outfile: 'dist/electron/main.cjs',
    // The core locates itself with import.meta.url, which CommonJS lacks.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  build({ ...common, entryPoints: ['src-main/preload/index.ts'], outfile: 'dist/electron/preload.cjs' }),
]);
console.log('built dist/electron/main.cjs and dist/electron/preload.cjs');

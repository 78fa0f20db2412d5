// Builds the Node-side entry points (CLI, bench, engine workers) into dist/ with esbuild.
// Runs on `npm ci` (prepare) so that `npx packetloom` works right after install.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = {
  cli: 'electron/cli/main.ts',
  'bench/bench': 'bench/bench.ts',
  'bench/generate': 'bench/generate.ts',
  // A capture session's worker thread (electron/engine/engine.ts starts one per open capture).
  'engine-worker': 'electron/engine/worker.ts',
};
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, p]) => existsSync(p)));

await build({
  entryPoints,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// Builds the Node-side entry points (CLI, bench, engine workers) into dist/ with esbuild.
// Runs on `npm ci` (prepare) so that `npx packetloom` works right after install.
import { build } from 'esbuild';
import { copyFileSync, existsSync } from 'node:fs';

const entries = {
  cli: 'electron/cli/main.ts',
  // A thread of the CLI's sharded summary pass (electron/cli/sharded-summary.ts).
  'cli-shard-worker': 'electron/cli/shard-worker.ts',
  'bench/bench': 'bench/bench.ts',
  'bench/generate': 'bench/generate.ts',
  'bench/engine-bench': 'bench/engine-bench.ts',
  // Where the index pass spends time and what it allocates, per source line (bench/profile.ts).
  'bench/profile': 'bench/profile.ts',
  // Hashes of every output on a capture, to show that a speed change changed nothing (bench/fingerprint.ts).
  'bench/fingerprint': 'bench/fingerprint.ts',
  // A capture session's worker thread (electron/engine/engine.ts starts one per open capture).
  'engine-worker': 'electron/engine/worker.ts',
  // The capture helper: its own process (like dumpcap), the only code that loads `cap`.
  'capture-helper': 'electron/capture/helper.ts',
  // (j) of npm run bench: the live-capture rate on lo.
  'bench/live': 'bench/live.ts',
  // The desktop app's engine host (an Electron utilityProcess running createEngine()).
  'main/engine-host': 'electron/main/engine-host-entry.ts',
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

// The desktop app's main process and preload: CommonJS (a sandboxed preload cannot be an ES
// module), everything but `electron` bundled in (a sandboxed preload cannot require packages).
const desktop = Object.fromEntries(
  Object.entries({
    'main/main': 'electron/main/main.ts',
    'preload/preload': 'electron/preload/preload.ts',
    'main/engine-host': 'electron/main/engine-host-boot.ts',
  })
    .filter(([, p]) => existsSync(p)),
);
await build({
  entryPoints: desktop,
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
});

// The renderer (React UI, the same bundle for the desktop window and the browser mode): one
// browser ES module and its CSS in dist/renderer/, with index.html beside them. Locale files are
// bundled (esbuild's glob import in renderer/i18n/index.ts).
if (existsSync('renderer/main.tsx')) {
  await build({
    entryPoints: { app: 'renderer/main.tsx' },
    outdir: 'dist/renderer',
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'chrome120',
    jsx: 'automatic',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  copyFileSync('renderer/index.html', 'dist/renderer/index.html');
}
// The browser mode's server (`npm run serve`).
if (existsSync('electron/server/main.ts')) {
  await build({
    entryPoints: { server: 'electron/server/main.ts' },
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
}

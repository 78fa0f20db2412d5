/**
 * Builds dist/ (scripts/build.mjs) only when it is missing or older than the sources. `npm test`
 * has just built it, and other test files running at the same time spawn the built CLI, server
 * and workers: rewriting dist/ under them without need makes them load half-written files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** Newest modification time of the files under `dir` (0 when it does not exist). */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dist/ when one of its entry points is missing or older than the sources. */
export function buildIfStale(): void {
  const outputs = ['dist/server.js', 'dist/cli.js', 'dist/cli-shard-worker.js', 'dist/renderer/app.js', 'dist/renderer/index.html', 'dist/engine-worker.js'].map((p) => join(ROOT, p));
  const built = Math.min(...outputs.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)));
  const sources = Math.max(...['renderer', 'electron', 'dissectors'].map((d) => newest(join(ROOT, d))));
  if (built > sources) return;
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  if (!outputs.every((p) => existsSync(p))) throw new Error(`build did not produce ${outputs.filter((p) => !existsSync(p)).join(', ')}`);
}

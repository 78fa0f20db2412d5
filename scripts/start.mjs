// `npm start [-- file.pcap]`: builds and opens the desktop app (Electron on dist/main/main.cjs).
//
// Electron 45's npm package carries no binary: it is fetched on first start. This script looks
// for it, lets Electron's own installer fetch it when it is missing, and where that cannot
// happen (no network, as on a headless capture host) prints one line naming the browser mode
// instead of a stack trace, and exits with status 1.
//
// PACKETLOOM_ELECTRON_DIR points at another electron package folder (tests use it);
// PACKETLOOM_NO_BUILD=1 skips the build step.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(ROOT, 'dist', 'main', 'main.cjs');

export const MISSING_MESSAGE =
  "packetloom: Electron's binary is not installed and could not be downloaded, so the desktop app cannot open here; run the browser mode instead: npm run serve";

/** The Electron executable in an electron package folder, or null when it is not there. */
export function findElectronBinary(electronDir, env = process.env) {
  let relative = null;
  try {
    relative = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
  } catch {
    return null;
  }
  if (!relative) return null;
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
  const binary = join(dist, relative);
  return existsSync(binary) ? binary : null;
}

/** Finds the binary, letting Electron's installer fetch it first if needed (quietly: it fails loudly offline). */
export function ensureElectronBinary(electronDir, env = process.env) {
  const found = findElectronBinary(electronDir, env);
  if (found) return found;
  const installer = join(electronDir, 'install.js');
  if (!existsSync(installer)) return null;
  // Progress only on a terminal, erased afterwards: where the fetch fails, the one line below
  // is all the user sees.
  const progress = process.stderr.isTTY;
  if (progress) process.stderr.write("packetloom: fetching Electron's binary (first start)…");
  spawnSync(process.execPath, [installer], { cwd: electronDir, stdio: 'ignore', env, timeout: 10 * 60_000 });
  if (progress) process.stderr.write('\r\x1b[K');
  return findElectronBinary(electronDir, env);
}

/** Command-line files are relative to where the user typed `npm start` (npm runs us in the package root). */
export function appArguments(args, env = process.env) {
  const base = env.INIT_CWD || process.cwd();
  return args.map((a) => (a.startsWith('-') || isAbsolute(a) ? a : resolve(base, a)));
}

async function main() {
  const env = process.env;
  const electronDir = env.PACKETLOOM_ELECTRON_DIR
    ? resolve(env.PACKETLOOM_ELECTRON_DIR)
    : join(ROOT, 'node_modules', 'electron');
  const binary = ensureElectronBinary(electronDir, env);
  if (!binary) {
    process.stderr.write(`${MISSING_MESSAGE}\n`);
    return 1;
  }
  if (env.PACKETLOOM_NO_BUILD !== '1') {
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) return built.status ?? 1;
  }
  const childEnv = { ...env };
  delete childEnv.ELECTRON_RUN_AS_NODE; // would turn Electron into plain Node
  const child = spawn(binary, [MAIN, ...appArguments(process.argv.slice(2), env)], { stdio: 'inherit', env: childEnv });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((done) => {
    child.on('error', (err) => {
      process.stderr.write(`packetloom: Electron could not be started (${err.message}); run the browser mode instead: npm run serve\n`);
      done(1);
    });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}

/**
 * What the live-capture tests share: the capture helper built from source for this run, checks
 * that the environment can capture (root, libpcap, `cap` built) — failing, not skipping, where it
 * cannot — network namespaces with a veth pair that the test creates and always deletes, and
 * small programs run inside them.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { LivePacket } from '../../../electron/capture/client.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const execFileP = promisify(execFile);

/** Builds electron/capture/helper.ts into node_modules/.cache (so `cap` resolves from there). */
export async function buildHelper(): Promise<string> {
  const dir = join(ROOT, 'node_modules', '.cache', 'packetloom-capture-test');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `capture-helper-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: [join(ROOT, 'electron', 'capture', 'helper.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return out;
}

/**
 * Throws (the test fails) unless this process can capture: root, and `cap` built against
 * libpcap. CI runs as root with libpcap-dev installed by .ci/run, so a missing piece is a
 * broken environment, not a reason to skip.
 */
export function requireCaptureEnvironment(): void {
  if (process.platform !== 'linux') throw new Error('the live-capture tests need Linux (network namespaces, veth)');
  if (process.getuid?.() !== 0) throw new Error('the live-capture tests need root (capture privilege and network namespaces); CI runs them as root');
  if (!existsSync(join(ROOT, 'node_modules', 'cap', 'build', 'Release', 'cap.node'))) {
    throw new Error('the optional module "cap" is not built: apt-get install libpcap-dev && npm rebuild cap (CI installs libpcap-dev in .ci/run)');
  }
  for (const tool of ['ip', 'ping', 'tshark']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      throw new Error(`the live-capture tests need ${tool}`);
    }
  }
}

export function tmp(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `pl-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

let nsSeq = 0;

/** Two namespaces joined by a veth pair (eth0 in each): 10.<net>.0.1 (a) and 10.<net>.0.2 (b), IPv4 only. */
export interface NsPair {
  a: string;
  b: string;
  ipA: string;
  ipB: string;
  /** Runs a command in a namespace and waits for it (throws on failure). */
  exec(ns: string, cmd: string[], timeoutMs?: number): Promise<string>;
  /** Starts a long-running command in a namespace; cleanup() kills it. */
  start(ns: string, cmd: string[]): ChildProcess;
  cleanup(): void;
}

export function nsPair(net: number): NsPair {
  const tag = `pl${process.pid % 100000}x${++nsSeq}`;
  const a = `${tag}a`;
  const b = `${tag}b`;
  const children: ChildProcess[] = [];
  const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const pair: NsPair = {
    a,
    b,
    ipA: `10.${net}.0.1`,
    ipB: `10.${net}.0.2`,
    async exec(ns, cmd, timeoutMs = 20_000) {
      const r = await execFileP('ip', ['netns', 'exec', ns, ...cmd], { timeout: timeoutMs, maxBuffer: 16 << 20 });
      return r.stdout;
    },
    start(ns, cmd) {
      const c = spawn('ip', ['netns', 'exec', ns, ...cmd], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(c);
      return c;
    },
    cleanup() {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      for (const ns of [a, b]) {
        try {
          ip('netns', 'del', ns);
        } catch {
          // not created, or already gone
        }
      }
    },
  };
  try {
    ip('netns', 'add', a);
    ip('netns', 'add', b);
    ip('-n', a, 'link', 'set', 'lo', 'up');
    ip('-n', b, 'link', 'set', 'lo', 'up');
    ip('-n', a, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', b);
    for (const [ns, addr, mac] of [[a, pair.ipA, '02:00:00:98:00:01'], [b, pair.ipB, '02:00:00:98:00:02']] as const) {
      // IPv4 only, so that no IPv6 router/neighbour discovery adds packets the tests did not make.
      execFileSync('ip', ['netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv6.conf.eth0.disable_ipv6=1', 'net.ipv6.conf.all.disable_ipv6=1']);
      ip('-n', ns, 'link', 'set', 'eth0', 'address', mac);
      ip('-n', ns, 'addr', 'add', `${addr}/24`, 'dev', 'eth0');
      ip('-n', ns, 'link', 'set', 'eth0', 'up');
      try {
        // Offloads off: the capture then holds the segments a real wire would carry.
        execFileSync('ip', ['netns', 'exec', ns, 'ethtool', '-K', 'eth0', 'tx', 'off', 'tso', 'off', 'gso', 'off', 'gro', 'off'], { stdio: 'ignore' });
      } catch {
        // ethtool missing: the kernel's segments stay as they are, which the tests accept too.
      }
    }
    // Static neighbours: no ARP in the captures.
    ip('-n', a, 'neigh', 'add', pair.ipB, 'lladdr', '02:00:00:98:00:02', 'dev', 'eth0', 'nud', 'permanent');
    ip('-n', b, 'neigh', 'add', pair.ipA, 'lladdr', '02:00:00:98:00:01', 'dev', 'eth0', 'nud', 'permanent');
  } catch (e) {
    pair.cleanup();
    throw e;
  }
  return pair;
}

/** Writes a small Node program for a namespace to run; returns its path. */
export function program(dir: string, name: string, source: string): string {
  const p = join(dir, name);
  writeFileSync(p, source);
  return p;
}

/** Waits until `child` prints `marker` on stdout (bounded by timeoutMs; rejects if it exits first). */
export function waitFor(child: ChildProcess, marker: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolveP, reject) => {
    let out = '';
    let err = '';
    const t = setTimeout(() => reject(new Error(`no "${marker}" within ${timeoutMs} ms: ${out} ${err}`)), timeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(marker)) {
        clearTimeout(t);
        resolveP();
      }
    });
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`exited (${code}) before "${marker}": ${out} ${err}`));
    });
  });
}

/**
 * `tshark -r file -T fields -e …` lines (stderr's root warning ignored). A live capture differs
 * from run to run: its answer is not recorded (test/tshark-oracle).
 */
export async function tsharkFields(file: string, fields: string[], filter?: string): Promise<string[]> {
  const args = ['-n', '-r', file, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])];
  if (filter) args.push('-Y', filter);
  const r = await execFileP('tshark', args, { maxBuffer: 256 << 20, env: { ...process.env, PACKETLOOM_TSHARK_RECORD: '0' } });
  return r.stdout.split('\n').filter((l) => l !== '');
}

/** The packets of a live capture as batches come (`onPackets`), and `until(pred)`: resolves once `pred` holds for them. */
export function collector() {
  const packets: LivePacket[] = [];
  const waiters: { pred: (p: LivePacket[]) => boolean; resolve: () => void }[] = [];
  return {
    packets,
    onPackets(b: { packets: LivePacket[] }) {
      packets.push(...b.packets);
      for (const w of waiters.splice(0)) {
        if (w.pred(packets)) w.resolve();
        else waiters.push(w);
      }
    },
    until(pred: (p: LivePacket[]) => boolean): Promise<void> {
      if (pred(packets)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  };
}

/**
 * `node dist/bench/fingerprint.js [FILE]`: a SHA-256 of everything Packetloom prints about a capture
 * (default bench-data/bench-200k.pcap) — summary lines, `--states`, `-T fields` with the stream,
 * analysis, state, HTTP and DNS fields, `-z conv,tcp -z expert -z io,phs`, a display filter, `-T json`
 * of the first 3,000 packets, a followed stream — and of the engine's rows, conversations, TCP
 * connection views, filter and expert info.
 *
 * For speed work, where the output must not change: run it before and after a change and compare
 * the two lists (`diff`). The corpus tests check against tshark file by file; this covers the
 * generated 200k-packet capture, whose long streams and many connections the corpus does not have.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { ApiResult, SessionStatus } from '../electron/api/contract.js';
import { createEngine } from '../electron/engine/engine.js';

const FIELDS = ['frame.number', 'tcp.stream', 'tcp.seq', 'tcp.ack', 'tcp.len', 'tcp.analysis.flags', 'tcp.state.client', 'tcp.state.server', 'http.request.uri', 'http.response_in', 'dns.qry.name', 'dns.response_in', 'udp.stream', 'frame.protocols'];

const RUNS: [string, string[]][] = [
  ['summary', []],
  ['states', ['--states']],
  ['fields', ['-T', 'fields', ...FIELDS.flatMap((f) => ['-e', f])]],
  ['stats', ['-q', '-z', 'conv,tcp', '-z', 'expert', '-z', 'io,phs']],
  ['filter', ['-Y', 'http.request || tcp.analysis.flags || dns.flags.response == 1', '-T', 'fields', '-e', 'frame.number']],
  ['json', ['-c', '3000', '-T', 'json']],
  ['follow', ['-q', '-z', 'follow,tcp,ascii,7']],
];

/** SHA-256 and size of the CLI's stdout for `-r path args`. */
function cli(path: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    let bytes = 0;
    const p = spawn(process.execPath, ['bin/packetloom.js', '-r', path, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    p.stdout.on('data', (b: Buffer) => {
      h.update(b);
      bytes += b.length;
    });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(`${h.digest('hex').slice(0, 16)} ${bytes} bytes`) : reject(new Error(`packetloom ${args.join(' ')} exited ${code}`))));
  });
}

function value<T>(r: ApiResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Hashes of what the engine serves for the capture (inline session: the same code as the worker). */
async function engineHashes(path: string): Promise<[string, string][]> {
  const e = createEngine({ mode: 'inline' });
  await e.ready();
  let done!: () => void;
  const indexed = new Promise<void>((r) => (done = r));
  e.on('status', (s: SessionStatus) => {
    if (s.state !== 'indexing') done();
  });
  const { id } = value(await e.call('openFile', { path }));
  await indexed;
  const out: [string, string][] = [];
  const hash = (name: string, v: unknown) => out.push([`engine ${name}`, createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 16)]);
  const status = value(await e.call('status', { session: id }));
  const step = Math.max(1, Math.floor(status.packets / 25));
  const rows = [];
  for (let start = 0; start < status.packets; start += step) rows.push(value(await e.call('rows', { session: id, start, count: 400 })).rows);
  hash('rows', rows);
  for (const kind of ['eth', 'ipv4', 'ipv6', 'tcp', 'udp'] as const) hash(`conversations ${kind}`, value(await e.call('conversations', { session: id, kind })));
  const conns = [];
  for (const stream of [0, 5, 77, 1000, 4000]) {
    const r = await e.call('connection', { session: id, stream });
    conns.push(r.ok ? r.value : r.error.message);
  }
  hash('connections', conns);
  hash('filter', value(await e.call('setFilter', { session: id, filter: 'tcp.port == 80 && tcp.len > 0' })));
  value(await e.call('setFilter', { session: id, filter: '' }));
  hash('expert', value(await e.call('expert', { session: id })));
  await e.shutdown();
  return out;
}

async function main(): Promise<number> {
  const path = process.argv[2] ?? 'bench-data/bench-200k.pcap';
  if (!existsSync(path)) {
    console.error(`fingerprint: ${path} not found (npm run bench -- --packets 200000 --only walk writes it)`);
    return 1;
  }
  for (const [name, args] of RUNS) console.log(`cli ${name.padEnd(8)} ${await cli(path, args)}`);
  for (const [name, h] of await engineHashes(path)) console.log(`${name.padEnd(24)} ${h}`);
  return 0;
}

process.exitCode = await main();

/**
 * `-t a|ad|adoy|d|dd|e|r|u|ud|udoy` and `-u s|hms` (electron/cli/time-column.ts): the summary
 * lines and `_ws.col.Time` equal tshark's, byte for byte, on crafted captures (µs and ns: times
 * a minute, an hour, a day and a year apart, a packet earlier than the one before, the epoch
 * itself) and on corpus captures; the local-time formats in three time zones (one with summer
 * time). Also: a bad value is one line and exit 2, and the threaded summary lines take the format.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PcapWriter } from '../../../dissectors/capture/pcap-writer.js';
import { runCli } from './run-cli.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CORPUS = join(ROOT, 'fixtures', 'corpus');
const dir = mkdtempSync(join(tmpdir(), 'packetloom-time-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// An ARP request (the same frame each time: only the times matter here).
const FRAME = Uint8Array.from(Buffer.from('ffffffffffff0200000000010806000108000604000102000000000a0000010000000000000a000002', 'hex'));

/** A pcap of FRAME at `times` (seconds, nanoseconds), µs or ns resolution. */
function crafted(name: string, times: [number, number][], nsec: boolean): string {
  const w = new PcapWriter({ linkType: 1, precision: nsec ? 'nsec' : 'usec' });
  const parts = [w.header(), ...times.map(([s, ns]) => w.packet({ tsSec: s, tsNsec: ns, data: FRAME, origLen: FRAME.length }))];
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

const BASE = 1361916156;
const TIMES: [number, number][] = [
  [BASE, 44429000], [BASE, 544429000], [BASE + 59, 999999000], [BASE + 61, 294429000], [BASE + 3599, 544429000],
  [BASE + 3725, 44430000], [BASE + 90061, 794429000], [BASE + 90061, 794429000], [BASE + 86400 * 400, 144429000], [BASE + 10, 44429000],
];
/** The crafted captures get every format, local times in every zone, -u hms with every interval format. */
const CRAFTED = [
  crafted('times-us.pcap', TIMES, false),
  crafted('times-ns.pcap', TIMES.map(([s, ns]) => [s, ns + 123] as [number, number]), true),
];
/** The others: every format in UTC (the epoch itself), or a few (corpus captures: ns, pcapng with interfaces). */
const EPOCH = crafted('epoch.pcap', [[0, 0], [1, 500000000], [3601, 250000000]], false);
const CORPUS_FILES = ['tcpdump-tcp-handshake-nano.pcap', 'pcpp-http-packets2.pcap', 'zeek-pcapng-multi-interface.pcapng'].map((f) => join(CORPUS, f));
const FILES = [...CRAFTED, EPOCH, ...CORPUS_FILES];

const LOCAL = ['a', 'ad', 'adoy'];
const OTHER = ['d', 'dd', 'e', 'r', 'u', 'ud', 'udoy'];
const INTERVALS = ['r', 'd', 'dd'];
const ZONES = ['UTC', 'America/New_York', 'Asia/Shanghai'];

/** [file, -t, -u, TZ] to compare. */
function cases(): [string, string, string, string][] {
  const out: [string, string, string, string][] = [];
  for (const f of CRAFTED) {
    for (const t of LOCAL) for (const tz of ZONES) out.push([f, t, 's', tz]);
    for (const t of OTHER) out.push([f, t, 's', 'UTC']);
    for (const t of INTERVALS) out.push([f, t, 'hms', 'UTC']);
  }
  for (const t of [...LOCAL, ...OTHER]) out.push([EPOCH, t, 's', 'UTC']);
  for (const f of CORPUS_FILES) for (const [t, u] of [['ad', 's'], ['d', 's'], ['e', 's'], ['udoy', 's'], ['r', 'hms'], ['dd', 'hms']]) out.push([f, t!, u!, 'Asia/Shanghai']);
  return out;
}

function tshark(args: string[], tz: string): string {
  const r = spawnSync('tshark', ['-n', ...args], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, TZ: tz } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

/** Our CLI in this process with TZ set (Node reads process.env.TZ again when it changes). */
async function ours(args: string[], tz: string): Promise<string> {
  process.env.TZ = tz;
  const r = await runCli(['-n', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe('-t and -u: the Time column as tshark writes it', () => {
  it('summary lines, every format and both second formats, local times in three zones', async () => {
    const all = cases();
    for (const [f, t, u, tz] of all) {
      const args = ['-r', f, '-t', t, '-u', u];
      expect(await ours(args, tz), `${f} -t ${t} -u ${u} TZ=${tz}`).toBe(tshark(args, tz));
    }
    expect(all.length).toBe(CRAFTED.length * (LOCAL.length * ZONES.length + OTHER.length + INTERVALS.length) + LOCAL.length + OTHER.length + CORPUS_FILES.length * 6);
  }, 120_000);

  it('_ws.col.Time in -T fields, and dd after a display filter', async () => {
    const http = join(CORPUS, 'pcpp-http-packets2.pcap');
    for (const t of ['ad', 'dd', 'e', 'udoy']) {
      const args = ['-r', http, '-t', t, '-u', 'hms', '-Y', 'tcp.len > 0', '-T', 'fields', '-e', 'frame.number', '-e', '_ws.col.Time'];
      expect(await ours(args, 'Asia/Shanghai'), t).toBe(tshark(args, 'Asia/Shanghai'));
    }
    const args = ['-r', http, '-t', 'dd', '-Y', 'http'];
    expect(await ours(args, 'UTC')).toBe(tshark(args, 'UTC'));
  }, 60_000);

  it('a bad -t or -u value: one line naming the values, exit 2', async () => {
    for (const [flag, v, words] of [['-t', 'x', '"ad" for absolute with YYYY-MM-DD date'], ['-u', 'm', '"hms" for hours, minutes and seconds']] as const) {
      const r = await runCli(['-r', FILES[0]!, flag, v]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(words);
    }
  });

  it('the threaded summary lines take the format too', async () => {
    const f = join(CORPUS, 'pcpp-http-packets2.pcap');
    const bin = join(ROOT, 'bin', 'packetloom.js');
    const threaded = spawnSync(process.execPath, [bin, '-n', '-r', f, '-t', 'ud', '-u', 'hms'], { encoding: 'utf8', env: { ...process.env, PACKETLOOM_THREADS: '2', TZ: 'UTC' } });
    expect(threaded.status).toBe(0);
    expect(threaded.stdout).toBe(tshark(['-r', f, '-t', 'ud', '-u', 'hms'], 'UTC'));
  });
});

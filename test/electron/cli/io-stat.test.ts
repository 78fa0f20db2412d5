/**
 * `-z io,stat` (dissectors/stats/io-stat.ts, electron/cli/io-stat-text.ts): the table equals
 * tshark 4.0's character for character — every calculation (FRAMES, BYTES, FRAMES BYTES, COUNT,
 * SUM, MIN, MAX, AVG, LOAD) on integer and relative-time fields, empty and filtered columns, a
 * filter with commas, intervals from 10 ms to the whole capture ("1.00,…" keeps its decimals), on
 * corpus captures, our own, and crafted ones (a capture 400 days long, times going back, the
 * epoch; its Duration line overflowing the table as tshark's does).
 *
 * Deliberate differences, each tested here:
 * - a field is read whether or not the column's filter names it: tshark 4.0 fills only the
 *   fields a filter refers to, so `MAX(tcp.window_size)tcp` is 0 there (Wireshark's I/O graph
 *   gives the real maximum, as we do); the tests name the field in the filter, as tshark's
 *   manual does;
 * - with -t a|ad|adoy|u|ud|udoy the interval column is the time of day with its decimals, its
 *   rows as wide as its header (tshark 4.0 drops the decimals, misaligns the rows and, with -t u,
 *   the "Time" label);
 * - more than 1,000,000 intervals (a year-long capture at 1 s) is one line saying so, where
 *   tshark prints them all (holding every row in memory; 13 GB for the crafted capture at 0.25 s);
 * - a column whose filter holds commas (`tcp.port in {80,443}`) is read as one filter, as
 *   Wireshark does since 4.2 (tshark 4.0 splits it and refuses the pieces);
 * - "io,stat,1.00" with nothing after it has six decimals (tshark 4.0 reads past the argument
 *   looking for a comma: six decimals, or a crash).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PcapWriter } from '../../../dissectors/capture/pcap-writer.js';
import { runCli } from './run-cli.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = (n: string) => join(ROOT, 'fixtures', 'corpus', n);
const own = (n: string) => join(ROOT, 'fixtures', 'own', n);
const dir = mkdtempSync(join(tmpdir(), 'packetloom-iostat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FRAME = Uint8Array.from(Buffer.from('ffffffffffff0200000000010806000108000604000102000000000a0000010000000000000a000002', 'hex'));
function crafted(name: string, times: [number, number][]): string {
  const w = new PcapWriter({ linkType: 1, precision: 'usec' });
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat([w.header(), ...times.map(([s, ns]) => w.packet({ tsSec: s, tsNsec: ns, data: FRAME, origLen: FRAME.length }))]));
  return path;
}
const B = 1361916156;
const LONG = crafted('long.pcap', [[B, 44429000], [B + 59, 999999000], [B + 3725, 44430000], [B + 86400 * 400, 144429000], [B + 10, 44429000]]);
const EPOCH = crafted('epoch.pcap', [[0, 0], [1, 500000000], [3601, 250000000]]);

function tshark(args: string[], tz = 'UTC'): string {
  const r = spawnSync('tshark', ['-n', '-q', ...args], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, TZ: tz } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

async function ours(args: string[]): Promise<string> {
  const r = await runCli(['-q', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

/** Captures under a minute long (every interval), and longer ones (intervals of a second or more: fewer rows). */
const SHORT = [corpus('pcpp-http-packets2.pcap'), corpus('arkime-wireshark-retrans.pcap'), own('tcp-analysis.pcap'), own('http-loss.pcap')];
const LONGER = [corpus('pcpp-DnsPackets.pcap'), corpus('zeek-pcapng-multi-interface.pcapng'), EPOCH];
const SPECS = [
  'io,stat,1',
  'io,stat,0',
  'io,stat,3,FRAMES,BYTES,FRAMES BYTES,ip.src==172.16.133.132',
  'io,stat,1.00,tcp',
  'io,stat,60,COUNT(dns.qry.name)dns.qry.name,AVG(dns.time)dns.time,LOAD(dns.time)dns.time,SUM(udp.length)udp.length',
  'io,stat,2,SUM(http.time)http.time,LOAD(http.time)http.time,MIN(http.time)http.time',
  'io,stat,5,tcp.port == 80 || tcp.port == 443,udp.port == 53',
];
const FINE = [
  'io,stat,0.25,udp,,tcp.len>0',
  'io,stat,0.1,MIN(tcp.window_size)tcp.window_size,MAX(ip.ttl)ip.ttl,AVG(frame.len)frame.len',
  'io,stat,0.01,MAX(tcp.analysis.ack_rtt)tcp.analysis.ack_rtt,COUNT(tcp.analysis.flags)tcp.analysis.flags,AVG(tcp.analysis.ack_rtt)tcp.analysis.ack_rtt',
];

describe('-z io,stat, against tshark', () => {
  it('every calculation and column kind, on corpus captures and our own', async () => {
    for (const f of [...SHORT, ...LONGER]) {
      for (const z of SHORT.includes(f) ? [...SPECS, ...FINE] : SPECS) {
        const args = ['-r', f, '-z', z];
        expect(await ours(args), `${f} ${z}`).toBe(tshark(args));
      }
    }
  }, 180_000);

  it('a capture 400 days long, with time going back: long intervals, and the Duration line as tshark overflows it', async () => {
    for (const z of ['io,stat,86400', 'io,stat,0', 'io,stat,3000000.00,tcp', 'io,stat,7000000.5,FRAMES,,tcp.len>0', 'io,stat,100000,MAX(frame.len)frame.len']) {
      const args = ['-r', LONG, '-z', z];
      expect(await ours(args), z).toBe(tshark(args));
    }
  }, 60_000);

  it('a filter with commas is one column (tshark 4.0 refuses it; later versions read it so)', async () => {
    const f = corpus('pcpp-http-packets2.pcap');
    const withCommas = await ours(['-r', f, '-z', 'io,stat,5,tcp.port in {80,443},udp']);
    const without = await ours(['-r', f, '-z', 'io,stat,5,tcp.port in {80 443},udp']);
    expect(withCommas.replace('{80,443}', '{80 443}')).toBe(without);
  });

  it('more than a million intervals: one line saying so, not a table of 34 million rows', async () => {
    const out = await ours(['-r', LONG, '-z', 'io,stat,1']);
    expect(out).toBe('\nio,stat: the capture lasts 34560000.100000 s: at an interval of 1.000000 s that is 34,560,001 rows, more than the 1,000,000 a table may have; give a longer interval\n');
  });

  it('reads a field the column filter does not name (tshark 4.0 gives 0 there)', async () => {
    const f = corpus('pcpp-http-packets2.pcap');
    const named = await ours(['-r', f, '-z', 'io,stat,0,MAX(tcp.window_size)tcp.window_size']);
    const unnamed = await ours(['-r', f, '-z', 'io,stat,0,MAX(tcp.window_size)tcp']);
    // The row's first column: "|  0.0 <> 31.5 | 66608 |".
    const value = (s: string) => /<> [\d.]+ \|\s+(\d+) \|/.exec(s.split('\n').find((l) => l.includes('<>'))!)![1];
    expect(Number(value(named))).toBeGreaterThan(0);
    expect(value(unnamed)).toBe(value(named));
  });

  it('-t a, ad, adoy, u, ud, udoy: the interval as a time of day, the table aligned', async () => {
    const f = corpus('pcpp-http-packets2.pcap');
    const rows: Record<string, RegExp> = {
      a: /^\| 22:02:36\.0 +\|/, ad: /^\| 2013-02-26 22:02:36\.0 +\|/, adoy: /^\| 2013\/057 22:02:36\.0 +\|/,
      u: /^\| 22:02:36\.0Z +\|/, ud: /^\| 2013-02-26 22:02:36\.0Z +\|/, udoy: /^\| 2013\/057 22:02:36\.0Z +\|/,
    };
    process.env.TZ = 'UTC';
    for (const [t, first] of Object.entries(rows)) {
      const out = await ours(['-r', f, '-t', t, '-z', 'io,stat,0.5,tcp']);
      const lines = out.split('\n').filter((l) => l.startsWith('|') || l.startsWith('='));
      expect(new Set(lines.map((l) => l.length)).size, t).toBe(1);
      expect(lines.find((l) => l.includes('|     64 |')), t).toMatch(first);
      expect(out).toContain(t.endsWith('d') || t.endsWith('doy') ? '| Date and time' : '| Time    ');
    }
  });

  it('bad arguments: one line, exit 2', async () => {
    const f = corpus('pcpp-http-packets2.pcap');
    const cases: [string[], string][] = [
      [['-z', 'io,stat'], 'invalid "-z io,stat,<interval>[,<filter>][,<filter>]..." argument'],
      [['-z', 'io,stat,1,'], 'invalid "-z io,stat,<interval>'],
      [['-z', 'io,stat,x'], 'invalid "-z io,stat,<interval>'],
      [['-z', 'io,stat,-1'], 'interval must be >=0.000001 seconds'],
      [['-z', 'io,stat,1,SUM(no.such.field)'], "There is no field named 'no.such.field'"],
      [['-z', 'io,stat,1,LOAD(frame.len)frame.len'], 'LOAD() is only supported for relative-time fields'],
      [['-z', 'io,stat,1,SUM(ip.src)ip.src'], "ip.src doesn't have integral values, so SUM(*) calculations are not supported on it."],
      [['-z', 'io,stat,1,COUNT(tcp'], 'Closing parenthesis missing'],
      [['-z', 'io,stat,1,FRAMES(tcp.len)'], 'FRAMES does not require or allow a field name'],
      [['-z', 'io,stat,1,AVG()tcp'], "You didn't specify a field name for AVG(*)."],
      [['-z', 'io,stat,1,tcp.port ==== 80'], "isn't a valid display filter"],
      [['-t', 'd', '-z', 'io,stat,1'], 'io,stat only supports -t <r|a|ad|adoy|u|ud|udoy>'],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['-q', '-r', f, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toContain(message);
    }
  });
});

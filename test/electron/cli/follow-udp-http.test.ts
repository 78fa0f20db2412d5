/**
 * `-z follow,udp|http,MODE,FILTER[,RANGE]` (dissectors/output/tvb-follow.ts) and the two modes
 * TCP's follow gained with them, `ebcdic` and `yaml` (dissectors/output/follow-text.ts), against
 * tshark 4.0 byte for byte: every UDP stream of every corpus capture and capture of our own in all
 * five modes, the `ip:port,ip:port` form, a chunk range and a stream that does not exist, in one
 * run per capture (tshark prints the last -z first, as we do); every TCP stream as HTTP (headers,
 * then bodies de-chunked and decompressed) and in `ebcdic` and `yaml` (gaps included: a frame
 * number and no time). Also the argument checks.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseStat } from '../../../electron/cli/args.js';
import { firstDiff } from '../../helpers/first-diff.js';
import { runCli } from './run-cli.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const OWN = fileURLToPath(new URL('../../../fixtures/own/', import.meta.url));
const captures = (dir: string) => readdirSync(dir).filter((n) => /\.pcap(ng)?$/.test(n)).sort().map((n) => join(dir, n));
const FILES = [...captures(CORPUS), ...captures(OWN)];
const MODES = ['ascii', 'ebcdic', 'hex', 'raw', 'yaml'];

/** Captures whose yaml differs from tshark's for a reason outside follow (checked to still differ). */
const YAML_KNOWN: Record<string, string> = {
  'gopacket-pcapng-le-test102.pcapng': 'tshark counts the file\'s pcapng custom blocks as frames: its frame numbers run ahead',
  'gopacket-pcapng-le-test202.pcapng': 'tshark counts the file\'s pcapng custom blocks as frames: its frame numbers run ahead',
};

function tshark(args: string[]): string {
  const r = spawnSync('tshark', ['-n', ...args], { encoding: 'latin1', maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  return r.stdout;
}

/** The stream numbers tshark gives a field (`udp.stream`, `tcp.stream`) in a capture. */
function streamsOf(path: string, field: string): number[] {
  const s = new Set<number>();
  for (const line of tshark(['-r', path, '-T', 'fields', '-e', field]).split('\n')) {
    for (const v of line.split(',')) if (v.trim() !== '') s.add(Number(v));
  }
  return [...s].sort((a, b) => a - b);
}

/** The endpoints of a stream's first packet, as the follow filter's `ip:port,ip:port`. */
function endpointsOf(path: string, proto: 'udp' | 'tcp', stream: number): string | null {
  const out = tshark(['-r', path, '-Y', `${proto}.stream eq ${stream} && !icmp && !icmpv6`, '-c', '1', '-T', 'fields', '-e', 'ip.src', '-e', 'ipv6.src', '-e', `${proto}.srcport`, '-e', 'ip.dst', '-e', 'ipv6.dst', '-e', `${proto}.dstport`]);
  const f = out.split('\n')[0]?.split('\t');
  if (!f || f.length < 6 || !f[2]) return null;
  const host = (v4: string, v6: string) => (v4 ? v4.split(',')[0]! : `[${v6.split(',')[0]}]`);
  return `${host(f[0]!, f[1]!)}:${f[2]},${host(f[3]!, f[4]!)}:${f[5]}`;
}

async function compare(path: string, zs: string[]): Promise<string> {
  const args = ['-r', path, '-q', ...zs.flatMap((z) => ['-z', z])];
  const r = await runCli(['-n', ...args]);
  // A damaged capture says where it stopped (as tshark does) after printing what it read.
  expect(r.stderr).not.toMatch(/internal error/);
  return firstDiff(tshark(args), r.stdout);
}

describe('-z follow,udp against tshark on every UDP stream', () => {
  it('prints every stream in every mode, by endpoints, by range, and a missing stream, as tshark', async () => {
    let streams = 0;
    let nonEmpty = 0;
    const bad: string[] = [];
    const stillDiffer: string[] = [];
    for (const path of FILES) {
      const list = streamsOf(path, 'udp.stream');
      if (!list.length) continue;
      const known = YAML_KNOWN[path.slice(path.lastIndexOf('/') + 1)];
      const modes = known ? MODES.filter((m) => m !== 'yaml') : MODES;
      const zs = list.flatMap((s) => modes.map((m) => `follow,udp,${m},${s}`));
      zs.push(`follow,udp,ascii,${list[list.length - 1]! + 1}`, `follow,udp,yaml,${list[list.length - 1]! + 1}`);
      zs.push(`follow,udp,hex,${list[0]},2-3`);
      const ends = endpointsOf(path, 'udp', list[0]!);
      if (ends) zs.push(`follow,udp,ascii,${ends}`, ...(known ? [] : [`follow,udp,yaml,${ends}`]));
      const d = await compare(path, zs);
      if (d) bad.push(`${path}: ${d}`);
      if (known && !(await compare(path, list.map((s) => `follow,udp,yaml,${s}`)))) stillDiffer.push(path);
      streams += list.length;
      if (!/Node 0: :0/.test((await runCli(['-n', '-r', path, '-q', '-z', `follow,udp,raw,${list[0]}`])).stdout)) nonEmpty++;
    }
    expect(bad).toEqual([]);
    expect(stillDiffer, 'listed as known differences but now equal: take them off the list').toEqual([]);
    // The corpus has hundreds of UDP streams (DNS mostly); most files' first stream has payload.
    expect(streams).toBeGreaterThan(250);
    expect(nonEmpty).toBeGreaterThan(20);
  }, 600_000);
});

/** Captures whose HTTP follow differs from tshark's for a reason outside follow (checked to still differ). */
/**
 * Files whose Follow HTTP Stream differs from tshark's on purpose (none now: a payload on an HTTP
 * port that is not HTTP is tapped as Wireshark 4.0 taps it, http.ts tapRefused).
 */
const HTTP_KNOWN: Record<string, string> = {};

describe('-z follow,http against tshark on every TCP stream', () => {
  it('prints each message\'s headers and its body, de-chunked and decompressed, as tshark', async () => {
    let streams = 0;
    let withHttp = 0;
    const bad: string[] = [];
    const stillDiffer: string[] = [];
    for (const path of FILES) {
      const list = streamsOf(path, 'tcp.stream');
      if (!list.length) continue;
      const zs = list.flatMap((s) => [`follow,http,ascii,${s}`, `follow,http,raw,${s}`, `follow,http,yaml,${s}`]);
      const ends = endpointsOf(path, 'tcp', list[0]!);
      if (ends) zs.push(`follow,http,hex,${ends}`);
      const d = await compare(path, zs);
      if (HTTP_KNOWN[path.slice(path.lastIndexOf('/') + 1)]) {
        if (!d) stillDiffer.push(path);
      } else if (d) bad.push(`${path}: ${d}`);
      streams += list.length;
      const first = await runCli(['-n', '-r', path, '-q', ...list.slice(0, 20).flatMap((s) => ['-z', `follow,http,raw,${s}`])]);
      if (!/^Node 0: :0$/m.test(first.stdout) || /^[0-9a-f]+$/m.test(first.stdout)) withHttp++;
    }
    expect(bad).toEqual([]);
    expect(stillDiffer, 'listed as known differences but now equal: take them off the list').toEqual([]);
    expect(streams).toBeGreaterThan(200);
    expect(withHttp).toBeGreaterThan(15);
  }, 600_000);

  it('with -2 (the two-pass analysis) prints what tshark -2 prints, for TCP, UDP and HTTP', async () => {
    const bad: string[] = [];
    for (const name of ['zeek-http-pipelined-requests.pcap', 'pcpp-http-packets2.pcap', 'pcpp-sll.pcap', 'scapy-http_chunk.pcap', 'arkime-dns-wiresharkrepo.pcap']) {
      const path = join(CORPUS, name);
      const zs = [...new Set([...streamsOf(path, 'tcp.stream'), ...streamsOf(path, 'udp.stream')])].slice(0, 6)
        .flatMap((s) => ['-z', `follow,http,yaml,${s}`, '-z', `follow,udp,raw,${s}`, '-z', `follow,tcp,hex,${s}`]);
      const args = ['-2', '-r', path, '-q', ...zs];
      const d = firstDiff(tshark(args), (await runCli(['-n', ...args])).stdout);
      if (d) bad.push(`${name}: ${d}`);
    }
    expect(bad).toEqual([]);
  }, 120_000);

  it('shows a gzip body decompressed and a chunked one de-chunked', async () => {
    const gz = await runCli(['-n', '-r', join(CORPUS, 'zeek-http-pipelined-requests.pcap'), '-q', '-z', 'follow,http,ascii,0']);
    const tcp = await runCli(['-n', '-r', join(CORPUS, 'zeek-http-pipelined-requests.pcap'), '-q', '-z', 'follow,tcp,ascii,0']);
    expect(gz.stdout).toMatch(/Content-Encoding: gzip/i);
    // The TCP stream carries the compressed bytes; HTTP's follow shows the text they inflate to.
    expect(gz.stdout.length).toBeGreaterThan(tcp.stdout.length);
    const chunked = await runCli(['-n', '-r', join(CORPUS, 'scapy-http_chunk.pcap'), '-q', '-z', 'follow,http,ascii,0']);
    expect(chunked.stdout).toMatch(/^\t33653$/m);
  });
});

describe('-z follow,tcp in the ebcdic and yaml modes against tshark', () => {
  it('prints every TCP stream of every capture as tshark', async () => {
    let streams = 0;
    const bad: string[] = [];
    for (const path of FILES) {
      const list = streamsOf(path, 'tcp.stream');
      if (!list.length) continue;
      const zs = list.flatMap((s) => [`follow,tcp,ebcdic,${s}`, `follow,tcp,yaml,${s}`]);
      zs.push(`follow,tcp,yaml,${list[0]},2-4`);
      const d = await compare(path, zs);
      if (d) bad.push(`${path}: ${d}`);
      streams += list.length;
    }
    expect(bad).toEqual([]);
    expect(streams).toBeGreaterThan(200);
  }, 600_000);

  it('shows a gap in yaml as tshark stores it: the frame that revealed it, no time, the message and a NUL', async () => {
    const r = await runCli(['-n', '-r', join(CORPUS, 'zeek-tcp-reassembly.pcap'), '-q', '-z', 'follow,tcp,yaml,0']);
    const gap = /- packet: (\d+)\n {4}peer: 0\n {4}timestamp: 0\.000000000\n {4}data: !!binary \|\n {6}(\S+)\n/.exec(r.stdout);
    expect(gap).not.toBeNull();
    expect(Buffer.from(gap![2]!, 'base64').toString('latin1')).toBe('[8 bytes missing in capture file]\0');
  });
});

describe('-z follow,udp arguments', () => {
  it('takes udp and the five modes, and checks the range as tshark', () => {
    expect(parseStat('follow,udp,yaml,3')).toMatchObject({ proto: 'udp', mode: 'yaml', filter: { stream: 3 } });
    expect(parseStat('follow,tcp,ebcdic,0')).toMatchObject({ proto: 'tcp', mode: 'ebcdic' });
    expect(parseStat('follow,udp,raw,10.0.0.1:53,10.0.0.2:4242,2-5')).toMatchObject({ proto: 'udp', chunkMin: 2, chunkMax: 5 });
    expect(parseStat('follow,udp,ascii,0,3-2')).toBe('follow - Invalid range value.');
    expect(parseStat('follow,udp,ascii,0,0')).toBe('follow - Invalid range value.');
    expect(parseStat('follow,udp,utf-8,0')).toBe('follow - Invalid display mode.');
    expect(parseStat('follow,http,hex,2')).toMatchObject({ proto: 'http', mode: 'hex', filter: { stream: 2 } });
    expect(parseStat('follow,sctp,ascii,0')).toMatch(/^follow - protocol "sctp" is not supported yet/);
  });

  it('exits with the usage status on a bad range, and prints nothing', async () => {
    const r = await runCli(['-r', join(CORPUS, 'arkime-dns-wiresharkrepo.pcap'), '-q', '-z', 'follow,udp,ascii,0,3-2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/follow - Invalid range value\./);
    expect(r.stdout).toBe('');
  });
});

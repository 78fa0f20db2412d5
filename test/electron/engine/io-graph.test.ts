// Statistics › I/O Graphs (electron/engine/io-graph.ts): per interval, the packets, bytes and first
// packet each display filter matches, equal to what tshark says: its frames for the same filter
// (`-Y`), with their frame.time_relative and frame.len, counted into the same intervals here.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTshark } from '../../helpers/corpus-net.js';
import type { IoGraphResult } from '../../../electron/api/contract.js';
import { engines, indexed, ok, openIndexed } from '../../helpers/engine-calls.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FILTERS = ['', 'tcp', 'udp', 'tcp.analysis.flags', 'http.request || dns.flags.response == 1', 'tcp.len > 0 && frame.len > 100'];
const CASES: [string, number][] = [
  ['fixtures/own/tcp-analysis.pcap', 0.01],
  ['fixtures/own/tcp-analysis.pcap', 1],
  ['fixtures/own/handshake-http.pcapng', 0.001],
  ['fixtures/corpus/zeek-tcp-reassembly.pcap', 0.1],
  ['fixtures/corpus/pcpp-DnsPackets.pcap', 0.5],
  ['fixtures/corpus/pcpp-nanosecs_big_endian.pcap', 0.0001],
];

/** tshark's frames for `filter`: number, nanoseconds since the first packet, frame.len. */
function tsharkFrames(file: string, filter: string): [number, bigint, number][] {
  const args = ['-n', '-r', file, ...(filter ? ['-Y', filter] : []), '-T', 'fields', '-e', 'frame.number', '-e', 'frame.time_relative', '-e', 'frame.len'];
  return runTshark(args).split('\n').filter((l) => l !== '').map((l) => {
    const [no, t, len] = l.split('\t');
    const [s, frac = ''] = t!.split('.');
    return [Number(no), BigInt(s!) * 1_000_000_000n + BigInt(frac.padEnd(9, '0').slice(0, 9)) * (s!.startsWith('-') ? -1n : 1n), Number(len)];
  });
}

/** tshark's frames counted into intervals of `interval` seconds, as the graph should count them. */
function expected(file: string, filter: string, interval: number, buckets: number): IoGraphResult['graphs'][number] {
  const step = BigInt(Math.round(interval * 1e9));
  const g = { filter, packets: new Array<number>(buckets).fill(0), bytes: new Array<number>(buckets).fill(0), first: new Array<number>(buckets).fill(0) };
  for (const [no, ns, len] of tsharkFrames(file, filter)) {
    const b = ns < 0n ? 0 : Number(ns / step);
    g.packets[b]!++;
    g.bytes[b]! += len;
    if (g.first[b] === 0) g.first[b] = no;
  }
  return g;
}

const frames = (file: string, filter: string) => tsharkFrames(file, filter).length;

describe('I/O graph: packets, bytes and first packet per interval, as tshark counts them', () => {
  for (const [rel, interval] of CASES) {
    it(`${rel}, ${interval} s`, async () => {
      const file = join(ROOT, rel);
      const host = (await openIndexed(file))!;
      const r = (await host.call('ioGraph', { interval, graphs: FILTERS.map((filter) => ({ filter })) })) as IoGraphResult;
      const all = tsharkFrames(file, '');
      expect(r.packets).toBe(all.length);
      const lastNs = all.reduce((m, f) => (f[1] > m ? f[1] : m), 0n);
      expect(r.buckets).toBe(Number(lastNs / BigInt(Math.round(interval * 1e9))) + 1);
      for (let k = 0; k < FILTERS.length; k++) expect(r.graphs[k], `filter "${FILTERS[k]}"`).toEqual(expected(file, FILTERS[k]!, interval, r.buckets));
      // The graphs are not all empty (the check compares something).
      expect(r.graphs[0]!.packets.reduce((a, b) => a + b, 0)).toBe(all.length);
      await host.call('close', {});
    });
  }

  const engine = engines();
  it('refuses a bad filter, a bad interval, too many intervals, and bad params, with clear errors', async () => {
    const e = engine();
    const { id } = await ok(e.call('openFile', { path: join(ROOT, 'fixtures/own/tcp-analysis.pcap') }));
    await indexed(e, id);
    const bad = async (p: unknown) => {
      const r = await e.call('ioGraph', p as never);
      expect(r.ok).toBe(false);
      return r.ok ? '' : `${r.error.code}: ${r.error.message}`;
    };
    expect(await bad({ session: id, interval: 1, graphs: [{ filter: 'tcp.port ==' }] })).toMatch(/^filter: ioGraph: "tcp.port ==": /);
    expect(await bad({ session: id, interval: 0, graphs: [{ filter: '' }] })).toMatch(/^bad-request: .*interval/);
    expect(await bad({ session: id, interval: 1, graphs: [] })).toMatch(/^bad-request: .*graphs/);
    expect(await bad({ session: id, interval: 1, graphs: Array.from({ length: 9 }, () => ({ filter: '' })) })).toMatch(/^bad-request: .*graphs/);
    expect(await bad({ session: id, interval: 0.0001, graphs: [{ filter: '' }], extra: 1 })).toMatch(/^bad-request/);
    // 4.9 s at 0.1 ms: 49,255 intervals, within bounds; 14.4 s at 0.1 ms is too many.
    const fine = await ok(e.call('ioGraph', { session: id, interval: 0.0001, graphs: [{ filter: '' }] }));
    expect(fine.buckets).toBe(49255);
    const long = (await ok(e.call('openFile', { path: join(ROOT, 'fixtures/corpus/zeek-tcp-reassembly.pcap') }))).id;
    await indexed(e, long);
    expect(await bad({ session: long, interval: 0.0001, graphs: [{ filter: '' }] })).toBe(
      "bad-request: ioGraph: an interval of 0.0001 s makes 143,700 intervals of this capture's 14.370 s; at most 100,000: choose a longer interval",
    );
    expect((await ok(e.call('ioGraph', { session: long, interval: 0.001, graphs: [{ filter: '' }] }))).buckets).toBe(14370);
  });

  it('counts in slices: other calls are answered meanwhile, and a newer call replaces an older one', async () => {
    const host = (await openIndexed(join(ROOT, 'fixtures/own/tcp-analysis.pcap')))!;
    // Every packet dissected again (a filter the index cannot answer), slice after slice.
    const sliced = host.session as unknown as { matches: (...a: unknown[]) => boolean };
    const real = sliced.matches.bind(sliced);
    let calls = 0;
    sliced.matches = (...a: unknown[]) => {
      calls++;
      const until = performance.now() + 0.2; // 0.2 ms a packet: some 70 ms for this capture, several slices
      while (performance.now() < until);
      return real(...a);
    };
    const spec = { interval: 0.1, graphs: [{ filter: 'tcp.analysis.flags' }] };
    const first = host.call('ioGraph', spec) as Promise<IoGraphResult>;
    const order: string[] = [];
    const status = Promise.resolve(host.call('status', {})).then(() => order.push('status'));
    const second = (host.call('ioGraph', spec) as Promise<IoGraphResult>).then((r) => (order.push('second'), r));
    await expect(first).rejects.toThrow('ioGraph: replaced by a newer ioGraph call');
    const r = await second;
    await status;
    expect(order).toEqual(['status', 'second']);
    expect(r.graphs[0]!.packets.reduce((a, b) => a + b, 0)).toBe(frames(join(ROOT, 'fixtures/own/tcp-analysis.pcap'), 'tcp.analysis.flags'));
    expect(calls).toBeGreaterThan(349);
    await host.call('close', {});
  });
});

// The connection view's per-packet numbers that the stream graphs draw (renderer/features/
// stream-graph): relative seq/ack, length, the calculated window, SACK edges, the ACK's RTT and the
// bytes in flight, for every packet of every TCP stream of captures with loss, equal to tshark's
// fields for the same frames.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTshark } from '../../helpers/corpus-net.js';
import type { ConnectionView } from '../../../electron/api/contract.js';
import { openIndexed } from '../../helpers/engine-calls.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FILES = ['fixtures/own/tcp-analysis.pcap', 'fixtures/own/http-loss.pcap', 'fixtures/corpus/arkime-wireshark-retrans.pcap', 'fixtures/corpus/zeek-tcp-reassembly.pcap'];
const FIELDS = ['frame.number', 'tcp.stream', 'tcp.seq', 'tcp.ack', 'tcp.len', 'tcp.window_size', 'tcp.options.sack_le', 'tcp.options.sack_re', 'tcp.analysis.ack_rtt', 'tcp.analysis.bytes_in_flight', 'tcp.flags.ack'];

function tshark(file: string): string[][] {
  const args = ['-n', '-r', file, '-Y', 'tcp', '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=,', ...FIELDS.flatMap((f) => ['-e', f])];
  return runTshark(args).split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

/** A connection packet as the tshark line it should equal. */
function asLine(stream: number, p: ConnectionView['packets'][number]): string[] {
  const sack = p.sack ?? [];
  return [
    String(p.no),
    String(stream),
    String(p.seq),
    p.flags.includes('ACK') ? String(p.ack) : '0',
    String(p.len),
    String(p.win),
    sack.filter((_, k) => k % 2 === 0).join(','),
    sack.filter((_, k) => k % 2 === 1).join(','),
    p.ackRtt === undefined ? '' : p.ackRtt.toFixed(9),
    p.inFlight === undefined ? '' : String(p.inFlight),
  ];
}

describe('connection view: the stream graphs’ numbers equal tshark’s fields', () => {
  for (const rel of FILES) {
    it(rel, async () => {
      const file = join(ROOT, rel);
      const host = (await openIndexed(file))!;
      const want = tshark(file).map((l) => l.slice(0, 10));
      const streams = new Set(want.map((l) => Number(l[1])));
      const got: string[][] = [];
      for (const s of streams) {
        const v = (await host.call('connection', { stream: s })) as ConnectionView;
        for (const p of v.packets) got.push(asLine(s, p));
      }
      got.sort((a, b) => Number(a[0]) - Number(b[0]));
      expect(got.length).toBe(want.length);
      for (let i = 0; i < want.length; i++) expect(got[i], `frame ${want[i]![0]}`).toEqual(want[i]);
      await host.call('close', {});
    });
  }

  it('the captures with loss carry SACK blocks, RTTs and bytes in flight', async () => {
    const host = (await openIndexed(join(ROOT, 'fixtures/own/tcp-analysis.pcap')))!;
    const v = (await host.call('connection', { stream: 0 })) as ConnectionView;
    expect(v.packets.some((p) => (p.sack?.length ?? 0) >= 2)).toBe(true);
    expect(v.packets.some((p) => p.ackRtt !== undefined && p.ackRtt > 0)).toBe(true);
    expect(v.packets.some((p) => (p.inFlight ?? 0) > 1000)).toBe(true);
    await host.call('close', {});
  });
});

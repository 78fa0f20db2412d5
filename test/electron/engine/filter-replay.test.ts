/**
 * Batch replays of desegmented streams (electron/engine/filter-replay.ts) give what the one-by-one
 * replays of Session.details give: a filter's verdicts, and the packet details asked in file order
 * (the CLI's second pass), over every capture of the corpus and our own — with the usual batch
 * sizes and with tiny ones (many batches, the oldest dropped while its streams go on) — and over a
 * crafted capture where a port is reused (two streams with the same addresses and ports, which a
 * batch keeps apart).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PcapWriter } from '../../../dissectors/capture/pcap-writer.js';
import type { SessionHost } from '../../../electron/engine/host.js';
import { openIndexed, selectedBothWays } from '../../helpers/engine-calls.js';
import { replayLimits } from '../../../electron/engine/filter-replay.js';
import { treeView } from '../../../electron/engine/tree-view.js';
import { ALL_FILES, TREE_FILTERS } from '../../helpers/tree-filters.js';
import { tcpFrame, tcpFrameWith, type TcpSeg } from '../../helpers/tcp-frames.js';

/** Filters whose trees depend on what a batch must keep apart, or on the order of the view. */
const EXTRA_FILTERS = [
  'tcp.analysis.reused_ports', 'tcp.stream >= 1 && http', 'frame.time_delta_displayed > 0.0001 && http', 'tcp.time_relative > 0 && tcp.len > 0',
  '_ws.expert.message contains "SYN"', 'http.request_in || http.next_request_in', 'tcp.stream in {0 2} && tcp.segments',
];

const open = openIndexed;

/** The packets each filter selects, with the batch replay on and off. */
function bothWays(host: SessionHost, filters: readonly string[]): { batch: number[]; oneByOne: number[]; filter: string }[] {
  const s = host.session;
  s.useFastFilter = false;
  const out: { batch: number[]; oneByOne: number[]; filter: string }[] = [];
  for (const filter of filters) {
    const [batch, oneByOne] = selectedBothWays(s, filter, (on) => (s.useFilterReplay = on));
    out.push({ filter, batch, oneByOne });
  }
  return out;
}

/** Runs `fn` with batches of `batchFrames` segments, at most `liveBatches` going at once. */
async function withLimits<T>(batchFrames: number, liveBatches: number, fn: () => Promise<T>): Promise<T> {
  const saved = { ...replayLimits };
  Object.assign(replayLimits, { batchFrames, liveBatches });
  try {
    return await fn();
  } finally {
    Object.assign(replayLimits, saved);
  }
}

describe('a filter replays desegmented streams in batches as one by one', () => {
  let exercised = 0;
  for (const path of ALL_FILES) {
    it(path.replace(/.*\/fixtures\//, ''), async () => {
      const host = await open(path);
      if (!host) return;
      for (const r of bothWays(host, [...TREE_FILTERS, ...EXTRA_FILTERS])) expect(r.batch, `${path}: ${r.filter}`).toEqual(r.oneByOne);
      if (host.session.batchVerdicts > 0) exercised++;
      host.call('close', {});
    });
  }
  it('answered packets of many captures in batches', () => {
    // Not a vacuous comparison: the captures with HTTP or DNS over several segments went through it.
    expect(exercised).toBeGreaterThanOrEqual(10);
  });
});

describe('tiny batches select the same', () => {
  for (const path of ALL_FILES) {
    it(path.replace(/.*\/fixtures\//, ''), async () => {
      await withLimits(12, 2, async () => {
        const host = await open(path);
        if (!host) return;
        for (const r of bothWays(host, [...TREE_FILTERS.slice(0, 20), ...EXTRA_FILTERS])) expect(r.batch, `${path}: ${r.filter}`).toEqual(r.oneByOne);
        host.call('close', {});
      });
    });
  }
});

/** Every packet's details (tree, Protocol and Info), asked in file order. */
function allDetails(host: SessionHost, inOrder: boolean): string[] {
  const s = host.session;
  if (inOrder) s.detailsInOrder();
  const out: string[] = [];
  for (let no = 1; no <= s.count; no++) {
    // The tree of this call (asking again would not come from the batch: it has moved on).
    const pi = s.details(no - 1);
    out.push(`${pi.protocol}|${pi.info}|${JSON.stringify(treeView(pi.tree))}`);
  }
  return out;
}

describe('packet details asked in file order come from batches as one by one', () => {
  for (const path of ALL_FILES) {
    it(path.replace(/.*\/fixtures\//, ''), async () => {
      for (const [batchFrames, liveBatches] of [[8192, 16], [12, 2]] as const) {
        await withLimits(batchFrames, liveBatches, async () => {
          const a = await open(path);
          if (!a) return;
          const b = (await open(path))!;
          const batched = allDetails(a, true);
          const oneByOne = allDetails(b, false);
          for (let k = 0; k < batched.length; k++) expect(batched[k], `${path} packet ${k + 1} (batches of ${batchFrames})`).toBe(oneByOne[k]);
          a.call('close', {});
          b.call('close', {});
        });
      }
    });
  }
});

/**
 * Two HTTP connections on the same addresses and ports, one after the other (the second SYN
 * reuses the port), each request in two segments, and one on another port between them.
 */
function reusedPortCapture(): Uint8Array {
  const w = new PcapWriter({ linkType: 1 });
  const parts: Uint8Array[] = [w.header()];
  let t = 1000;
  const seg = (s: Omit<TcpSeg, 't'>, payload?: string) => {
    t += 0.01;
    const seg: TcpSeg = { ...s, t };
    const data = payload === undefined ? tcpFrame(seg) : tcpFrameWith(seg, new TextEncoder().encode(payload));
    parts.push(w.packet({ tsSec: Math.floor(t), tsNsec: Math.round((t % 1) * 1e6) * 1000, origLen: data.length, data }));
  };
  const conn = (sport: number, isn: number) => {
    const c = { src: '10.0.0.1', dst: '10.0.0.2', sport, dport: 80 };
    const sv = { src: '10.0.0.2', dst: '10.0.0.1', sport: 80, dport: sport };
    const req1 = 'GET /a HTTP/1.1\r\nHo';
    const req2 = 'st: example.test\r\n\r\n';
    const resp = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
    seg({ ...c, seq: isn, flags: 'S', mss: 1460 });
    seg({ ...sv, seq: 5000, ack: isn + 1, flags: 'SA', mss: 1460 });
    seg({ ...c, seq: isn + 1, ack: 5001, flags: 'A' });
    seg({ ...c, seq: isn + 1, ack: 5001, flags: 'PA' }, req1);
    seg({ ...c, seq: isn + 1 + req1.length, ack: 5001, flags: 'PA' }, req2);
    const end = isn + 1 + req1.length + req2.length;
    seg({ ...sv, seq: 5001, ack: end, flags: 'PA' }, resp);
    seg({ ...c, seq: end, ack: 5001 + resp.length, flags: 'FA' });
    seg({ ...sv, seq: 5001 + resp.length, ack: end + 1, flags: 'FA' });
    seg({ ...c, seq: end + 1, ack: 5002 + resp.length, flags: 'A' });
  };
  conn(40000, 100);
  conn(40001, 7000);
  conn(40000, 90000);
  return Buffer.concat(parts);
}

describe('a batch keeps streams with the same addresses and ports apart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'packetloom-filter-replay-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('selects what one-by-one replays select when a port is reused', async () => {
    const path = join(dir, 'reused-port.pcap');
    writeFileSync(path, reusedPortCapture());
    const host = (await open(path))!;
    const s = host.session;
    // Three streams, each with a request reassembled from two segments.
    expect(s.tcpStreamCount).toBe(3);
    for (const st of [0, 1, 2]) expect(s.desegStreams.has(st)).toBe(true);
    const results = bothWays(host, ['tcp.analysis.reused_ports', 'http.request', 'tcp.reassembled_in', 'tcp.stream == 2 && http', 'tcp.connection.syn']);
    for (const r of results) expect(r.batch, r.filter).toEqual(r.oneByOne);
    expect(results.find((r) => r.filter === 'http.request')!.batch).toEqual([5, 14, 23]);
    expect(s.batchVerdicts).toBeGreaterThan(0);
    host.call('close', {});
  });
});

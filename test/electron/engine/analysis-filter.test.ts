/**
 * Filters on Wireshark's TCP analysis items (`tcp.analysis.flags`, `tcp.analysis.retransmission`,
 * …: the I/O graph's second line and the "Bad TCP" colouring rule) are answered from the index's
 * analysis column, without dissecting a packet again, and select what full dissection selects on
 * every capture of the corpus and our own, and on a crafted one with what those lack (a zero
 * window probed, a port reused). Together they hold every item at least once (a filter that
 * matches nothing anywhere would prove nothing).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ANALYSIS_FIELD_FLAGS } from '../../../dissectors/tcp/tracker.js';
import { openIndexed, selectedBothWays } from '../../helpers/engine-calls.js';
import { ALL_FILES } from '../../helpers/tree-filters.js';
import { pcapOf, segFrames, type TcpSeg } from '../../helpers/tcp-frames.js';
import { haveTshark, tsharkFields } from '../../helpers/corpus-net.js';

/** A connection whose server's window closes and is probed, then the same ports used again. */
function crafted(): Uint8Array {
  const c = { src: '10.0.0.1', dst: '10.0.0.2', sport: 40000, dport: 80 };
  const s = { src: '10.0.0.2', dst: '10.0.0.1', sport: 80, dport: 40000 };
  let t = 0;
  const seg = (x: Omit<TcpSeg, 't'>): TcpSeg => ({ ...x, t: (t += 0.01) });
  const segs: TcpSeg[] = [
    seg({ ...c, seq: 100, flags: 'S', win: 64240, mss: 1460 }),
    seg({ ...s, seq: 5000, ack: 101, flags: 'SA', win: 2000, mss: 1460 }),
    seg({ ...c, seq: 101, ack: 5001, flags: 'A', win: 64240 }),
    seg({ ...c, seq: 101, ack: 5001, flags: 'PA', win: 64240, len: 1000 }),
    seg({ ...c, seq: 1101, ack: 5001, flags: 'PA', win: 64240, len: 1000 }),
    seg({ ...s, seq: 5001, ack: 2101, flags: 'A', win: 0 }),
    seg({ ...c, seq: 2101, ack: 5001, flags: 'A', win: 64240, len: 1 }),
    seg({ ...s, seq: 5001, ack: 2101, flags: 'A', win: 0 }),
    seg({ ...c, seq: 2101, ack: 5001, flags: 'A', win: 64240, len: 1 }),
    seg({ ...s, seq: 5001, ack: 2101, flags: 'A', win: 0 }),
    seg({ ...s, seq: 5001, ack: 2101, flags: 'A', win: 2000 }),
    seg({ ...c, seq: 2101, ack: 5001, flags: 'FA', win: 64240 }),
    seg({ ...s, seq: 5001, ack: 2102, flags: 'FA', win: 2000 }),
    seg({ ...c, seq: 2102, ack: 5002, flags: 'A', win: 64240 }),
    seg({ ...c, seq: 900000, flags: 'S', win: 64240, mss: 1460 }),
    seg({ ...s, seq: 70000, ack: 900001, flags: 'SA', win: 2000, mss: 1460 }),
    seg({ ...c, seq: 900001, ack: 70001, flags: 'A', win: 64240 }),
  ];
  return pcapOf(segFrames(segs));
}

const ITEMS = Object.keys(ANALYSIS_FIELD_FLAGS);
const FILTERS = [
  ...ITEMS,
  'tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack',
  '!tcp.analysis.flags && tcp', 'tcp.analysis.retransmission && tcp.len > 0', 'tcp.analysis.duplicate_ack || tcp.analysis.lost_segment',
];

describe('TCP analysis filters from the index', () => {
  const dir = mkdtempSync(join(tmpdir(), 'packetloom-analysis-filter-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const craftedPath = join(dir, 'zero-window-reused-port.pcap');
  writeFileSync(craftedPath, crafted());
  const total = new Map<string, number>(FILTERS.map((f) => [f, 0]));
  for (const path of [...ALL_FILES, craftedPath]) {
    it(path.replace(/.*\/(fixtures|packetloom-analysis-filter-[^/]*)\//, ''), async () => {
      const host = await openIndexed(path);
      if (!host) return;
      const s = host.session;
      for (const f of FILTERS) {
        s.useFastFilter = true;
        s.setFilter(f);
        expect(s.filterIsFast, f).toBe(true);
        const [fast, dissected] = selectedBothWays(s, f, (on) => (s.useFastFilter = on));
        expect(fast, `${path}: ${f}`).toEqual(dissected);
        total.set(f, total.get(f)! + fast.length);
      }
      host.call('close', {});
    });
  }

  it.runIf(haveTshark())('the crafted capture: the packets of each item are tshark\'s', async () => {
    const rows = tsharkFields(craftedPath, ['frame.number', ...ITEMS]);
    const host = (await openIndexed(craftedPath))!;
    ITEMS.forEach((item, k) => {
      host.session.setFilter(item);
      const want = rows.filter((r) => r[k + 1] !== '').map((r) => Number(r[0]));
      expect(Array.from(host.session.viewPackets(), (i) => i + 1), item).toEqual(want);
    });
    host.call('close', {});
  });

  it('every item occurs in the captures above', () => {
    for (const [f, n] of total) expect(n, f).toBeGreaterThan(0);
  });
});

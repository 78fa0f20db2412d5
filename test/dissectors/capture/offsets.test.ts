/**
 * File offsets past 4 GiB: synthetic pcap and pcapng streams of 65,600 records of 64 KiB each
 * (~4.3 GB), pushed as subarrays of ONE reused buffer (nothing near 4 GiB is in memory). The
 * chunk size (1 MiB + 3) is not a multiple of the record size, so records also straddle chunks
 * (and get copied) on both sides of the 4 GiB mark.
 */

import { describe, expect, it } from 'vitest';
import { PcapReader } from '../../../dissectors/capture/pcap-reader.js';
import { PcapngReader } from '../../../dissectors/capture/pcapng-reader.js';
import { PcapWriter } from '../../../dissectors/capture/pcap-writer.js';
import { PcapngWriter } from '../../../dissectors/capture/pcapng-writer.js';
import type { CaptureReader, PacketRecord } from '../../../dissectors/capture/types.js';

const N = 65600;
const CAP = 65536;
const CHUNK = 1024 * 1024 + 3;
const FOUR_GIB = 2 ** 32;

interface Stream {
  header: Uint8Array;
  record: Uint8Array;
  /** Offset of the packet data inside a record. */
  dataAt: number;
}

/**
 * Feeds header + N copies of `record` in CHUNK-sized pieces cut from one periodic buffer, and
 * checks each record as it comes (numbers, offsets, a data marker) without keeping any.
 */
function run(reader: CaptureReader, s: Stream): { last: PacketRecord[]; count: number } {
  const period = s.record.length;
  // period-aligned pattern long enough to cut any CHUNK window from it
  const reps = Math.ceil((CHUNK + period) / period) + 1;
  const pattern = new Uint8Array(period * reps);
  for (let i = 0; i < reps; i++) pattern.set(s.record, i * period);
  const total = s.header.length + N * period;
  reader.push(s.header);
  const last: PacketRecord[] = [];
  let count = 0;
  let bad = 0;
  const take = () => {
    let r: PacketRecord | null;
    while ((r = reader.next()) !== null) {
      count++;
      const expectRec = s.header.length + (r.num - 1) * period;
      if (r.recordOffset !== expectRec || r.dataOffset !== expectRec + s.dataAt || r.data.length !== CAP) bad++;
      if (r.data[0] !== 0xaa || r.data[CAP - 1] !== 0x55) bad++;
      if (r.num > N - 3) last.push({ ...r, data: r.data.slice(0, 4) });
    }
  };
  for (let pos = s.header.length; pos < total; pos += CHUNK) {
    const phase = (pos - s.header.length) % period;
    const n = Math.min(CHUNK, total - pos);
    reader.push(pattern.subarray(phase, phase + n));
    take();
  }
  reader.end();
  take();
  expect(bad).toBe(0);
  expect(reader.error).toBeNull();
  expect(reader.done).toBe(true);
  expect(reader.offset).toBe(total);
  return { last, count };
}

function packetData(): Uint8Array {
  const d = new Uint8Array(CAP);
  d[0] = 0xaa;
  d[CAP - 1] = 0x55;
  return d;
}

describe('offsets past 4 GiB', () => {
  it('pcap', () => {
    const w = new PcapWriter({ linkType: 1, snapLen: CAP });
    const record = w.packet({ tsSec: 1_700_000_000, tsNsec: 123_456_000, origLen: CAP, data: packetData() });
    const { last, count } = run(new PcapReader(), { header: w.header(), record, dataAt: 16 });
    expect(count).toBe(N);
    // record k starts at 24 + (k - 1) * 65552
    expect(last.map((r) => [r.num, r.recordOffset, r.dataOffset])).toEqual([
      [65598, 4_300_014_568, 4_300_014_584],
      [65599, 4_300_080_120, 4_300_080_136],
      [65600, 4_300_145_672, 4_300_145_688],
    ]);
    expect(last[2]!.recordOffset).toBeGreaterThan(FOUR_GIB);
    expect(last[2]!.tsSec).toBe(1_700_000_000);
    expect(last[2]!.tsNsec).toBe(123_456_000);
  }, 15_000);

  it('pcapng', () => {
    const w = new PcapngWriter();
    const header = new Uint8Array([...w.header(), ...w.addInterface({ linkType: 1, snapLen: CAP })]);
    const record = w.packet({ tsSec: 1_700_000_000, tsNsec: 123_456_789, origLen: CAP, data: packetData() });
    expect(record.length).toBe(28 + CAP + 4);
    const { last, count } = run(new PcapngReader(), { header, record, dataAt: 28 });
    expect(count).toBe(N);
    const h = header.length;
    expect(last.map((r) => [r.num, r.recordOffset, r.dataOffset])).toEqual(
      [65598, 65599, 65600].map((k) => [k, h + (k - 1) * 65568, h + (k - 1) * 65568 + 28]),
    );
    expect(last[2]!.recordOffset).toBe(h + 4_301_195_232);
    expect(last[2]!.tsNsec).toBe(123_456_789);
  }, 15_000);
});

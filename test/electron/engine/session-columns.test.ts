/**
 * The session's narrow columns on a capture that outgrows them: more distinct addresses than a
 * 16-bit id column holds (the Source/Destination/Protocol ids become 32-bit halfway through),
 * packets cut to a snapshot length after many that were not (the on-the-wire length column
 * starts then), more TCP streams than the 16-bit stream column holds, against tshark's columns
 * and tcp.stream for the same files.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PcapWriter } from '../../../dissectors/capture/pcap-writer.js';
import { Session } from '../../../electron/engine/session.js';
import { readCaptureFile } from '../../../electron/engine/read-capture.js';
import { tsharkFields } from '../../helpers/corpus-net.js';

const PACKETS = 70_000;
/** From this packet on, every other packet is cut to its IP and UDP headers. */
const FIRST_CUT = 50_001;
const LINKTYPE_RAW = 101;

/** An IPv4/UDP packet from 10.a.b.c (one address per packet number) with `payload` bytes. */
function packet(n: number, payload: number): Uint8Array {
  const p = new Uint8Array(28 + payload);
  const v = new DataView(p.buffer);
  p[0] = 0x45;
  v.setUint16(2, p.length);
  p[8] = 64;
  p[9] = 17;
  v.setUint32(12, (10 << 24) | n);
  v.setUint32(16, 0xc0a80001);
  let sum = 0;
  for (let k = 0; k < 20; k += 2) sum += v.getUint16(k);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  v.setUint16(10, ~sum & 0xffff);
  v.setUint16(20, 40000 + (n % 1000));
  v.setUint16(22, 9);
  v.setUint16(24, 8 + payload);
  return p;
}

const dir = mkdtempSync(join(tmpdir(), 'packetloom-session-columns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Session columns that outgrow their width', () => {
  it('serves the same Source, Destination, Protocol and Length as tshark before and after they grow', () => {
    const path = join(dir, 'many-addresses.pcap');
    const w = new PcapWriter({ linkType: LINKTYPE_RAW });
    const parts: Uint8Array[] = [w.header()];
    for (let n = 1; n <= PACKETS; n++) {
      const full = packet(n, 4 + (n % 7));
      const cut = n >= FIRST_CUT && n % 2 === 1;
      parts.push(w.packet({ tsSec: 1_700_000_000 + (n >> 4), tsNsec: (n % 16) * 1000, origLen: full.length, data: cut ? full.subarray(0, 28) : full }));
    }
    writeFileSync(path, Buffer.concat(parts));

    const s = new Session({ id: 't', kind: 'file', path, name: 'many-addresses.pcap' });
    readCaptureFile(path, (rec, meta, b) => s.add(rec, b.buf, b.start, b.end, meta), undefined, { views: false });
    s.finish('done');
    try {
      expect(s.count).toBe(PACKETS);
      // More than 65,535 distinct texts: the id columns are 32-bit now, and the length column exists.
      expect(s.index.column('src')).toBeInstanceOf(Uint32Array);
      expect(s.index.origLen).not.toBeNull();
      const want = tsharkFields(path, ['_ws.col.Source', '_ws.col.Destination', '_ws.col.Protocol', 'frame.len', 'frame.cap_len']);
      const nums = [1, 2, 65_530, 65_535, 65_536, 65_537, 65_540, FIRST_CUT - 1, FIRST_CUT, FIRST_CUT + 1, PACKETS - 1, PACKETS];
      for (const no of nums) {
        const r = s.row(no - 1);
        expect([r.source, r.destination, r.protocol, String(r.length), String(s.index.capLen[no - 1])], `packet ${no}`).toEqual(want[no - 1]);
      }
    } finally {
      s.close();
    }
  });
});

/** An IPv4/TCP segment from 10.a.b.c:(40000 + n % 1000) to 192.168.0.1:80 (one address per `n`), with `flags`. */
function tcpSegment(n: number, flags: number, toClient = false): Uint8Array {
  const p = new Uint8Array(40);
  const v = new DataView(p.buffer);
  p[0] = 0x45;
  v.setUint16(2, p.length);
  p[8] = 64;
  p[9] = 6;
  v.setUint32(toClient ? 16 : 12, (10 << 24) | n);
  v.setUint32(toClient ? 12 : 16, 0xc0a80001);
  let sum = 0;
  for (let k = 0; k < 20; k += 2) sum += v.getUint16(k);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  v.setUint16(10, ~sum & 0xffff);
  v.setUint16(toClient ? 22 : 20, 40000 + (n % 1000));
  v.setUint16(toClient ? 20 : 22, 80);
  v.setUint32(24, toClient ? 0 : 1000 + n);
  v.setUint32(28, toClient ? 1001 + n : 0);
  p[32] = 0x50;
  p[33] = flags;
  v.setUint16(34, toClient ? 0 : 64240);
  return p;
}

describe('the TCP stream column past 65,535 streams', () => {
  it('numbers, lists and filters streams as tshark numbers them, before and after the column grows', () => {
    const STREAMS = 70_000;
    /** Streams that also get the server's RST/ACK at the end of the file. */
    const LATE = [0, 1, 65_533, 65_534, 65_535, 65_536, STREAMS - 1];
    const path = join(dir, 'many-streams.pcap');
    const w = new PcapWriter({ linkType: LINKTYPE_RAW });
    const parts: Uint8Array[] = [w.header()];
    let t = 0;
    const add = (data: Uint8Array) => parts.push(w.packet({ tsSec: 1_700_000_000 + (t >> 10), tsNsec: (t++ % 1024) * 1000, origLen: data.length, data }));
    for (let n = 0; n < STREAMS; n++) add(tcpSegment(n, 0x02));
    for (const n of LATE) add(tcpSegment(n, 0x14, true));
    writeFileSync(path, Buffer.concat(parts));

    const s = new Session({ id: 't', kind: 'file', path, name: 'many-streams.pcap' });
    readCaptureFile(path, (rec, meta, b) => s.add(rec, b.buf, b.start, b.end, meta), undefined, { views: false });
    s.finish('done');
    try {
      expect(s.count).toBe(STREAMS + LATE.length);
      expect(s.index.column('stream')).toBeInstanceOf(Uint32Array);
      const want = tsharkFields(path, ['tcp.stream']).map((r) => Number(r[0]));
      for (let i = 0; i < s.count; i++) {
        if (s.streamOf(i) !== want[i]) expect(s.streamOf(i), `packet ${i + 1}`).toBe(want[i]);
      }
      LATE.forEach((n, k) => {
        expect(s.streamPackets(n), `stream ${n}`).toEqual([n, STREAMS + k]);
        expect(s.row(STREAMS + k).tcpStream).toBe(n);
      });
      expect(s.streamPackets(65_537)).toEqual([65_537]);
      // tcp.stream runs on the index columns (fast-filter.ts), from the first answer on.
      s.setFilterMs = 60_000;
      expect(s.setFilter('tcp.stream == 65535')).toBe(2);
      expect(s.filterIsFast).toBe(true);
      expect([...s.viewPackets()]).toEqual([65_535, STREAMS + LATE.indexOf(65_535)]);
      expect(s.setFilter('tcp.stream in {1 69999}')).toBe(4);
    } finally {
      s.close();
    }
  });
});

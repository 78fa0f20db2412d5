/**
 * pcapng specifics on hand-made files (bytes written out below) and corpus files: both byte
 * orders, several sections with global interface ids, if_tsresol 10^-n / 2^-n other than 6 and 9,
 * if_tsoffset, SPB, the obsolete Packet Block, comments on sections, interfaces, packets and
 * statistics, NRB / ISB / DSB, custom and unknown blocks, and the framing errors.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PcapngWriter } from '../../../dissectors/capture/pcapng-writer.js';
import { splitTs, tsOut, tsResolution } from '../../../dissectors/capture/timestamp.js';
import { corpusBytes, epoch, prng, readAll, tshark } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'packetloom-pcapng-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Parses "offset: hex bytes  # comment" lines; the offset column is checked. */
function fromHexDump(text: string): Uint8Array {
  const out: number[] = [];
  for (const line of text.split('\n')) {
    const code = line.replace(/#.*$/, '').trim();
    if (!code) continue;
    const m = /^([0-9a-f]+):\s*(.*)$/.exec(code);
    if (!m) throw new Error(`bad hex-dump line: ${line}`);
    if (parseInt(m[1]!, 16) !== out.length) throw new Error(`offset ${m[1]} but ${out.length} bytes so far`);
    for (const h of m[2]!.split(/\s+/).filter(Boolean)) out.push(parseInt(h, 16));
  }
  return Uint8Array.from(out);
}

/*
 * Two sections: a big-endian one (interface 0: 2^-3 s units, if_tsoffset 1000) and a
 * little-endian version-1.2 one (interface 1: ms units, snaplen 40; interface 2: ps units,
 * if_tsoffset -16000000), then NRB, ISB, DSB, EPB, SPB, obsolete PB, a custom and an unknown block.
 */
const SYNTHETIC = fromHexDump(`
  0000: 0a 0d 0d 0a                                       # SHB (big-endian): block type 0x0a0d0d0a
  0004: 00 00 00 3c                                       # total length 60
  0008: 1a 2b 3c 4d                                       # byte-order magic
  000c: 00 01 00 00                                       # version 1.0
  0010: ff ff ff ff ff ff ff ff                           # section length: -1 (unknown)
  0018: 00 01 00 07                                       # opt_comment, length 7
  001c: 73 65 63 2d 6f 6e 65 00                           # sec-one
  0024: 00 04 00 09                                       # option 4, length 9
  0028: 68 61 6e 64 2d 6d 61 64 65 00 00 00               # hand-made
  0034: 00 00 00 00                                       # opt_endofopt
  0038: 00 00 00 3c                                       # total length 60

  003c: 00 00 00 01                                       # IDB 0 (global 0): block type 0x00000001
  0040: 00 00 00 34                                       # total length 52
  0044: 00 01 00 00                                       # link type 1 ETHERNET, reserved
  0048: 00 00 00 00                                       # snaplen 0
  004c: 00 02 00 03                                       # option 2, length 3
  0050: 62 62 30 00                                       # bb0
  0054: 00 09 00 01                                       # option 9, length 1
  0058: 83 00 00 00                                       # if_tsresol 0x83: 2^-3 s
  005c: 00 0e 00 08                                       # option 14, length 8
  0060: 00 00 00 00 00 00 03 e8                           # if_tsoffset 1000 s
  0068: 00 00 00 00                                       # opt_endofopt
  006c: 00 00 00 34                                       # total length 52

  0070: 00 00 00 06                                       # EPB on interface 0: block type 0x00000006
  0074: 00 00 00 40                                       # total length 64
  0078: 00 00 00 00                                       # interface 0
  007c: 00 00 00 02                                       # timestamp high (12800000005 units of 2^-3 s)
  0080: fa f0 80 05                                       # timestamp low
  0084: 00 00 00 05                                       # captured length 5
  0088: 00 00 00 3c                                       # original length 60
  008c: 61 62 63 64 65 00 00 00                           # packet data "abcde" + padding
  0094: 00 01 00 06                                       # opt_comment, length 6
  0098: 70 6b 74 2d 62 65 00 00                           # pkt-be
  00a0: 00 02 00 04                                       # option 2, length 4
  00a4: 00 00 00 01                                       # epb_flags 1 (inbound)
  00a8: 00 00 00 00                                       # opt_endofopt
  00ac: 00 00 00 40                                       # total length 64

  00b0: 0a 0d 0d 0a                                       # SHB (little-endian): block type 0x0a0d0d0a
  00b4: 3c 00 00 00                                       # total length 60
  00b8: 4d 3c 2b 1a                                       # byte-order magic
  00bc: 01 00 02 00                                       # version 1.2
  00c0: ff ff ff ff ff ff ff ff                           # section length: -1
  00c8: 01 00 07 00                                       # opt_comment, length 7
  00cc: 73 65 63 2d 74 77 6f 00                           # sec-two
  00d4: 02 00 02 00                                       # option 2, length 2
  00d8: 68 77 00 00                                       # hw
  00dc: 03 00 02 00                                       # option 3, length 2
  00e0: 6f 73 00 00                                       # os
  00e4: 00 00 00 00                                       # opt_endofopt
  00e8: 3c 00 00 00                                       # total length 60

  00ec: 01 00 00 00                                       # IDB 0 of section 1 (global 1): block type 0x00000001
  00f0: 4c 00 00 00                                       # total length 76
  00f4: 65 00 00 00                                       # link type 101 RAW
  00f8: 28 00 00 00                                       # snaplen 40
  00fc: 01 00 07 00                                       # opt_comment, length 7
  0100: 69 66 2d 6e 6f 74 65 00                           # if-note
  0108: 03 00 05 00                                       # option 3, length 5
  010c: 6d 73 2d 69 66 00 00 00                           # ms-if
  0114: 09 00 01 00                                       # option 9, length 1
  0118: 03 00 00 00                                       # if_tsresol 3: 10^-3 s
  011c: 0b 00 03 00                                       # option 11, length 3
  0120: 00 69 70 00                                       # if_filter: type 0 (string) "ip"
  0124: 0c 00 06 00                                       # option 12, length 6
  0128: 54 65 73 74 4f 53 00 00                           # TestOS
  0130: 00 00 00 00                                       # opt_endofopt
  0134: 4c 00 00 00                                       # total length 76

  0138: 01 00 00 00                                       # IDB 1 of section 1 (global 2): block type 0x00000001
  013c: 2c 00 00 00                                       # total length 44
  0140: e4 00 00 00                                       # link type 228 IPV4
  0144: 00 00 00 00                                       # snaplen 0
  0148: 09 00 01 00                                       # option 9, length 1
  014c: 0c 00 00 00                                       # if_tsresol 12: 10^-12 s
  0150: 0e 00 08 00                                       # option 14, length 8
  0154: 00 dc 0b ff ff ff ff ff                           # if_tsoffset -16000000 s
  015c: 00 00 00 00                                       # opt_endofopt
  0160: 2c 00 00 00                                       # total length 44

  0164: 04 00 00 00                                       # NRB: block type 0x00000004
  0168: 60 00 00 00                                       # total length 96
  016c: 01 00 12 00                                       # record type 1, length 18
  0170: 0a 00 00 01 68 6f 73 74 2d 61 00 68 6f 73 74 2d   # ipv4 10.0.0.1: "host-a\0host-b\0" (+2 padding)
  0180: 62 00 00 00                                       
  0184: 02 00 14 00                                       # record type 2, length 20
  0188: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01   # ipv6 ::1: "lo6\0"
  0198: 6c 6f 36 00                                       
  019c: 03 00 0b 00                                       # record type 3, length 11
  01a0: 00 11 22 33 44 55 6d 61 63 31 00 00               # eui48 00:11:22:33:44:55: "mac1\0" (+1 padding)
  01ac: 04 00 0c 00                                       # record type 4, length 12
  01b0: 00 11 22 33 44 55 66 77 65 75 69 00               # eui64 00:11:22:33:44:55:66:77: "eui\0"
  01bc: 00 00 00 00                                       # nrb_record_end
  01c0: 60 00 00 00                                       # total length 96

  01c4: 05 00 00 00                                       # ISB for interface 0 of section 1 (global 1): block type 0x00000005
  01c8: 7c 00 00 00                                       # total length 124
  01cc: 00 00 00 00                                       # interface 0
  01d0: 74 01 00 00                                       # timestamp high (1600000100250 ms)
  01d4: 9a 07 70 87                                       # timestamp low
  01d8: 01 00 05 00                                       # opt_comment, length 5
  01dc: 73 74 61 74 73 00 00 00                           # stats
  01e4: 02 00 08 00                                       # option 2, length 8
  01e8: 74 01 00 00 01 80 6e 87                           # isb_starttime 1600000000001 ms
  01f0: 03 00 08 00                                       # option 3, length 8
  01f4: 74 01 00 00 a0 06 70 87                           # isb_endtime 1600000100000 ms
  01fc: 04 00 08 00                                       # option 4, length 8
  0200: 64 00 00 00 00 00 00 00                           # isb_ifrecv 100
  0208: 05 00 08 00                                       # option 5, length 8
  020c: 02 00 00 00 00 00 00 00                           # isb_ifdrop 2
  0214: 06 00 08 00                                       # option 6, length 8
  0218: 5a 00 00 00 00 00 00 00                           # isb_filteraccept 90
  0220: 07 00 08 00                                       # option 7, length 8
  0224: 01 00 00 00 00 00 00 00                           # isb_osdrop 1
  022c: 08 00 08 00                                       # option 8, length 8
  0230: 58 00 00 00 00 00 00 00                           # isb_usrdeliv 88
  0238: 00 00 00 00                                       # opt_endofopt
  023c: 7c 00 00 00                                       # total length 124

  0240: 0a 00 00 00                                       # DSB (TLS key log): block type 0x0000000a
  0244: 28 00 00 00                                       # total length 40
  0248: 4b 53 4c 54                                       # secrets type TLSK
  024c: 12 00 00 00                                       # secrets length 18
  0250: 43 4c 49 45 4e 54 5f 52 41 4e 44 4f 4d 20 61 20   # secrets + padding
  0260: 62 0a 00 00                                       
  0264: 28 00 00 00                                       # total length 40

  0268: 06 00 00 00                                       # EPB on interface 0 of section 1 (global 1): block type 0x00000006
  026c: 40 00 00 00                                       # total length 64
  0270: 00 00 00 00                                       # interface 0
  0274: 74 01 00 00                                       # timestamp high (1600000200007 ms)
  0278: 47 8d 71 87                                       # timestamp low
  027c: 04 00 00 00                                       # captured 4
  0280: 04 00 00 00                                       # original 4
  0284: 45 00 00 04                                       # data
  0288: 01 00 05 00                                       # opt_comment, length 5
  028c: 66 69 72 73 74 00 00 00                           # first
  0294: 01 00 06 00                                       # opt_comment, length 6
  0298: 73 65 63 6f 6e 64 00 00                           # second
  02a0: 00 00 00 00                                       # opt_endofopt
  02a4: 40 00 00 00                                       # total length 64

  02a8: 03 00 00 00                                       # SPB (interface 0 of section 1: snaplen 40): block type 0x00000003
  02ac: 38 00 00 00                                       # total length 56
  02b0: 40 00 00 00                                       # original length 64 -> 40 captured
  02b4: 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f   # 40 bytes of data
  02c4: 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f   
  02d4: 20 21 22 23 24 25 26 27                           
  02dc: 38 00 00 00                                       # total length 56

  02e0: 02 00 00 00                                       # obsolete Packet Block on interface 1 (global 2): block type 0x00000002
  02e4: 30 00 00 00                                       # total length 48
  02e8: 01 00 00 00                                       # interface 1, drops 0
  02ec: 57 6b 0b de                                       # timestamp high (16000000123456789012 ps)
  02f0: 14 1a d9 34                                       # timestamp low
  02f4: 03 00 00 00                                       # captured 3
  02f8: 03 00 00 00                                       # original 3
  02fc: 45 01 02 00                                       # data
  0300: 02 00 04 00                                       # option 2, length 4
  0304: 02 00 00 00                                       # epb_flags-like pack_flags 2
  0308: 00 00 00 00                                       # opt_endofopt
  030c: 30 00 00 00                                       # total length 48

  0310: ad 0b 00 00                                       # custom block (copiable): block type 0x00000bad
  0314: 14 00 00 00                                       # total length 20
  0318: d9 7e 00 00                                       # PEN
  031c: 63 75 73 74                                       # custom data
  0320: 14 00 00 00                                       # total length 20

  0324: 78 56 34 12                                       # unknown block type: block type 0x12345678
  0328: 10 00 00 00                                       # total length 16
  032c: 3f 3f 3f 3f                                       # body
  0330: 10 00 00 00                                       # total length 16
`);

describe('hand-made two-section pcapng', () => {
  it('reads the same in any chunk size', () => {
    const whole = readAll(SYNTHETIC);
    for (const n of [1, 3, 7, 64]) {
      const r = readAll(SYNTHETIC, n);
      expect(r.records).toEqual(whole.records);
      expect(r.error).toBeNull();
    }
  });

  it('packets: timestamps, lengths, global interface ids, comments, flags', () => {
    const r = readAll(SYNTHETIC);
    expect(r.error).toBeNull();
    expect(r.done).toBe(true);
    const got = r.records.map((x) => ({
      num: x.num,
      time: epoch(x),
      origLen: x.origLen,
      capLen: x.data.length,
      iface: x.interfaceId,
      linkType: x.linkType,
      comments: x.comments,
      flags: x.flags,
      recordOffset: x.recordOffset,
      dataOffset: x.dataOffset,
    }));
    expect(got).toEqual([
      // 12800000005 / 8 s = 1600000000.625, + if_tsoffset 1000
      { num: 1, time: '1600001000.625000000', origLen: 60, capLen: 5, iface: 0, linkType: 1, comments: ['pkt-be'], flags: 1, recordOffset: 0x70, dataOffset: 0x8c },
      // 1600000200007 ms
      { num: 2, time: '1600000200.007000000', origLen: 4, capLen: 4, iface: 1, linkType: 101, comments: ['first', 'second'], flags: undefined, recordOffset: 0x268, dataOffset: 0x284 },
      // SPB: min(64, snaplen 40 of the section's interface 0), no timestamp
      { num: 3, time: '', origLen: 64, capLen: 40, iface: 1, linkType: 101, comments: undefined, flags: undefined, recordOffset: 0x2a8, dataOffset: 0x2b4 },
      // 16000000123456789012 ps = 16000000.123456789012 s, - 16000000 (if_tsoffset)
      { num: 4, time: '0.123456789', origLen: 3, capLen: 3, iface: 2, linkType: 228, comments: undefined, flags: 2, recordOffset: 0x2e0, dataOffset: 0x2fc },
    ]);
    expect(Array.from(r.records[0]!.data)).toEqual([0x61, 0x62, 0x63, 0x64, 0x65]);
    expect(Array.from(r.records[2]!.data)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('sections, interfaces, NRB, ISB, DSB, skipped blocks', () => {
    const m = readAll(SYNTHETIC).meta;
    expect(m).toMatchObject({ format: 'pcapng', byteOrder: 'big', versionMajor: 1, versionMinor: 0, skippedBlocks: 2 });
    expect(m.sections).toEqual([
      { index: 0, byteOrder: 'big', majorVersion: 1, minorVersion: 0, comments: ['sec-one'], userAppl: 'hand-made', offset: 0 },
      { index: 1, byteOrder: 'little', majorVersion: 1, minorVersion: 2, comments: ['sec-two'], hardware: 'hw', os: 'os', offset: 0xb0 },
    ]);
    expect(m.interfaces).toEqual([
      { id: 0, localId: 0, linkType: 1, snapLen: 0, name: 'bb0', tsresol: 0x83, tsoffset: 1000, section: 0 },
      // Ids count on across sections; localId is the id within the section (what tshark shows).
      { id: 1, localId: 0, linkType: 101, snapLen: 40, description: 'ms-if', tsresol: 3, tsoffset: 0, filter: 'ip', os: 'TestOS', comments: ['if-note'], section: 1 },
      { id: 2, localId: 1, linkType: 228, snapLen: 0, tsresol: 12, tsoffset: -16000000, section: 1 },
    ]);
    expect(m.names.map((n) => [n.kind, Array.from(n.address).join('.'), n.names])).toEqual([
      ['ipv4', '10.0.0.1', ['host-a', 'host-b']],
      ['ipv6', '0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1', ['lo6']],
      ['eui48', '0.17.34.51.68.85', ['mac1']],
      ['eui64', '0.17.34.51.68.85.102.119', ['eui']],
    ]);
    expect(m.stats).toEqual([
      {
        interfaceId: 1,
        tsSec: 1600000100,
        tsNsec: 250000000,
        startSec: 1600000000,
        startNsec: 1000000,
        endSec: 1600000100,
        endNsec: 0,
        received: 100n,
        dropped: 2n,
        filterAccept: 90n,
        osDropped: 1n,
        delivered: 88n,
        comments: ['stats'],
      },
    ]);
    expect(m.secrets).toHaveLength(1);
    expect(m.secrets[0]!.type).toBe(0x544c534b);
    expect(String.fromCharCode(...m.secrets[0]!.data)).toBe('CLIENT_RANDOM a b\n');
  });

  it('tshark agrees (except where tshark 4.0 is wrong or differs by design)', () => {
    const p = join(dir, 'synthetic.pcapng');
    writeFileSync(p, SYNTHETIC);
    const out = tshark(['-r', p, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=|',
      '-e', 'frame.time_epoch', '-e', 'frame.len', '-e', 'frame.cap_len', '-e', 'frame.comment']);
    expect(out.status).toBe(0);
    // (tshark drops trailing empty fields: pad rows to 4 columns)
    const rows = out.stdout.trim().split('\n').map((l) => [...l.split('\t'), '', '', '', ''].slice(0, 4));
    const ours = readAll(SYNTHETIC).records.map((r) => [epoch(r), String(r.origLen), String(r.data.length), (r.comments ?? []).join('|')]);
    expect(rows.slice(0, 3)).toEqual(ours.slice(0, 3));
    // Frame 4 (10^-12 s units): tshark 4.0 computes (ts % units) * 1e9 in 64 bits, which
    // overflows, so only the seconds agree: ours is exact.
    expect(rows[3]![0]!.split('.')[0]).toBe('0');
    expect(rows[3]!.slice(1)).toEqual(ours[3]!.slice(1));
    // Frame 5: tshark 4.0 shows the custom block as a frame (its 4 data bytes); we skip it.
    expect(rows[4]).toEqual(['', '4', '4', '']);
    expect(rows).toHaveLength(5);
  });
});

/** A one-section file: an IDB with `tsresol` / `tsoffset` and EPBs with the raw 64-bit times. */
function withResolution(tsresol: number, tsoffset: number, times: bigint[], bigEndian = false): Uint8Array {
  const w = new PcapngWriter();
  const le = !bigEndian;
  const blocks: Uint8Array[] = [w.header(), w.addInterface({ linkType: 1, tsresol, tsoffset, name: 'x' })];
  for (const t of times) {
    const epb = w.packet({ tsSec: 0, tsNsec: 0, hasTs: false, origLen: 4, data: Uint8Array.of(1, 2, 3, 4) });
    const v = new DataView(epb.buffer);
    v.setUint32(12, Number(t >> 32n), true);
    v.setUint32(16, Number(t & 0xffffffffn), true);
    blocks.push(epb);
  }
  let bytes: Uint8Array = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let o = 0;
  for (const b of blocks) bytes.set(b, o), (o += b.length);
  if (!le) bytes = toBigEndian(bytes);
  return bytes;
}

/** Rewrites a little-endian SHB/IDB/EPB-only file (as our writer makes) in big-endian order. */
function toBigEndian(src: Uint8Array): Uint8Array {
  const b = src.slice();
  const v = new DataView(b.buffer);
  const swap32 = (o: number) => v.setUint32(o, v.getUint32(o, true), false);
  const swap16 = (o: number) => v.setUint16(o, v.getUint16(o, true), false);
  const swapOptions = (o: number, end: number) => {
    while (o + 4 <= end) {
      const code = v.getUint16(o, true);
      const len = v.getUint16(o + 2, true);
      swap16(o);
      swap16(o + 2);
      if (code === 14 && len === 8) v.setBigInt64(o + 4, v.getBigInt64(o + 4, true), false);
      if (code === 0) break;
      o += 4 + ((len + 3) & ~3);
    }
  };
  for (let o = 0; o < b.length; ) {
    const type = v.getUint32(o, true);
    const len = v.getUint32(o + 4, true);
    swap32(o);
    swap32(o + 4);
    swap32(o + len - 4);
    if (type === 0x0a0d0d0a) {
      swap32(o + 8);
      swap16(o + 12);
      swap16(o + 14);
      swapOptions(o + 24, o + len - 4);
    } else if (type === 1) {
      swap16(o + 8);
      swap32(o + 12);
      swapOptions(o + 16, o + len - 4);
    } else if (type === 6) {
      for (const k of [8, 12, 16, 20, 24]) swap32(o + k);
      const cap = v.getUint32(o + 20, false);
      swapOptions(o + 28 + ((cap + 3) & ~3), o + len - 4);
    }
    o += len;
  }
  return b;
}

/** Reference: Wireshark's formula in unbounded integers. */
function reference(t: bigint, tsresol: number, tsoffset: number): string {
  const units = tsresol & 0x80 ? 2n ** BigInt(tsresol & 0x7f) : 10n ** BigInt(tsresol);
  const sec = t / units + BigInt(tsoffset);
  const nsec = ((t % units) * 1000000000n) / units;
  return `${sec}.${String(nsec).padStart(9, '0')}`;
}

function randomTs(rnd: () => number, maxSec: bigint, units: bigint): bigint {
  const hi = BigInt(Math.floor(rnd() * 2 ** 32));
  const lo = BigInt(Math.floor(rnd() * 2 ** 32));
  let t = (hi << 32n) | lo;
  const limit = maxSec * units;
  if (limit > 0n && limit < 1n << 64n) t %= limit;
  return t;
}

describe('if_tsresol and if_tsoffset', () => {
  const RESOLUTIONS = [
    ...Array.from({ length: 20 }, (_, n) => n), // 10^-0 .. 10^-19
    ...Array.from({ length: 64 }, (_, n) => 0x80 | n), // 2^-0 .. 2^-63
  ];

  it('exact split for 10^-n (n = 0..19) and 2^-n (n = 0..63), random 64-bit times', () => {
    const rnd = prng(7);
    for (const resol of RESOLUTIONS) {
      const res = tsResolution(resol, 0);
      const units = resol & 0x80 ? 2n ** BigInt(resol & 0x7f) : 10n ** BigInt(resol);
      for (let i = 0; i < 300; i++) {
        // seconds below 2^53 (exact as numbers)
        const t = randomTs(rnd, 2n ** 53n, units);
        splitTs(Number(t >> 32n), Number(t & 0xffffffffn), res);
        const got = `${tsOut.sec}.${String(tsOut.nsec).padStart(9, '0')}`;
        if (got !== reference(t, resol, 0)) expect(got, `resol 0x${resol.toString(16)} ts ${t}`).toBe(reference(t, resol, 0));
      }
    }
  });

  it('through the reader in both byte orders, with if_tsoffset', () => {
    const rnd = prng(11);
    for (const resol of [0, 1, 2, 3, 4, 5, 7, 8, 10, 12, 15, 0x80, 0x81, 0x88, 0x8a, 0x94, 0x9e, 0xa0, 0xa8, 0xbf]) {
      for (const offset of [0, 1000, -5000]) {
        const units = resol & 0x80 ? 2n ** BigInt(resol & 0x7f) : 10n ** BigInt(resol);
        const times = Array.from({ length: 20 }, () => randomTs(rnd, 4_000_000_000n, units));
        for (const be of [false, true]) {
          const r = readAll(withResolution(resol, offset, times, be), 5);
          expect(r.error).toBeNull();
          expect(r.meta.byteOrder).toBe(be ? 'big' : 'little');
          expect(r.meta.interfaces[0]).toMatchObject({ tsresol: resol, tsoffset: offset });
          expect(r.records.map(epoch)).toEqual(times.map((t) => reference(t, resol, offset)));
        }
      }
    }
  });

  it('tshark shows the same times (resolutions where tshark 4.0 does not overflow)', () => {
    const rnd = prng(13);
    // tshark multiplies the remainder by 1e9 in 64 bits: fine while units <= 1.8e10
    const resols = [0, 1, 2, 3, 4, 5, 7, 8, 10, 0x80, 0x81, 0x83, 0x88, 0x8a, 0x94, 0x9e, 0xa0, 0xa2];
    for (const resol of resols) {
      const units = resol & 0x80 ? 2n ** BigInt(resol & 0x7f) : 10n ** BigInt(resol);
      const offset = resol % 2 === 0 ? 0 : 86400;
      const times = Array.from({ length: 8 }, () => randomTs(rnd, 3_000_000_000n, units));
      const bytes = withResolution(resol, offset, times, resol % 3 === 0);
      const p = join(dir, `res-${resol}.pcapng`);
      writeFileSync(p, bytes);
      const out = tshark(['-r', p, '-T', 'fields', '-e', 'frame.time_epoch']);
      expect(out.status).toBe(0);
      const ours = readAll(bytes).records.map(epoch);
      expect(out.stdout.trim().split('\n'), `if_tsresol 0x${resol.toString(16)}`).toEqual(ours);
    }
  });
});

describe('corpus pcapng files', () => {
  it('pcpp-pcapng-example.pcapng: options, comments, 64-bit timestamps, ISB', () => {
    const r = readAll(corpusBytes('pcpp-pcapng-example.pcapng'));
    const m = r.meta;
    expect(m.sections[0]!.comments[0]).toMatch(/^CLIENT_RANDOM E39B5BF4/);
    expect(m.sections[0]).toMatchObject({ os: 'Linux 3.18.1-1-ARCH', userAppl: 'Dumpcap (Wireshark) 1.99.1 (Git Rev Unknown from unknown)' });
    expect(m.interfaces.map((i) => [i.linkType, i.tsresol, i.name, i.filter])).toEqual([
      [1, 9, 'lo', 'tcp port 3306'],
      [113, 6, undefined, undefined],
    ]);
    const sll = r.records.filter((x) => x.interfaceId === 1);
    expect(sll).toHaveLength(100);
    expect(sll.every((x, i) => x.comments?.[0] === `Packet #${i + 1}`)).toBe(true);
    expect(epoch(sll[0]!)).toBe('18446744073204.126329000');
    expect(m.stats).toHaveLength(1);
    expect(m.stats[0]).toMatchObject({ interfaceId: 0, received: 59n, dropped: 0n, comments: ['Counters provided by dumpcap'] });
  });

  it('zeek-pcapng-multi-interface.pcapng: µs and ns interfaces', () => {
    const r = readAll(corpusBytes('zeek-pcapng-multi-interface.pcapng'));
    expect(r.meta.interfaces.map((i) => [i.tsresol, i.name])).toEqual([
      [9, 'eth0'],
      [6, '\\Device\\NPF_{5AE6EDB4-EFF9-46B3-A3C2-EE50C688A9E6}'],
    ]);
    expect(r.records.map((x) => x.interfaceId)).toEqual([0, 0, 1, 1, 1, 1]);
  });

  it('gopacket-pcapng-le-test102.pcapng: NRB, ISB, custom blocks skipped', () => {
    const m = readAll(corpusBytes('gopacket-pcapng-le-test102.pcapng')).meta;
    expect(m.skippedBlocks).toBe(3);
    expect(m.names[0]).toEqual({ kind: 'ipv4', address: Uint8Array.of(192, 168, 1, 2), names: ['a'] });
    expect(m.names.filter((n) => n.kind === 'ipv6')).toHaveLength(3);
    const isb = m.stats.find((s) => s.comments.includes('test102 ISB-0'))!;
    expect(isb).toMatchObject({ interfaceId: 0, received: 100n, dropped: 1n, filterAccept: 9n, osDropped: 42n, delivered: 6n });
    expect(isb).toMatchObject({ startSec: 1340954905, startNsec: 298858000, endSec: 1340954905, endNsec: 299858000 });
  });

  it('gopacket-pcapng-le-test202.pcapng: 3 sections (LE, BE, LE), interface ids global', () => {
    const r = readAll(corpusBytes('gopacket-pcapng-le-test202.pcapng'));
    expect(r.meta.sections.map((s) => [s.byteOrder, s.comments])).toEqual([
      ['little', ['test202 SHB-0']],
      ['big', ['test202 SHB-1']],
      ['little', ['test202 SHB-2']],
    ]);
    expect(r.meta.interfaces.map((i) => [i.id, i.section, i.name])).toEqual([
      [0, 0, 'eth0'],
      [1, 0, 'null1'],
      [2, 1, 'silly ethernet interface 2'],
      [3, 2, 'eth0'],
      [4, 2, 'null1'],
    ]);
    expect(r.records.map((x) => x.interfaceId)).toEqual([0, 0, 1, 2, 2, 2, 2, 4]);
    expect(r.records.map((x) => x.linkType)).toEqual([1, 1, 0, 1, 1, 1, 1, 0]);
  });

  it('gopacket-pcapng-be-test101.pcapng: big-endian, SPB captured length = snaplen of interface 0', () => {
    const r = readAll(corpusBytes('gopacket-pcapng-be-test101.pcapng'));
    const spb = r.records.find((x) => !x.hasTs)!;
    expect(r.meta.interfaces[0]!.snapLen).toBe(96);
    expect([spb.origLen, spb.data.length, spb.interfaceId]).toEqual([314, 96, 0]);
  });
});

describe('bad pcapng input', () => {
  const shb = (major = 1, minor = 0) => {
    const b = new PcapngWriter().header();
    new DataView(b.buffer).setUint16(12, major, true);
    new DataView(b.buffer).setUint16(14, minor, true);
    return b;
  };
  const idb = () => new PcapngWriter().addInterface({ linkType: 1, snapLen: 0 });
  const epb = (iface = 0, cap = 8) => {
    const w = new PcapngWriter();
    w.addInterface({ linkType: 1 });
    w.addInterface({ linkType: 1 });
    return w.packet({ tsSec: 1, tsNsec: 0, origLen: cap, data: new Uint8Array(cap), interfaceId: iface });
  };
  const cat = (...p: Uint8Array[]) => {
    const out = new Uint8Array(p.reduce((n, x) => n + x.length, 0));
    let o = 0;
    for (const x of p) out.set(x, o), (o += x.length);
    return out;
  };
  const set32 = (b: Uint8Array, o: number, x: number) => (new DataView(b.buffer).setUint32(o, x, true), b);
  const read = (b: Uint8Array) => readAll(b, 0, false, 'pcapng');

  it('unsupported section versions (only 1.0 and 1.2 are read, as Wireshark)', () => {
    for (const [maj, min] of [[2, 0], [1, 1], [1, 3], [0, 0]] as const) {
      const r = read(cat(shb(1, 0), idb(), epb(), shb(maj, min), idb(), epb()));
      expect(r.error).toMatchObject({ code: 'unsupported', packetNumber: 2 });
      expect(r.error!.message).toBe(`pcapng: unknown SHB version ${maj}.${min}`);
      expect(r.records).toHaveLength(1);
    }
    expect(read(cat(shb(1, 2), idb(), epb())).error).toBeNull();
  });

  it('not pcapng: first block not an SHB, or a bad byte-order magic', () => {
    expect(read(cat(idb(), epb())).error?.code).toBe('not-a-capture');
    const bad = set32(shb(), 8, 0x01020304);
    expect(read(bad).error).toMatchObject({ code: 'not-a-capture', offset: 0 });
    expect(read(bad).error!.message).toMatch(/04 03 02 01/);
    // a later SHB with a bad byte-order magic is a bad record
    expect(read(cat(shb(), idb(), set32(shb(), 8, 0x01020304))).error?.code).toBe('bad-record');
  });

  it('framing: length not a multiple of 4, too small, trailer mismatch, too large', () => {
    const head = cat(shb(), idb());
    const at = head.length;
    for (const [what, bytes] of [
      ['not a multiple of 4', set32(epb(), 4, 42)],
      ['smaller than an EPB', set32(set32(epb(), 4, 28), 24, 28)],
      ['below 12', set32(epb(), 4, 8)],
      ['trailer differs', set32(epb(), epb().length - 4, 44)],
      ['too large', set32(epb(), 4, 0xfffffff0)],
    ] as const) {
      const r = read(cat(head, epb(), bytes, epb()));
      expect(r.error, what).toMatchObject({ code: 'bad-record', offset: at + epb().length, packetNumber: 2 });
      expect(r.records, what).toHaveLength(1);
    }
  });

  it('packet errors: unknown interface, captured length beyond the block, SPB before any IDB', () => {
    expect(read(cat(shb(), idb(), epb(1))).error?.message).toMatch(/interface 1, but its section has 1/);
    expect(read(cat(shb(), idb(), set32(epb(), 20, 200))).error?.code).toBe('bad-record');
    const spb = Uint8Array.of(3, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 16, 0, 0, 0);
    expect(read(cat(shb(), spb)).error?.code).toBe('bad-record');
    // an option running past the end of its block
    const withOpt = new PcapngWriter();
    withOpt.addInterface({ linkType: 1 });
    const e = withOpt.packet({ tsSec: 1, tsNsec: 0, origLen: 4, data: new Uint8Array(4), comments: ['abcd'] });
    new DataView(e.buffer).setUint16(34, 200, true);
    expect(read(cat(shb(), idb(), e)).error?.message).toMatch(/past the end of its block/);
  });

  it('end of input inside a block: truncated, with the packets before it', () => {
    const full = cat(shb(), idb(), epb(), epb());
    const r = read(full.subarray(0, full.length - 5));
    expect(r.records).toHaveLength(1);
    expect(r.error).toMatchObject({ code: 'truncated', offset: full.length - epb().length, packetNumber: 2 });
    expect(r.error!.message).toMatch(/^The file appears to have been cut short in the middle of a packet/);
  });
});

/**
 * Classic pcap reader (libpcap format), fed with chunks of any size.
 *
 * Magics (both byte orders): a1b2c3d4 (µs), a1b23c4d (ns), a1b2cd34 (Kuznetzov's modified
 * pcap: 24-byte record headers), 1c0001ac / 1c0001ab (Ixia hardware/software lcap: 4 more bytes
 * after the file header; µs, as tshark 4.0 reads them). Major version < 2 is unsupported (as in
 * Wireshark). The link type is the low 16 bits of the header field (the upper bits carry FCS
 * information). A record with caplen above Wireshark's limit for the link type (262144 for most)
 * is a bad record; caplen > origLen is accepted, as tshark does.
 *
 * Timestamps whose fraction is out of range (>= 1e6 µs or >= 1e9 ns) are normalised by carrying
 * whole seconds (tshark prints the raw fraction instead, e.g. `1418145370.1000000000`).
 */

import { maxSnapLen } from './linktypes.js';
import { emptyMeta, ReaderBase } from './reader-base.js';
import type { CaptureMeta, CaptureReader, PacketRecord } from './types.js';

export interface PcapVariant {
  littleEndian: boolean;
  nsec: boolean;
  /** Record header length: 16, or 24 for the modified format. */
  recordHeader: number;
  /** Bytes after the 24-byte file header (4 for Ixia lcap). */
  extraHeader: number;
  name: 'standard' | 'nsec' | 'modified' | 'ixia-hw' | 'ixia-sw';
}

const VARIANTS: ReadonlyArray<[number, Omit<PcapVariant, 'littleEndian'>]> = [
  [0xa1b2c3d4, { nsec: false, recordHeader: 16, extraHeader: 0, name: 'standard' }],
  [0xa1b23c4d, { nsec: true, recordHeader: 16, extraHeader: 0, name: 'nsec' }],
  [0xa1b2cd34, { nsec: false, recordHeader: 24, extraHeader: 0, name: 'modified' }],
  [0x1c0001ac, { nsec: false, recordHeader: 16, extraHeader: 4, name: 'ixia-hw' }],
  [0x1c0001ab, { nsec: false, recordHeader: 16, extraHeader: 4, name: 'ixia-sw' }],
];

function swap32(x: number): number {
  return (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;
}

/** The pcap variant for the first 4 bytes of a file (read as a little-endian u32), or null. */
export function pcapVariant(magicLE: number): PcapVariant | null {
  for (const [m, v] of VARIANTS) {
    if (magicLE === m) return { ...v, littleEndian: true };
    if (magicLE === swap32(m)) return { ...v, littleEndian: false };
  }
  return null;
}

const FILE_HEADER = 24;

export class PcapReader extends ReaderBase implements CaptureReader {
  readonly meta: CaptureMeta = emptyMeta('pcap');
  private headerDone = false;
  private le = true;
  private nsec = false;
  private recHdr = 16;
  private linkType = 0;
  private maxCap = 0;

  next(): PacketRecord | null {
    if (this.err !== null || this.finished) return null;
    const q = this.q;
    if (!this.headerDone && !this.readHeader()) return null;

    const hl = this.recHdr;
    if (!q.ensure(hl)) return this.starved(hl, `record header of packet ${this.count + 1}`, true);
    const v = q.view;
    const p = q.pos;
    const le = this.le;
    const sec = v.getUint32(p, le);
    const frac = v.getUint32(p + 4, le);
    const capLen = v.getUint32(p + 8, le);
    const origLen = v.getUint32(p + 12, le);
    if (capLen > this.maxCap) {
      return this.fail(
        'bad-record',
        `pcap: File has ${capLen}-byte packet, bigger than maximum of ${this.maxCap} (packet ${this.count + 1} at offset ${q.offset})`,
        q.offset,
      );
    }
    const total = hl + capLen;
    if (!q.ensure(total)) return this.starved(total, `packet ${this.count + 1}`, false);

    const rec = this.rec;
    const start = q.pos + hl; // ensure() may have moved the window
    rec.num = ++this.count;
    rec.linkType = this.linkType;
    rec.interfaceId = 0;
    if (this.nsec) {
      if (frac < 1e9) {
        rec.tsSec = sec;
        rec.tsNsec = frac;
      } else {
        const r = frac % 1e9;
        rec.tsSec = sec + (frac - r) / 1e9;
        rec.tsNsec = r;
      }
    } else if (frac < 1e6) {
      rec.tsSec = sec;
      rec.tsNsec = frac * 1000;
    } else {
      const r = frac % 1e6;
      rec.tsSec = sec + (frac - r) / 1e6;
      rec.tsNsec = r * 1000;
    }
    rec.hasTs = true;
    rec.origLen = origLen;
    this.setData(q.buf, start, capLen);
    rec.recordOffset = q.offset;
    rec.dataOffset = q.offset + hl;
    q.consume(total);
    return rec;
  }

  private readHeader(): boolean {
    const q = this.q;
    if (!q.ensure(4)) {
      this.starved(FILE_HEADER, 'file header', false);
      return false;
    }
    const magic = q.view.getUint32(q.pos, true);
    const variant = pcapVariant(magic);
    if (variant === null) {
      const hex = Array.from(q.buf.subarray(q.pos, q.pos + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
      this.fail('not-a-capture', `not a pcap file: the first bytes are ${hex}`, q.offset);
      return false;
    }
    const need = FILE_HEADER + variant.extraHeader;
    if (!q.ensure(need)) {
      this.starved(need, 'file header', false);
      return false;
    }
    const v = q.view;
    const p = q.pos;
    const le = variant.littleEndian;
    const major = v.getUint16(p + 4, le);
    const minor = v.getUint16(p + 6, le);
    const snapLen = v.getUint32(p + 16, le);
    const linkType = v.getUint32(p + 20, le) & 0xffff;
    const m = this.meta;
    m.byteOrder = le ? 'little' : 'big';
    m.versionMajor = major;
    m.versionMinor = minor;
    m.precision = variant.nsec ? 'nsec' : 'usec';
    m.snapLen = snapLen;
    if (major < 2) {
      this.fail('unsupported', `pcap: major version ${major} unsupported`, q.offset);
      return false;
    }
    m.interfaces.push({ id: 0, linkType, snapLen, tsresol: variant.nsec ? 9 : 6, tsoffset: 0, section: 0 });
    this.le = le;
    this.nsec = variant.nsec;
    this.recHdr = variant.recordHeader;
    this.linkType = linkType;
    this.maxCap = maxSnapLen(linkType);
    this.headerDone = true;
    q.consume(need);
    return true;
  }
}

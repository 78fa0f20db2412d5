/**
 * pcapng reader, fed with chunks of any size.
 *
 * - Sections (SHB) in either byte order, any number of them; versions 1.0 and 1.2 only (as
 *   Wireshark), anything else is `unsupported`.
 * - Interface ids are GLOBAL across sections: the first section's interfaces are 0..n-1, the next
 *   section's interfaces continue counting from n, and so on (packet blocks carry section-local
 *   ids, which are translated). Note: tshark 4.0's frame.interface_id shows the section-local id.
 * - Packets: EPB, SPB (no timestamp; captured length = min(original length, snaplen of the
 *   section's interface 0)), and the obsolete Packet Block (type 2).
 * - IDB, NRB, ISB, DSB go into `meta`; opt_comment is kept on SHB, IDB, EPB/PB and ISB.
 * - Custom blocks (0x00000BAD, 0x40000BAD) and every other block type are skipped and counted in
 *   `meta.skippedBlocks`. (tshark 4.0 shows custom blocks as frames; we deliberately do not.)
 * - Framing is validated: total length a multiple of 4, at least the block's minimum, no larger
 *   than MAX_BLOCK, trailing length equal to the leading one; else `bad-record`.
 */

import { maxSnapLen } from './linktypes.js';
import {
  BT_DSB,
  BT_EPB,
  BT_IDB,
  BT_ISB,
  BT_NRB,
  BT_PB,
  BT_SHB,
  BT_SPB,
  minBlockLength,
  OPT_COMMENT,
  parseDsb,
  parseIdb,
  parseIsb,
  parseNrb,
  parseShb,
  walkOptions,
} from './pcapng-blocks.js';
import { emptyMeta, ReaderBase } from './reader-base.js';
import { splitTs, tsOut, tsResolution, type TsResolution } from './timestamp.js';
import type { CaptureMeta, CaptureReader, PacketRecord } from './types.js';
import { utf8Decode } from './utf8.js';

/** Largest block accepted: a 128 MiB packet (Wireshark's largest per-link-type limit) + slack. */
export const MAX_BLOCK = 128 * 1024 * 1024 + 131072;

interface Iface {
  linkType: number;
  snapLen: number;
  maxCap: number;
  res: TsResolution;
}

const DEFAULT_RES = tsResolution(6, 0);

function hexBytes(b: Uint8Array, p: number, n: number): string {
  return Array.from(b.subarray(p, p + n), (x) => x.toString(16).padStart(2, '0')).join(' ');
}

export class PcapngReader extends ReaderBase implements CaptureReader {
  readonly meta: CaptureMeta = emptyMeta('pcapng');
  private inSection = false;
  private le = true;
  private ifaces: Iface[] = [];
  /** Global id of the current section's interface 0, and how many it has. */
  private base = 0;
  private nIf = 0;

  next(): PacketRecord | null {
    if (this.err !== null || this.finished) return null;
    const q = this.q;
    for (;;) {
      if (!q.ensure(8)) return this.starved(8, 'block header', this.inSection);
      let b = q.buf;
      let p = q.pos;
      let type: number;
      let len: number;
      let le = this.le;
      const off = q.offset;
      if (b[p] === 0x0a && b[p + 1] === 0x0d && b[p + 2] === 0x0d && b[p + 3] === 0x0a) {
        if (!q.ensure(12)) return this.starved(12, 'section header', false);
        b = q.buf;
        p = q.pos;
        if (b[p + 8] === 0x4d && b[p + 9] === 0x3c && b[p + 10] === 0x2b && b[p + 11] === 0x1a) le = true;
        else if (b[p + 8] === 0x1a && b[p + 9] === 0x2b && b[p + 10] === 0x3c && b[p + 11] === 0x4d) le = false;
        else if (this.inSection) return this.fail('bad-record', `pcapng: bad byte-order magic ${hexBytes(b, p + 8, 4)} in section header`, off);
        else return this.fail('not-a-capture', `not a pcapng file: byte-order magic is ${hexBytes(b, p + 8, 4)}`, off);
        type = BT_SHB;
        len = q.view.getUint32(p + 4, le);
        if (len >= minBlockLength(BT_SHB) && len % 4 === 0 && len <= MAX_BLOCK) {
          // like Wireshark, the version is checked before the rest of the block is read
          if (!q.ensure(16)) return this.starved(16, 'section header', false);
          const major = q.view.getUint16(q.pos + 12, le);
          const minor = q.view.getUint16(q.pos + 14, le);
          if (major !== 1 || (minor !== 0 && minor !== 2)) {
            return this.fail('unsupported', `pcapng: unknown SHB version ${major}.${minor}`, off);
          }
        }
      } else {
        if (!this.inSection) return this.fail('not-a-capture', `not a pcapng file: the first bytes are ${hexBytes(b, p, 4)}`, off);
        type = q.view.getUint32(p, le);
        len = q.view.getUint32(p + 4, le);
      }

      if (len % 4 !== 0 || len < minBlockLength(type) || len > MAX_BLOCK) {
        return this.fail('bad-record', `pcapng: block of type 0x${type.toString(16)} at offset ${off} has a bad total length ${len}`, off);
      }
      if (!q.ensure(len)) return this.starved(len, `block of type 0x${type.toString(16)}`, false);
      b = q.buf;
      p = q.pos;
      const v = q.view;
      const trailer = v.getUint32(p + len - 4, le);
      if (trailer !== len) {
        return this.fail('bad-record', `pcapng: total block lengths (first ${len} and second ${trailer}) don't match at offset ${off}`, off);
      }

      switch (type) {
        case BT_EPB:
        case BT_PB:
        case BT_SPB: {
          const r = this.packet(type, b, v, p, len, le, off);
          if (r === null) return null;
          q.consume(len);
          return r;
        }
        case BT_SHB: {
          const major = v.getUint16(p + 12, le);
          const minor = v.getUint16(p + 14, le);
          const r = parseShb(b, v, p, len, le, this.meta.sections.length, off);
          if (typeof r === 'string') return this.fail('bad-record', r, off);
          if (!this.inSection) {
            this.meta.byteOrder = le ? 'little' : 'big';
            this.meta.versionMajor = major;
            this.meta.versionMinor = minor;
          }
          this.meta.sections.push(r.section);
          this.inSection = true;
          this.le = le;
          this.base = this.ifaces.length;
          this.nIf = 0;
          break;
        }
        case BT_IDB: {
          const r = parseIdb(b, v, p, len, le, this.ifaces.length, this.meta.sections.length - 1, this.nIf);
          if (typeof r === 'string') return this.fail('bad-record', r, off);
          this.meta.interfaces.push(r.info);
          this.ifaces.push({ linkType: r.info.linkType, snapLen: r.info.snapLen, maxCap: maxSnapLen(r.info.linkType), res: r.res });
          this.nIf++;
          break;
        }
        case BT_NRB: {
          const e = parseNrb(b, v, p, len, le, this.meta.names);
          if (e !== null) return this.fail('bad-record', e, off);
          break;
        }
        case BT_ISB: {
          const local = v.getUint32(p + 8, le);
          const id = local < this.nIf ? this.base + local : local;
          const res = local < this.nIf ? this.ifaces[id]!.res : DEFAULT_RES;
          const r = parseIsb(v, b, p, len, le, id, res);
          if (typeof r === 'string') return this.fail('bad-record', r, off);
          this.meta.stats.push(r);
          break;
        }
        case BT_DSB: {
          const r = parseDsb(b, v, p, len, le);
          if (typeof r === 'string') return this.fail('bad-record', r, off);
          this.meta.secrets.push(r);
          break;
        }
        default:
          // custom blocks (0x00000BAD / 0x40000BAD) and block types we do not read
          this.meta.skippedBlocks++;
      }
      q.consume(len);
    }
  }

  /** Fills the record for an EPB / PB / SPB, or fails. Does not consume. */
  private packet(type: number, b: Uint8Array, v: DataView, p: number, len: number, le: boolean, off: number): PacketRecord | null {
    const num = this.count + 1;
    let local: number;
    let capLen: number;
    let origLen: number;
    let dataStart: number;
    if (type === BT_SPB) {
      local = 0;
      origLen = v.getUint32(p + 8, le);
      dataStart = 12;
      capLen = origLen;
    } else if (type === BT_EPB) {
      local = v.getUint32(p + 8, le);
      capLen = v.getUint32(p + 20, le);
      origLen = v.getUint32(p + 24, le);
      dataStart = 28;
    } else {
      local = v.getUint16(p + 8, le);
      capLen = v.getUint32(p + 20, le);
      origLen = v.getUint32(p + 24, le);
      dataStart = 28;
    }
    if (local >= this.nIf) {
      return this.fail(
        'bad-record',
        `pcapng: packet ${num} at offset ${off} refers to interface ${local}, but its section has ${this.nIf}`,
        off,
      );
    }
    const id = this.base + local;
    const iface = this.ifaces[id]!;
    if (type === BT_SPB && iface.snapLen !== 0 && capLen > iface.snapLen) capLen = iface.snapLen;
    if (capLen > iface.maxCap) {
      return this.fail('bad-record', `pcapng: packet ${num} at offset ${off} has a ${capLen}-byte captured length, bigger than the maximum of ${iface.maxCap}`, off);
    }
    const room = len - 4 - dataStart;
    if (capLen > room) {
      return this.fail('bad-record', `pcapng: packet ${num} at offset ${off}: captured length ${capLen} is larger than its block`, off);
    }

    const rec = this.rec;
    rec.num = num;
    rec.linkType = iface.linkType;
    rec.interfaceId = id;
    if (type === BT_SPB) {
      rec.tsSec = 0;
      rec.tsNsec = 0;
      rec.hasTs = false;
    } else {
      splitTs(v.getUint32(p + 12, le), v.getUint32(p + 16, le), iface.res);
      rec.tsSec = tsOut.sec;
      rec.tsNsec = tsOut.nsec;
      rec.hasTs = true;
    }
    rec.origLen = origLen;
    this.setData(b, p + dataStart, capLen);
    rec.recordOffset = off;
    rec.dataOffset = off + dataStart;
    rec.comments = undefined;
    rec.flags = undefined;
    const optStart = dataStart + ((capLen + 3) & ~3);
    if (type !== BT_SPB && optStart < len - 4) {
      const e = walkOptions(v, p + optStart, p + len - 4, le, (code, o, l) => {
        if (code === OPT_COMMENT) (rec.comments ??= []).push(utf8Decode(b, o, o + l));
        else if (code === 2 && l >= 4) rec.flags = v.getUint32(o, le);
      });
      if (e !== null) return this.fail('bad-record', e, off);
    }
    this.count = num;
    return rec;
  }
}

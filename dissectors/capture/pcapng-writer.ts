/**
 * pcapng writer (little-endian, one section): `header()` gives the SHB (shb_userappl
 * "Packetloom", optional comment), `addInterface()` an IDB per interface (link type, snaplen,
 * if_name, if_tsresol — 9, i.e. ns, by default), `packet()` an EPB per packet with opt_comment
 * for each comment and epb_flags. A packet without a timestamp (hasTs false) gets timestamp 0.
 */

import { BT_EPB, BT_IDB, BT_SHB, OPT_COMMENT } from './pcapng-blocks.js';
import { joinTs, tsResolution, type TsResolution } from './timestamp.js';
import type { WritablePacket } from './types.js';
import { utf8Encode } from './utf8.js';

export interface PcapngSectionOptions {
  /** shb_userappl; default "Packetloom". */
  userAppl?: string;
  comment?: string;
  hardware?: string;
  os?: string;
}

export interface PcapngInterfaceOptions {
  linkType: number;
  /** Default 0 (no limit). */
  snapLen?: number;
  name?: string;
  description?: string;
  /** if_tsresol byte (6 = µs, 9 = ns, 0x80|n = 2^-n); default 9. */
  tsresol?: number;
  /** if_tsoffset seconds; default 0 (not written). */
  tsoffset?: number;
  filter?: string;
  os?: string;
  comment?: string;
}

type Opt = [code: number, value: Uint8Array];

function optBytes(opts: Opt[]): number {
  let n = 0;
  for (const [, val] of opts) n += 4 + ((val.length + 3) & ~3);
  return opts.length > 0 ? n + 4 : 0;
}

function writeOpts(out: Uint8Array, v: DataView, o: number, opts: Opt[]): number {
  if (opts.length === 0) return o;
  for (const [code, val] of opts) {
    if (val.length > 0xffff) throw new RangeError(`pcapng writer: option ${code} is longer than 65535 bytes`);
    v.setUint16(o, code, true);
    v.setUint16(o + 2, val.length, true);
    out.set(val, o + 4);
    o += 4 + ((val.length + 3) & ~3);
  }
  return o + 4; // opt_endofopt (zero bytes)
}

function u32le(x: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, x, true);
  return b;
}

/** Lays out one block: type, total length, fixed fields, payload (padded), options, length. */
function block(type: number, fixed: number, payload: Uint8Array | null, opts: Opt[], fill: (v: DataView) => void): Uint8Array {
  const plen = payload === null ? 0 : (payload.length + 3) & ~3;
  const len = 12 + fixed + plen + optBytes(opts);
  const out = new Uint8Array(len);
  const v = new DataView(out.buffer);
  v.setUint32(0, type, true);
  v.setUint32(4, len, true);
  fill(v);
  if (payload !== null) out.set(payload, 8 + fixed);
  writeOpts(out, v, 8 + fixed + plen, opts);
  v.setUint32(len - 4, len, true);
  return out;
}

export class PcapngWriter {
  private readonly res: TsResolution[] = [];

  constructor(private readonly section: PcapngSectionOptions = {}) {}

  /** The Section Header Block. */
  header(): Uint8Array {
    const s = this.section;
    const opts: Opt[] = [];
    if (s.comment !== undefined) opts.push([OPT_COMMENT, utf8Encode(s.comment)]);
    if (s.hardware !== undefined) opts.push([2, utf8Encode(s.hardware)]);
    if (s.os !== undefined) opts.push([3, utf8Encode(s.os)]);
    opts.push([4, utf8Encode(s.userAppl ?? 'Packetloom')]);
    return block(BT_SHB, 16, null, opts, (v) => {
      v.setUint32(8, 0x1a2b3c4d, true);
      v.setUint16(12, 1, true);
      v.setUint16(14, 0, true);
      v.setBigInt64(16, -1n, true); // section length not given
    });
  }

  /** An Interface Description Block; the interface gets the next id (0, 1, …). */
  addInterface(i: PcapngInterfaceOptions): Uint8Array {
    const tsresol = i.tsresol ?? 9;
    const opts: Opt[] = [];
    if (i.comment !== undefined) opts.push([OPT_COMMENT, utf8Encode(i.comment)]);
    if (i.name !== undefined) opts.push([2, utf8Encode(i.name)]);
    if (i.description !== undefined) opts.push([3, utf8Encode(i.description)]);
    if (tsresol !== 6) opts.push([9, Uint8Array.of(tsresol)]);
    if (i.filter !== undefined) {
      const f = utf8Encode(i.filter);
      const val = new Uint8Array(f.length + 1);
      val.set(f, 1); // filter type 0: libpcap filter string
      opts.push([11, val]);
    }
    if (i.os !== undefined) opts.push([12, utf8Encode(i.os)]);
    if (i.tsoffset) {
      const val = new Uint8Array(8);
      new DataView(val.buffer).setBigInt64(0, BigInt(i.tsoffset), true);
      opts.push([14, val]);
    }
    this.res.push(tsResolution(tsresol, i.tsoffset ?? 0));
    return block(BT_IDB, 8, null, opts, (v) => {
      v.setUint16(8, i.linkType, true);
      v.setUint32(12, i.snapLen ?? 0, true);
    });
  }

  /** An Enhanced Packet Block on `p.interfaceId` (default 0). */
  packet(p: WritablePacket): Uint8Array {
    const id = p.interfaceId ?? 0;
    const res = this.res[id];
    if (res === undefined) throw new RangeError(`pcapng writer: interface ${id} was not added`);
    const { hi, lo } = p.hasTs === false ? { hi: 0, lo: 0 } : joinTs(p.tsSec, p.tsNsec, res);
    const opts: Opt[] = [];
    for (const c of p.comments ?? []) opts.push([OPT_COMMENT, utf8Encode(c)]);
    if (p.flags !== undefined) opts.push([2, u32le(p.flags >>> 0)]);
    return block(BT_EPB, 20, p.data, opts, (v) => {
      v.setUint32(8, id, true);
      v.setUint32(12, hi, true);
      v.setUint32(16, lo, true);
      v.setUint32(20, p.data.length, true);
      v.setUint32(24, p.origLen >>> 0, true);
    });
  }
}

/**
 * pcapng block bodies other than packets: options, SHB, IDB, NRB, ISB, DSB. Each parser reads a
 * whole block already validated for framing (`p` = block start, `len` = total length) and returns
 * its result or an error message (string) for a bad block. Everything kept is copied out of the
 * reader's buffers.
 */

import { splitTs, tsOut, tsResolution, type TsResolution } from './timestamp.js';
import type {
  DecryptionSecrets,
  InterfaceInfo,
  InterfaceStats,
  NameResolutionEntry,
  SectionInfo,
} from './types.js';
import { utf8Decode } from './utf8.js';

export const BT_SHB = 0x0a0d0d0a;
export const BT_IDB = 1;
export const BT_PB = 2;
export const BT_SPB = 3;
export const BT_NRB = 4;
export const BT_ISB = 5;
export const BT_EPB = 6;
export const BT_DSB = 0x0a;
export const BT_CB_COPY = 0x00000bad;
export const BT_CB_NOCOPY = 0x40000bad;

export const OPT_ENDOFOPT = 0;
export const OPT_COMMENT = 1;

/** Smallest valid total length per block type (header, fixed fields, trailer). */
export function minBlockLength(type: number): number {
  switch (type) {
    case BT_SHB:
      return 28;
    case BT_IDB:
      return 20;
    case BT_PB:
    case BT_EPB:
      return 32;
    case BT_SPB:
      return 16;
    case BT_ISB:
      return 24;
    case BT_DSB:
      return 20;
    default:
      return 12;
  }
}

export type OptionFn = (code: number, off: number, len: number) => void;

/** Walks the options in [start, end): calls `fn` per option until opt_endofopt. */
export function walkOptions(v: DataView, start: number, end: number, le: boolean, fn: OptionFn): string | null {
  let o = start;
  while (end - o >= 4) {
    const code = v.getUint16(o, le);
    const len = v.getUint16(o + 2, le);
    if (code === OPT_ENDOFOPT) return null;
    if (len > end - o - 4) return `pcapng: option ${code} is ${len} bytes long, past the end of its block`;
    fn(code, o + 4, len);
    o += 4 + ((len + 3) & ~3);
  }
  return null;
}

function readU64(v: DataView, o: number, le: boolean): bigint {
  return v.getBigUint64(o, le);
}

export interface ParsedShb {
  le: boolean;
  section: SectionInfo;
}

export function parseShb(b: Uint8Array, v: DataView, p: number, len: number, le: boolean, index: number, offset: number): ParsedShb | string {
  const section: SectionInfo = {
    index,
    byteOrder: le ? 'little' : 'big',
    majorVersion: v.getUint16(p + 12, le),
    minorVersion: v.getUint16(p + 14, le),
    comments: [],
    offset,
  };
  const e = walkOptions(v, p + 24, p + len - 4, le, (code, o, l) => {
    const s = () => utf8Decode(b, o, o + l);
    if (code === OPT_COMMENT) section.comments.push(s());
    else if (code === 2) section.hardware = s();
    else if (code === 3) section.os = s();
    else if (code === 4) section.userAppl = s();
  });
  return e ?? { le, section };
}

export interface ParsedIdb {
  info: InterfaceInfo;
  res: TsResolution;
}

export function parseIdb(b: Uint8Array, v: DataView, p: number, len: number, le: boolean, id: number, section: number, localId = id): ParsedIdb | string {
  const info: InterfaceInfo = {
    id,
    localId,
    linkType: v.getUint16(p + 8, le),
    snapLen: v.getUint32(p + 12, le),
    tsresol: 6,
    tsoffset: 0,
    section,
  };
  const e = walkOptions(v, p + 16, p + len - 4, le, (code, o, l) => {
    const s = () => utf8Decode(b, o, o + l);
    switch (code) {
      case OPT_COMMENT:
        (info.comments ??= []).push(s());
        break;
      case 2:
        info.name = s();
        break;
      case 3:
        info.description = s();
        break;
      case 9:
        if (l >= 1) info.tsresol = b[o]!;
        break;
      case 11:
        // first byte: filter type (0 = libpcap filter string; 1 = BPF program, not kept)
        if (l >= 1 && b[o] === 0) info.filter = utf8Decode(b, o + 1, o + l);
        break;
      case 12:
        info.os = s();
        break;
      case 14:
        if (l >= 8) info.tsoffset = Number(v.getBigInt64(o, le));
        break;
    }
  });
  if (e !== null) return e;
  return { info, res: tsResolution(info.tsresol, info.tsoffset) };
}

/** NRB records: ipv4 (1), ipv6 (2), eui48 (3), eui64 (4), each an address then NUL-ended names. */
export function parseNrb(b: Uint8Array, v: DataView, p: number, len: number, le: boolean, out: NameResolutionEntry[]): string | null {
  const end = p + len - 4;
  let o = p + 8;
  const found: NameResolutionEntry[] = [];
  while (end - o >= 4) {
    const type = v.getUint16(o, le);
    const rlen = v.getUint16(o + 2, le);
    o += 4;
    if (type === 0) break;
    if (rlen > end - o) return `pcapng: NRB record of ${rlen} bytes runs past the end of its block`;
    const kind = type === 1 ? 'ipv4' : type === 2 ? 'ipv6' : type === 3 ? 'eui48' : type === 4 ? 'eui64' : null;
    if (kind !== null) {
      const alen = type === 1 ? 4 : type === 2 ? 16 : type === 3 ? 6 : 8;
      if (rlen < alen) return `pcapng: NRB ${kind} record of ${rlen} bytes is shorter than its address`;
      const names: string[] = [];
      let s = o + alen;
      const rend = o + rlen;
      while (s < rend) {
        let z = s;
        while (z < rend && b[z] !== 0) z++;
        if (z > s) names.push(utf8Decode(b, s, z));
        s = z + 1;
      }
      found.push({ kind, address: b.slice(o, o + alen), names });
    }
    o += (rlen + 3) & ~3;
  }
  out.push(...found);
  return null;
}

export function parseIsb(
  v: DataView,
  b: Uint8Array,
  p: number,
  len: number,
  le: boolean,
  interfaceId: number,
  res: TsResolution,
): InterfaceStats | string {
  splitTs(v.getUint32(p + 12, le), v.getUint32(p + 16, le), res);
  const st: InterfaceStats = { interfaceId, tsSec: tsOut.sec, tsNsec: tsOut.nsec, comments: [] };
  const e = walkOptions(v, p + 20, p + len - 4, le, (code, o, l) => {
    if (code === OPT_COMMENT) {
      st.comments.push(utf8Decode(b, o, o + l));
      return;
    }
    if (l < 8) return;
    switch (code) {
      case 2:
        splitTs(v.getUint32(o, le), v.getUint32(o + 4, le), res);
        st.startSec = tsOut.sec;
        st.startNsec = tsOut.nsec;
        break;
      case 3:
        splitTs(v.getUint32(o, le), v.getUint32(o + 4, le), res);
        st.endSec = tsOut.sec;
        st.endNsec = tsOut.nsec;
        break;
      case 4:
        st.received = readU64(v, o, le);
        break;
      case 5:
        st.dropped = readU64(v, o, le);
        break;
      case 6:
        st.filterAccept = readU64(v, o, le);
        break;
      case 7:
        st.osDropped = readU64(v, o, le);
        break;
      case 8:
        st.delivered = readU64(v, o, le);
        break;
    }
  });
  return e ?? st;
}

export function parseDsb(b: Uint8Array, v: DataView, p: number, len: number, le: boolean): DecryptionSecrets | string {
  const type = v.getUint32(p + 8, le);
  const slen = v.getUint32(p + 12, le);
  if (slen > len - 20) return `pcapng: DSB secrets length ${slen} runs past the end of its block`;
  const padded = (slen + 3) & ~3;
  const optStart = Math.min(p + 16 + padded, p + len - 4);
  const e = walkOptions(v, optStart, p + len - 4, le, () => {});
  return e ?? { type, data: b.slice(p + 16, p + 16 + slen) };
}

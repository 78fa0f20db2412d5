/*
 * What a decoder of one DNS record type gets and the helpers they share. The decoders of the
 * types beyond RFC 1035's common ones live beside this file, one file per family (DNSSEC,
 * service binding, certificates and keys, host information, older name types), each exporting a
 * table type → decoder that dns.ts merges: a new type is a decoder plus one table line.
 *
 * Decoders read every value they show in both passes (with a tree and without), so that a record
 * cut short fails the same way whether or not a tree is built.
 */
import type { FieldDef } from '../../core/fields.js';
import type { PacketInfo } from '../../core/pinfo.js';
import type { ProtoNode } from '../../core/tree.js';
import type { Tvb } from '../../core/tvb.js';
import { readDnsName } from './names.js';

/** The rdata of one resource record. */
export interface Rdata {
  /** The DNS message (compression pointers are relative to its start). */
  msg: Tvb;
  pinfo: PacketInfo;
  /** The record's subtree; the null tree in the summary pass. */
  rr: ProtoNode;
  /** Where the rdata starts, and its length (never 0: Wireshark decodes no empty rdata). */
  off: number;
  len: number;
  /** Where the record's owner name starts (some types put it in the Info column). */
  ownerOff: number;
  /**
   * Appends `s` to the record's label now (what a decoder returns is appended only once it
   * finishes; Wireshark appends some texts before reading on, so a record cut short keeps them).
   */
  appendToLabel(s: string): void;
  /** Decodes an NSEC-style type bitmap (NXT's plain one with `nxt`) into `dns.resp.type` items (dns.ts's). */
  typeBitmap(rr: ProtoNode, msg: Tvb, off: number, len: number, nxt?: boolean): void;
}

/** Decodes one type's rdata; returns what Wireshark appends to the record's label ('' for nothing). */
export type RdataDecoder = (r: Rdata) => string;

/**
 * The byte count proto_tree_add_item takes for a length a decoder computed: -1 is "to the end of
 * the message", which needs a byte there (tvb_ensure_captured_length_remaining); a shorter one
 * fails (malformed), as its bounds check does.
 */
export function itemLength(msg: Tvb, off: number, len: number): number {
  if (len === -1) {
    msg.check(off, 1);
    return msg.remaining(off);
  }
  msg.check(off, len);
  return len;
}

/**
 * A bytes field over `len` bytes at `off` (proto_tree_add_item): an empty one shows
 * `<MISSING>`, as tshark 4.0 shows an FT_BYTES item of length 0.
 */
export function addBytes(r: Rdata, f: FieldDef, off: number, len: number): number {
  const n = itemLength(r.msg, off, len);
  if (r.rr.real) {
    const node = r.rr.add(f, r.msg, off, n, r.msg.bytes(off, n));
    if (n === 0 && node.detailed) node.setLabel(`${f.name}: <MISSING>`);
  }
  return n;
}

/** The shared ENC_ASCII string item (core/string-item.ts), for the record decoders. */
export { asciiItem } from '../../core/string-item.js';

/** The record's owner in the Info column (` name`), as Wireshark appends it for some types. */
export function ownerInfo(r: Rdata): void {
  if (r.pinfo.wantInfo) r.pinfo.appendInfo(` ${readDnsName(r.msg, r.ownerOff).text}`);
}

/** A name at `off` as a string item of field `f` (its text only in a tree); returns the bytes it takes. */
export function nameItem(r: Rdata, f: FieldDef, off: number): number {
  const nm = readDnsName(r.msg, off, r.rr.real);
  const used = nm.used;
  r.rr.add(f, r.msg, off, used, nm.text);
  return used;
}

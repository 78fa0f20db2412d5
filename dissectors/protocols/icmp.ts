/*
 * Internet Control Message Protocol (RFC 792 and friends), as Wireshark 4.0's packet-icmp.c
 * shows it: echo with request/response matching, the error messages that quote the offending
 * datagram (dissected again, as an "error packet": the columns keep the outer addresses),
 * timestamps, address masks, router advertisements with the Mobile IP extensions.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |     Code      |          Checksum             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  depends on the type (identifier and sequence number, …)     |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The checksum is always verified (Wireshark does, unlike IP/TCP/UDP), except in a quoted packet
 * or when the message is incomplete.
 */
import { hex4 } from '../core/addr.js';
import { timeSecsText } from '../core/time-text.js';
import { FrameMap } from '../core/frame-map.js';
import { grown } from '../core/grow.js';
import { OrderedKeyTable } from '../core/ordered-key-table.js';
import { callDissector, heuristicTable, table, type ProtocolSpec } from '../core/dispatch.js';
import { isDissectorError } from '../core/errors.js';
import { defineExpert } from '../core/expert.js';
import { defineField, defineProtocol, type ProtocolDef } from '../core/fields.js';
import { addrText, AddrKind, type CaptureContext, type PacketInfo } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { extEchoFields, extEchoHeader, icmpExtensions } from './icmp-extensions.js';
import { callData, CHECKSUM_STATUS_VALS, inCksumItem, inetChecksum, ipAnyVersion } from './ipv4.js';

export const proto = defineProtocol('icmp', 'Internet Control Message Protocol', 'ICMP', 'network');

export const ICMP_TYPES: Record<number, string> = {
  0: 'Echo (ping) reply', 1: 'Reserved', 2: 'Reserved', 3: 'Destination unreachable', 4: 'Source quench (flow control)',
  5: 'Redirect', 6: 'Alternate host address', 8: 'Echo (ping) request', 9: 'Router advertisement', 10: 'Router solicitation',
  11: 'Time-to-live exceeded', 12: 'Parameter problem', 13: 'Timestamp request', 14: 'Timestamp reply',
  15: 'Information request', 16: 'Information reply', 17: 'Address mask request', 18: 'Address mask reply',
  19: 'Reserved (for security)', 30: 'Traceroute', 31: 'Datagram Conversion Error', 32: 'Mobile Host Redirect',
  33: 'IPv6 Where-Are-You', 34: 'IPv6 I-Am-Here', 35: 'Mobile Registration Request', 36: 'Mobile Registration Reply',
  37: 'Domain Name Request', 38: 'Domain Name Reply', 39: 'SKIP', 40: 'Photuris', 41: 'Experimental mobility protocols',
  42: 'Extended Echo request', 43: 'Extended Echo reply',
};
const UNREACH_CODES: Record<number, string> = {
  0: 'Network unreachable', 1: 'Host unreachable', 2: 'Protocol unreachable', 3: 'Port unreachable',
  4: 'Fragmentation needed', 5: 'Source route failed', 6: 'Destination network unknown', 7: 'Destination host unknown',
  8: 'Source host isolated', 9: 'Network administratively prohibited', 10: 'Host administratively prohibited',
  11: 'Network unreachable for TOS', 12: 'Host unreachable for TOS', 13: 'Communication administratively filtered',
  14: 'Host precedence violation', 15: 'Precedence cutoff in effect',
};
const REDIRECT_CODES: Record<number, string> = {
  0: 'Redirect for network', 1: 'Redirect for host', 2: 'Redirect for TOS and network', 3: 'Redirect for TOS and host',
};
const ALTHOST_CODES: Record<number, string> = { 0: 'Alternate address for host' };
const RTRADVERT_CODES: Record<number, string> = { 0: 'Normal router advertisement', 16: 'Does not route common traffic' };
const TTL_CODES: Record<number, string> = { 0: 'Time to live exceeded in transit', 1: 'Fragment reassembly time exceeded' };
const PARAMPROB_CODES: Record<number, string> = { 0: 'Pointer indicates the error', 1: 'Required option missing', 2: 'Bad length' };
const PHOTURIS_CODES: Record<number, string> = {
  0: 'Bad SPI', 1: 'Authentication Failed', 2: 'Decompression Failed', 3: 'Decryption Failed', 4: 'Need Authentication',
  5: 'Need Authorization',
};
const EXTECHO_REQ_CODES: Record<number, string> = { 0: 'No error' };
const EXTECHO_REPLY_CODES: Record<number, string> = {
  0: 'No error', 1: 'Malformed Query', 2: 'No Such Interface', 3: 'No Such Table Entry', 4: 'Multiple Interfaces Satisfy Query',
};
const MIP_EXTENSIONS: Record<number, string> = {
  0: 'One byte padding extension', 16: 'Mobility Agent Advertisement Extension', 19: 'Prefix Lengths Extension', 24: 'Challenge Extension',
};

const hfType = defineField('icmp.type', 'Type', 'uint8');
const hfCode = defineField('icmp.code', 'Code', 'uint8');
const hfChecksum = defineField('icmp.checksum', 'Checksum', 'uint16', { base: 'hex' });
const hfChecksumStatus = defineField('icmp.checksum.status', 'Checksum Status', 'uint8', { base: 'none', vals: CHECKSUM_STATUS_VALS });
const hfUnused = defineField('icmp.unused', 'Unused', 'bytes');
const hfIdent = defineField('icmp.ident', 'Identifier (BE)', 'uint16', { base: 'dec_hex', blurb: 'Identifier (big endian representation)' });
const hfIdentLe = defineField('icmp.ident_le', 'Identifier (LE)', 'uint16', { base: 'dec_hex', blurb: 'Identifier (little endian representation)' });
const hfSeq = defineField('icmp.seq', 'Sequence Number (BE)', 'uint16', { base: 'dec_hex', blurb: 'Sequence Number (big endian representation)' });
const hfSeqLe = defineField('icmp.seq_le', 'Sequence Number (LE)', 'uint16', { base: 'dec_hex', blurb: 'Sequence Number (little endian representation)' });
const hfMtu = defineField('icmp.mtu', 'MTU of next hop', 'uint16');
const hfNumAddrs = defineField('icmp.num_addrs', 'Number of addresses', 'uint8');
const hfAddrEntrySize = defineField('icmp.addr_entry_size', 'Address entry size', 'uint8');
const hfLifetime = defineField('icmp.lifetime', 'Lifetime', 'uint16');
const hfPointer = defineField('icmp.pointer', 'Pointer', 'uint32');
const hfRouterAddress = defineField('icmp.router_address', 'Router address', 'ipv4');
const hfPrefLevel = defineField('icmp.pref_level', 'Preference level', 'int32');
const hfOrigTs = defineField('icmp.originate_timestamp', 'Originate Timestamp', 'uint32');
const hfRecvTs = defineField('icmp.receive_timestamp', 'Receive Timestamp', 'uint32');
const hfXmitTs = defineField('icmp.transmit_timestamp', 'Transmit Timestamp', 'uint32');
const hfAddressMask = defineField('icmp.address_mask', 'Address Mask', 'ipv4');
const hfRedirGw = defineField('icmp.redir_gw', 'Gateway Address', 'ipv4');
const hfLength = defineField('icmp.length', 'Length', 'uint8', { blurb: 'The length of the original datagram' });
const hfLengthOrig = defineField('icmp.length.original_datagram', 'Length of original datagram', 'uint8', { blurb: 'The length of the original datagram (length * 4)' });
const hfMipType = defineField('icmp.mip.type', 'Extension Type', 'uint8', { vals: MIP_EXTENSIONS });
const hfMipLength = defineField('icmp.mip.length', 'Length', 'uint8');
const hfMipPrefixLength = defineField('icmp.mip.prefixlength', 'Prefix Length', 'uint8');
const hfMipSeq = defineField('icmp.mip.seq', 'Sequence Number', 'uint16');
const hfMipLife = defineField('icmp.mip.life', 'Registration Lifetime', 'uint16');
const hfMipFlags = defineField('icmp.mip.flags', 'Flags', 'uint16', { base: 'hex' });
const TF = ['True', 'False'] as const;
const MIP_FLAGS = [
  defineField('icmp.mip.r', 'Registration Required', 'boolean', { mask: 0x8000, bits: 16, tfs: TF, blurb: 'Registration with this FA is required' }),
  defineField('icmp.mip.b', 'Busy', 'boolean', { mask: 0x4000, bits: 16, tfs: TF, blurb: 'This FA will not accept requests at this time' }),
  defineField('icmp.mip.h', 'Home Agent', 'boolean', { mask: 0x2000, bits: 16, tfs: TF, blurb: 'Home Agent Services Offered' }),
  defineField('icmp.mip.f', 'Foreign Agent', 'boolean', { mask: 0x1000, bits: 16, tfs: TF, blurb: 'Foreign Agent Services Offered' }),
  defineField('icmp.mip.m', 'Minimal Encapsulation', 'boolean', { mask: 0x0800, bits: 16, tfs: TF, blurb: 'Minimal encapsulation tunneled datagram support' }),
  defineField('icmp.mip.g', 'GRE', 'boolean', { mask: 0x0400, bits: 16, tfs: TF, blurb: 'GRE encapsulated tunneled datagram support' }),
  defineField('icmp.mip.v', 'VJ Comp', 'boolean', { mask: 0x0200, bits: 16, tfs: TF, blurb: 'Van Jacobson Header Compression Support' }),
  defineField('icmp.mip.rt', 'Reverse tunneling', 'boolean', { mask: 0x0100, bits: 16, tfs: TF, blurb: 'Reverse tunneling support' }),
  defineField('icmp.mip.u', 'UDP tunneling', 'boolean', { mask: 0x0080, bits: 16, tfs: TF, blurb: 'UDP tunneling support' }),
  defineField('icmp.mip.x', 'Revocation support', 'boolean', { mask: 0x0040, bits: 16, tfs: TF, blurb: 'Registration revocation support' }),
];
const hfMipReserved = defineField('icmp.mip.reserved', 'Reserved', 'uint16', { base: 'hex', mask: 0x003f });
const hfMipCoa = defineField('icmp.mip.coa', 'Care-Of-Address', 'ipv4');
const hfMipChallenge = defineField('icmp.mip.challenge', 'Challenge', 'bytes');
const hfMipContent = defineField('icmp.mip.content', 'Content', 'bytes');
const hfRespIn = defineField('icmp.resp_in', 'Response frame', 'framenum', { blurb: 'The frame number of the corresponding response' });
const hfRespTo = defineField('icmp.resp_to', 'Request frame', 'framenum', { blurb: 'The frame number of the corresponding request' });
const hfRespTime = defineField('icmp.resptime', 'Response time', 'double', { blurb: 'The time between the request and the response, in ms.' });
const hfDataTime = defineField('icmp.data_time', 'Timestamp from icmp data', 'abs_time', { base: 'utc', blurb: 'The timestamp in the first 8 bytes of the icmp data' });
const hfDataTimeRel = defineField('icmp.data_time_relative', 'Timestamp from icmp data (relative)', 'rel_time', { unit: ' seconds', blurb: 'The timestamp of the packet, relative to the timestamp in the first 8 bytes of the icmp data' });

const EXT_ECHO = extEchoFields('icmp', 'Sequence Number');
const hfNoResp = defineField('icmp.no_resp', 'No response seen', 'none', { blurb: 'No corresponding response frame was seen' });

const eiChecksum = defineExpert('icmp.checksum_bad', 'checksum', 'warn', 'Bad checksum');
const CHECKSUM = { checksum: hfChecksum, status: hfChecksumStatus, bad: eiChecksum };
const eiRespNotFound = defineExpert('icmp.resp_not_found', 'sequence', 'warn', 'No response seen to ICMP request');
const RESP_FIELDS: ResponseFields = { respIn: hfRespIn, respTo: hfRespTo, respTime: hfRespTime, noResp: hfNoResp, notFound: eiRespNotFound };
const TIMESTAMP_FIELDS = [hfOrigTs, hfRecvTs, hfXmitTs];

const FLAG_NAMES_MIP = ['Registration Required', 'Busy', 'Home Agent', 'Foreign Agent', 'Minimal Encapsulation', 'GRE', 'VJ Comp', 'Reverse tunneling', 'UDP tunneling', 'Revocation support'];

const icmpHeuristics = heuristicTable('icmp');

/** A request waiting for its reply, or a matched pair. */
interface Transaction {
  rqstFrame: number;
  respFrame: number;
  rqstSec: number;
  rqstNsec: number;
}

/**
 * Echo request/response matching (Wireshark's transaction_start/transaction_end), keyed by the
 * address pair, the checksum the reply must have and identifier+sequence (`echoKey`). Bounded: at
 * most `MAX_PENDING` requests wait for a reply (the oldest are forgotten) and `MAX_MATCHED` frames
 * remember their match for revisits.
 */
export class EchoTracker {
  static MAX_PENDING = 65536;
  static MAX_MATCHED = 1 << 20;
  /** Unanswered requests by key, oldest first; their transactions by table entry. */
  private pending = new OrderedKeyTable(ECHO_KEY_WORDS);
  private waiting: (Transaction | undefined)[] = [];
  /**
   * Matched pairs for revisits, as rows of numbers (an object per ping would be ~100 bytes more):
   * both frames of a pair map to its row of `pairs` (request frame, reply frame, request time).
   */
  private matched = new FrameMap<number>();
  private pairs = new Float64Array(0);
  private nPairs = 0;
  /** What a revisit gets: one object, filled from the pair's row (read before the next call). */
  private readonly found: Transaction = { rqstFrame: 0, respFrame: 0, rqstSec: 0, rqstNsec: 0 };

  request(key: Uint32Array, frame: number, sec: number, nsec: number, visited: boolean): Transaction | undefined {
    if (visited) return this.lookup(frame);
    const t: Transaction = { rqstFrame: frame, respFrame: 0, rqstSec: sec, rqstNsec: nsec };
    const old = this.pending.find(key);
    if (old >= 0) this.forget(old);
    const e = this.pending.insert(key);
    const w = this.waiting;
    while (w.length <= e) w.push(undefined);
    w[e] = t;
    if (this.pending.size > EchoTracker.MAX_PENDING) this.forget(this.pending.oldest());
    return t;
  }

  reply(key: Uint32Array, frame: number, visited: boolean): Transaction | undefined {
    if (visited) return this.lookup(frame);
    const e = this.pending.find(key);
    if (e < 0) return undefined;
    const t = this.waiting[e]!;
    // Matched: a later reply with this key finds nothing (only unanswered requests wait, and
    // only they count towards MAX_PENDING).
    this.forget(e);
    t.respFrame = frame;
    this.remember(t);
    return t;
  }

  private forget(e: number): void {
    this.pending.remove(e);
    this.waiting[e] = undefined;
  }

  /** The first request frame whose match was not remembered (the bound was reached). */
  private forgotFrom = Infinity;

  /** A revisit of `frame` can trust that no match means no reply (its match would have been remembered). */
  remembersFrame(frame: number): boolean {
    return frame < this.forgotFrom;
  }

  private remember(t: Transaction): void {
    // Beyond the bound, later frames are not remembered (a revisit then shows them unmatched,
    // without claiming that no response was seen).
    if (this.matched.size + 2 > EchoTracker.MAX_MATCHED) {
      if (t.rqstFrame < this.forgotFrom) this.forgotFrom = t.rqstFrame;
      return;
    }
    const row = this.nPairs++;
    if (row * PAIR_WORDS + PAIR_WORDS > this.pairs.length) this.pairs = grown(this.pairs, row * PAIR_WORDS + PAIR_WORDS, 256);
    const p = this.pairs;
    p[row * PAIR_WORDS] = t.rqstFrame;
    p[row * PAIR_WORDS + 1] = t.respFrame;
    p[row * PAIR_WORDS + 2] = t.rqstSec;
    p[row * PAIR_WORDS + 3] = t.rqstNsec;
    this.matched.set(t.rqstFrame, row);
    this.matched.set(t.respFrame, row);
  }

  /** No room kept for more matches (the end of a pass; they grow again when one comes). */
  trim(): void {
    this.matched.trim();
    if (this.pairs.length > this.nPairs * PAIR_WORDS) this.pairs = this.pairs.slice(0, this.nPairs * PAIR_WORDS);
  }

  private lookup(frame: number): Transaction | undefined {
    const row = this.matched.get(frame);
    if (row === undefined) return undefined;
    const p = this.pairs;
    const t = this.found;
    t.rqstFrame = p[row * PAIR_WORDS]!;
    t.respFrame = p[row * PAIR_WORDS + 1]!;
    t.rqstSec = p[row * PAIR_WORDS + 2]!;
    t.rqstNsec = p[row * PAIR_WORDS + 3]!;
    return t;
  }
}

/** Numbers per matched pair: request frame, reply frame, request seconds and nanoseconds. */
const PAIR_WORDS = 4;

/** Words of an echo key: each address as (kind << 8 | length, 4 words), then k0 << 16 | id, seq. */
const ECHO_KEY_WORDS = 12;
const echoKeyWords = new Uint32Array(ECHO_KEY_WORDS);

/**
 * The key of an echo transaction: the unordered address pair of the packet (Wireshark's
 * conversation without ports; the lesser address first), the checksum the reply must have
 * (`k0`), identifier and sequence. Built from the address bytes, never from formatted addresses,
 * into one reused array: valid until the next call.
 */
export function echoKey(pinfo: PacketInfo, k0: number, id: number, seq: number): Uint32Array {
  const k = echoKeyWords;
  addrWords(k, 0, pinfo.srcKind, pinfo.srcData, pinfo.srcOff);
  addrWords(k, 5, pinfo.dstKind, pinfo.dstData, pinfo.dstOff);
  let cmp = 0;
  for (let i = 0; i < 5 && cmp === 0; i++) if (k[i] !== k[5 + i]) cmp = k[i]! < k[5 + i]! ? -1 : 1;
  if (cmp > 0) {
    for (let i = 0; i < 5; i++) {
      const x = k[i]!;
      k[i] = k[5 + i]!;
      k[5 + i] = x;
    }
  }
  k[10] = ((k0 & 0xffff) << 16 | (id & 0xffff)) >>> 0;
  k[11] = seq & 0xffff;
  return k;
}

/** An address as (kind << 8 | length) and its bytes in 4 words (zero-padded): distinct addresses, distinct words. */
function addrWords(k: Uint32Array, at: number, kind: AddrKind, d: Uint8Array, off: number): void {
  const len = kind === AddrKind.IPv4 ? 4 : kind === AddrKind.IPv6 ? 16 : kind === AddrKind.Ether ? 6 : 0;
  k[at] = (kind << 8) | len;
  for (let w = 0; w < 4; w++) {
    let v = 0;
    for (let b = 0; b < 4; b++) {
      const i = 4 * w + b;
      v = (v << 8) | (i < len ? d[off + i]! : 0);
    }
    k[at + 1 + w] = v >>> 0;
  }
}

/** The unordered address pair of the packet as text (Wireshark's conversation without ports). */
export function addressPairKey(pinfo: PacketInfo): string {
  const a = `${pinfo.srcKind}:${addrText(pinfo.srcKind, pinfo.srcData, pinfo.srcOff)}`;
  const b = `${pinfo.dstKind}:${addrText(pinfo.dstKind, pinfo.dstData, pinfo.dstOff)}`;
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** One's-complement sum of two 16-bit values, complemented: the checksum after changing a word. */
export function cksumAdjust(cksum: number, delta: number): number {
  let s = (~cksum & 0xffff) + (~delta & 0xffff);
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** The request/response items of ICMP or ICMPv6. */
export interface ResponseFields {
  respIn: typeof hfRespIn;
  respTo: typeof hfRespTo;
  respTime: typeof hfRespTime;
  noResp: typeof hfNoResp;
  notFound: typeof eiRespNotFound;
  /** The expert text of an unanswered request in `frame`, when not the expert's own. */
  notFoundText?: (frame: number) => string;
}

/**
 * Adds the request/response items and Info suffix; returns nothing. Shared with ICMPv6.
 * `tracker`, for a request: the one that matched it, so that a revisit (after the first pass)
 * can say that no response was seen.
 */
export function showTransaction(
  t: Transaction | undefined, isReply: boolean, pinfo: PacketInfo, tree: ProtoNode, tvb: Tvb,
  hf: ResponseFields, tracker?: EchoTracker,
): void {
  if (!t) {
    if (!isReply && pinfo.visited && tracker?.remembersFrame(pinfo.meta.num)) {
      // As Wireshark once the first pass is over (packet details, tshark -2).
      const n = tree.addGenerated(hf.noResp, null, tvb, 0, 0);
      pinfo.expert(n, hf.notFound, tvb, 0, 0, pinfo.wantExpertText && hf.notFoundText ? hf.notFoundText(pinfo.meta.num) : undefined);
      if (pinfo.secondPass && pinfo.wantInfo) pinfo.appendInfo(' (no response found!)');
    }
    return;
  }
  if (!isReply) {
    if (t.respFrame) {
      tree.addGenerated(hf.respIn, t.respFrame, tvb, 0, 0);
      if (pinfo.wantInfo) pinfo.appendInfo(` (reply in ${t.respFrame})`);
    }
    return;
  }
  tree.addGenerated(hf.respTo, t.rqstFrame, tvb, 0, 0);
  if (tree.real) {
    const [s, n] = diff(pinfo.meta.tsSec, pinfo.meta.tsNsec, t.rqstSec, t.rqstNsec);
    const ms = Number((s * 1000 + n / 1e6).toPrecision(15));
    tree.addGenerated(hf.respTime, ms, tvb, 0, 0).setLabel(`${hf.respTime.name}: ${ms.toFixed(3)} ms`);
  }
  if (pinfo.wantInfo) pinfo.appendInfo(` (request in ${t.rqstFrame})`);
}

/** a − b as (seconds, nanoseconds) with both parts of the same sign (Wireshark's nstime_delta). */
export function diff(aSec: number, aNsec: number, bSec: number, bNsec: number): [number, number] {
  let s = aSec - bSec;
  let n = aNsec - bNsec;
  if (s > 0 && n < 0) { s--; n += 1e9; } else if (s < 0 && n > 0) { s++; n -= 1e9; }
  return [s, n];
}

/** Wireshark's signed_time_msecs_to_str. */
function timeMsecsText(ms: number): string {
  if (ms === 0) return '0 seconds';
  return timeSecsText(Math.floor(ms / 1000), ms % 1000);
}

const MSPERDAY = 86400000;

/** Wireshark's get_best_guess_mstimeofday: a timestamp may be in either byte order. */
function bestGuessMs(tvb: Tvb, off: number, comp: number): number {
  let be = tvb.u32(off) & 0x7fffffff;
  let le = tvb.u32le(off) & 0x7fffffff;
  if (be < MSPERDAY && le >= MSPERDAY) return be;
  if (le < MSPERDAY && be >= MSPERDAY) return le;
  if (be < MSPERDAY && le < MSPERDAY) {
    const sb = be;
    const sl = le;
    if (be < comp && be <= MSPERDAY / 4 && comp >= MSPERDAY - MSPERDAY / 4) be += MSPERDAY;
    if (le < comp && le <= MSPERDAY / 4 && comp >= MSPERDAY - MSPERDAY / 4) le += MSPERDAY;
    return ((be - comp) >>> 0) < ((le - comp) >>> 0) ? sb : sl;
  }
  return ((be - comp) >>> 0) < ((le - comp) >>> 0) ? be : le;
}

/** Made once: a closure written in the call would be allocated per packet. */
export const newEchoTracker = (): EchoTracker => new EchoTracker();

/** The end of a pass: the echo matches of ICMP (`owner`: ICMP or ICMPv6) cut to what is used. */
export function trimEchoState(ctx: CaptureContext, owner: ProtocolDef): void {
  ctx.state(owner, newEchoTracker).trim();
}

function tracker(pinfo: PacketInfo): EchoTracker {
  return pinfo.ctx.state(proto, newEchoTracker);
}

export const icmp: ProtocolSpec = {
  proto,
  bind: [['ip.proto', 1]],
  dissect(tvb, pinfo, tree, ipData) {
    pinfo.setProtocol('ICMP');
    pinfo.setInfo('');
    const full = tree.real;
    const type = tvb.u8(0);
    const code = tvb.u8(1);
    let origLen = tvb.u8(5);
    let typeStr = ICMP_TYPES[type] ?? 'Unknown ICMP (obsolete or malformed?)';
    let codes: Record<number, string> | null = null;
    switch (type) {
      case 3: codes = UNREACH_CODES; break;
      case 5: codes = REDIRECT_CODES; break;
      case 6: codes = ALTHOST_CODES; origLen = 0; break;
      case 9:
        if (code === 0 || code === 16) typeStr = 'Mobile IP Advertisement';
        codes = RTRADVERT_CODES;
        break;
      case 11: codes = TTL_CODES; break;
      case 12: codes = PARAMPROB_CODES; break;
      case 40: codes = PHOTURIS_CODES; break;
      case 42: codes = EXTECHO_REQ_CODES; break;
      case 43: codes = EXTECHO_REPLY_CODES; break;
    }
    const wantInfo = pinfo.wantInfo;
    const codeStr = codes && (full || wantInfo) ? codes[code] ?? `Unknown code: ${code}` : null;
    if (wantInfo) {
      pinfo.setInfo(typeStr.padEnd(20, ' '));
      if (codeStr !== null) pinfo.appendInfo(` (${codeStr})`);
    }
    const captured = tvb.length;
    const reported = tvb.reportedLength;
    const t = tree.addProto(proto, tvb, 0, captured, proto.name);
    const tn = t.add(hfType, tvb, 0, 1, type);
    if (full) tn.setLabel(`Type: ${type} (${typeStr})`);
    const cn = t.add(hfCode, tvb, 1, 1, code);
    if (codeStr !== null && full) cn.setLabel(`Code: ${code} (${codeStr})`);
    if (!pinfo.fragmented && captured >= reported && !pinfo.inErrorPkt) inCksumItem(t, tvb, pinfo, CHECKSUM, inetChecksum(tvb.data, tvb.abs(0), reported));
    else inCksumItem(t, tvb, pinfo, CHECKSUM, null, pinfo.inErrorPkt ? 'in ICMP error packet' : 'fragmented datagram');

    // The second 4 bytes.
    let numAddrs = 0;
    let entrySize = 0;
    switch (type) {
      case 0: case 8: case 13: case 14: case 15: case 16: case 17: case 18: {
        const id = tvb.u16(4);
        const seq = tvb.u16(6);
        t.add(hfIdent, tvb, 4, 2, id);
        t.add(hfIdentLe, tvb, 4, 2, tvb.u16le(4));
        t.add(hfSeq, tvb, 6, 2, seq);
        t.add(hfSeqLe, tvb, 6, 2, tvb.u16le(6));
        if (wantInfo) {
          pinfo.appendInfo(` id=0x${hex4(id)}, seq=${seq}/${tvb.u16le(6)}`);
          if (typeof ipData === 'number') pinfo.appendInfo(`, ttl=${ipData}`);
        }
        break;
      }
      case 3:
        if (origLen > 0) {
          t.add(hfUnused, tvb, 4, 1);
          t.add(hfLength, tvb, 5, 1, origLen);
          t.addGenerated(hfLengthOrig, origLen * 4, tvb, 5, 1);
          if (code === 4) t.add(hfMtu, tvb, 6, 2, tvb.u16(6));
          else t.add(hfUnused, tvb, 6, 2);
        } else if (code === 4) {
          t.add(hfUnused, tvb, 4, 2);
          t.add(hfMtu, tvb, 6, 2, tvb.u16(6));
        } else {
          t.add(hfUnused, tvb, 4, 4);
        }
        break;
      case 9: {
        numAddrs = tvb.u8(4);
        entrySize = tvb.u8(5);
        t.add(hfNumAddrs, tvb, 4, 1, numAddrs);
        t.add(hfAddrEntrySize, tvb, 5, 1, entrySize);
        const life = tvb.u16(6);
        const ln = t.add(hfLifetime, tvb, 6, 2, life);
        if (full) ln.setLabel(`Lifetime: ${life} (${timeSecsText(life)})`);
        break;
      }
      case 12:
        t.add(hfPointer, tvb, 4, 1, tvb.u8(4));
        if (origLen > 0) {
          t.add(hfLength, tvb, 5, 1, origLen);
          t.addGenerated(hfLengthOrig, origLen * 4, tvb, 5, 1);
          t.add(hfUnused, tvb, 6, 2);
        } else {
          t.add(hfUnused, tvb, 5, 3);
        }
        break;
      case 5:
        t.add(hfRedirGw, tvb, 4, 4, tvb.u32(4));
        break;
      case 42: case 43:
        // Extended echo (RFC 8335, "PROBE"): identifier, an 8-bit sequence number, then flags.
        t.add(hfIdent, tvb, 4, 2, tvb.u16(4));
        t.add(hfIdentLe, tvb, 4, 2, tvb.u16le(4));
        extEchoHeader(t, tvb, 6, type === 42, EXT_ECHO);
        break;
      case 11:
        if (origLen > 0) {
          t.add(hfUnused, tvb, 4, 1);
          t.add(hfLength, tvb, 5, 1, origLen);
          t.addGenerated(hfLengthOrig, origLen * 4, tvb, 5, 1);
          t.add(hfUnused, tvb, 6, 2);
        } else {
          t.add(hfUnused, tvb, 4, 4);
        }
        break;
    }

    // The rest.
    switch (type) {
      case 3: case 11: case 12: case 4: case 5:
        // RFC 4884 extensions (an MPLS label stack …) after 128 bytes of a shorter quoted datagram,
        // or after the length the ICMP header gives.
        if (quotedDatagram(tvb, type, origLen, pinfo, t) && tvb.reportedLength > 8 + 128 && tvb.u16(8 + 2) <= 128) {
          icmpExtensions(tvb.sub((origLen ? origLen * 4 : 128) + 8), pinfo, t);
        }
        break;
      case 42:
        // The interface asked about, as an extension object.
        if (reported > 8) icmpExtensions(tvb.sub(8), pinfo, t);
        break;
      case 0: case 8: {
        if (!pinfo.inErrorPkt) {
          const sumNow = tvb.u16(2);
          const id = tvb.u16(4);
          const seq = tvb.u16(6);
          const tr = tracker(pinfo);
          if (type === 0) {
            const k0 = sumNow === 0xffff ? 0 : sumNow;
            const tx = tr.reply(echoKey(pinfo, k0, id, seq), pinfo.meta.num, pinfo.visited);
            showTransaction(tx, true, pinfo, t, tvb, RESP_FIELDS);
          } else {
            const k0 = cksumAdjust(sumNow, 0x0800);
            const tx = tr.request(echoKey(pinfo, k0, id, seq), pinfo.meta.num, pinfo.meta.tsSec, pinfo.meta.tsNsec, pinfo.visited);
            showTransaction(tx, false, pinfo, t, tvb, RESP_FIELDS, tr);
          }
        }
        const rest = tvb.remaining(8);
        if (rest < 8) {
          if (rest > 0) callData(tvb.sub(8), pinfo, t);
          break;
        }
        // The first 8 bytes of the data may be the sender's timestamp (either byte order).
        const now = pinfo.meta.tsSec;
        let secs = tvb.u32(8);
        let usecs = tvb.u32(12);
        if (Math.abs((secs - now) | 0) >= 86400 || usecs >= 1000000) {
          secs = tvb.u32le(8);
          usecs = tvb.u32le(12);
        }
        if (Math.abs((secs - now) | 0) < 86400 && usecs < 1000000) {
          if (full) {
            const ts = { sec: secs, nsec: usecs * 1000 };
            t.add(hfDataTime, tvb, 8, 8, ts);
            const [ds, dn] = diff(pinfo.meta.tsSec, pinfo.meta.tsNsec, ts.sec, ts.nsec);
            t.addGenerated(hfDataTimeRel, { sec: ds, nsec: dn }, tvb, 8, 8);
          }
          callData(tvb.sub(16), pinfo, t);
        } else {
          const next = tvb.sub(8);
          if (!icmpHeuristics.call(next, pinfo, tree)) callData(next, pinfo, t);
        }
        break;
      }
      case 9:
        if (entrySize === 2) {
          let i = 0;
          for (; i < numAddrs; i++) {
            t.add(hfRouterAddress, tvb, 8 + i * 8, 4, tvb.u32(8 + i * 8));
            t.add(hfPrefLevel, tvb, 12 + i * 8, 4, tvb.i32(12 + i * 8));
          }
          // Wireshark decodes these only when building a tree; here both passes do, so that they
          // agree on whether the packet is malformed.
          if (code === 0 || code === 16) mipExtensions(tvb, 8 + i * 8, t);
        } else {
          callData(tvb.sub(8), pinfo, t);
        }
        break;
      case 13: case 14: {
        const m = pinfo.meta;
        const frameTs = (((m.tsSec * 1000) + Math.floor(m.tsNsec / 1000000)) % MSPERDAY + MSPERDAY) % MSPERDAY;
        for (let i = 0; i < 3; i++) {
          const o = 8 + i * 4;
          const v = tvb.u32(o);
          const n = t.add(TIMESTAMP_FIELDS[i]!, tvb, o, 4, v);
          if (full) n.setLabel(`${TIMESTAMP_FIELDS[i]!.name}: ${v} (${timeMsecsText(bestGuessMs(tvb, o, frameTs))} after midnight UTC)`);
        }
        break;
      }
      case 17: case 18:
        t.add(hfAddressMask, tvb, 8, 4, tvb.u32(8));
        break;
    }
    return reported;
  },
};

/**
 * An error message quotes the IP header and the first bytes of the datagram that caused it: they
 * are dissected as an "error packet" (columns stay the outer ones; lengths are not trusted).
 */
function quotedDatagram(tvb: Tvb, type: number, origLen: number, pinfo: PacketInfo, t: ProtoNode): boolean {
  const save = pinfo.inErrorPkt;
  const current = pinfo.current;
  pinfo.inErrorPkt = true;
  let next = tvb.sub(8);
  if (type === 5) {
    next = next.subClamped(0, (tvb.u8(8) & 0x0f) * 4 + 8);
  } else if (origLen && tvb.reportedLength > 8 + origLen * 4 && tvb.u16(8 + 2) > origLen * 4) {
    next = next.subClamped(0, ((tvb.u8(8) & 0x0f) + origLen) * 4);
  }
  try {
    if (next.reportedLength > 0) {
      // Wireshark's "ip" dissector: the version decides between IPv4 and IPv6 (or a bogus one).
      const v6 = (next.u8(0) >> 4) === 6 ? table('ethertype').get(0x86dd) : undefined;
      callDissector(v6 ?? ipAnyVersion, next, pinfo, t);
    }
    return true;
  } catch (e) {
    // A quoted datagram is usually cut short: tshark stops its tree there without complaint.
    if (!isDissectorError(e)) throw e;
    return false;
  } finally {
    pinfo.inErrorPkt = save;
    // A quoted packet that threw leaves its protocol as the current one.
    pinfo.current = current;
  }
}

/** Mobile IP agent advertisement extensions (RFC 5944, RFC 3012). */
function mipExtensions(tvb: Tvb, off: number, tree: ProtoNode): void {
  while (tvb.reportedRemaining(off) > 0) {
    const type = tvb.u8(off);
    const len = type ? tvb.u8(off + 1) : 0;
    const et = tree.addText(tvb, off, 1, `Ext: ${MIP_EXTENSIONS[type] ?? `Unknown ext ${type}`}`);
    et.add(hfMipType, tvb, off, 1, type);
    off++;
    if (type !== 0) {
      et.setLength(len + 2);
      et.add(hfMipLength, tvb, off, 1, len);
      off++;
    }
    switch (type) {
      case 0:
        break;
      case 16: {
        et.add(hfMipSeq, tvb, off, 2, tvb.u16(off));
        off += 2;
        et.add(hfMipLife, tvb, off, 2, tvb.u16(off));
        off += 2;
        const flags = tvb.u16(off);
        let label = `Flags: 0x${hex4(flags)}`;
        for (let i = 0; i < MIP_FLAGS.length; i++) if (flags & (0x8000 >> i)) label += `, ${FLAG_NAMES_MIP[i]}`;
        const fn = et.add(hfMipFlags, tvb, off, 2, flags).setLabel(label);
        for (const f of MIP_FLAGS) fn.add(f, tvb, off, 2);
        fn.add(hfMipReserved, tvb, off, 2);
        off += 2;
        const n = Math.floor((len - 6) / 4);
        for (let i = 0; i < n; i++, off += 4) et.add(hfMipCoa, tvb, off, 4, tvb.u32(off));
        break;
      }
      case 19:
        for (let i = 0; i < len; i++, off++) et.add(hfMipPrefixLength, tvb, off, 1, tvb.u8(off));
        break;
      case 24:
        tvb.check(off, len);
        et.add(hfMipChallenge, tvb, off, len);
        off += len;
        break;
      default:
        if (len !== 0) {
          tvb.check(off, len);
          et.add(hfMipContent, tvb, off, len - 4);
          off += len;
        }
    }
  }
}


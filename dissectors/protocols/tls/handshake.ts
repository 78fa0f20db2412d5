/*
 * TLS handshake messages (RFC 5246 §7.4, RFC 8446 §4) as Wireshark 4.0 shows them without keys:
 * ClientHello and ServerHello with their extensions and the JA3/JA3S fingerprints, Certificate
 * (the DER bytes; Wireshark's X.509 subtree is not rebuilt), key exchanges, CertificateRequest,
 * CertificateVerify, NewSessionTicket, Finished, KeyUpdate. A handshake record that looks
 * encrypted (after ChangeCipherSpec, or a type that makes no sense) is an "Encrypted Handshake
 * Message", as Wireshark's is_encrypted_handshake_message decides.
 */
import { md5Hex } from '../../core/md5.js';
import type { PacketInfo } from '../../core/pinfo.js';
import type { ProtoNode } from '../../core/tree.js';
import type { Tvb } from '../../core/tvb.js';
import type { FieldDef } from '../../core/fields.js';
import type { ExpertDef } from '../../core/expert.js';
import { asciiItem, asciiString } from '../../core/string-item.js';
import { timeSecsText } from '../../core/time-text.js';
import * as F from './fields.js';
import { showFragments, type FragmentFields } from '../ipv4.js';
import { CIPHER_SUITES, EXTENSION_TYPES, GROUPS, HANDSHAKE_TYPES, HASH_ALGORITHMS, SIGNATURE_ALGORITHMS, SIGNATURE_SCHEMES, VERSION_SHORT } from './names.js';

export const TLS10 = 0x0301;
export const TLS12 = 0x0303;
export const TLS13 = 0x0304;
export const SSL3 = 0x0300;
export const GMTLS = 0x0101;
export const VERSION_UNKNOWN = 0;

/** What Wireshark's SslSession keeps for dissection without keys (per TCP connection). */
export interface TlsState {
  version: number;
  /** Cipher suite the ServerHello chose (−1: none yet): how key exchanges are read. */
  cipher: number;
  /** ServerHello seen and no ServerHelloDone yet: a ChangeCipherSpec of the server then resumes. */
  resumed: boolean;
  /** The application protocol ALPN chose (Wireshark's long name), or null. */
  alpn: string | null;
  /** First ChangeCipherSpec of each side (0: none): handshake records after it are encrypted. */
  clientCcs: number;
  serverCcs: number;
  /** Direction of the ClientHello (1: from the TCP client, 0: from the server, −1: none seen): its destination is the server. */
  helloDir: number;
}

/** A handshake message being put together from records (one per direction). */
interface PendingMessage {
  type: number;
  /** Shared by the records' FragmentInfos: the frame that completed it (0: not yet). */
  msg: { reassembledIn: number };
  parts: { frame: number; offset: number; length: number }[];
  bytes: Uint8Array[];
  got: number;
}

/** What the first pass found for a record that carries part of a message split across records. */
interface FragmentInfo {
  type: number;
  /** Where the record's part starts in the message (0: the message's first part). */
  offset: number;
  /** Bytes of the record that belong to it. */
  length: number;
  /** The record completes it: the whole message and where its parts came from. */
  whole: Uint8Array | null;
  parts: { frame: number; offset: number; length: number }[];
  msg: { reassembledIn: number };
}

/** Per connection: handshake messages across records (Wireshark's tls_hs_reassembly_table). */
export interface HsReassembly {
  pending: [PendingMessage | null, PendingMessage | null];
  /** By `frame:call:offset` of the record. */
  found: Map<string, FragmentInfo>;
}

export const newHsReassembly = (): HsReassembly => ({ pending: [null, null], found: new Map() });

/** One call's view: the session, the packet's direction, and the record tree. */
export interface HsCall {
  s: TlsState;
  hs: HsReassembly;
  /** Which TLS call of the frame this is (records are told apart by call and offset). */
  call: number;
  /** Beside a finished first pass over the connection (a replay for packet details): its messages. */
  hsDone: HsReassembly | null;
  pinfo: PacketInfo;
  fromServer: boolean;
  /** This packet's direction (1: from the TCP client, 0: from the server, −1: unknown). */
  dir: number;
  /** Behind a column fence with text before it: the first Info text takes a separator. */
  afterFence: boolean;
}

/** col_append_sep_str(COL_INFO, NULL, text): ", " between texts, also after a fence's. */
export function appendInfo(c: HsCall, text: string): void {
  if (c.afterFence && c.pinfo.info === '') c.pinfo.setInfo(`, ${text}`);
  else c.pinfo.appendInfoSep(', ', text);
}

/** The fragment tree of a reassembled handshake message (tls_hs_fragment_items: no length or data items). */
const HS_FRAGMENT_FIELDS: FragmentFields = {
  fragments: F.hfHsFragments, fragment: F.hfHsFragment, overlap: F.hfSegmentOverlap, conflict: F.hfSegmentOverlapConflict,
  multipleTails: F.hfSegmentMultipleTails, tooLong: F.hfSegmentTooLong, count: F.hfHsFragmentCount, fragmentsHaveBytes: false,
};

const HS = {
  helloRequest: 0, clientHello: 1, serverHello: 2, newSessionTicket: 4, endOfEarlyData: 5, helloRetryRequest: 6,
  encryptedExtensions: 8, certificate: 11, serverKeyExchange: 12, certificateRequest: 13, serverHelloDone: 14,
  certificateVerify: 15, clientKeyExchange: 16, finished: 20, certificateUrl: 21, certificateStatus: 22, keyUpdate: 24,
} as const;

const ALPN_PROTOCOLS: ReadonlyMap<string, string> = new Map([
  ['http/1.1', 'Hypertext Transfer Protocol'], ['h2', 'HyperText Transfer Protocol 2'], ['dot', 'Domain Name System'],
  ['coap', 'Constrained Application Protocol'], ['stun.nat-discovery', 'Session Traversal Utilities for NAT'],
  ['stun.turn', 'TURN Channel'],
]);

const isGrease = (v: number) => (v & 0x0f0f) === 0x0a0a && (v & 0xff) === ((v >> 8) & 0xff);
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * A text item with a subtree (proto_tree_add_subtree): Wireshark checks that its bytes exist
 * before anything else, with or without a tree, so a length past the data ends the dissection.
 */
function subtree(t: ProtoNode, tvb: Tvb, off: number, len: number, label: string): ProtoNode {
  tvb.check(off, len);
  return t.addText(tvb, off, len, label);
}

/** Adds an item over bytes Wireshark's proto_tree_add_item would read (and throw on). */
function item(t: ProtoNode, f: FieldDef, tvb: Tvb, off: number, len: number): ProtoNode {
  tvb.check(off, len);
  const n = t.add(f, tvb, off, len);
  // Bytes over no bytes have no value in Wireshark's label.
  if (len === 0 && f.type === 'bytes' && n.real) n.setLabel(`${f.name}: <MISSING>`);
  return n;
}

function uint(t: ProtoNode, f: FieldDef, tvb: Tvb, off: number, len: 1 | 2 | 3 | 4): number {
  const v = len === 1 ? tvb.u8(off) : len === 2 ? tvb.u16(off) : len === 3 ? tvb.u24(off) : tvb.u32(off);
  t.add(f, tvb, off, len, v);
  return v;
}

function expert(c: HsCall, node: ProtoNode, ei: ExpertDef, tvb: Tvb, off: number, len: number, msg: string): void {
  c.pinfo.expert(node, ei, tvb, off, len, c.pinfo.wantExpertText ? msg : undefined);
}

/** proto_tree_add_expert_format: an item of its own whose label is the message, the expert under it. */
export function treeExpert(pinfo: PacketInfo, t: ProtoNode, ei: ExpertDef, tvb: Tvb, off: number, len: number, msg: string): void {
  tvb.check(off, len); // as proto_tree_add_text_valist_internal, tree or not
  const n = t.real ? t.addText(tvb, off, len, msg) : t;
  pinfo.expert(n, ei, tvb, off, len, pinfo.wantExpertText ? msg : undefined);
}

/** Wireshark's ssl_add_vector: the length of a vector, checked; −1 when it cannot be used. */
function vector(c: HsCall, t: ProtoNode, tvb: Tvb, off: number, end: number, f: FieldDef, min: number, max: number): number {
  if (off > end) {
    expert(c, t, F.eiTooSmall, tvb, 0, 0, `Vector offset is past buffer end offset (${off} > ${end})`);
    return -1;
  }
  const size = max > 0xffffff ? 4 : max > 0xffff ? 3 : max > 0xff ? 2 : 1;
  if (end - off < size) {
    treeExpert(c.pinfo, t, F.eiTooSmall, tvb, off, end - off, `No more room for vector of length ${size}`);
    return -1;
  }
  const v = size === 1 ? tvb.u8(off) : size === 2 ? tvb.u16(off) : size === 3 ? tvb.u24(off) : tvb.u32(off);
  const pi = t.add(f, tvb, off, size, v);
  if (v < min) expert(c, pi, F.eiVectorLength, tvb, off, size, `Vector length ${v} is smaller than minimum ${min}`);
  else if (v > max) expert(c, pi, F.eiVectorLength, tvb, off, size, `Vector length ${v} is larger than maximum ${max}`);
  if (end - off - size < v) {
    expert(c, pi, F.eiTooSmall, tvb, off, size, `Vector length ${v} is too large, truncating it to ${end - off - size}`);
    return -1;
  }
  return v;
}

/** Wireshark's ssl_end_vector: true when `off` is exactly `end`. */
function endVector(c: HsCall, t: ProtoNode, tvb: Tvb, off: number, end: number): boolean {
  if (off < end) {
    const n = end - off;
    treeExpert(c.pinfo, t, F.eiTrailing, tvb, off, n, `${n} trailing byte${plural(n, ' was', 's were')} unprocessed`);
    return false;
  }
  if (off > end) {
    const n = off - end;
    treeExpert(c.pinfo, t, F.eiTooSmall, tvb, end, n, `Dissector processed too much data (${n} byte${plural(n, '', 's')})`);
    return false;
  }
  return true;
}

/** The version a ServerHello settles (its supported_versions extension for TLS 1.3), and whether it is a HelloRetryRequest. */
const HRR_MAGIC = [0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
  0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c];
function scanServerHello(tvb: Tvb, off: number, end: number): { version: number; hrr: boolean } {
  let version = tvb.u16(off);
  let hrr = false;
  if (version === TLS12 && end - off >= 46) {
    off += 2;
    hrr = HRR_MAGIC.every((b, i) => tvb.u8(off + i) === b);
    off += 32;
    const sid = tvb.u8(off);
    off++;
    if (end - off < sid + 5) return { version, hrr };
    off += sid + 5;
    while (end - off >= 6) {
      const type = tvb.u16(off);
      const len = tvb.u16(off + 2);
      if (end - off < 4 + len) break;
      if (type === 43 && len === 2) {
        version = tvb.u16(off + 4);
        break;
      }
      off += 4 + len;
    }
  }
  return { version, hrr };
}

/** ssl_try_set_version: an authoritative message (not a ClientHello) sets the session's version. */
export function trySetVersion(s: TlsState, contentType: number, hsType: number, version: number): void {
  if (contentType === 22) {
    if (!HANDSHAKE_TYPES.has(hsType) || hsType === HS.clientHello || hsType === 3 /* DTLS HelloVerifyRequest */) return;
  } else if (![20, 21, 23, 24, 25].includes(contentType)) {
    return;
  }
  if (hsType === HS.serverHello && contentType === 22) {
    if ((version >> 8) === 0x7f || version === 0xfb17 || version === 0xfb1a) version = TLS13;
  }
  if (![SSL3, TLS10, 0x0302, TLS12, TLS13, GMTLS].includes(version)) return;
  s.version = version;
}

const shortName = (v: number) => VERSION_SHORT.get(v) ?? 'TLS';

/**
 * tls_show_handshake_details: the Info text and the record's label for a handshake message (or
 * its fragment), and its "Handshake Protocol" node.
 */
function showDetails(c: HsCall, record: ProtoNode, version: number, type: number, encrypted: boolean, first: boolean,
  complete: boolean, tvb: Tvb, off: number, len: number): ProtoNode {
  const name = encrypted ? 'Encrypted Handshake Message' : (HANDSHAKE_TYPES.get(type) ?? 'Encrypted Handshake Message');
  if (complete) appendInfo(c, name);
  else if (first) appendInfo(c, `[${name} Fragment]`);
  if (first) record.setLabel(`${shortName(version)} Record Layer: Handshake Protocol: ${name}${!complete && !encrypted ? ' (fragment)' : ''}`);
  else record.setLabel(`${shortName(version)} Record Layer: Handshake Protocol: Multiple Handshake Messages`);
  const ti = record.add(F.hfHandshake, tvb, off, len, null);
  ti.setLabel(`Handshake Protocol: ${name}${!complete && !encrypted ? ' (fragment)' : ''}`);
  return ti;
}

/** is_encrypted_handshake_message (for records that were not decrypted). */
function looksEncrypted(c: HsCall, tvb: Tvb, off: number, end: number): boolean {
  if (end - off < 16) return false;
  let enc = tvb.u8(off) === 0 && tvb.u32(off + 1) === 0;
  if (!enc) {
    const ccs = c.fromServer ? c.s.serverCcs : c.s.clientCcs;
    enc = ccs !== 0 && c.pinfo.meta.num > ccs;
  }
  if (!enc) {
    const type = tvb.u8(off);
    enc = !HANDSHAKE_TYPES.has(type) || tvb.u24(off + 1) >= 0x10000;
  }
  return enc;
}

/**
 * A record's name across passes: frame, TLS call and offset in its data source (the frame's
 * offset counts from the frame's start: a first pass reads it in place in a larger buffer).
 */
function recordKey(c: HsCall, tvb: Tvb, off: number): string {
  const at = tvb.abs(off) - (tvb.source === 0 ? c.pinfo.frameStart : 0);
  return `${c.pinfo.meta.num}:${c.call}:${tvb.source}:${at}`;
}

/** save_tls_handshake_fragment (first pass): the record's part of a message split across records. */
function continueMessage(c: HsCall, tvb: Tvb, off: number, end: number, key: string): FragmentInfo | null {
  const dir = c.fromServer ? 1 : 0;
  const p = c.hs.pending[dir];
  if (!p) return null;
  let len = end - off;
  // The message's length, from its first 4 bytes (which may straddle records).
  const head: number[] = [];
  for (const b of p.bytes) for (let i = 0; i < b.length && head.length < 4; i++) head.push(b[i]!);
  for (let i = 0; head.length < 4 && i < len && tvb.has(off + i, 1); i++) head.push(tvb.u8(off + i));
  let msgLen = 0;
  if (head.length >= 4) {
    msgLen = 4 + ((head[1]! << 16) | (head[2]! << 8) | head[3]!);
    if (len > msgLen - p.got) len = msgLen - p.got;
  }
  if (!tvb.has(off, len)) {
    // Bytes missing from the capture: the message cannot be completed, nor its end found.
    c.hs.pending[dir] = null;
    return null;
  }
  const info: FragmentInfo = { type: p.type, offset: p.got, length: len, whole: null, parts: p.parts, msg: p.msg };
  p.parts.push({ frame: c.pinfo.meta.num, offset: p.got, length: len });
  p.bytes.push(tvb.bytes(off, len));
  p.got += len;
  if (p.got === msgLen) {
    const whole = new Uint8Array(msgLen);
    let at = 0;
    for (const b of p.bytes) {
      whole.set(b, at);
      at += b.length;
    }
    info.whole = whole;
    p.msg.reassembledIn = c.pinfo.meta.num;
    c.hs.pending[dir] = null;
  }
  c.hs.found.set(key, info);
  return info;
}

/**
 * A second look (Wireshark's second pass, packet details): where the message a fragment belongs
 * to was put together. The first pass does not know it yet, as tshark's single pass.
 */
function reassembledIn(c: HsCall, record: ProtoNode, tvb: Tvb, key: string): void {
  const found = c.pinfo.visited ? c.hs : c.hsDone;
  const frame = found?.found.get(key)?.msg.reassembledIn ?? 0;
  if (frame !== 0) record.add(F.hfHsReassembledIn, tvb, 0, 0, frame);
}

/** dissect_tls_handshake: the handshake messages of one record (`off`..`end`). */
export function dissectHandshakeRecord(c: HsCall, record: ProtoNode, tvb: Tvb, off: number, end: number, version: number): void {
  const key = recordKey(c, tvb, off);
  const frag = c.pinfo.visited ? c.hs.found.get(key) ?? null : continueMessage(c, tvb, off, end, key);
  let first = true;
  if (frag && frag.offset !== 0) {
    if (!frag.whole) {
      // The middle of a message that goes on in the next record.
      showDetails(c, record, version, frag.type, false, false, false, tvb, off, end - off);
      reassembledIn(c, record, tvb, key);
      return;
    }
    const ti = record.add(F.hfHandshake, tvb, off, frag.length, null);
    ti.setLabel(`Handshake Protocol: ${HANDSHAKE_TYPES.get(frag.type) ?? 'Encrypted Handshake Message'} (last fragment)`);
    off += frag.length;
    const src = c.pinfo.addDataSource('Reassembled TLS Handshake', frag.whole);
    const whole = c.pinfo.frameView(frag.whole, frag.whole.length, 'tls');
    whole.source = src;
    const re = { data: frag.whole, parts: frag.parts, frame: c.pinfo.meta.num, overlap: false, overlapConflict: false, tooLong: false, multipleTails: false };
    showFragments(re, record, c.pinfo, whole, 'Reassembled Handshake', HS_FRAGMENT_FIELDS);
    dissectMessage(c, record, whole, 0, version, true);
    first = false;
  } else if (!frag && looksEncrypted(c, tvb, off, end)) {
    showDetails(c, record, version, 0, true, true, true, tvb, off, end - off);
    return;
  }
  while (off < end) {
    const rest = end - off;
    const msgLen = rest >= 4 ? 4 + tvb.u24(off + 1) : 0;
    if (msgLen === 0 || rest < msgLen) {
      // A message continued in the next record(s).
      const type = tvb.u8(off);
      const at = recordKey(c, tvb, off);
      if (!c.pinfo.visited && tvb.has(off, rest)) {
        const fromServer = c.fromServer ? 1 : 0;
        const p: PendingMessage = { type, msg: { reassembledIn: 0 }, parts: [{ frame: c.pinfo.meta.num, offset: 0, length: rest }], bytes: [tvb.bytes(off, rest)], got: rest };
        c.hs.pending[fromServer] = p;
        c.hs.found.set(at, { type, offset: 0, length: rest, whole: null, parts: p.parts, msg: p.msg });
      }
      showDetails(c, record, version, type, false, first, false, tvb, off, rest);
      reassembledIn(c, record, tvb, at);
      return;
    }
    dissectMessage(c, record, tvb, off, version, first);
    off += msgLen;
    first = false;
  }
}

/** dissect_tls_handshake_full: one whole handshake message at `off`. */
function dissectMessage(c: HsCall, record: ProtoNode, tvb: Tvb, off: number, version: number, first: boolean): void {
  const type = tvb.u8(off);
  const length = tvb.u24(off + 1);
  const known = HANDSHAKE_TYPES.has(type);
  if (!known && !first) return;
  let hrr = false;
  if (first && type === HS.serverHello && length > 2) {
    const sh = scanServerHello(tvb, off + 4, off + 4 + length);
    trySetVersion(c.s, 22, HS.serverHello, sh.version);
    hrr = sh.hrr;
  }
  const ti = showDetails(c, record, version, hrr ? HS.helloRetryRequest : type, false, first, true, tvb, off, length + 4);
  if (!known) return;
  ti.add(F.hfHsType, tvb, off, 1, type);
  ti.add(F.hfHsLength, tvb, off + 1, 3, length);
  const start = off + 4;
  const end = start + length;
  switch (type) {
    case HS.clientHello: clientHello(c, ti, tvb, start, end); break;
    case HS.serverHello: serverHello(c, ti, tvb, start, end, hrr); break;
    case HS.newSessionTicket: newSessionTicket(c, ti, tvb, start, end); break;
    case HS.helloRetryRequest: break;
    case HS.encryptedExtensions: extensions(c, ti, tvb, start, end, type, null); break;
    case HS.certificate: certificate(c, ti, tvb, start, end); break;
    case HS.serverKeyExchange: serverKeyExchange(c, ti, tvb, start, end); break;
    case HS.certificateRequest: certificateRequest(c, ti, tvb, start, end); break;
    case HS.serverHelloDone: c.s.resumed = false; break;
    case HS.certificateVerify: digitallySigned(c, ti, tvb, start, end, c.s.version, F.hfCertVerifySigLength, F.hfCertVerifySig); break;
    case HS.clientKeyExchange: clientKeyExchange(c, ti, tvb, start, length); break;
    case HS.finished: if (ti.real) item(ti, F.hfVerifyData, tvb, start, end - start); break;
    case HS.certificateUrl: certificateUrl(c, ti, tvb, start); break;
    case HS.certificateStatus: certificateStatus(c, ti, tvb, start, end); break;
    case HS.keyUpdate: item(ti, F.hfKeyUpdateRequest, tvb, start, 1); break;
    default: break;
  }
}

/**
 * tls_dissect_hnd_certificate_status: the status type, then the OCSP response(s) with their
 * lengths (the OCSP structure inside is not decoded: Wireshark's BER tree is not rebuilt).
 */
function certificateStatus(c: HsCall, t: ProtoNode, tvb: Tvb, off: number, end: number): void {
  const type = uint(t, F.hfStatusType, tvb, off, 1);
  off++;
  if (type === 1) {
    ocspResponse(c, t, tvb, off, end);
  } else if (type === 2) {
    const len = vector(c, t, tvb, off, end, F.hfOcspResponseListLength, 1, 0xffffff);
    if (len < 0) return;
    off += 3;
    for (const next = off + len; off < next;) off = ocspResponse(c, t, tvb, off, next);
  }
}

/** tls_dissect_ocsp_response: opaque OCSPResponse<1..2^24-1>; the offset after it. */
function ocspResponse(c: HsCall, t: ProtoNode, tvb: Tvb, off: number, end: number): number {
  const len = vector(c, t, tvb, off, end, F.hfOcspResponseLength, 1, 0xffffff);
  if (len < 0) return end;
  off += 3;
  subtree(t, tvb, off, len, 'OCSP Response');
  return off + len;
}

/**
 * ssl_dissect_hnd_cert_url (RFC 6066 CertificateURL). As Wireshark's, the list's length counts
 * URL-and-hash entries, not bytes (the data ends it first, as a malformed packet).
 */
function certificateUrl(c: HsCall, t: ProtoNode, tvb: Tvb, off: number): void {
  item(t, F.hfCertUrlType, tvb, off, 1);
  off++;
  let n = uint(t, F.hfCertUrlListLength, tvb, off, 2);
  off += 2;
  while (n-- > 0) {
    const e = t.add(F.hfCertUrlItem, tvb, off, Math.max(0, tvb.remaining(off)), null);
    const len = uint(e, F.hfCertUrlLength, tvb, off, 2);
    off += 2;
    tvb.check(off, len);
    asciiItem(e, F.hfCertUrl, tvb, off, len, c.pinfo);
    off += len;
    item(e, F.hfCertUrlPadding, tvb, off, 1);
    off++;
    item(e, F.hfCertUrlSha1, tvb, off, 20);
    off += 20;
  }
}

/** ssl_dissect_hnd_hello_common: random and session ID. */
function helloCommon(c: HsCall, t: ProtoNode, tvb: Tvb, off: number, hrr: boolean): number {
  const rnd = item(t, F.hfRandom, tvb, off, 32);
  if (c.s.version !== TLS13) {
    rnd.add(F.hfRandomTime, tvb, off, 4, { sec: tvb.u32(off), nsec: 0 });
    rnd.add(F.hfRandomBytes, tvb, off + 4, 28);
  } else if (hrr) {
    rnd.appendLabel(' (HelloRetryRequest magic)', () => `Random: ${hexOf(tvb, off, 32)}`);
  }
  off += 32;
  const sidLen = uint(t, F.hfSessionIdLength, tvb, off, 1);
  off++;
  if (sidLen > 0) {
    item(t, F.hfSessionId, tvb, off, sidLen);
    off += sidLen;
  }
  return off;
}

function hexOf(tvb: Tvb, off: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) s += tvb.u8(off + i).toString(16).padStart(2, '0');
  return s;
}

function clientHello(c: HsCall, t: ProtoNode, tvb: Tvb, off: number, end: number): void {
  // ssl_set_server: the ClientHello's destination is the server, from now on.
  if (!c.pinfo.visited && c.dir >= 0) c.s.helloDir = c.dir;
  const version = uint(t, F.hfHsVersion, tvb, off, 2);
  let ja3 = `${version},`;
  off = helloCommon(c, t, tvb, off + 2, false);
  const csLen = vector(c, t, tvb, off, end, F.hfCipherSuitesLength, 2, 0xffff);
  if (csLen < 0) return;
  off += 2;
  let next = off + csLen;
  const cs = t.add(F.hfCipherSuites, tvb, off, csLen, null).setLabel(`Cipher Suites (${csLen >> 1} suite${plural(csLen >> 1, '', 's')})`);
  let dash = '';
  while (off + 2 <= next) {
    const v = uint(cs, F.hfCipherSuite, tvb, off, 2);
    off += 2;
    if (!isGrease(v)) {
      ja3 += dash + v;
      dash = '-';
    }
  }
  ja3 += ',';
  if (!endVector(c, cs, tvb, off, next)) off = next;
  const cmLen = vector(c, t, tvb, off, end, F.hfCompMethodsLength, 1, 0xff);
  if (cmLen < 0) return;
  off++;
  next = off + cmLen;
  const cm = t.add(F.hfCompMethods, tvb, off, cmLen, null).setLabel(`Compression Methods (${cmLen} method${plural(cmLen, '', 's')})`);
  while (off < next) {
    const m = tvb.u8(off);
    const n = cm.add(F.hfCompMethod, tvb, off, 1, m);
    if (m > 63) n.setLabel(`Compression Method: ${m < 193 ? 'Reserved - to be assigned by IANA' : 'Private use range'} (${m})`);
    off++;
  }
  if (off < end) ja3 = extensions(c, t, tvb, off, end, HS.clientHello, ja3) ?? ja3;
  else ja3 += ',,';
  t.addGenerated(F.hfJa3Full, ja3, tvb, off, 0);
  t.addGenerated(F.hfJa3, md5Hex(ja3), tvb, off, 0);
}

function serverHello(c: HsCall, t: ProtoNode, tvb: Tvb, off: number, end: number, hrr: boolean): void {
  c.pinfo.setProtocol(VERSION_SHORT.get(c.s.version) ?? 'SSL');
  c.s.resumed = true;
  const version = uint(t, F.hfHsVersion, tvb, off, 2);
  let ja3 = `${version}`;
  off = helloCommon(c, t, tvb, off + 2, hrr);
  const cipher = uint(t, F.hfCipherSuite, tvb, off, 2);
  c.s.cipher = cipher;
  off += 2;
  ja3 += `,${cipher},`;
  item(t, F.hfCompMethod, tvb, off, 1);
  off++;
  if (off < end) ja3 = extensions(c, t, tvb, off, end, hrr ? HS.helloRetryRequest : HS.serverHello, ja3) ?? ja3;
  t.addGenerated(F.hfJa3sFull, ja3, tvb, off, 0);
  t.addGenerated(F.hfJa3s, md5Hex(ja3), tvb, off, 0);
}

function newSessionTicket(c: HsCall, ti: ProtoNode, tvb: Tvb, off: number, end: number): void {
  const tls13 = c.s.version === TLS13;
  const t = subtree(ti, tvb, off, end - off, 'TLS Session Ticket');
  const hint = tvb.u32(off);
  const hn = t.add(F.hfTicketLifetime, tvb, off, 4, hint);
  if (hint >= 60) hn.appendLabel(` (${timeSecsText(hint)})`, () => `Session Ticket Lifetime Hint: ${hint} seconds`);
  off += 4;
  if (tls13) {
    uint(t, F.hfTicketAgeAdd, tvb, off, 4);
    off += 4;
    const nl = vector(c, t, tvb, off, end, F.hfTicketNonceLength, 0, 255);
    if (nl < 0) return;
    off++;
    item(t, F.hfTicketNonce, tvb, off, nl);
    off += nl;
  }
  const tl = vector(c, t, tvb, off, end, F.hfTicketLength, tls13 ? 1 : 0, 0xffff);
  if (tl < 0) return;
  off += 2;
  item(t, F.hfTicket, tvb, off, tl);
  off += tl;
  if (tls13) extensions(c, t, tvb, off, end, HS.newSessionTicket, null);
}

/** TLS 1.3's certificate_request_context<0..255>: the offset after it, or −1. */
function requestContext(c: HsCall, t: ProtoNode, tvb: Tvb, off: number, end: number): number {
  const cl = vector(c, t, tvb, off, end, F.hfCertRequestContextLength, 0, 255);
  if (cl < 0) return -1;
  off++;
  if (cl > 0) item(t, F.hfCertRequestContext, tvb, off, cl);
  return off + cl;
}

function certificate(c: HsCall, t: ProtoNode, tvb: Tvb, off: number, end: number): void {
  const tls13 = c.s.version === TLS13;
  if (tls13) {
    off = requestContext(c, t, tvb, off, end);
    if (off < 0) return;
  }
  const listLen = vector(c, t, tvb, off, end, F.hfCertificatesLength, 0, 0xffffff);
  if (listLen < 0) return;
  off += 3;
  const next = off + listLen;
  let sub = t;
  if (listLen > 0) sub = t.add(F.hfCertificates, tvb, off, listLen, null).setLabel(`Certificates (${listLen} bytes)`);
  while (off < next) {
    const len = vector(c, sub, tvb, off, next, F.hfCertificateLength, 1, 0xffffff);
    if (len < 0) return;
    off += 3;
    item(sub, F.hfCertificate, tvb, off, len);
    off += len;
    if (tls13) off = extensions(c, sub, tvb, off, next, HS.certificate, null, true);
  }
}

type Kex = 'dh_anon' | 'dhe' | 'ecdh_anon' | 'ecdh' | 'rsa' | 'psk' | 'rsa_psk' | 'other';

/** ssl_get_keyex_alg, from the cipher suite's IANA name. */
function kexOf(cipher: number): Kex {
  const name = CIPHER_SUITES.get(cipher);
  if (!name || cipher < 0) return 'other';
  const m = /^(?:TLS|SSL)_(.*?)_WITH_/.exec(name);
  const k = m ? m[1]! : '';
  if (k === 'DH_anon' || k === 'DH_anon_EXPORT') return 'dh_anon';
  if (/^DHE_(RSA|DSS)/.test(k)) return 'dhe';
  if (k === 'ECDH_anon') return 'ecdh_anon';
  if (/^ECDHE?_(RSA|ECDSA)$/.test(k)) return 'ecdh';
  if (k === 'RSA' || k === 'RSA_EXPORT' || k === 'RSA_EXPORT1024' || k === 'RSA_FIPS') return 'rsa';
  if (k === 'PSK') return 'psk';
  if (k === 'RSA_PSK') return 'rsa_psk';
  return 'other';
}

function serverKeyExchange(c: HsCall, t: ProtoNode, tvb: Tvb, off: number, end: number): void {
  const kex = kexOf(c.s.cipher);
  if (kex === 'ecdh' || kex === 'ecdh_anon') {
    const p = subtree(t, tvb, off, end - off, 'EC Diffie-Hellman Server Params');
    const curveType = uint(p, F.hfCurveType, tvb, off, 1);
    off++;
    if (curveType !== 3) return;
    uint(p, F.hfNamedCurve, tvb, off, 2);
    off += 2;
    if (off >= end) return;
    const pl = uint(p, F.hfServerPointLength, tvb, off, 1);
    item(p, F.hfServerPoint, tvb, off + 1, pl);
    off += 1 + pl;
    if (kex === 'ecdh') digitallySigned(c, p, tvb, off, end, c.s.version, F.hfSigLength, F.hfSig);
  } else if (kex === 'dhe' || kex === 'dh_anon') {
    const p = subtree(t, tvb, off, end - off, 'Diffie-Hellman Server Params');
    for (const [fl, fv] of [[F.hfPLength, F.hfP], [F.hfGLength, F.hfG], [F.hfYsLength, F.hfYs]] as const) {
      const n = uint(p, fl, tvb, off, 2);
      item(p, fv, tvb, off + 2, n);
      off += 2 + n;
    }
    if (kex === 'dhe') digitallySigned(c, p, tvb, off, end, c.s.version, F.hfSigLength, F.hfSig);
  } else if (kex === 'rsa') {
    const p = subtree(t, tvb, off, end - off, 'RSA-EXPORT parameters');
    for (const [fl, fv] of [[F.hfModulusLength, F.hfModulus], [F.hfExponentLength, F.hfExponent]] as const) {
      const n = uint(p, fl, tvb, off, 2);
      item(p, fv, tvb, off + 2, n);
      off += 2 + n;
    }
    digitallySigned(c, p, tvb, off, end, c.s.version, F.hfSigLength, F.hfSig);
  }
}

function clientKeyExchange(c: HsCall, t: ProtoNode, tvb: Tvb, off: number, length: number): void {
  const kex = kexOf(c.s.cipher);
  if (kex === 'ecdh' || kex === 'ecdh_anon') {
    const p = subtree(t, tvb, off, length, 'EC Diffie-Hellman Client Params');
    const pl = uint(p, F.hfClientPointLength, tvb, off, 1);
    item(p, F.hfClientPoint, tvb, off + 1, pl);
  } else if (kex === 'dhe' || kex === 'dh_anon') {
    const p = subtree(t, tvb, off, length, 'Diffie-Hellman Client Params');
    const n = uint(p, F.hfYcLength, tvb, off, 2);
    item(p, F.hfYc, tvb, off + 2, n);
  } else if (kex === 'rsa') {
    const p = subtree(t, tvb, off, length, 'RSA Encrypted PreMaster Secret');
    let n = length;
    if (c.s.version !== SSL3) {
      n = uint(p, F.hfEpmsLength, tvb, off, 2);
      off += 2;
    }
    item(p, F.hfEpms, tvb, off, n);
  }
}

function certificateRequest(c: HsCall, t: ProtoNode, tvb: Tvb, off: number, end: number): void {
  const tls13 = c.s.version === TLS13;
  if (tls13) {
    off = requestContext(c, t, tvb, off, end);
    if (off >= 0) extensions(c, t, tvb, off, end, HS.certificateRequest, null);
    return;
  }
  const n = vector(c, t, tvb, off, end, F.hfCertTypesCount, 1, 255);
  if (n < 0) return;
  off++;
  const next = off + n;
  const types = t.add(F.hfCertTypes, tvb, off, n, null).setLabel(`Certificate types (${n} type${plural(n, '', 's')})`);
  while (off < next) {
    item(types, F.hfCertType, tvb, off, 1);
    off++;
  }
  if (c.s.version === TLS12) off = sigHashAlgList(c, t, tvb, off, end);
  certificateAuthorities(c, t, tvb, off, end);
}

/** tls_dissect_certificate_authorities: the names' lengths and bytes (their X.509 form is not decoded). */
function certificateAuthorities(c: HsCall, t: ProtoNode, tvb: Tvb, off: number, end: number): void {
  const len = vector(c, t, tvb, off, end, F.hfDnamesLength, 0, 0xffff);
  if (len < 0) return;
  off += 2;
  const next = off + len;
  if (len === 0) return;
  const sub = t.add(F.hfDnames, tvb, off, len, null).setLabel(`Distinguished Names (${len} byte${plural(len, '', 's')})`);
  while (off < next) {
    const n = vector(c, sub, tvb, off, next, F.hfDnameLength, 1, 0xffff);
    if (n < 0) return;
    off += 2;
    item(sub, F.hfDname, tvb, off, n);
    off += n;
  }
}

/** ssl_dissect_digitally_signed: the algorithm (TLS 1.2 and later), then the signature. */
function digitallySigned(c: HsCall, t: ProtoNode, tvb: Tvb, off: number, end: number, version: number, fLen: FieldDef, fSig: FieldDef): number {
  if (version === TLS12 || version === TLS13) {
    signatureAlgorithm(t, tvb, off);
    off += 2;
  }
  const n = vector(c, t, tvb, off, end, fLen, 0, 0xffff);
  if (n < 0) return end;
  off += 2;
  item(t, fSig, tvb, off, n);
  return off + n;
}

/** tls_dissect_signature_algorithm: the scheme, with its hash and signature bytes beneath. */
function signatureAlgorithm(t: ProtoNode, tvb: Tvb, off: number): void {
  const v = tvb.u16(off);
  const n = t.add(F.hfSigHashAlg, tvb, off, 2, v);
  const hash = v >> 8;
  const sig = v & 0xff;
  n.add(F.hfSigHashHash, tvb, off, 1, hash);
  n.add(F.hfSigHashSig, tvb, off + 1, 1, sig);
  if (!SIGNATURE_SCHEMES.has(v)) {
    n.setLabel(`Signature Algorithm: ${HASH_ALGORITHMS.get(hash) ?? 'Unknown'} ${SIGNATURE_ALGORITHMS.get(sig) ?? 'Unknown'} (0x${v.toString(16).padStart(4, '0')})`);
  }
}

function sigHashAlgList(c: HsCall, t: ProtoNode, tvb: Tvb, off: number, end: number): number {
  const len = vector(c, t, tvb, off, end, F.hfSigHashAlgLength, 2, 0xfffe);
  if (len < 0) return end;
  off += 2;
  const next = off + len;
  const sub = t.add(F.hfSigHashAlgs, tvb, off, len, null).setLabel(`Signature Hash Algorithms (${len >> 1} algorithm${plural(len >> 1, '', 's')})`);
  while (off + 2 <= next) {
    signatureAlgorithm(sub, tvb, off);
    off += 2;
  }
  if (!endVector(c, sub, tvb, off, next)) off = next;
  return off;
}

/**
 * ssl_dissect_hnd_extension: the extensions block of a hello (and of the TLS 1.3 messages that
 * carry one). With `ja3` (a hello's fingerprint so far), returns it with the extension types,
 * and for a ClientHello the groups and point formats.
 */
function extensions(c: HsCall, t: ProtoNode, tvb: Tvb, off: number, end: number, hsType: number, ja3: string | null): string | null;
function extensions(c: HsCall, t: ProtoNode, tvb: Tvb, off: number, end: number, hsType: number, ja3: null, retOffset: true): number;
function extensions(c: HsCall, t: ProtoNode, tvb: Tvb, off: number, end: number, hsType: number, ja3: string | null, retOffset = false): string | null | number {
  const total = vector(c, t, tvb, off, end, F.hfExtensionsLength, 0, 0xffff);
  if (total < 0) return retOffset ? end : ja3;
  off += 2;
  const extEnd = off + total;
  let dash = '';
  let sg = '';
  let ecpf = '';
  while (extEnd - off >= 4) {
    const type = tvb.u16(off);
    const declared = tvb.u16(off + 2);
    const ext = subtree(t, tvb, off, 4 + declared, `Extension: ${EXTENSION_TYPES.get(type) ?? `Unknown type ${type}`} (len=${declared})`);
    ext.add(F.hfExtType, tvb, off, 2, type);
    off += 2;
    if (ja3 !== null && !isGrease(type)) {
      ja3 += dash + type;
      dash = '-';
    }
    const len = vector(c, ext, tvb, off, extEnd, F.hfExtLength, 0, 0xffff);
    if (len < 0) return retOffset ? extEnd : ja3;
    off += 2;
    const next = off + len;
    const client = hsType === HS.clientHello;
    switch (type) {
      case 0: off = serverName(c, ext, tvb, off, next); break;
      case 1: item(ext, F.hfMaxFragmentLength, tvb, off, 1); off++; break;
      case 5: if (client) off = statusRequest(c, ext, tvb, off, next); break;
      case 10: {
        const r = supportedGroups(c, ext, tvb, off, next, client);
        off = r.off;
        if (client) sg = r.ja3;
        break;
      }
      case 11: {
        const r = ecPointFormats(ext, tvb, off, client);
        off = r.off;
        if (client) ecpf = r.ja3;
        break;
      }
      case 9: case 19: case 20: off = certType(ext, tvb, off, next, hsType); break;
      case 13: case 50: off = sigHashAlgList(c, ext, tvb, off, next); break;
      case 16: off = alpn(c, ext, tvb, off, next, hsType); break;
      case 15: item(ext, F.hfHeartbeatMode, tvb, off, 1); off++; break;
      case 21: item(ext, F.hfPadding, tvb, off, len); off += len; break;
      case 28: item(ext, F.hfRecordSizeLimit, tvb, off, 2); off += 2; break;
      case 35:
        ext.add(F.hfExtData, tvb, off, len).setLabel(`Data (${len} byte${plural(len, '', 's')})`);
        tvb.check(off, len);
        off += len;
        break;
      case 40: case 51: off = keyShare(c, ext, tvb, off, next, hsType); break;
      case 41: off = preSharedKey(c, ext, tvb, off, next, hsType); break;
      case 42:
        if (hsType === HS.newSessionTicket) {
          item(ext, F.hfMaxEarlyData, tvb, off, 4);
          off += 4;
        }
        break;
      case 43:
        if (client) off = supportedVersions(c, ext, tvb, off, next);
        else if (hsType === HS.serverHello || hsType === HS.helloRetryRequest) {
          item(ext, F.hfSupportedVersion, tvb, off, 2);
          off += 2;
        }
        break;
      case 44: {
        const n = vector(c, ext, tvb, off, next, F.hfCookieLength, 1, 0xffff);
        if (n < 0) {
          off = next;
          break;
        }
        off += 2;
        item(ext, F.hfCookie, tvb, off, n);
        off += n;
        break;
      }
      case 45: {
        const n = vector(c, ext, tvb, off, next, F.hfPskKeModesLength, 1, 255);
        if (n < 0) {
          off = next;
          break;
        }
        off++;
        for (const stop = off + n; off < stop; off++) item(ext, F.hfPskKeMode, tvb, off, 1);
        break;
      }
      case 49: break; // post_handshake_auth: empty
      case 22: case 23: break; // encrypt_then_mac, extended_master_secret: empty
      case 65281: off = renegotiationInfo(c, ext, tvb, off, next); break;
      default:
        // Unknown, or decoded by Wireshark with a tree Packetloom does not rebuild (QUIC transport
        // parameters, SCTs, compress_certificate, ALPS …): the bytes (none: `<MISSING>`, as its label says).
        item(ext, F.hfExtData, tvb, off, len);
        off += len;
        break;
    }
    if (!endVector(c, ext, tvb, off, next)) off = next;
  }
  if (ja3 !== null && hsType === HS.clientHello) {
    ja3 += sg.length > 0 ? sg : ',';
    ja3 += ecpf.length > 0 ? ecpf : ',';
  }
  if (!endVector(c, t, tvb, off, extEnd)) off = extEnd;
  return retOffset ? off : ja3;
}

/** ssl_dissect_hnd_hello_ext_cert_type (RFC 7250 client/server_certificate_type, RFC 6091 cert_type). */
function certType(ext: ProtoNode, tvb: Tvb, off: number, end: number, hsType: number): number {
  if (hsType === HS.clientHello) {
    const n = uint(ext, F.hfCertTypesLength, tvb, off, 1);
    off++;
    if (end - off !== n) return off;
    const list = item(ext, F.hfCertTypeList, tvb, off, n);
    list.appendLabel(` (${n})`, () => F.hfCertTypeList.name);
    for (let k = 0; k < n; k++, off++) item(list, F.hfExtCertType, tvb, off, 1);
  } else if (hsType === HS.serverHello || hsType === HS.encryptedExtensions || hsType === HS.certificate) {
    item(ext, F.hfExtCertType, tvb, off, 1);
    off++;
  }
  return off;
}

function serverName(c: HsCall, ext: ProtoNode, tvb: Tvb, off: number, end: number): number {
  if (off === end) return off;
  const t = subtree(ext, tvb, off, end - off, 'Server Name Indication extension');
  const listLen = vector(c, t, tvb, off, end, F.hfSniListLength, 1, 0xffff);
  if (listLen < 0) return end;
  off += 2;
  const next = off + listLen;
  while (off < next) {
    item(t, F.hfSniType, tvb, off, 1);
    off++;
    const n = vector(c, t, tvb, off, next, F.hfSniLength, 1, 0xffff);
    if (n < 0) return next;
    off += 2;
    tvb.check(off, n);
    const a = tvb.abs(off);
    t.add(F.hfSni, tvb, off, n, asciiString(tvb.data, a, a + n));
    off += n;
  }
  return off;
}

function statusRequest(c: HsCall, ext: ProtoNode, tvb: Tvb, off: number, end: number): number {
  const type = uint(ext, F.hfStatusType, tvb, off, 1);
  off++;
  if (type === 1 || type === 2) {
    const ids = vector(c, ext, tvb, off, end, F.hfStatusResponderIdsLength, 0, 0xffff);
    if (ids < 0) return end;
    off += 2;
    if (ids !== 0) treeExpert(c.pinfo, ext, F.eiStatusUndecoded, tvb, off, ids, 'Responder ID list is not implemented, contact Wireshark developers if you want this to be supported');
    off += ids;
    const exts = vector(c, ext, tvb, off, end, F.hfStatusExtsLength, 0, 0xffff);
    if (exts < 0) return end;
    off += 2;
    if (exts !== 0) treeExpert(c.pinfo, ext, F.eiStatusUndecoded, tvb, off, exts, 'Request Extensions are not implemented, contact Wireshark developers if you want this to be supported');
    off += exts;
  }
  return off;
}

function supportedGroups(c: HsCall, ext: ProtoNode, tvb: Tvb, off: number, end: number, wantJa3: boolean): { off: number; ja3: string } {
  const len = vector(c, ext, tvb, off, end, F.hfGroupsLength, 2, 0xffff);
  if (len < 0) return { off: end, ja3: '' };
  off += 2;
  const next = off + len;
  const g = ext.add(F.hfGroups, tvb, off, len, null).setLabel(`Supported Groups (${len >> 1} group${plural(len >> 1, '', 's')})`);
  let ja3 = wantJa3 ? ',' : '';
  let dash = '';
  while (off + 2 <= end) {
    const v = uint(g, F.hfGroup, tvb, off, 2);
    off += 2;
    if (wantJa3 && !isGrease(v)) {
      ja3 += dash + v;
      dash = '-';
    }
  }
  if (!endVector(c, g, tvb, off, next)) off = next;
  return { off, ja3 };
}

function ecPointFormats(ext: ProtoNode, tvb: Tvb, off: number, wantJa3: boolean): { off: number; ja3: string } {
  let n = uint(ext, F.hfEcPointFormatsLength, tvb, off, 1);
  off++;
  const f = ext.add(F.hfEcPointFormats, tvb, off, n, null).setLabel(`Elliptic curves point formats (${n})`);
  let ja3 = wantJa3 ? ',' : '';
  while (n > 0) {
    const v = uint(f, F.hfEcPointFormat, tvb, off, 1);
    off++;
    n--;
    if (wantJa3) ja3 += n > 0 ? `${v}-` : `${v}`;
  }
  return { off, ja3 };
}

function alpn(c: HsCall, ext: ProtoNode, tvb: Tvb, off: number, end: number, hsType: number): number {
  const len = vector(c, ext, tvb, off, end, F.hfAlpnLength, 2, 0xffff);
  if (len < 0) return end;
  off += 2;
  const next = off + len;
  const list = item(ext, F.hfAlpnList, tvb, off, len);
  let chosen: string | null = null;
  while (off < next) {
    const n = vector(c, list, tvb, off, next, F.hfAlpnStrLength, 1, 0xff);
    if (n < 0) return next;
    off++;
    tvb.check(off, n);
    const a = tvb.abs(off);
    const name = asciiString(tvb.data, a, a + n);
    list.add(F.hfAlpnStr, tvb, off, n, name);
    if (hsType === HS.serverHello || hsType === HS.encryptedExtensions) chosen = name;
    off += n;
  }
  if (chosen !== null) {
    const p = ALPN_PROTOCOLS.get(chosen) ?? (chosen.startsWith('h2-') ? 'HyperText Transfer Protocol 2' : chosen.startsWith('spdy/') ? 'SPDY' : null);
    if (p !== null) c.s.alpn = p;
  }
  return off;
}

function keyShare(c: HsCall, ext: ProtoNode, tvb: Tvb, off: number, end: number, hsType: number): number {
  if (end <= off) return off;
  const t = subtree(ext, tvb, off, end - off, 'Key Share extension');
  if (hsType === HS.clientHello) {
    const len = vector(c, t, tvb, off, end, F.hfKeyShareClientLength, 0, 0xffff);
    if (len < 0) return end;
    off += 2;
    const next = off + len;
    while (off + 4 <= next) off = keyShareEntry(c, t, tvb, off, next);
    if (!endVector(c, t, tvb, off, next)) return next;
  } else if (hsType === HS.serverHello) {
    off = keyShareEntry(c, t, tvb, off, end);
  } else if (hsType === HS.helloRetryRequest) {
    item(t, F.hfKeyShareSelectedGroup, tvb, off, 2);
    off += 2;
  }
  return off;
}

function keyShareEntry(c: HsCall, t: ProtoNode, tvb: Tvb, off: number, end: number): number {
  const group = tvb.u16(off);
  const groupName = GROUPS.get(group) ?? `Unknown (${group})`;
  const ks = subtree(t, tvb, off, 4, `Key Share Entry: Group: ${groupName}`);
  ks.add(F.hfKeyShareGroup, tvb, off, 2, group);
  off += 2;
  const n = vector(c, ks, tvb, off, end, F.hfKeyShareKeyLength, 1, 0xffff);
  if (n < 0) return end;
  off += 2;
  ks.setLength(4 + n);
  ks.setLabel(`Key Share Entry: Group: ${groupName}, Key Exchange length: ${n}`);
  item(ks, F.hfKeyShareKey, tvb, off, n);
  return off + n;
}

function preSharedKey(c: HsCall, ext: ProtoNode, tvb: Tvb, off: number, end: number, hsType: number): number {
  const t = subtree(ext, tvb, off, end - off, 'Pre-Shared Key extension');
  if (hsType === HS.clientHello) {
    const idsLen = vector(c, t, tvb, off, end, F.hfPskIdentitiesLength, 7, 0xffff);
    if (idsLen < 0) return end;
    off += 2;
    const idsEnd = off + idsLen;
    while (off < idsEnd) {
      const id = subtree(t, tvb, off, 4, 'PSK Identity (');
      const n = vector(c, id, tvb, off, idsEnd, F.hfPskIdentityLength, 1, 0xffff);
      if (n < 0) return idsEnd;
      off += 2;
      id.setLabel(`PSK Identity (length: ${n})`);
      item(id, F.hfPskIdentity, tvb, off, n);
      off += n;
      item(id, F.hfPskTicketAge, tvb, off, 4);
      off += 4;
      id.setLength(2 + n + 4);
    }
    if (!endVector(c, t, tvb, off, idsEnd)) off = idsEnd;
    const bl = vector(c, t, tvb, off, end, F.hfPskBindersLength, 33, 0xffff);
    if (bl < 0) return end;
    off += 2;
    item(t, F.hfPskBinders, tvb, off, bl);
    off += bl;
  } else if (hsType === HS.serverHello) {
    item(t, F.hfPskSelected, tvb, off, 2);
    off += 2;
  }
  return off;
}

function supportedVersions(c: HsCall, ext: ProtoNode, tvb: Tvb, off: number, end: number): number {
  const len = vector(c, ext, tvb, off, end, F.hfSupportedVersionsLength, 2, 254);
  if (len < 0) return end;
  off++;
  const next = off + len;
  while (off + 2 <= next) {
    item(ext, F.hfSupportedVersion, tvb, off, 2);
    off += 2;
  }
  if (!endVector(c, ext, tvb, off, next)) off = next;
  return off;
}

function renegotiationInfo(c: HsCall, ext: ProtoNode, tvb: Tvb, off: number, end: number): number {
  const t = subtree(ext, tvb, off, end - off, 'Renegotiation Info extension');
  const n = vector(c, t, tvb, off, end, F.hfRenegInfoLength, 0, 255);
  if (n < 0) return end;
  off++;
  if (n > 0) {
    item(t, F.hfRenegInfo, tvb, off, n);
    off += n;
  }
  return off;
}

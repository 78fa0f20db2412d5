/*
 * Transport Layer Security (RFC 5246, RFC 8446) over TCP, as Wireshark 4.0's packet-tls.c shows
 * it without keys: the records of each segment (reassembled across segments), each with its
 * content type, version and length; handshake messages in plaintext (tls/handshake.ts); Change
 * Cipher Spec; alerts (encrypted ones as "Encrypted Alert"); encrypted application data with the
 * protocol it carries when the port or ALPN tells. The protocol column follows the version the
 * connection settles on (TLSv1.2, TLSv1.3 from the ServerHello's supported_versions).
 *
 *   record:  | type (1) | version (2) | length (2) | fragment (length) …
 *
 * TLS is bound to the ports Wireshark associates with it (443 HTTPS, 465, 636, 853, 993, 995 …)
 * and found on any other port by Wireshark's heuristic (a Handshake or Application Data record
 * header of SSLv3 to TLS 1.2), which then keeps the connection.
 *
 * Not done: decryption (no key log), SSLv2, DTLS, Heartbeat and TLS 1.2 CID records' contents,
 * handshake messages split across records (shown as their first fragment), X.509 certificate
 * contents (the DER bytes are shown).
 */
import type { ProtocolSpec } from '../core/dispatch.js';
import type { PacketInfo } from '../core/pinfo.js';
import { DESEGMENT_ONE_MORE_SEGMENT } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { infoFence, notePdu } from '../tcp/desegment.js';
import { payloadInfo, streamKey, type TcpPayloadInfo } from '../tcp/payload-info.js';
import * as F from './tls/fields.js';
import { appendInfo, dissectHandshakeRecord, newHsReassembly, treeExpert, type HsReassembly, GMTLS, SSL3, TLS10, TLS12, TLS13, trySetVersion, VERSION_UNKNOWN, type HsCall, type TlsState } from './tls/handshake.js';
import { ALERT_DESCRIPTIONS, ALERT_LEVELS, CONTENT_TYPES, VERSION_SHORT } from './tls/names.js';

const proto = F.proto;

/** TCP ports with TLS, and the protocol inside (Wireshark's ssl_dissector_add calls, 4.0). */
const TLS_PORTS: ReadonlyMap<number, string> = new Map([
  [443, 'Hypertext Transfer Protocol'], [465, 'Simple Mail Transfer Protocol'], [636, 'Lightweight Directory Access Protocol'],
  [853, 'Domain Name System'], [993, 'Internet Message Access Protocol'], [995, 'Post Office Protocol'],
  [5061, 'Session Initiation Protocol'], [5671, 'Advanced Message Queuing Protocol'], [8883, 'MQ Telemetry Transport Protocol'],
]);

const TLS_MAX_RECORD_LENGTH = 0x4000;
const CT = { ccs: 20, alert: 21, handshake: 22, appData: 23, heartbeat: 24, cid: 25 } as const;
const validContentType = (t: number) => t >= CT.ccs && t <= CT.cid;
const classicVersion = (v: number) => v === SSL3 || v === TLS10 || v === 0x0302 || v === TLS12 || v === GMTLS;
const shortName = (v: number, dflt: string) => VERSION_SHORT.get(v) ?? dflt;

/**
 * A connection's session. A second look at a packet works on the session as the first pass left
 * it, as Wireshark's does (its conversation data): the version known by then labels the
 * ClientHello's record too, as in `tshark -2` and Wireshark's packet details.
 */
interface Conn {
  s: TlsState;
  /** Frame from which the heuristic took this connection (0: never). */
  heurFrame: number;
  hs: HsReassembly;
  /** In a replay beside a finished pass over the same stream: that pass's messages across records. */
  hsDone: HsReassembly | null;
}

interface TlsGlobal {
  conns: Map<number, Conn>;
}

const newGlobal = (): TlsGlobal => ({ conns: new Map() });
const newState = (): TlsState => ({ version: VERSION_UNKNOWN, cipher: -1, resumed: false, alpn: null, clientCcs: 0, serverCcs: 0, helloDir: -1 });

function connOf(pinfo: PacketInfo, key: number): Conn {
  const g = pinfo.ctx.state(proto, newGlobal);
  let c = g.conns.get(key);
  if (!c) {
    c = { s: newState(), heurFrame: 0, hs: newHsReassembly(), hsDone: null };
    // A replay beside a finished pass over the same stream (CaptureContext.hindsight) starts from
    // the session as that pass left it, as Wireshark's second pass does.
    const done = pinfo.ctx.hindsight?.existingState<TlsGlobal>(proto)?.conns.get(key);
    if (done) {
      c.s = { ...done.s };
      c.heurFrame = done.heurFrame;
      c.hsDone = done.hs;
    }
    g.conns.set(key, c);
  }
  return c;
}

/* Per dissection of a frame: the TLS calls made so far. */
let callSerial = -1;
let callCount = 0;

/** ssl_packet_from_server: away from where the ClientHello went, else from a TLS port. */
function fromServer(pinfo: PacketInfo, s: TlsState, dir: number): boolean {
  if (s.helloDir >= 0 && dir >= 0) return dir !== s.helloDir;
  return TLS_PORTS.has(pinfo.srcPort);
}

/** Four printable ASCII characters first: plain text, not TLS (dissect_ssl's first test). */
function looksLikeText(tvb: Tvb): boolean {
  if (tvb.remaining(0) <= 4) return false;
  for (let i = 0; i < 4; i++) {
    const b = tvb.u8(i);
    if (b < 0x20 || b > 0x7e) return false;
  }
  return true;
}

/** dissect_ssl: the records of one payload (or of one reassembled run of them). */
function dissectTls(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, data: unknown): number {
  if (looksLikeText(tvb)) {
    // Not ours: TCP goes on to the other port, its heuristics, then data (plain HTTP on 443).
    pinfo.failOver = true;
    return 0;
  }
  const info = payloadInfo(data);
  const conn = connOf(pinfo, streamKey(pinfo, info));
  if (pinfo.serial !== callSerial) {
    callSerial = pinfo.serial;
    callCount = 0;
  }
  const call = callCount++;
  const s = conn.s;
  const fence = infoFence();
  const dir = info ? (info.fromClient ? 1 : 0) : -1;
  const c: HsCall = { s, hs: conn.hs, hsDone: conn.hsDone, call, pinfo, fromServer: fromServer(pinfo, s, dir), dir, afterFence: fence !== null && fence !== '' };
  pinfo.setProtocol(shortName(s.version, 'SSL'));
  // col_clear (behind a fence, what the PDUs before wrote stays: desegment.ts keeps it).
  pinfo.setInfo('');
  const t = tree.addProto(proto, tvb, 0, tvb.reportedLength, proto.name);
  let off = 0;
  while (tvb.reportedRemaining(off) > 0) {
    let need = false;
    const avail = tvb.reportedRemaining(off);
    if (avail < 5) {
      if (pinfo.canDesegment) {
        pinfo.desegmentOffset = off;
        pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
        need = true;
      } else {
        off = tvb.reportedLength;
      }
    } else if (classicVersion(s.version) || looksLikeRecord(tvb, off)) {
      const r = record(c, tvb, t, off);
      if (r < 0) need = true;
      else off = r;
    } else {
      off = tvb.reportedLength;
      appendInfo(c, 'Continuation Data');
    }
    if (need) break;
  }
  return tvb.reportedLength;
}

/** ssl_looks_like_sslv3: a valid content type, then an SSLv3 to TLS 1.2 version. */
function looksLikeRecord(tvb: Tvb, off: number): boolean {
  return validContentType(tvb.u8(off)) && classicVersion(tvb.u16(off + 1));
}

/**
 * dissect_ssl3_record: one record at `off`. Returns the offset after it, or −1 when it continues
 * in later segments (desegmentation asked for).
 */
function record(c: HsCall, tvb: Tvb, tree: ProtoNode, off: number): number {
  const { s, pinfo } = c;
  const avail = tvb.reportedRemaining(off);
  if (s.version !== TLS13 && classicVersion(s.version) && s.version !== SSL3 && !validContentType(tvb.u8(off))) {
    // TLS 1.0 to 1.2 ignore unknown record types (RFC 2246 §6).
    treeExpert(pinfo, tree, F.eiIgnoredUnknownRecord, tvb, off, avail, F.eiIgnoredUnknownRecord.summary);
    appendInfo(c, 'Ignored Unknown Record');
    return off + avail;
  }
  const contentType = tvb.u8(off);
  const recordVersion = tvb.u16(off + 1);
  const length = tvb.u16(off + 3);
  if (!validContentType(contentType)) {
    appendInfo(c, 'Continuation Data');
    return off + 5 + length;
  }
  if (avail < length + 5) {
    if (pinfo.canDesegment) {
      pinfo.desegmentOffset = off;
      pinfo.desegmentLen = length + 5 - avail;
      return -1;
    }
    return off + avail;
  }
  const start = off;
  const rt = tree.add(F.hfRecord, tvb, off, 5 + length, null);
  const ctNode = rt.add(s.version === TLS13 && contentType === CT.appData ? F.hfOpaqueType : F.hfContentType, tvb, off, 1, contentType);
  rt.add(F.hfRecordVersion, tvb, off + 1, 2, recordVersion);
  const lengthNode = rt.add(F.hfRecordLength, tvb, off + 3, 2, length);
  off += 5;
  const nextByte = tvb.u8(off);
  let version = recordVersion;
  if (s.version === VERSION_UNKNOWN) {
    trySetVersion(s, contentType, nextByte, recordVersion);
    pinfo.setProtocol(shortName(recordVersion, 'SSL'));
  } else {
    version = s.version;
  }
  checkLength(c, contentType, length, lengthNode, version, tvb, start);
  const vName = shortName(version, 'SSL');
  switch (contentType) {
    case CT.ccs: {
      appendInfo(c, 'Change Cipher Spec');
      rt.setLabel(`${shortName(s.version, 'SSL')} Record Layer: Change Cipher Spec Protocol: Change Cipher Spec`);
      tvb.check(off, 1);
      const ccsNode = rt.add(F.hfChangeCipherSpec, tvb, off, 1, null);
      if (s.version !== TLS13) {
        if (!pinfo.visited) {
          if (c.fromServer && s.serverCcs === 0) s.serverCcs = pinfo.meta.num;
          if (!c.fromServer && s.clientCcs === 0) s.clientCcs = pinfo.meta.num;
        }
        if (c.fromServer && s.resumed) pinfo.expert(ccsNode, F.eiResumed, tvb, off, 1);
        if (c.fromServer) s.resumed = false;
      }
      break;
    }
    case CT.alert:
      alert(c, rt, tvb, off, length);
      break;
    case CT.handshake:
      dissectHandshakeRecord(c, rt, tvb, off, off + length, version);
      break;
    case CT.appData: {
      appendInfo(c, 'Application Data');
      const app = s.alpn ?? TLS_PORTS.get(pinfo.srcPort) ?? TLS_PORTS.get(pinfo.dstPort) ?? null;
      rt.setLabel(`${vName} Record Layer: ${CONTENT_TYPES.get(contentType)} Protocol: ${app ?? 'Application Data'}`);
      tvb.check(off, length);
      const data = rt.add(F.hfAppData, tvb, off, length);
      if (length === 0 && data.real) data.setLabel(`${F.hfAppData.name}: <MISSING>`);
      if (app !== null) rt.addGenerated(F.hfAppDataProto, app, tvb, 0, 0);
      break;
    }
    case CT.heartbeat:
      if (version === TLS13) pinfo.expert(ctNode, F.eiUnexpectedMessage, tvb, start, 1, 'Record type is not allowed in TLS 1.3');
      break;
    default:
      break;
  }
  notePdu(pinfo, tree, tvb, start, 5 + length, proto.abbrev);
  return off + length;
}

/** ssl_check_record_length. */
function checkLength(c: HsCall, contentType: number, length: number, node: ProtoNode, version: number, tvb: Tvb, start: number): void {
  const maxExpansion = version === TLS13 ? 256 : 2048;
  if (length === 0 && (contentType === CT.ccs || contentType === CT.alert || contentType === CT.handshake)) {
    c.pinfo.expert(node, F.eiRecordLength, tvb, start + 3, 2, `Zero-length ${CONTENT_TYPES.get(contentType)} fragments are not allowed`);
  }
  if (length > TLS_MAX_RECORD_LENGTH + maxExpansion) {
    c.pinfo.expert(node, F.eiRecordLength, tvb, start + 3, 2, `TLSCiphertext length MUST NOT exceed 2^14 + ${maxExpansion}`);
  }
}

/** dissect_ssl3_alert: level and description, or an encrypted alert (a record of other than 2 bytes). */
function alert(c: HsCall, rt: ProtoNode, tvb: Tvb, off: number, length: number): void {
  const { pinfo, s } = c;
  tvb.check(off, length);
  const at = rt.add(F.hfAlert, tvb, off, length, null);
  if (length !== 2) {
    appendInfo(c, 'Encrypted Alert');
    rt.setLabel(`${shortName(s.version, 'TLS')} Record Layer: Encrypted Alert`);
    at.setLabel('Alert Message: Encrypted Alert');
    return;
  }
  const levelByte = tvb.u8(off);
  const descByte = tvb.u8(off + 1);
  const level = ALERT_LEVELS.get(levelByte) ?? 'Unknown';
  const desc = ALERT_DESCRIPTIONS.get(descByte) ?? 'Unknown';
  appendInfo(c, `Alert (Level: ${level}, Description: ${desc})`);
  rt.setLabel(`${shortName(s.version, 'TLS')} Record Layer: Alert (Level: ${level}, Description: ${desc})`);
  at.add(F.hfAlertLevel, tvb, off, 1, levelByte);
  at.add(F.hfAlertDesc, tvb, off + 1, 1, descByte);
}

/** is_sslv3_or_tls: a Handshake or Application Data record header of SSLv3 to TLS 1.2 (TLS 1.3 sends 0x0303). */
function heuristic(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, data?: unknown): boolean {
  const info = payloadInfo(data);
  const key = streamKey(pinfo, info);
  // Looked up, not made: a connection gets TLS state only once a record header is seen.
  const known = pinfo.ctx.state(proto, newGlobal).conns.get(key);
  if (known && known.heurFrame !== 0 && pinfo.meta.num >= known.heurFrame) return claim(tvb, pinfo, tree, data);
  if (tvb.remaining(0) < 5) return false;
  const ct = tvb.u8(0);
  if (ct !== CT.handshake && ct !== CT.appData) return false;
  if (!classicVersion(tvb.u16(1))) return false;
  const len = tvb.u16(3);
  if (len === 0 || len >= TLS_MAX_RECORD_LENGTH + 2048) return false;
  const conn = connOf(pinfo, key);
  if (conn.heurFrame === 0 && !pinfo.visited) conn.heurFrame = pinfo.meta.num;
  return claim(tvb, pinfo, tree, data);
}

/** The connection is TLS's (conversation_set_dissector): a payload that is plain text leaves no TLS layer. */
function claim(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, data: unknown): boolean {
  const layers = pinfo.layerCount;
  if (dissectTls(tvb, pinfo, tree, data) === 0) {
    pinfo.layerCount = layers - 1;
    pinfo.failOver = false; // a heuristic's refusal: the table goes on by itself
    return false;
  }
  return true;
}

export const tls: ProtocolSpec = {
  proto,
  bind: [...TLS_PORTS.keys()].map((p) => ['tcp.port', p] as const),
  heuristics: [{ table: 'tcp', name: 'tls_tcp', fn: heuristic }],
  dissect: dissectTls,
};

/*
 * User Datagram Protocol (RFC 768), as Wireshark 4.0's packet-udp.c shows it.
 *
 *    0      7 8     15 16    23 24    31
 *   +--------+--------+--------+--------+
 *   |   Source Port   |  Destination    |
 *   |                 |     Port        |
 *   +--------+--------+--------+--------+
 *   |     Length      |    Checksum     |
 *   +--------+--------+--------+--------+
 *   |          data octets ...
 *
 * The payload (cut to the UDP length) goes to the `udp.port` table (lower port first), then the
 * `udp` heuristics, then data; those dissectors add to the root of the tree, as in Wireshark.
 * Checksums are not verified (tshark's default): status Unverified, or Not present for a zero
 * checksum over IPv4 (zero over IPv6 is illegal). UDP-Lite (udplite.ts) is this dissector with a
 * checksum coverage in place of the length.
 */
import { callByPorts, callDissector, heuristicTable, table, type ProtocolSpec } from '../core/dispatch.js';
import { defineExpert, type ExpertDef } from '../core/expert.js';
import { defineField, defineProtocol, type FieldDef, type ProtocolDef } from '../core/fields.js';
import { AddrKind, type CaptureContext, type PacketInfo } from '../core/pinfo.js';
import { NodeFlags, type ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { CHECKSUM_NOT_PRESENT, CHECKSUM_STATUS_VALS, CHECKSUM_UNVERIFIED } from './ipv4.js';
import { data } from './data.js';
import { udpStreamOf } from '../udp/conversations.js';
import { UdpTimestamps } from '../udp/timestamps.js';
import type { FollowTvb } from '../output/follow-text.js';
import { Tap } from '../core/taps.js';

export const proto = defineProtocol('udp', 'User Datagram Protocol', 'UDP', 'transport');
const hfSrcPort = defineField('udp.srcport', 'Source Port', 'uint16', { base: 'pt_udp' });
const hfDstPort = defineField('udp.dstport', 'Destination Port', 'uint16', { base: 'pt_udp' });
const hfPort = defineField('udp.port', 'Source or Destination Port', 'uint16', { base: 'pt_udp' });
const hfLength = defineField('udp.length', 'Length', 'uint16', { blurb: 'Length in octets including this header and the data' });
const hfChecksum = defineField('udp.checksum', 'Checksum', 'uint16', { base: 'hex', blurb: 'Details at: https://www.wireshark.org/docs/wsug_html_chunked/ChAdvChecksums.html' });
const hfChecksumStatus = defineField('udp.checksum.status', 'Checksum Status', 'uint8', { base: 'none', vals: CHECKSUM_STATUS_VALS });
const hfPayload = defineField('udp.payload', 'Payload', 'bytes');
const hfStream = defineField('udp.stream', 'Stream index', 'uint32');
const hfTimeRelative = defineField('udp.time_relative', 'Time since first frame', 'rel_time', { blurb: 'Time relative to first frame in this UDP stream', unit: ' seconds' });
const hfTimeDelta = defineField('udp.time_delta', 'Time since previous frame', 'rel_time', { blurb: 'Time delta from previous frame in this UDP stream', unit: ' seconds' });
const newUdpTimestamps = (): UdpTimestamps => new UdpTimestamps();

/** UDP's per-conversation times at the end of a pass (trim-state.ts): cut to size, or with `release` also what only a first pass reads. */
export function trimUdpTimestamps(ctx: CaptureContext, release: boolean): void {
  const t = ctx.existingState<UdpTimestamps>(hfTimeRelative);
  if (t === undefined) return;
  if (release) t.release();
  else t.trim();
}

const eiTraceroute = defineExpert('udp.possible_traceroute', 'sequence', 'chat', 'Possible traceroute');
const eiLengthBad = defineExpert('udp.length.bad', 'malformed', 'error', 'Bad length value');
const eiChecksumZero = defineExpert('udp.checksum.zero', 'checksum', 'error', 'Illegal checksum value (0)');
const eiLengthBadZero = defineExpert('udp.length.bad_zero', 'protocol', 'warn', 'Length is zero but payload < 65536');

export const udpPorts = table('udp.port', 'UDP port');

const payloadTap = new Tap<FollowTvb>();

/** Calls `fn` with every UDP datagram's payload as it is dissected (Wireshark's udp_follow tap); returns its removal. */
export function addUdpPayloadTap(fn: (d: FollowTvb) => void): () => void {
  return payloadTap.add(fn);
}
const udpHeuristics = heuristicTable('udp');

/** `51234 → 53`: the ports as Wireshark's col_append_ports writes them. */
export function portsText(src: number, dst: number): string {
  if (src < 0 || src > 65535 || dst < 0 || dst > 65535 || (src | 0) !== src || (dst | 0) !== dst) {
    return `${portString(src)} \u2192 ${portString(dst)}`;
  }
  // The packets of a conversation repeat their ports: the last text made for a port pair is kept
  // in a small direct-mapped cache (every TCP and UDP Info starts with this string).
  const key = src * 65536 + dst;
  const slot = Math.imul(key | 0, 0x9e3779b1) >>> (32 - PORTS_CACHE_BITS);
  if (portsKeys[slot] === key) return portsTexts[slot]!;
  const text = `${portString(src)} \u2192 ${portString(dst)}`;
  portsKeys[slot] = key;
  portsTexts[slot] = text;
  return text;
}

const PORTS_CACHE_BITS = 12;
const portsKeys = new Float64Array(1 << PORTS_CACHE_BITS).fill(-1);
const portsTexts: string[] = new Array<string>(1 << PORTS_CACHE_BITS).fill('');

/** Decimal text of port numbers, made once per port (every TCP and UDP Info starts with two). */
const PORT_TEXT: (string | undefined)[] = new Array<string | undefined>(65536).fill(undefined);
function portString(p: number): string {
  if (p < 0 || p > 65535) return String(p);
  return PORT_TEXT[p] ??= String(p);
}

export const udp: ProtocolSpec = {
  proto,
  bind: [['ip.proto', 17]],
  dissect(tvb, pinfo, tree) {
    dissectUdp(tvb, pinfo, tree, null);
  },
};

/** UDP-Lite's checksum coverage field (udplite.ts): what takes the place of the length. */
export interface UdpLite {
  proto: ProtocolDef;
  coverage: FieldDef;
  coverageBad: ExpertDef;
}

/**
 * A UDP header and what follows it, or a UDP-Lite one (`lite`, RFC 3828): the same dissector in
 * Wireshark (packet-udp.c), with the same fields, stream numbers and port tables. UDP-Lite has a
 * checksum coverage where UDP has its length (the length is the IP payload's), and a zero
 * checksum is always illegal.
 */
export function dissectUdp(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, lite: UdpLite | null): void {
  const sport = tvb.u16(0);
  const dport = tvb.u16(2);
  pinfo.setProtocol(lite ? 'UDP-Lite' : 'UDP');
  const wantInfo = pinfo.wantInfo;
  if (wantInfo) pinfo.setInfo(portsText(sport, dport));
  const reportedLen = tvb.reportedLength;
  const capturedLen = tvb.length;
  const full = tree.real;
  const p = lite ? lite.proto : proto;
  const t = tree.addProto(p, tvb, 0, 8, tree.protocolLabels ? `${p.name}, Src Port: ${sport}, Dst Port: ${dport}` : undefined);
  const sn = t.add(hfSrcPort, tvb, 0, 2, sport);
  const dn = t.add(hfDstPort, tvb, 2, 2, dport);
  t.addHidden(hfPort, tvb, 0, 2, sport);
  t.addHidden(hfPort, tvb, 2, 2, dport);
  if (sport > 33434 && sport <= 33464) {
    pinfo.expert(sn, eiTraceroute, tvb, 0, 2, pinfo.wantExpertText ? `Possible traceroute: hop #${Math.floor((sport - 33435) / 3) + 1}, attempt #${((sport - 33435) % 3) + 1}` : undefined);
  }
  if (dport > 33434 && dport <= 33464) {
    pinfo.expert(dn, eiTraceroute, tvb, 2, 2, pinfo.wantExpertText ? `Possible traceroute: hop #${Math.floor((dport - 33435) / 3) + 1}, attempt #${((dport - 33435) % 3) + 1}` : undefined);
  }
  let ulen = tvb.u16(4);
  let jumbo = false;
  if (lite) {
    // The checksum coverage (0: all of it); the length is the IP payload's.
    let cov = ulen;
    const cn = t.add(lite.coverage, tvb, 4, 2, cov);
    ulen = reportedLen;
    if (cov === 0) cov = reportedLen;
    t.addGenerated(hfLength, ulen, tvb, 4, 0);
    if (cov < 8 || cov > ulen) {
      if (full) cn.setLabel(`Checksum coverage: ${tvb.u16(4)} (bogus, must be >= 8 and <= ${ulen})`);
      pinfo.expert(cn, lite.coverageBad, tvb, 4, 2, pinfo.wantExpertText ? `Bad checksum coverage length value ${cov} < 8 or > ${ulen}` : undefined);
      if (wantInfo) pinfo.appendInfo(` [BAD LIGHTWEIGHT UDP CHECKSUM COVERAGE LENGTH ${cov} < 8 or > ${ulen}]`);
    }
  } else {
    const ln = t.add(hfLength, tvb, 4, 2, ulen);
    if (ulen === 0 && pinfo.srcKind === AddrKind.IPv6 && !pinfo.inErrorPkt) {
      // RFC 2675: UDP jumbograms.
      ulen = reportedLen;
      jumbo = true;
    }
    if (ulen < 8) {
      if (full) ln.setLabel(`Length: ${ulen} (bogus, must be >= 8)`);
      pinfo.expert(ln, eiLengthBad, tvb, 4, 2, pinfo.wantExpertText ? `Bad length value ${ulen} < 8` : undefined);
      if (wantInfo) pinfo.appendInfo(` [BAD UDP LENGTH ${ulen} < 8]`);
      return;
    }
    if (ulen > reportedLen && !pinfo.fragmented && !pinfo.inErrorPkt) {
      if (full) ln.setLabel(`Length: ${ulen} (bogus, payload length ${reportedLen})`);
      pinfo.expert(ln, eiLengthBad, tvb, 4, 2, pinfo.wantExpertText ? `Bad length value ${ulen} > IP payload length` : undefined);
      if (wantInfo) pinfo.appendInfo(` [BAD UDP LENGTH ${ulen} > IP PAYLOAD LENGTH]`);
    }
    if (jumbo && ulen < 65536) pinfo.expert(ln, eiLengthBadZero, tvb, 4, 2);
  }
  // An unsigned number, as col_append_str_uint writes it (a UDP-Lite datagram shorter than its header).
  if (wantInfo) pinfo.appendInfo(` Len=${(ulen - 8) >>> 0}`);
  if (jumbo) pinfo.appendInfo(' [Jumbogram]');

  const sum = tvb.u16(6);
  const cn = t.add(hfChecksum, tvb, 6, 2, sum);
  if (sum === 0) {
    const ignore = (!lite && pinfo.srcKind !== AddrKind.IPv6) || pinfo.inErrorPkt;
    if (ignore) {
      if (full) cn.setLabel('Checksum: 0x0000 [zero-value ignored]');
      cn.addGenerated(hfChecksumStatus, CHECKSUM_NOT_PRESENT, tvb, 6, 2);
    } else {
      if (full) cn.setLabel('Checksum: 0x0000 [zero-value illegal]');
      pinfo.expert(cn, eiChecksumZero, tvb, 6, 2);
      pinfo.appendInfo(' [ILLEGAL CHECKSUM (0)]');
      cn.addGenerated(hfChecksumStatus, 4, tvb, 6, 2);
    }
  } else {
    if (cn.detailed) cn.setLabel(`Checksum: 0x${sum.toString(16).padStart(4, '0')} [unverified]`);
    t.addGenerated(hfChecksumStatus, CHECKSUM_UNVERIFIED, tvb, 6, 0);
  }
  const stream = udpStreamOf(pinfo, proto, sport, dport);
  t.addGenerated(hfStream, stream, tvb, 0, 0);
  // The conversation's clock (udp.time_relative / udp.time_delta) starts with whatever packet made it.
  const m = pinfo.meta;
  const sec = m.hasTs ? m.tsSec : 0;
  const nsec = m.hasTs ? m.tsNsec : 0;
  const times = pinfo.ctx.state(hfTimeRelative, newUdpTimestamps);
  if (!pinfo.visited) times.seen(stream, sec, nsec);

  if (!pinfo.inErrorPkt) {
    pinfo.srcPort = sport;
    pinfo.dstPort = dport;
  }
  if (ulen === 8) return;
  if (!pinfo.inErrorPkt && times.shown(m.num, stream, sec, nsec, pinfo.visited) && full) {
    // A text subtree, as TCP's [Timestamps] (no field of its own in Wireshark).
    const tt = t.addText(tvb, 0, 0, 'Timestamps').setFlags(NodeFlags.Generated);
    tt.addGenerated(hfTimeRelative, tt.wants(hfTimeRelative) ? { sec: times.relSec, nsec: times.relNsec } : null, tvb, 0, 0);
    if (times.hasDelta) tt.addGenerated(hfTimeDelta, tt.wants(hfTimeDelta) ? { sec: times.deltaSec, nsec: times.deltaNsec } : null, tvb, 0, 0);
  }
  // Wireshark hands the payload on even in an ICMP error, as long as some of it was captured.
  if (pinfo.inErrorPkt && capturedLen <= 8) return;
  const payloadReported = Math.min(reportedLen - 8, ulen - 8);
  const shown = Math.min(tvb.remaining(8), payloadReported);
  if (full) {
    const pn = t.add(hfPayload, tvb, 8, tvb.remaining(8), t.wants(hfPayload) ? tvb.bytes(8, tvb.remaining(8)) : null);
    if (pn.detailed) pn.setLabel(`UDP payload (${shown} byte${shown === 1 ? '' : 's'})`);
  }
  const next = tvb.subClamped(8, payloadReported);
  // Follow UDP Stream (udp/follow.ts): as Wireshark's follow tap, never from inside an ICMP error.
  if (payloadTap.active && !pinfo.inErrorPkt) payloadTap.emit({ frame: m.num, stream, payload: tvb.bytes(8, shown), pinfo });
  const root = pinfo.tree;
  // Port 0 means "no port" (RFC 768): it is never looked up.
  if (sport && dport) {
    if (callByPorts(udpPorts, sport, dport, next, pinfo, root) >= 0) return;
  } else if (sport || dport) {
    if (udpPorts.call(sport || dport, next, pinfo, root) >= 0) return;
  }
  if (udpHeuristics.call(next, pinfo, root)) return;
  callDissector(data, next, pinfo, root);
}

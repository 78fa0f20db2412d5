/**
 * Internet Group Management Protocol (IP protocol 2), versions 0 to 3, as Wireshark 4.0's
 * packet-igmp.c shows it: how a host joins and leaves multicast groups (the reports behind mDNS
 * and SSDP on a LAN) and how a router asks (queries).
 *
 *   type (1) | max resp time / code (1) | checksum (2) | group address (4)    v1, v2
 *   v3 query:  … | S, QRV (1) | QQIC (1) | number of sources (2) | sources
 *   v3 report: type 0x22 | 0 | checksum | 0 (2) | number of group records (2) | records
 *
 * The version comes from the type and, for a query (0x11), from the length (12 bytes or more:
 * v3) and the max response time (0: v1). Protocol reads `IGMPv1` … `IGMPv3`; Info the message,
 * e.g. `Membership Report / Join group 239.255.255.250 for any sources`.
 *
 * Types that Wireshark hands to other dissectors (DVMRP 0x13, PIMv1 0x14, multicast traceroute
 * 0x1e/0x1f, MSNIP/MRD 0x23–0x26, IGAP 0x40, RGMP 0xfc–0xff) are shown here as Wireshark shows an
 * unknown IGMP type: the type and the rest as data.
 */
import { formatIPv4Bytes, hex2 } from '../core/addr.js';
import type { ProtocolSpec } from '../core/dispatch.js';
import { defineExpert } from '../core/expert.js';
import { defineField, defineProtocol } from '../core/fields.js';
import type { PacketInfo } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { CHECKSUM_STATUS_VALS, inCksumItem, inetChecksum } from './ipv4.js';

export const proto = defineProtocol('igmp', 'Internet Group Management Protocol', 'IGMP', 'network');

const COMMANDS: Record<number, string> = {
  0x01: 'Create Group Request', 0x02: 'Create Group Reply', 0x03: 'Join Group Request', 0x04: 'Join Group Reply',
  0x05: 'Leave Group Request', 0x06: 'Leave Group Reply', 0x07: 'Confirm Group Request', 0x08: 'Confirm Group Reply',
  0x11: 'Membership Query', 0x12: 'Membership Report', 0x13: 'DVMRP Protocol', 0x14: 'PIM Routing Message',
  0x16: 'Membership Report', 0x17: 'Leave Group', 0x1e: 'Traceroute Response', 0x1f: 'Traceroute Query or Request',
  0x22: 'Membership Report',
};
const RECORD_TYPES: Record<number, string> = {
  1: 'Mode Is Include', 2: 'Mode Is Exclude', 3: 'Change To Include Mode', 4: 'Change To Exclude Mode', 5: 'Allow New Sources', 6: 'Block Old Sources',
};

const hfType = defineField('igmp.type', 'Type', 'uint8', { base: 'hex', vals: COMMANDS, blurb: 'IGMP Packet Type' });
const hfReserved = defineField('igmp.reserved', 'Reserved', 'bytes', { blurb: 'IGMP Reserved' });
const hfVersion = defineField('igmp.version', 'IGMP Version', 'uint8');
const hfGroupType = defineField('igmp.group_type', 'Type Of Group', 'uint8', { vals: { 0: 'Public Group', 1: 'Private Group' }, blurb: 'IGMP V0 Type Of Group' });
const hfReply = defineField('igmp.reply', 'Reply', 'uint8', {
  vals: { 0: 'Request Granted', 1: 'Request Denied, No Resources', 2: 'Request Denied, Invalid Code', 3: 'Request Denied, Invalid Group', 4: 'Request Denied, Invalid Key' },
  blurb: 'IGMP V0 Reply',
});
const hfReplyPending = defineField('igmp.reply.pending', 'Reply Pending', 'uint8', { blurb: 'IGMP V0 Reply Pending, Retry in this many seconds' });
const hfChecksum = defineField('igmp.checksum', 'Checksum', 'uint16', { base: 'hex', blurb: 'IGMP Checksum' });
const hfChecksumStatus = defineField('igmp.checksum.status', 'Checksum Status', 'uint8', { base: 'none', vals: CHECKSUM_STATUS_VALS });
const hfIdentifier = defineField('igmp.identifier', 'Identifier', 'uint32', { blurb: 'IGMP V0 Identifier' });
const hfAccessKey = defineField('igmp.access_key', 'Access Key', 'bytes', { blurb: 'IGMP V0 Access Key' });
const hfMaxResp = defineField('igmp.max_resp', 'Max Resp Time', 'uint8', { blurb: 'Max Response Time' });
const hfMaxRespExp = defineField('igmp.max_resp.exp', 'Exponent', 'uint8', { base: 'hex', mask: 0x70, blurb: 'Maximum Response Time, Exponent' });
const hfMaxRespMant = defineField('igmp.max_resp.mant', 'Mantissa', 'uint8', { base: 'hex', mask: 0x0f, blurb: 'Maximum Response Time, Mantissa' });
const hfS = defineField('igmp.s', 'S', 'boolean', { mask: 0x08, bits: 8, tfs: ['SUPPRESS router side processing', 'Do not suppress router side processing'], blurb: 'Suppress Router Side Processing' });
const hfQrv = defineField('igmp.qrv', 'QRV', 'uint8', { mask: 0x07, blurb: 'Querier\'s Robustness Value' });
const hfQqic = defineField('igmp.qqic', 'QQIC', 'uint8', { blurb: 'Querier\'s Query Interval Code' });
const hfNumSrc = defineField('igmp.num_src', 'Num Src', 'uint16', { blurb: 'Number Of Sources' });
const hfSaddr = defineField('igmp.saddr', 'Source Address', 'ipv4');
const hfNumGrpRecs = defineField('igmp.num_grp_recs', 'Num Group Records', 'uint16', { blurb: 'Number Of Group Records' });
const hfRecordType = defineField('igmp.record_type', 'Record Type', 'uint8', { vals: RECORD_TYPES });
const hfAuxDataLen = defineField('igmp.aux_data_len', 'Aux Data Len', 'uint8', { blurb: 'Aux Data Len, In units of 32bit words' });
const hfMaddr = defineField('igmp.maddr', 'Multicast Address', 'ipv4');
const hfAuxData = defineField('igmp.aux_data', 'Aux Data', 'bytes', { blurb: 'IGMP V3 Auxiliary Data' });
const hfData = defineField('igmp.data', 'Data', 'bytes');

const eiChecksum = defineExpert('igmp.bad_checksum', 'checksum', 'error', 'Bad checksum');
const CHECKSUM = { checksum: hfChecksum, status: hfChecksumStatus, bad: eiChecksum };

const ip = (tvb: Tvb, off: number) => formatIPv4Bytes(tvb.bytes(off, 4), 0);

/** The type's name in Info and in the Type line (Wireshark's val_to_str with its default). */
function typeName(type: number): string {
  return COMMANDS[type] ?? `Unknown Type:0x${hex2(type)}`;
}

/** The checksum over `len` bytes (0: the whole message), verified unless fragmented or cut short. */
function checksum(t: ProtoNode, tvb: Tvb, pinfo: PacketInfo, len: number): void {
  const n = len === 0 ? tvb.reportedLength : len;
  inCksumItem(t, tvb, pinfo, CHECKSUM, !pinfo.fragmented && tvb.length >= n ? inetChecksum(tvb.data, tvb.abs(0), n) : null);
}

/**
 * The protocol line, the columns, the generated version and the type (every version starts so).
 * Wireshark reaches each version's dissector through IGMP's own type table, so frame.protocols
 * names IGMP twice (`ip:igmp:igmp`); the unknown types do not go through it.
 */
function common(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, version: number): ProtoNode {
  pinfo.enter(proto);
  pinfo.setProtocol(`IGMPv${version}`);
  const type = tvb.u8(0);
  if (pinfo.wantInfo) pinfo.setInfo(typeName(type));
  const t = tree.addProto(proto, tvb, 0, tvb.length);
  t.addGenerated(hfVersion, version, tvb, 0, 0);
  t.add(hfType, tvb, 0, 1, type);
  return t;
}

function v0(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode): void {
  const t = common(tvb, pinfo, tree, 0);
  const type = tvb.u8(0);
  const code = tvb.u8(1);
  if (type === 0x01) t.add(hfGroupType, tvb, 1, 1, code);
  else if (!(type & 0x01)) t.add(code < 5 ? hfReply : hfReplyPending, tvb, 1, 1, code);
  checksum(t, tvb, pinfo, 20);
  t.add(hfIdentifier, tvb, 4, 4, tvb.u32(4));
  t.add(hfMaddr, tvb, 8, 4, tvb.u32(8));
  t.add(hfAccessKey, tvb, 12, 8, tvb.bytes(12, 8));
}

function v1(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode): void {
  const t = common(tvb, pinfo, tree, 1);
  t.add(hfReserved, tvb, 1, 1, tvb.bytes(1, 1));
  checksum(t, tvb, pinfo, 8);
  t.add(hfMaddr, tvb, 4, 4, tvb.u32(4));
}

function v2(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode): void {
  const t = common(tvb, pinfo, tree, 2);
  const type = tvb.u8(0);
  const tsecs = tvb.u8(1);
  t.add(hfMaxResp, tvb, 1, 1, tsecs).setLabel(`Max Resp Time: ${(tsecs * 0.1).toFixed(1)} sec (0x${hex2(tsecs)})`);
  checksum(t, tvb, pinfo, 8);
  const group = tvb.u32(4);
  t.add(hfMaddr, tvb, 4, 4, group);
  if (!pinfo.wantInfo) return;
  if (group === 0) pinfo.appendInfo(', general');
  else if (type === 0x17) pinfo.appendInfo(` ${ip(tvb, 4)}`);
  else if (type === 0x11) pinfo.appendInfo(`, specific for group ${ip(tvb, 4)}`);
  else pinfo.appendInfo(` group ${ip(tvb, 4)}`);
}

/** v3's Max Resp Code: a time in tenths of a second, with exponent and mantissa from 128 on. */
function v3MaxResp(t: ProtoNode, tvb: Tvb): void {
  const bits = tvb.u8(1);
  const tsecs = bits & 0x80 ? ((bits & 0x0f) | 0x10) << (((bits & 0x70) >> 4) + 3) : bits;
  const n = t.add(hfMaxResp, tvb, 1, 1, tsecs).setLabel(`Max Resp Time: ${(tsecs * 0.1).toFixed(1)} sec (0x${hex2(bits)})`);
  if (bits & 0x80) {
    n.add(hfMaxRespExp, tvb, 1, 1);
    n.add(hfMaxRespMant, tvb, 1, 1);
  }
}

/** Sources: the tree items, and in Info `a, b}` (the caller writes the opening). */
function sources(t: ProtoNode, tvb: Tvb, pinfo: PacketInfo, off: number, num: number): number {
  for (let i = num; i > 0; i--) {
    t.add(hfSaddr, tvb, off, 4, tvb.u32(off));
    if (pinfo.wantInfo) pinfo.appendInfo(`${ip(tvb, off)}${i > 1 ? ', ' : '}'}`);
    off += 4;
  }
  return off;
}

function v3Query(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode): void {
  const t = common(tvb, pinfo, tree, 3);
  const num = tvb.u16(10);
  v3MaxResp(t, tvb);
  checksum(t, tvb, pinfo, 0);
  const group = tvb.u32(4);
  t.add(hfMaddr, tvb, 4, 4, group);
  if (pinfo.wantInfo) pinfo.appendInfo(group === 0 ? ', general' : `, specific for group ${ip(tvb, 4)}`);
  tvb.u8(8);
  t.add(hfS, tvb, 8, 1);
  t.add(hfQrv, tvb, 8, 1);
  t.add(hfQqic, tvb, 9, 1, tvb.u8(9));
  t.add(hfNumSrc, tvb, 10, 2, num);
  if (num && pinfo.wantInfo) pinfo.appendInfo(`, source${num > 1 ? 's' : ''} {`);
  sources(t, tvb, pinfo, 12, num);
}

/** Info for a group record, by record type and whether it lists sources. */
function recordInfo(type: number, group: string, num: number): string {
  if (num === 0) {
    switch (type) {
      case 1: case 3: return ` / Leave group ${group}`;
      case 2: case 4: return ` / Join group ${group} for any sources`;
      case 5: return ` / Group ${group}, ALLOW_NEW_SOURCES but no source specified (?)`;
      case 6: return ` / Group ${group}, BLOCK_OLD_SOURCES but no source specified (?)`;
      default: return ` / Group ${group}, unknown record type (?)`;
    }
  }
  switch (type) {
    case 1: case 3: return ` / Join group ${group} for source${num > 1 ? 's in' : ''} {`;
    case 2: case 4: return ` / Join group ${group}, for source${num > 1 ? 's not in' : ' not'} {`;
    case 5: return ` / Group ${group}, new source${num > 1 ? 's' : ''} {`;
    case 6: return ` / Group ${group}, block source${num > 1 ? 's' : ''} {`;
    default: return ` / Group ${group}, unknown record type (?), sources {`;
  }
}

function groupRecord(t: ProtoNode, tvb: Tvb, pinfo: PacketInfo, off: number): number {
  const start = off;
  const type = tvb.u8(off);
  const r = t.addText(tvb, off, 0, `Group Record : ${ip(tvb, off + 4)}  ${RECORD_TYPES[type] ?? ''}`);
  r.add(hfRecordType, tvb, off, 1, type);
  const adl = tvb.u8(off + 1);
  r.add(hfAuxDataLen, tvb, off + 1, 1, adl);
  const num = tvb.u16(off + 2);
  r.add(hfNumSrc, tvb, off + 2, 2, num);
  r.add(hfMaddr, tvb, off + 4, 4, tvb.u32(off + 4));
  if (pinfo.wantInfo) pinfo.appendInfo(recordInfo(type, ip(tvb, off + 4), num));
  off = sources(r, tvb, pinfo, off + 8, num);
  if (adl) {
    r.add(hfAuxData, tvb, off, adl * 4, tvb.bytes(off, adl * 4));
    off += adl * 4;
  }
  r.setLength(off - start);
  return off;
}

function v3Report(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode): void {
  const t = common(tvb, pinfo, tree, 3);
  t.add(hfReserved, tvb, 1, 1, tvb.bytes(1, 1));
  checksum(t, tvb, pinfo, 0);
  t.add(hfReserved, tvb, 4, 2, tvb.bytes(4, 2));
  const num = tvb.u16(6);
  if (!num && pinfo.wantInfo) pinfo.appendInfo(' - General query');
  t.add(hfNumGrpRecs, tvb, 6, 2, num);
  let off = 8;
  for (let i = 0; i < num; i++) off = groupRecord(t, tvb, pinfo, off);
}

/** A type no IGMP version here knows: the type and the rest as data. */
function unknown(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode): void {
  pinfo.setProtocol('IGMP');
  const type = tvb.u8(0);
  if (pinfo.wantInfo) pinfo.setInfo(typeName(type));
  const t = tree.addProto(proto, tvb, 0, tvb.length);
  t.add(hfType, tvb, 0, 1, type);
  // The rest as captured (none at all is an error, as for Wireshark's item of length -1).
  const n = tvb.remaining(1);
  if (n === 0) tvb.check(1, 1);
  t.add(hfData, tvb, 1, n, tvb.bytes(1, n));
}

export const igmp: ProtocolSpec = {
  proto,
  bind: [['ip.proto', 2]],
  dissect(tvb, pinfo, tree) {
    pinfo.setInfo('');
    const type = tvb.u8(0);
    if (type >= 0x01 && type <= 0x08) v0(tvb, pinfo, tree);
    else if (type === 0x11) {
      if (tvb.reportedLength >= 12) v3Query(tvb, pinfo, tree);
      else if (tvb.u8(1)) v2(tvb, pinfo, tree);
      else v1(tvb, pinfo, tree);
    } else if (type === 0x12) v1(tvb, pinfo, tree);
    else if (type === 0x16 || type === 0x17) v2(tvb, pinfo, tree);
    else if (type === 0x22) v3Report(tvb, pinfo, tree);
    else unknown(tvb, pinfo, tree);
  },
};

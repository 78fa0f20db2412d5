/**
 * ICMP multi-part extensions (RFC 4884), as Wireshark's dissect_icmp_extension shows them after the
 * quoted datagram of an ICMP or ICMPv6 error: a version and checksum, then objects — the MPLS label
 * stack a router on an MPLS path reports to traceroute (RFC 4950), the interface it received the
 * probe on (RFC 5837), the interface an extended echo asks about (RFC 8335). Fields are Wireshark's
 * (registered under icmp, as Wireshark does for both ICMP versions).
 *
 *    0                   1                   2                   3
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |Version|      (Reserved)           |           Checksum          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |             Length            |   Class-Num   |   C-Type      |   (objects …)
 */
import { defineExpert } from '../core/expert.js';
import { MalformedError } from '../core/errors.js';
import { defineField, type FieldDef } from '../core/fields.js';
import { asciiItem } from '../core/string-item.js';
import { bitmaskAppend, MISSING_BYTES } from '../core/format.js';
import type { PacketInfo } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { CHECKSUM_NOT_PRESENT, CHECKSUM_STATUS_VALS, inCksumItem, inetChecksum } from './ipv4.js';

const CLASSES: Record<number, string> = { 1: 'MPLS Label Stack Class', 2: 'Interface Information Object', 3: 'Interface Identification Object' };
const ROLES: Record<number, string> = {
  0: 'IP interface upon which datagram arrived',
  1: 'sub-IP component of an IP interface upon which datagram arrived',
  2: 'IP interface through which datagram would be forwarded',
  3: 'IP next-hop to which datagram would be forwarded',
};
/** Wireshark's afn_vals (address family numbers). */
const AFN: Record<number, string> = {
  0: 'Reserved', 1: 'IPv4', 2: 'IPv6', 3: 'NSAP', 4: 'HDLC (8-bit multidrop)', 5: 'BBN 1822', 6: '802 (includes all 802 media plus Ethernet)',
  7: 'E.163', 8: 'E.164 (SMDS, Frame Relay, ATM)', 9: 'F.69 (Telex)', 10: 'X.121 (X.25, Frame Relay)', 11: 'IPX', 12: 'Appletalk',
  13: 'Decnet IV', 14: 'Banyan Vines', 15: 'E.164 with NSAP subaddress', 16: 'DNS (Domain Name System)', 17: 'Distinguished Name',
  18: 'AS Number', 19: 'XTP over IP version 4', 20: 'XTP over IP version 6', 21: 'XTP native mode XTP', 22: 'Fibre Channel World-Wide Port Name',
  23: 'Fibre Channel World-Wide Node Name', 24: 'GWID', 25: 'Layer-2 VPN', 196: 'Layer-2 VPN (old)', 26: 'MPLS-TP Section Endpoint Identifier',
  27: 'MPLS-TP LSP Endpoint Identifier', 28: 'MPLS-TP Pseudowire Endpoint Identifier', 29: 'MT IP: Multi-Topology IP version 4',
  30: 'MT IPv6: Multi-Topology IP version 6', 16384: 'EIGRP Common Service Family', 16385: 'EIGRP IPv4 Service Family',
  16386: 'EIGRP IPv6 Service Family', 16387: 'LISP Canonical Address Format (LCAF)', 16388: 'BGP-LS', 16389: '48-bit MAC Address',
  16390: '64-bit MAC Address', 16391: 'OUI', 16392: 'MAC/24', 16393: 'MAC/40', 16394: 'IPv6/64', 16395: 'RBridge Port ID',
  16396: 'TRILL Nickname', 65535: 'Reserved',
};
const IDENT_CTYPES: Record<number, string> = { 1: 'Identifies Interface By Name', 2: 'Identifies Interface By Index', 3: 'Identifies Interface By Address' };
const PRESENT: [string, string] = ['Present', 'Not Present'];

const hfExt = defineField('icmp.ext', 'ICMP Extensions', 'none');
const hfVersion = defineField('icmp.ext.version', 'Version', 'uint8');
const hfReserved = defineField('icmp.ext.res', 'Reserved', 'uint16', { base: 'hex', mask: 0x0fff });
const hfChecksum = defineField('icmp.ext.checksum', 'Checksum', 'uint16', { base: 'hex' });
const hfChecksumStatus = defineField('icmp.ext.checksum.status', 'Checksum Status', 'uint8', { base: 'none', vals: CHECKSUM_STATUS_VALS });
const hfLength = defineField('icmp.ext.length', 'Length', 'uint16');
const hfClass = defineField('icmp.ext.class', 'Class', 'uint8', { vals: CLASSES });
const hfCtype = defineField('icmp.ext.ctype', 'C-Type', 'uint8');
const hfData = defineField('icmp.ext.data', 'Data', 'bytes');
const hfMplsLabel = defineField('icmp.mpls.label', 'Label', 'uint24', { mask: 0xfffff0 });
const hfMplsExp = defineField('icmp.mpls.exp', 'Experimental', 'uint24', { mask: 0x0e });
const hfMplsS = defineField('icmp.mpls.s', 'Stack bit', 'boolean', { mask: 0x01, bits: 24, tfs: ['Set', 'Not set'] });
const hfMplsTtl = defineField('icmp.mpls.ttl', 'Time to live', 'uint8');
const hfMplsData = defineField('icmp.mpls.data', 'Data', 'bytes');
const hfRole = defineField('icmp.int_info.role', 'Interface Role', 'uint8', { mask: 0xc0, vals: ROLES });
const hfInfoReserved = defineField('icmp.int_info.reserved', 'Reserved', 'uint8', { mask: 0x30 });
const hfIfindexFlag = defineField('icmp.int_info.ifindex', 'ifIndex', 'boolean', {
  mask: 0x08, bits: 8, tfs: ['True', 'False'], blurb: 'True: ifIndex of the interface included; False: ifIndex of the interface not included ',
});
const hfIpaddrFlag = defineField('icmp.int_info.ipaddr', 'IP Address', 'boolean', { mask: 0x04, bits: 8, tfs: PRESENT });
const hfNameFlag = defineField('icmp.int_info.name_present', 'Interface Name', 'boolean', { mask: 0x02, bits: 8, tfs: PRESENT });
const hfMtuFlag = defineField('icmp.int_info.mtu_present', 'MTU', 'boolean', { mask: 0x01, bits: 8, tfs: PRESENT });
const INFO_FLAGS = [hfRole, hfInfoReserved, hfIfindexFlag, hfIpaddrFlag, hfNameFlag, hfMtuFlag];
const hfInfoIndex = defineField('icmp.int_info.index', 'Interface Index', 'uint32');
const hfInfoAfi = defineField('icmp.int_info.afi', 'Address Family Identifier', 'uint16', { blurb: 'Address Family of the interface address' });
const hfInfoIpv4 = defineField('icmp.int_info.ipv4', 'Source', 'ipv4');
const hfInfoIpv6 = defineField('icmp.int_info.ipv6', 'Source', 'ipv6');
const hfInfoIpUnknown = defineField('icmp.int_info.ipunknown', 'Source', 'bytes');
const hfInfoNameLength = defineField('icmp.int_info.name_length', 'Name Length', 'uint8');
const hfInfoName = defineField('icmp.int_info.name', 'Name', 'string');
const hfInfoMtu = defineField('icmp.int_info.mtu', 'Maximum Transmission Unit', 'uint32');
const hfIcmpReserved = defineField('icmp.reserved', 'Reserved', 'bytes');
const hfIdentName = defineField('icmp.int_ident.name', 'Name', 'string');
const hfIdentIndex = defineField('icmp.int_ident.index', 'Interface Index', 'uint32');
const hfIdentAfi = defineField('icmp.int_ident.afi', 'Address Family Identifier', 'uint16', { vals: AFN, blurb: 'Address Family of the interface address' });
const hfIdentAddrLength = defineField('icmp.int_ident.addr_length', 'Address Length', 'uint8');
const hfIdentReserved = defineField('icmp.int_ident.reserved', 'Reserved', 'bytes');
const hfIdentIpv4 = defineField('icmp.int_ident.ipv4', 'Address', 'ipv4');
const hfIdentIpv6 = defineField('icmp.int_ident.ipv6', 'Address', 'ipv6');
const hfIdentAddress = defineField('icmp.int_ident.address', 'Address', 'bytes');
const eiChecksum = defineExpert('icmp.ext.checksum_bad', 'checksum', 'warn', 'Bad checksum');
const CHECKSUM = { checksum: hfChecksum, status: hfChecksumStatus, bad: eiChecksum };

/** The flags byte of an extended echo (RFC 8335): the request's or the reply's fields. */
export interface ExtEchoFields {
  seq: FieldDef;
  request: readonly FieldDef[];
  reply: readonly FieldDef[];
}

const EXTECHO_STATES: Record<number, string> = { 0: 'Reserved', 1: 'Incomplete', 2: 'Reachable', 3: 'Stale', 4: 'Delay', 5: 'Probe', 6: 'Failed' };
const SET: [string, string] = ['Set', 'Not set'];

/** Extended echo's fields as Wireshark registers them under `proto` (icmp, icmpv6: same bits, own names). */
export function extEchoFields(proto: string, seqName: string): ExtEchoFields {
  return {
    seq: defineField(`${proto}.ext.echo.seq`, seqName, 'uint8', { base: 'dec_hex' }),
    request: [
      defineField(`${proto}.ext.echo.req.res`, 'Reserved', 'uint8', { base: 'hex', mask: 0xfe }),
      defineField(`${proto}.ext.echo.req.local`, 'Local bit', 'boolean', { mask: 0x01, bits: 8, tfs: SET }),
    ],
    reply: [
      defineField(`${proto}.ext.echo.rsp.state`, 'State', 'uint8', { mask: 0xe0, vals: EXTECHO_STATES }),
      defineField(`${proto}.ext.echo.rsp.res`, 'Reserved', 'uint8', { base: 'hex', mask: 0x18 }),
      defineField(`${proto}.ext.echo.rsp.active`, 'Active bit', 'boolean', { mask: 0x04, bits: 8, tfs: SET }),
      defineField(`${proto}.ext.echo.rsp.ipv4`, 'IPv4 bit', 'boolean', { mask: 0x02, bits: 8, tfs: SET }),
      defineField(`${proto}.ext.echo.rsp.ipv6`, 'IPv6 bit', 'boolean', { mask: 0x01, bits: 8, tfs: SET }),
    ],
  };
}

/** An extended echo's sequence number (at `off`) and flags byte (the next), after its identifier. */
export function extEchoHeader(t: ProtoNode, tvb: Tvb, off: number, request: boolean, f: ExtEchoFields): void {
  t.add(f.seq, tvb, off, 1, tvb.u8(off));
  for (const flag of request ? f.request : f.reply) t.add(flag, tvb, off + 1, 1);
}

/**
 * The extension structure in `tvb` (from its start to its end), under `tree`; returns the bytes
 * it took. Throws, as Wireshark does, where an object needs bytes the capture cut off.
 */
export function icmpExtensions(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode): number {
  const reported = tvb.reportedLength;
  const ti = tree.add(hfExt, tvb, 0, reported, null);
  if (ti.detailed) ti.setLabel('ICMP Multi-Part Extensions');
  if (reported < 4) return 0;
  const version = tvb.u8(0) >> 4;
  ti.add(hfVersion, tvb, 0, 1, version);
  ti.add(hfReserved, tvb, 0, 2);
  const sum = tvb.u16(2);
  if (sum === 0) {
    // proto_tree_add_checksum with PROTO_CHECKSUM_NOT_PRESENT.
    const cn = ti.addGenerated(hfChecksum, 0, tvb, 2, 2);
    if (cn.detailed) cn.setLabel('Checksum: [missing]');
    ti.addGenerated(hfChecksumStatus, CHECKSUM_NOT_PRESENT, tvb, 2, 2);
  } else {
    tvb.check(0, reported);
    inCksumItem(ti, tvb, pinfo, CHECKSUM, inetChecksum(tvb.data, tvb.abs(0), reported));
  }
  if (version !== 1 && version !== 2) {
    if (ti.detailed) ti.setLabel('ICMP Multi-Part Extensions (unsupported version)');
    return 0;
  }
  let off = 4;
  let infoObjects = 0;
  while (tvb.reportedRemaining(off) >= 4) {
    const objLen = tvb.u16(off);
    const truncLen = Math.min(objLen, tvb.reportedRemaining(off));
    const end = off + truncLen;
    const ot = ti.addText(tvb, off, Math.max(truncLen, 4), 'Unknown object');
    ot.add(hfLength, tvb, off, 2, objLen);
    const cls = tvb.u8(off + 2);
    ot.add(hfClass, tvb, off + 2, 1, cls);
    const ctype = tvb.u8(off + 3);
    if (objLen < 4) {
      ot.setLabel('Object with bad length');
      break;
    }
    let label: string | null;
    switch (cls) {
      case 1: label = mplsStack(tvb, off, end, ctype, ot); break;
      case 2:
        label = interfaceInformation(tvb, off, end, ctype, ot, pinfo);
        if (++infoObjects > 4) label = 'More than 4 Interface Information Objects';
        break;
      case 0: label = extendedPayload(tvb, off, truncLen, ctype, ot); break;
      case 3: label = interfaceIdentification(tvb, off, objLen, ctype, ot, pinfo); break;
      default: label = null;
    }
    if (label === null) {
      ot.add(hfCtype, tvb, off + 3, 1, ctype);
      label = `Unknown object (${cls}/${ctype})`;
      if (truncLen > 4) ot.add(hfData, tvb, off + 4, truncLen - 4, tvb.bytes(off + 4, truncLen - 4));
    }
    if (ot.detailed) ot.setLabel(truncLen < objLen ? `${label} (truncated)` : label);
    off = end;
  }
  return off;
}

/** An FT_STRING item read as ENC_ASCII (`len` −1: to the end), with proto.c's check for bytes after a NUL. */
function stringItem(t: ProtoNode, f: FieldDef, tvb: Tvb, off: number, len: number, pinfo: PacketInfo): void {
  if (len === -1) len = tvb.reportedRemaining(off);
  else if (len < -1) throw new MalformedError('icmp', tvb.abs(off), `item length ${len}`);
  asciiItem(t, f, tvb, off, len, pinfo);
}

/** Class 1: the MPLS label stack entries (null: an unknown C-Type). */
function mplsStack(tvb: Tvb, off: number, end: number, ctype: number, ot: ProtoNode): string | null {
  ot.add(hfCtype, tvb, off + 3, 1, ctype);
  if (ctype !== 1) return null;
  if (ot.detailed) ot.setLabel('MPLS Stack Entry');
  off += 4;
  while (off + 4 <= end && tvb.reportedRemaining(off) >= 4) {
    const label = (tvb.u16(off) << 4) + (tvb.u8(off + 2) >> 4);
    const tmp = tvb.u8(off + 2);
    const ttl = tvb.u8(off + 3);
    const et = ot.addText(tvb, off, 4, `Label: ${label}, Exp: ${(tmp >> 1) & 7}, S: ${tmp & 1}, TTL: ${ttl}`);
    et.add(hfMplsLabel, tvb, off, 3, label);
    et.add(hfMplsExp, tvb, off + 2, 1, (tmp & 0x0e) >> 1);
    et.add(hfMplsS, tvb, off + 2, 1, tmp & 1);
    et.add(hfMplsTtl, tvb, off + 3, 1, ttl);
    off += 4;
  }
  if (off < end) ot.add(hfMplsData, tvb, off, end - off, tvb.bytes(off, end - off));
  return 'MPLS Stack Entry';
}

/** Class 0: the part of the original datagram that did not fit (null: an unknown C-Type). */
function extendedPayload(tvb: Tvb, off: number, truncLen: number, ctype: number, ot: ProtoNode): string | null {
  ot.add(hfCtype, tvb, off + 3, 1, ctype);
  if (ctype !== 1) return null;
  if (truncLen > 4) ot.add(hfData, tvb, off + 4, truncLen - 4, tvb.bytes(off + 4, truncLen - 4));
  return 'Extended Payload';
}

/** Class 2 (RFC 5837): the C-Type's flags say which of ifIndex, address, name and MTU follow. */
function interfaceInformation(tvb: Tvb, off: number, end: number, ctype: number, ot: ProtoNode, pinfo: PacketInfo): string {
  const label = 'Interface Information Object';
  // Labelled first: an exception below leaves it so.
  if (ot.detailed) ot.setLabel(label);
  const cn = ot.add(hfCtype, tvb, off + 3, 1, ctype);
  if (cn.detailed) cn.setLabel(bitmaskAppend(`C-Type: ${ctype}`, ctype, INFO_FLAGS));
  for (const f of INFO_FLAGS) cn.add(f, tvb, off + 3, 1);
  off += 4;
  if (ctype & 0x08) {
    ot.add(hfInfoIndex, tvb, off, 4, tvb.u32(off));
    off += 4;
  }
  if (ctype & 0x04 && end >= off + 2) {
    const afi = tvb.u16(off);
    // A subtree's bytes must be there (Wireshark throws adding it: a Malformed Packet).
    tvb.check(off, afi === 1 ? 8 : 20);
    const at = ot.addText(tvb, off, afi === 1 ? 8 : 20, 'IP Address Sub-Object');
    at.add(hfInfoAfi, tvb, off, 2, afi);
    off += 2;
    at.add(hfIcmpReserved, tvb, off, 2, tvb.bytes(off, 2));
    off += 2;
    if (afi === 1) {
      tvb.check(off, 4);
      at.add(hfInfoIpv4, tvb, off, 4);
      off += 4;
    } else if (afi === 2) {
      tvb.check(off, 16);
      at.add(hfInfoIpv6, tvb, off, 16);
      off += 16;
    } else {
      // Wireshark's length here is off − end: −1 is to the end of the data, less is an error.
      let len = off - end;
      if (len === -1) len = tvb.reportedRemaining(off);
      else if (len < -1) throw new MalformedError('icmp', tvb.abs(off), `item length ${len}`);
      at.add(hfInfoIpUnknown, tvb, off, len, len === 0 ? MISSING_BYTES : tvb.bytes(off, len));
      return label;
    }
  }
  if (ctype & 0x02) {
    let nameLen = 0;
    let nt: ProtoNode | null = null;
    if (end >= off + 1) {
      nameLen = tvb.u8(off);
      tvb.check(off, nameLen);
      nt = ot.addText(tvb, off, nameLen, 'Interface Name Sub-Object');
      nt.add(hfInfoNameLength, tvb, off, 1, nameLen);
      off += 1;
    }
    if (end >= off + nameLen) {
      // A length of 0 makes Wireshark's item length −1 (to the end of the data) and steps back a
      // byte; without the sub-object (no length byte left) there is no item, only that step.
      if (nt !== null) stringItem(nt, hfInfoName, tvb, off, nameLen - 1, pinfo);
      off += nameLen - 1;
    }
  }
  if (ctype & 0x01) ot.add(hfInfoMtu, tvb, off, 4, tvb.u32(off));
  return label;
}

/** Class 3 (RFC 8335): the interface an extended echo request asks about. */
function interfaceIdentification(tvb: Tvb, off: number, objLen: number, ctype: number, ot: ProtoNode, pinfo: PacketInfo): string | null {
  if (ot.detailed) ot.setLabel('Interface Identification Object');
  if (tvb.reportedRemaining(off) < 5) return null;
  const cn = ot.add(hfCtype, tvb, off + 3, 1, ctype);
  if (cn.detailed) cn.setLabel(`C-Type: ${ctype} (${IDENT_CTYPES[ctype] ?? `Unknown C-Type ${ctype}`})`);
  off += 4;
  switch (ctype) {
    case 1: {
      stringItem(ot, hfIdentName, tvb, off, objLen - 4, pinfo);
      break;
    }
    case 2:
      ot.add(hfIdentIndex, tvb, off, 4, tvb.u32(off));
      break;
    case 3: {
      const afi = tvb.u16(off);
      ot.add(hfIdentAfi, tvb, off, 2, afi);
      off += 2;
      let addrLen = tvb.u8(off);
      ot.add(hfIdentAddrLength, tvb, off, 1, addrLen);
      off += 1;
      ot.add(hfIdentReserved, tvb, off, 1, tvb.bytes(off, 1));
      off += 1;
      if (afi === 1) {
        for (; addrLen >= 4 && tvb.reportedRemaining(off) >= 4; off += 4, addrLen -= 4) ot.add(hfIdentIpv4, tvb, off, 4);
      } else if (afi === 2) {
        for (; addrLen >= 16 && tvb.reportedRemaining(off) >= 16; off += 16, addrLen -= 16) ot.add(hfIdentIpv6, tvb, off, 16);
      } else {
        const n = tvb.reportedRemaining(off);
        ot.add(hfIdentAddress, tvb, off, n, n === 0 ? MISSING_BYTES : tvb.bytes(off, n));
      }
      break;
    }
  }
  return 'Interface Identification Object';
}

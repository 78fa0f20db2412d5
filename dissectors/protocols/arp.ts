/*
 * ARP and RARP (RFC 826, RFC 903) with the other opcodes of the IANA registry, as Wireshark 4.0's
 * packet-arp.c shows them: addresses of any size (Ethernet and IPv4 get typed fields, others are
 * bytes), gratuitous ARP, probes and announcements, and duplicate IP address detection.
 *
 *   0       2       4   5   6       8
 *   +-------+-------+---+---+-------+-----+-----+-----+-----+
 *   | hrd   | pro   |hln|pln| op    | sha | spa | tha | tpa |
 */
import type { ProtocolSpec } from '../core/dispatch.js';
import { MalformedError } from '../core/errors.js';
import { defineExpert } from '../core/expert.js';
import { defineField, defineProtocol } from '../core/fields.js';
import { formatEther, formatHex, formatIPv4Bytes } from '../core/addr.js';
import type { PacketInfo } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { ETHERTYPE_NAMES } from './ethertype.js';

export const proto = defineProtocol('arp', 'Address Resolution Protocol', 'ARP/RARP', 'network');

/** Wireshark 4.0's arp_hrd_vals (ARP hardware types, with Linux's ARPHRD_ additions). */
export const ARPHRD_NAMES: Record<number, string> = {
  0: 'NET/ROM pseudo', 1: 'Ethernet', 2: 'Experimental Ethernet', 3: 'AX.25', 4: 'ProNET', 5: 'Chaos', 6: 'IEEE 802',
  7: 'ARCNET', 8: 'Hyperchannel', 9: 'Lanstar', 10: 'Autonet Short Address', 11: 'Localtalk', 12: 'LocalNet',
  13: 'Ultra link', 14: 'SMDS', 15: 'Frame Relay DLCI', 16: 'ATM', 17: 'HDLC', 18: 'Fibre Channel',
  19: 'ATM (RFC 2225)', 20: 'Serial Line', 21: 'ATM', 22: 'MIL-STD-188-220', 23: 'Metricom STRIP',
  24: 'IEEE 1394.1995', 25: 'MAPOS', 26: 'Twinaxial', 27: 'EUI-64', 28: 'HIPARP', 29: 'IP and ARP over ISO 7816-3',
  30: 'ARPSec', 31: 'IPsec tunnel', 32: 'InfiniBand', 33: 'TIA-102 Project 25 CAI', 34: 'Wiegand Interface',
  35: 'Pure IP', 36: 'Experimental 1', 37: 'HFI', 256: 'Experimental 2', 257: 'AEthernet', 260: 'Notional KISS type',
  264: 'ADAPT', 270: 'ROSE', 271: 'CCITT X.25', 272: 'Boards with X.25 in firmware', 280: 'Controller Area Network',
  512: 'PPP', 513: 'Cisco HDLC', 516: 'LAPB', 517: "Digital's DDCMP protocol", 518: 'Raw HDLC', 519: 'Raw IP',
  768: 'IPIP tunnel', 769: 'IP6IP6 tunnel', 770: 'Frame Relay Access Device', 771: 'SKIP vif', 772: 'Loopback',
  774: 'Fiber Distributed Data Interface', 775: 'AP1000 BIF', 776: 'sit0 device - IPv6-in-IPv4',
  777: 'IP over DDP tunneller', 778: 'GRE over IP', 779: 'PIMSM register interface',
  780: 'High Performance Parallel Interface', 781: 'Nexus 64Mbps Ash', 782: 'Acorn Econet', 783: 'Linux-IrDA',
  784: 'Point to point fibrechannel', 785: 'Fibrechannel arbitrated loop', 786: 'Fibrechannel public loop',
  787: 'Fibrechannel fabric', 800: 'Magic type ident for TR', 801: 'IEEE 802.11', 802: 'IEEE 802.11 + Prism2 header',
  803: 'IEEE 802.11 + radiotap header', 804: 'IEEE 802.15.4', 805: 'IEEE 802.15.4 network monitor',
  820: 'PhoNet media type', 821: 'PhoNet pipe header', 822: 'CAIF media type', 823: 'GRE over IPv6', 824: 'Netlink',
  825: 'IPv6 over LoWPAN', 826: 'Vsock monitor header', 65535: 'Void type, nothing is known',
  65534: 'zero header length',
};

const OPCODES: Record<number, string> = {
  1: 'request', 2: 'reply', 3: 'reverse request', 4: 'reverse reply', 5: 'drarp request', 6: 'drarp reply',
  7: 'drarp error', 8: 'inverse request', 9: 'inverse reply', 10: 'arp nak', 11: 'mars request', 12: 'mars multi',
  13: 'mars mserv', 14: 'mars join', 15: 'mars leave', 16: 'mars nak', 17: 'mars unserv', 18: 'mars sjoin',
  19: 'mars sleave', 20: 'mars grouplist request', 21: 'mars grouplist reply', 22: 'mars redirect map',
  23: 'mapos unarp', 24: 'experimental 1', 25: 'experimental 2', 0: 'reserved', 65535: 'reserved',
};
const TRUE_FALSE = ['True', 'False'] as const;

const hfHwType = defineField('arp.hw.type', 'Hardware type', 'uint16', { vals: ARPHRD_NAMES });
const hfProtoType = defineField('arp.proto.type', 'Protocol type', 'uint16', { base: 'hex', vals: ETHERTYPE_NAMES });
const hfHwSize = defineField('arp.hw.size', 'Hardware size', 'uint8');
const hfProtoSize = defineField('arp.proto.size', 'Protocol size', 'uint8');
const hfOpcode = defineField('arp.opcode', 'Opcode', 'uint16', { vals: OPCODES });
const hfIsGratuitous = defineField('arp.isgratuitous', 'Is gratuitous', 'boolean', { tfs: TRUE_FALSE });
const hfIsProbe = defineField('arp.isprobe', 'Is probe', 'boolean', { tfs: TRUE_FALSE });
const hfIsAnnouncement = defineField('arp.isannouncement', 'Is announcement', 'boolean', { tfs: TRUE_FALSE });
const hfSrcHw = defineField('arp.src.hw', 'Sender hardware address', 'bytes');
const hfSrcHwMac = defineField('arp.src.hw_mac', 'Sender MAC address', 'ether');
const hfSrcProto = defineField('arp.src.proto', 'Sender protocol address', 'bytes');
const hfSrcProtoIpv4 = defineField('arp.src.proto_ipv4', 'Sender IP address', 'ipv4');
const hfDstHw = defineField('arp.dst.hw', 'Target hardware address', 'bytes');
const hfDstHwMac = defineField('arp.dst.hw_mac', 'Target MAC address', 'ether');
const hfDstProto = defineField('arp.dst.proto', 'Target protocol address', 'bytes');
const hfDstProtoIpv4 = defineField('arp.dst.proto_ipv4', 'Target IP address', 'ipv4');
const hfDrarpError = defineField('arp.dst.drarp_error_status', 'DRARP error status', 'uint16', {
  vals: { 1: 'restricted', 2: 'no address', 3: 'serverdown', 4: 'moved', 5: 'failure' },
});
const hfDupFrame = defineField('arp.duplicate-address-frame', 'Frame showing earlier use of IP address', 'framenum');
const hfDupSeconds = defineField('arp.seconds-since-duplicate-address-frame', 'Seconds since earlier frame seen', 'uint32');
const hfDupDetected = defineField('arp.duplicate-address-detected', 'Duplicate IP address detected', 'none');
const eiDupIp = defineExpert('arp.duplicate-address-detected', 'sequence', 'warn', 'Duplicate IP address configured');

const AR_HRD = 0, AR_PRO = 2, AR_HLN = 4, AR_PLN = 5, AR_OP = 6, MIN_ARP_HEADER_SIZE = 8;
const ARPHRD_ETHER = 1, ARPHRD_IEEE802 = 6, ETHERTYPE_IP = 0x0800, AX25_P_IP = 0xcc;

/** tvb_bytes_to_str: hex without separators, cut at 36 bytes with an ellipsis. */
function bytesText(tvb: Tvb, off: number, len: number): string {
  if (len <= 36) return formatHex(tvb.bytes(off, len));
  return formatHex(tvb.bytes(off, 36)) + '\u2026';
}

function isEther(hrd: number, hln: number): boolean {
  return (hrd === ARPHRD_ETHER || hrd === ARPHRD_IEEE802) && hln === 6;
}

function isIPv4(pro: number, pln: number): boolean {
  return (pro === ETHERTYPE_IP || pro === AX25_P_IP) && pln === 4;
}

function hwText(tvb: Tvb, off: number, hln: number, hrd: number): string {
  if (hln === 0) return '<No address>';
  if (isEther(hrd, hln)) {
    tvb.check(off, 6);
    return formatEther(tvb.data, tvb.abs(off));
  }
  return bytesText(tvb, off, hln);
}

function protoText(tvb: Tvb, off: number, pln: number, pro: number): string {
  if (pln === 0) return '<No address>';
  if (isIPv4(pro, pln)) {
    tvb.check(off, 4);
    return formatIPv4Bytes(tvb.data, tvb.abs(off));
  }
  return bytesText(tvb, off, pln);
}

/** tvb_memeql of two ranges of the view: false when either is not captured or empty. */
function sameBytes(tvb: Tvb, a: number, b: number, len: number): boolean {
  if (len === 0 || !tvb.has(a, len) || !tvb.has(b, len)) return false;
  const d = tvb.data;
  const x = tvb.abs(a), y = tvb.abs(b);
  for (let i = 0; i < len; i++) if (d[x + i] !== d[y + i]) return false;
  return true;
}

function zeroMac(tvb: Tvb, off: number): boolean {
  if (!tvb.has(off, 6)) return false;
  const d = tvb.data;
  const a = tvb.abs(off);
  for (let i = 0; i < 6; i++) if (d[a + i] !== 0) return false;
  return true;
}

/** Which MAC address each IPv4 address was last seen with (for duplicate address detection). */
interface ArpState {
  byIp: Map<number, { mac: number; frame: number; sec: number }>;
  /** Frame number → duplicates found in it, for later passes over the same capture. */
  found: Map<number, { ip: number; mac: number; frame: number; sec: number }[]>;
}

function macNumber(tvb: Tvb, off: number): number {
  return tvb.u16(off) * 0x100000000 + tvb.u32(off + 2);
}

function macText(m: number): string {
  const s = m.toString(16).padStart(12, '0');
  return s.replace(/(..)(?!$)/g, '$1:');
}

/** Made once: a closure written in the call would be allocated per packet. */
const newArpState = (): ArpState => ({ byIp: new Map(), found: new Map() });

/**
 * Wireshark's check_for_duplicate_addresses: records `ip` → `mac`; returns the earlier binding
 * when this frame shows `ip` with another MAC address.
 */
function checkDuplicate(pinfo: PacketInfo, mac: number, ip: number): { ip: number; mac: number; frame: number; sec: number } | undefined {
  const st = pinfo.ctx.state(proto, newArpState);
  const num = pinfo.meta.num;
  if (pinfo.visited) return st.found.get(num)?.find((r) => r.ip === ip);
  const v = st.byIp.get(ip);
  if (v === undefined) {
    st.byIp.set(ip, { mac, frame: num, sec: pinfo.meta.tsSec });
    return undefined;
  }
  if (num <= v.frame) return undefined;
  if (v.mac === mac) {
    v.frame = num;
    v.sec = pinfo.meta.tsSec;
    return undefined;
  }
  const r = { ip, mac: v.mac, frame: v.frame, sec: v.sec };
  const list = st.found.get(num);
  if (list) list.push(r);
  else st.found.set(num, [r]);
  return r;
}

function reportDuplicate(pinfo: PacketInfo, tree: ProtoNode, tvb: Tvb, macOff: number, dup: { ip: number; mac: number; frame: number; sec: number }): void {
  if (!tree.real) {
    pinfo.expert(tree, eiDupIp);
    return;
  }
  const ipText = `${dup.ip >>> 24}.${(dup.ip >>> 16) & 255}.${(dup.ip >>> 8) & 255}.${dup.ip & 255}`;
  const n = tree.addGenerated(hfDupDetected, null, tvb, 0, 0).setLabel(
    // Generated: the brackets are the printer's.
    `Duplicate IP address detected for ${ipText} (${formatEther(tvb.data, tvb.abs(macOff))}) - also in use by ${macText(dup.mac)} (frame ${dup.frame})`,
  );
  const f = n.addGenerated(hfDupFrame, dup.frame, tvb, 0, 0);
  pinfo.expert(f, eiDupIp, tvb, 0, 0, `Duplicate IP address configured (${ipText})`);
  n.addGenerated(hfDupSeconds, Math.max(0, pinfo.meta.tsSec - dup.sec), tvb, 0, 0);
}

function opInfo(op: number, tvb: Tvb, hrd: number, pro: number, hln: number, pln: number, grat: boolean, probe: boolean, announce: boolean): string {
  const sha = MIN_ARP_HEADER_SIZE, spa = sha + hln, tha = spa + pln, tpa = tha + hln;
  switch (op) {
    case 1:
      if (grat) return announce ? `ARP Announcement for ${protoText(tvb, tpa, pln, pro)}` : `Gratuitous ARP for ${protoText(tvb, tpa, pln, pro)} (Request)`;
      if (probe) return `Who has ${protoText(tvb, tpa, pln, pro)}? (ARP Probe)`;
      return `Who has ${protoText(tvb, tpa, pln, pro)}? Tell ${protoText(tvb, spa, pln, pro)}`;
    case 2:
      if (grat) return `Gratuitous ARP for ${protoText(tvb, spa, pln, pro)} (Reply)`;
      return `${protoText(tvb, spa, pln, pro)} is at ${hwText(tvb, sha, hln, hrd)}`;
    case 3: case 8: case 5:
      return `Who is ${hwText(tvb, tha, hln, hrd)}? Tell ${hwText(tvb, sha, hln, hrd)}`;
    case 4: case 6:
      return `${hwText(tvb, tha, hln, hrd)} is at ${protoText(tvb, tpa, pln, pro)}`;
    case 7:
      return 'DRARP Error';
    case 9:
      return `${hwText(tvb, sha, hln, hrd)} is at ${protoText(tvb, spa, pln, pro)}`;
    case 10:
      return 'ARP NAK';
    case 24:
      return `Experimental 1 ( opcode ${op} )`;
    case 25:
      return `Experimental 2 ( opcode ${op} )`;
    case 0: case 65535:
      return `Reserved opcode ${op}`;
    default: {
      const mars = MARS_INFO[op];
      if (mars !== undefined) return `${mars} from ${hwText(tvb, sha, hln, hrd)} at ${protoText(tvb, spa, pln, pro)}`;
      return `Unknown ARP opcode 0x${op.toString(16).padStart(4, '0')}`;
    }
  }
}

/**
 * The bounds checks opInfo makes (in the same order), without the text: for a pass without the
 * Info column, so that a truncated address still raises the same error.
 */
function opInfoChecks(op: number, tvb: Tvb, hrd: number, pro: number, hln: number, pln: number, grat: boolean, probe: boolean): void {
  const sha = MIN_ARP_HEADER_SIZE, spa = sha + hln, tha = spa + pln, tpa = tha + hln;
  switch (op) {
    case 1:
      protoCheck(tvb, tpa, pln, pro);
      if (!grat && !probe) protoCheck(tvb, spa, pln, pro);
      return;
    case 2:
      protoCheck(tvb, spa, pln, pro);
      if (!grat) hwCheck(tvb, sha, hln, hrd);
      return;
    case 3: case 8: case 5:
      hwCheck(tvb, tha, hln, hrd);
      hwCheck(tvb, sha, hln, hrd);
      return;
    case 4: case 6:
      hwCheck(tvb, tha, hln, hrd);
      protoCheck(tvb, tpa, pln, pro);
      return;
    case 9:
      hwCheck(tvb, sha, hln, hrd);
      protoCheck(tvb, spa, pln, pro);
      return;
    default:
      if (MARS_INFO[op] !== undefined) {
        hwCheck(tvb, sha, hln, hrd);
        protoCheck(tvb, spa, pln, pro);
      }
  }
}

/** What hwText reads. */
function hwCheck(tvb: Tvb, off: number, hln: number, hrd: number): void {
  if (hln === 0) return;
  tvb.check(off, isEther(hrd, hln) ? 6 : Math.min(hln, 36));
}

/** What protoText reads. */
function protoCheck(tvb: Tvb, off: number, pln: number, pro: number): void {
  if (pln === 0) return;
  tvb.check(off, isIPv4(pro, pln) ? 4 : Math.min(pln, 36));
}

const MARS_INFO: Record<number, string> = {
  11: 'MARS request', 12: 'MARS MULTI request', 13: 'MARS MSERV request', 14: 'MARS JOIN request', 15: 'MARS LEAVE',
  16: 'MARS NAK', 17: 'MARS UNSERV request', 18: 'MARS SJOIN request', 19: 'MARS SLEAVE', 20: 'MARS grouplist request',
  21: 'MARS grouplist reply', 22: 'MARS redirect map', 23: 'MAPOS UNARP request',
};

function protocolColumn(op: number): string {
  switch (op) {
    case 3: case 4: return 'RARP';
    case 5: case 6: case 7: return 'DRARP';
    case 8: case 9: return 'Inverse ARP';
    case 23: return 'MAPOS';
    default: return op >= 11 && op <= 22 ? 'MARS' : 'ARP';
  }
}

export const arp: ProtocolSpec = {
  proto,
  bind: [['ethertype', 0x0806], ['ethertype', 0x8035], ['gre.proto', 0x0806]],
  dissect(tvb, pinfo, tree) {
    pinfo.setProtocol('ARP');
    pinfo.setInfo('');
    const hrd = tvb.u16(AR_HRD);
    let t = tree;
    if (tree.real) t = tree.addProto(proto, tvb, 0, tvb.reportedLength);
    t.add(hfHwType, tvb, AR_HRD, 2, hrd);
    const pro = tvb.u16(AR_PRO);
    t.add(hfProtoType, tvb, AR_PRO, 2, pro);
    const hln = tvb.u8(AR_HLN);
    t.add(hfHwSize, tvb, AR_HLN, 1, hln);
    const pln = tvb.u8(AR_PLN);
    t.add(hfProtoSize, tvb, AR_PLN, 1, pln);
    const op = tvb.u16(AR_OP);
    t.add(hfOpcode, tvb, AR_OP, 2, op);
    const totLen = MIN_ARP_HEADER_SIZE + 2 * hln + 2 * pln;
    t.setLength(totLen);
    // The ARP message ends here; the bytes after it are the link layer's padding or trailer.
    if (totLen > tvb.reportedLength) {
      throw new MalformedError('arp', tvb.abs(0), `message of ${totLen} bytes is longer than the ${tvb.reportedLength} bytes there are`);
    }
    const a = tvb.sub(0, totLen);
    pinfo.setProtocol(protocolColumn(op));
    const sha = MIN_ARP_HEADER_SIZE, spa = sha + hln, tha = spa + pln, tpa = tha + hln;

    let dup: ReturnType<typeof checkDuplicate>;
    let dupMacOff = sha;
    if ((op === 1 || op === 2) && isEther(hrd, hln) && isIPv4(pro, pln)) {
      let ip = a.u32(spa);
      let macByte0 = a.u8(sha);
      let mac = macNumber(a, sha);
      if ((macByte0 & 1) === 0 && mac !== 0 && ip !== 0) dup = checkDuplicate(pinfo, mac, ip);
      ip = a.u32(tpa);
      macByte0 = a.u8(tha);
      mac = macNumber(a, tha);
      if ((macByte0 & 1) === 0 && mac !== 0 && ip !== 0 && op !== 1 && (dup === undefined || dup.ip !== ip)) {
        const d2 = checkDuplicate(pinfo, mac, ip);
        if (d2) {
          dup = d2;
          dupMacOff = tha;
        }
      }
    }

    let grat = false, probe = false, announce = false;
    if ((op === 1 || op === 2) && sameBytes(a, spa, tpa, pln)) {
      grat = true;
      if (op === 1 && zeroMac(a, tha)) announce = true;
    } else if (op === 1 && zeroMac(a, tha) && a.u32(spa) === 0) {
      probe = true;
    }
    if (pinfo.wantInfo) pinfo.setInfo(opInfo(op, a, hrd, pro, hln, pln, grat, probe, announce));
    else opInfoChecks(op, a, hrd, pro, hln, pln, grat, probe);

    if (t.real) {
      const opName = OPCODES[op];
      let label: string;
      if (opName !== undefined) {
        let s = opName;
        if (grat && op === 1) s = 'request/gratuitous ARP';
        if (grat && op === 2) s = 'reply/gratuitous ARP';
        if (probe) s = 'ARP Probe';
        if (announce) s = 'ARP Announcement';
        label = `Address Resolution Protocol (${s})`;
      } else {
        label = `Address Resolution Protocol (opcode 0x${op.toString(16).padStart(4, '0')})`;
      }
      t.setLabel(label);
      if (grat) t.addGenerated(hfIsGratuitous, 1, a, 0, 0);
      if (probe) t.addGenerated(hfIsProbe, 1, a, 0, 0);
      if (announce) t.addGenerated(hfIsAnnouncement, 1, a, 0, 0);
      const ether = isEther(hrd, hln);
      const ipv4 = isIPv4(pro, pln);
      if (hln !== 0) t.add(ether ? hfSrcHwMac : hfSrcHw, a, sha, hln);
      if (pln !== 0) t.add(ipv4 ? hfSrcProtoIpv4 : hfSrcProto, a, spa, pln);
      if (hln !== 0) t.add(ether ? hfDstHwMac : hfDstHw, a, tha, hln);
      if (pln !== 0 && op !== 7) t.add(ipv4 ? hfDstProtoIpv4 : hfDstProto, a, tpa, pln);
      else if (pln !== 0) t.add(hfDrarpError, a, tpa, 1);
    }
    if (dup) reportDuplicate(pinfo, tree, a, dupMacOff, dup);
    return totLen;
  },
};

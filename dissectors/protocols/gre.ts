/*
 * Generic Routing Encapsulation (GRE, RFC 2784/2890, RFC 1701's routing, RFC 2637's enhanced GRE
 * of PPTP; IP protocol 47), as Wireshark 4.0's packet-gre.c shows it. The checksum, when present,
 * is verified (Wireshark's default). The payload goes to the `gre.proto` table (IPv4, IPv6, ARP,
 * Ethernet for transparent bridging), else it is data inside the GRE tree.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |C|R|K|S|s|Recur|  Flags  | Ver |         Protocol Type         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |      Checksum (optional)      |       Offset (optional)       |   C or R
 *   |                         Key (optional)                        |   K
 *   |                   Sequence Number (optional)                  |   S
 *   |                    Routing (optional) …                       |   R
 */
import { table, type ProtocolSpec } from '../core/dispatch.js';
import { defineExpert } from '../core/expert.js';
import { defineField, defineFieldAgain, defineProtocol } from '../core/fields.js';
import { MISSING_BYTES } from '../core/format.js';
import { hex4 } from '../core/addr.js';
import { callData, CHECKSUM_STATUS_VALS, inCksumItem, inetChecksum } from './ipv4.js';

export const proto = defineProtocol('gre', 'Generic Routing Encapsulation', 'GRE', 'network');

const C = 0x8000;
const R = 0x4000;
const K = 0x2000;
const S = 0x1000;
const A = 0x0080;
const VERSION = 0x0007;

const ETHERTYPE_PPP = 0x880b;
const ETHERTYPE_CDMA2000_A10_UBS = 0x8881;
const ETHERTYPE_3GPP2 = 0x88d2;

/** gre_typevals: what the Protocol Type names (EtherTypes, and GRE's own numbers). */
const GRE_TYPES = new Map<number, string>([
  [0x0000, 'Possible GRE keepalive packet'], [ETHERTYPE_PPP, 'PPP'], [0x0800, 'IP'], [0x0806, 'ARP'], [0x00fe, 'OSI'],
  [0x883e, 'WCCP'], [0x2000, 'CDP (Cisco)'], [0x2001, 'NHRP'], [0x88be, 'ERSPAN'], [0x22eb, 'ERSPAN III'],
  [0x6400, 'MIKROTIK EoIP'], [0xfeae, 'AIROHIVE AP AP'], [0x8137, 'IPX'], [0x6558, 'Transparent Ethernet bridging'],
  [0x6559, 'Frame Relay'], [0x86dd, 'IPv6'], [0x8847, 'MPLS label switched packet'], [0x894f, 'Network Service Header'],
  [ETHERTYPE_CDMA2000_A10_UBS, 'CDMA2000 A10 Unstructured byte stream'], [ETHERTYPE_3GPP2, 'CDMA2000 A10 3GPP2 Packet'],
  [0x8909, 'CiscoMetaData'], [0xb7ea, 'Huawei GRE bonding'],
  ...[0x8200, 0x8210, 0x8220, 0x8230, 0x8240, 0x8250, 0x8260, 0x8270, 0x8280, 0x8290, 0x82a0, 0x82b0, 0x82c0, 0x82d0, 0x82e0, 0x82f0,
    0x8300, 0x8310, 0x8320, 0x8330, 0x8340, 0x8350, 0x8360, 0x8370, 0x9000].map((v): [number, string] => [v, 'ARUBA WLAN']),
]);
const YES_NO = ['Yes', 'No'] as const;

const hfFlagsAndVersion = defineField('gre.flags_and_version', 'Flags and Version', 'uint16', { base: 'hex', blurb: 'The GRE flags are encoded in the first two octets' });
const hfChecksumBit = defineField('gre.flags.checksum', 'Checksum Bit', 'boolean', { mask: C, bits: 16, tfs: YES_NO, blurb: 'Indicates if the Checksum field is present' });
const hfRoutingBit = defineField('gre.flags.routing', 'Routing Bit', 'boolean', { mask: R, bits: 16, tfs: YES_NO, blurb: 'Indicates if the Routing and Checksum/Offset field are present' });
const hfKeyBit = defineField('gre.flags.key', 'Key Bit', 'boolean', { mask: K, bits: 16, tfs: YES_NO, blurb: 'Indicates if the Key field is present' });
const hfSequenceBit = defineField('gre.flags.sequence_number', 'Sequence Number Bit', 'boolean', { mask: S, bits: 16, tfs: YES_NO, blurb: 'Indicates if the Sequence Number field is present' });
const hfStrictSourceRoute = defineField('gre.flags.strict_source_route', 'Strict Source Route Bit', 'boolean', { mask: 0x0800, bits: 16, tfs: YES_NO });
const hfRecursion = defineField('gre.flags.recursion_control', 'Recursion control', 'uint16', { mask: 0x0700 });
const hfAckBit = defineField('gre.flags.ack', 'Acknowledgment', 'boolean', {
  mask: A, bits: 16, tfs: YES_NO, blurb: 'Indicates if the packet contains an Acknowledgment Number to be used for acknowledging previously transmitted data',
});
const hfReserved = defineField('gre.flags.reserved', 'Flags (Reserved)', 'uint16', { mask: 0x00f8 });
/** The same field with PPTP's narrower mask (the acknowledgment bit takes one of its bits). */
const hfReservedPpp = defineFieldAgain('gre.flags.reserved', 'Flags (Reserved)', 'uint16', { mask: 0x0078 });
const hfVersion = defineField('gre.flags.version', 'Version', 'uint16', { mask: VERSION, vals: { 0: 'GRE', 1: 'Enhanced GRE' } });
const hfProto = defineField('gre.proto', 'Protocol Type', 'uint16', { base: 'hex', vals: GRE_TYPES, blurb: 'The protocol that is GRE encapsulated' });
const hfChecksum = defineField('gre.checksum', 'Checksum', 'uint16', {
  base: 'hex', blurb: 'The Checksum field contains the IP (one\'s complement) checksum of the GRE header and the payload packet',
});
const hfChecksumStatus = defineField('gre.checksum.status', 'Checksum Status', 'uint8', { base: 'none', vals: CHECKSUM_STATUS_VALS });
const hfOffset = defineField('gre.offset', 'Offset', 'uint16', {
  blurb: 'The offset field indicates the octet offset from the start of the Routing field to the first octet of the active Source Route Entry to be examined',
});
const hfKey = defineField('gre.key', 'Key', 'uint32', { base: 'hex', blurb: 'The Key field contains a four octet number which was inserted by the encapsulator' });
const hfPayloadLength = defineField('gre.key.payload_length', 'Payload Length', 'uint16', { blurb: 'Size of the payload, not including the GRE header' });
const hfCallId = defineField('gre.key.call_id', 'Call ID', 'uint16', { blurb: 'Contains the Peer\'s Call ID for the session to which this packet belongs.' });
const hfSequence = defineField('gre.sequence_number', 'Sequence Number', 'uint32', {
  blurb: 'The Sequence Number field contains an unsigned 32 bit integer which is inserted by the encapsulator',
});
const hfAck = defineField('gre.ack_number', 'Acknowledgment Number', 'uint32', {
  blurb: 'Contains the sequence number of the highest numbered GRE packet received by the sending peer for this user session',
});
const hfRouting = defineField('gre.routing', 'Routing', 'none', { blurb: 'The Routing field is a list of Source Route Entries (SREs)' });
const SRE_BLURB = 'The Address Family field contains a two octet value which indicates the syntax and semantics of the Routing Information field';
const hfSreFamily = defineField('gre.routing.address_family', 'Address Family', 'uint16', { blurb: SRE_BLURB });
const hfSreOffset = defineField('gre.routing.sre_offset', 'SRE Offset', 'uint8', { blurb: SRE_BLURB });
const hfSreLength = defineField('gre.routing.src_length', 'SRE Length', 'uint8', { blurb: 'The SRE Length field contains the number of octets in the SRE' });
const hfSreInfo = defineField('gre.routing.information', 'Routing Information', 'bytes', { blurb: 'The Routing Information field contains data which may be used in routing this packet' });
const eiChecksum = defineExpert('gre.checksum.incorrect', 'protocol', 'warn', 'Incorrect GRE Checksum');
const CHECKSUM = { checksum: hfChecksum, status: hfChecksumStatus, bad: eiChecksum };

/** What GRE carries, by Protocol Type (Wireshark's `gre.proto` table). */
export const greProtos = table('gre.proto', 'GRE protocol type');

export const gre: ProtocolSpec = {
  proto,
  bind: [['ip.proto', 47]],
  dissect(tvb, pinfo, tree) {
    const flags = tvb.u16(0);
    const type = tvb.u16(2);
    const name = GRE_TYPES.get(type);
    pinfo.setProtocol('GRE');
    if (pinfo.wantInfo) pinfo.setInfo(`Encapsulated ${name ?? `0x${hex4(type).toUpperCase()} (unknown)`}`);
    // PPTP's enhanced GRE (version 1 carrying PPP) and CDMA2000 A10: a payload length and call ID as the key, an acknowledgment.
    const ppp = (type === ETHERTYPE_PPP && (flags & VERSION) !== 0) || type === ETHERTYPE_3GPP2 || type === ETHERTYPE_CDMA2000_A10_UBS;
    const t = tree.addProto(proto, tvb, 0, tvb.length, tree.protocolLabels ? `${proto.name} (${name ?? `0x${hex4(type).toUpperCase()} - unknown`})` : undefined);
    const fv = t.add(hfFlagsAndVersion, tvb, 0, 2, flags);
    for (const f of [hfChecksumBit, hfRoutingBit, hfKeyBit, hfSequenceBit, hfStrictSourceRoute, hfRecursion]) fv.add(f, tvb, 0, 2);
    if (ppp) {
      fv.add(hfAckBit, tvb, 0, 2);
      fv.add(hfReservedPpp, tvb, 0, 2);
    } else {
      fv.add(hfReserved, tvb, 0, 2);
    }
    fv.add(hfVersion, tvb, 0, 2);
    t.add(hfProto, tvb, 2, 2, type);
    let off = 4;
    if (flags & (C | R)) {
      const reported = tvb.reportedLength;
      const verify = (flags & C) !== 0 && !pinfo.fragmented && tvb.length >= reported;
      inCksumItem(t, tvb, pinfo, CHECKSUM, verify ? inetChecksum(tvb.data, tvb.abs(0), reported) : null, undefined, off);
      t.add(hfOffset, tvb, off + 2, 2, tvb.u16(off + 2));
      off += 4;
    }
    if (flags & K) {
      if (ppp && type !== ETHERTYPE_CDMA2000_A10_UBS) {
        t.add(hfPayloadLength, tvb, off, 2, tvb.u16(off));
        t.add(hfCallId, tvb, off + 2, 2, tvb.u16(off + 2));
      } else {
        t.add(hfKey, tvb, off, 4, tvb.u32(off));
      }
      off += 4;
    }
    if (flags & S) {
      t.add(hfSequence, tvb, off, 4, tvb.u32(off));
      off += 4;
    }
    if (ppp && flags & A) {
      t.add(hfAck, tvb, off, 4, tvb.u32(off));
      off += 4;
    }
    if (flags & R) {
      // Source Route Entries up to the null one (family 0, length 0). Wireshark puts an SRE's
      // fields beside its Routing item, in the GRE tree.
      for (;;) {
        // (An item running to the end needs a byte there: Wireshark's length −1.)
        tvb.check(off, 1);
        const ri = t.add(hfRouting, tvb, off, tvb.remaining(off), null);
        const family = tvb.u16(off);
        t.add(hfSreFamily, tvb, off, 2, family);
        t.add(hfSreOffset, tvb, off + 2, 1, tvb.u8(off + 2));
        const len = tvb.u8(off + 3);
        t.add(hfSreLength, tvb, off + 3, 1, len);
        ri.setLength(4 + len);
        off += 4;
        if (family === 0 && len === 0) break;
        t.add(hfSreInfo, tvb, off, len, len === 0 ? MISSING_BYTES : tvb.bytes(off, len));
        off += len;
      }
    }
    t.setLength(off);
    // Without a sequence number a GRE packet may carry nothing (a keepalive).
    if (!(flags & S) && tvb.reportedRemaining(off) <= 0) return;
    const next = tvb.sub(off);
    if (greProtos.call(type, next, pinfo, tree) < 0) callData(next, pinfo, t);
  },
};

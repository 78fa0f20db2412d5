import { callDissector, table, type ProtocolSpec } from '../core/dispatch.js';
import { defineField, defineProtocol } from '../core/fields.js';
import type { PacketInfo } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { data } from './data.js';

/**
 * The hand-off on an EtherType shared by Ethernet, 802.1Q, SLL and SLL2 (Wireshark's "ethertype"
 * pseudo-protocol, which is why frame.protocols reads `eth:ethertype:ip`). After the payload, the
 * bytes it did not consume are shown as padding (all zero) or a trailer.
 */
export const proto = defineProtocol('ethertype', 'Ethertype', 'ETHERTYPE');
export const ethertypes = table('ethertype', 'Ethertype');

export const ETHERTYPE_NAMES: Record<number, string> = {
  0x0800: 'IPv4', 0x0806: 'ARP', 0x8035: 'RARP', 0x8100: '802.1Q Virtual LAN', 0x88a8: '802.1ad Provider Bridge (Q-in-Q)',
  0x9100: 'VLAN-tagged frame (Q-in-Q)', 0x86dd: 'IPv6', 0x8847: 'MPLS label switched packet', 0x8863: 'PPPoE Discovery',
  0x8864: 'PPPoE Session', 0x888e: '802.1X Authentication', 0x88cc: '802.1 Link Layer Discovery Protocol (LLDP)',
  0x8809: 'Slow Protocols', 0x88e5: '802.1AE (MACsec)', 0x88f7: 'PTPv2 over Ethernet (IEEE1588)', 0x9000: 'Loopback',
  0x0842: 'Wake on LAN', 0x22f0: 'IEEE 1722 Audio Video Bridging Transport Protocol', 0x8137: 'Netware IPX/SPX',
};

const hfPadding = defineField('eth.padding', 'Padding', 'bytes');
const hfTrailer = defineField('eth.trailer', 'Trailer', 'bytes');

/**
 * Dispatches `tvb` from `off` on `etype`; `parent` is the tree of the layer that carried the type
 * (padding and trailer go there, as in Wireshark).
 */
export function dispatchEthertype(etype: number, tvb: Tvb, off: number, pinfo: PacketInfo, tree: ProtoNode, parent: ProtoNode): void {
  pinfo.enter(proto);
  const payload = tvb.sub(off);
  let used = ethertypes.call(etype, payload, pinfo, tree);
  if (used < 0) {
    pinfo.setProtocol(`0x${etype.toString(16).padStart(4, '0')}`);
    used = callDissector(data as ProtocolSpec, payload, pinfo, tree);
  }
  const rest = payload.reportedLength - used;
  if (rest > 0 && parent.real) {
    const at = off + used;
    const n = Math.min(rest, tvb.remaining(at));
    if (n > 0) {
      const bytes = tvb.bytes(at, n);
      const zero = bytes.every((b) => b === 0);
      parent.add(zero ? hfPadding : hfTrailer, tvb, at, n, bytes);
    }
  }
}

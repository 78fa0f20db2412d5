/*
 * Linux "cooked" capture, version 2 (LINKTYPE_LINUX_SLL2, 276). Wireshark 4.0 dissects it with the
 * same protocol and fields as version 1 (`sll`, "Linux cooked capture v2"), so the fields here are
 * `sll.*`, not `sll2.*`.
 *
 *   0       2       4               8       10  11  12                              20
 *   +-------+-------+---------------+-------+---+---+-------------------------------+--------
 *   | proto |reservd| ifindex       |hatype |pkt|len| link-layer address (8 bytes)  | payload …
 */
import type { ProtocolSpec } from '../core/dispatch.js';
import { LINKTYPE_LINUX_SLL2 } from '../capture/linktypes.js';
import {
  addProtocolField, hfHaLen, hfHaType, hfIfindex, hfPktType, PACKET_TYPES, proto as sllProto, sllAddress, sllPayload,
} from './sll.js';

/** The `sll` protocol: frame.protocols reads `sll:ethertype:…` for both versions, as in tshark. */
export const proto = sllProto;

export const sll2: ProtocolSpec = {
  proto,
  bind: [['link', LINKTYPE_LINUX_SLL2]],
  dissect(tvb, pinfo, tree) {
    pinfo.setProtocol('SLL');
    pinfo.setInfo('');
    const protocol = tvb.u16(0);
    let t = tree;
    if (tree.real) t = tree.addProto(proto, tvb, 0, 20, 'Linux cooked capture v2');
    const ifindex = tvb.u32(4);
    const hatype = tvb.u16(8);
    const pkttype = tvb.u8(10);
    if (pinfo.wantInfo) pinfo.setInfo(PACKET_TYPES[pkttype] ?? `Unknown (${pkttype})`);
    const halen = tvb.u8(11);
    if (t.real) {
      addProtocolField(t, tvb, 0, protocol);
      t.add(hfIfindex, tvb, 4, 4, ifindex);
      t.add(hfHaType, tvb, 8, 2, hatype);
      t.add(hfPktType, tvb, 10, 1, pkttype);
      t.add(hfHaLen, tvb, 11, 1, halen);
    }
    sllAddress(tvb, 12, halen, pinfo, t);
    sllPayload(protocol, tvb, 20, pinfo, tree, t, -1);
    return tvb.reportedLength;
  },
};

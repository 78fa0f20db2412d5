/*
 * EtherIP (RFC 3378; IP protocol 97): Ethernet frames tunnelled in IP, as Wireshark 4.0's
 * packet-etherip.c shows it — a 16-bit header (version 3, 12 reserved bits), then the frame,
 * without an FCS.
 */
import { callDissector, type ProtocolSpec } from '../core/dispatch.js';
import { defineExpert } from '../core/expert.js';
import { defineField, defineProtocol } from '../core/fields.js';
import { ethWithoutFcs } from './eth.js';

export const proto = defineProtocol('etherip', 'Ethernet over IP', 'ETHERIP', 'network');
const hfVersion = defineField('etherip.ver', 'Version', 'uint16', { mask: 0xf000 });
const hfReserved = defineField('etherip.reserved', 'Reserved', 'uint16', { base: 'hex', mask: 0x0fff, blurb: 'Reserved (must be 0)' });
const eiVersion = defineExpert('etherip.ver.not3', 'protocol', 'warn', 'Version must be 3');
const eiReserved = defineExpert('etherip.reserved.not0', 'protocol', 'warn', 'Reserved field must be 0');

export const etherip: ProtocolSpec = {
  proto,
  bind: [['ip.proto', 97]],
  dissect(tvb, pinfo, tree) {
    pinfo.setProtocol('ETHERIP');
    const field = tvb.u16(0);
    const version = field >> 12;
    const t = tree.addProto(proto, tvb, 0, 2, tree.protocolLabels ? `EtherIP, Version ${version}` : undefined);
    const vn = t.add(hfVersion, tvb, 0, 2);
    if (version !== 3) pinfo.expert(vn, eiVersion, tvb, 0, 2);
    const rn = t.add(hfReserved, tvb, 0, 2);
    if (field & 0x0fff) pinfo.expert(rn, eiReserved, tvb, 0, 2);
    callDissector(ethWithoutFcs, tvb.sub(2), pinfo, tree);
  },
};

import { defineField, defineProtocol } from '../core/fields.js';
import type { ProtocolSpec } from '../core/dispatch.js';

/** Bytes no dissector claimed (Wireshark's "data"). */
export const proto = defineProtocol('data', 'Data', 'DATA');
const hfData = defineField('data.data', 'Data', 'bytes');
const hfLen = defineField('data.len', 'Length', 'int32');

export const data: ProtocolSpec = {
  proto,
  // Decode As may show any table's payload as plain data (Wireshark offers "data" everywhere).
  decodeAs: ['ethertype', 'gre.proto', 'ip.proto', 'tcp.port', 'udp.port'],
  dissect(tvb, pinfo, tree) {
    const len = tvb.reportedLength;
    if (!pinfo.protocol) pinfo.setProtocol('DATA');
    if (!tree.real) return;
    const t = tree.addProto(proto, tvb, 0, len, `Data (${len} byte${len === 1 ? '' : 's'})`);
    t.add(hfData, tvb, 0, tvb.length);
    t.addGenerated(hfLen, len, tvb, 0, 0);
  },
};

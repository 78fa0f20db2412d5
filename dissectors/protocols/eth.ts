/*
 * Ethernet II (and IEEE 802.3 length frames): destination, source, EtherType.
 *
 *   0                   6                  12      14
 *   +-------------------+-------------------+-------+---------
 *   | destination MAC   | source MAC        | type  | payload …
 */
import type { ProtocolSpec } from '../core/dispatch.js';
import { defineField, defineProtocol } from '../core/fields.js';
import { AddrKind } from '../core/pinfo.js';
import { formatEther } from '../core/addr.js';
import { LINKTYPE_ETHERNET } from '../capture/linktypes.js';
import { callDissector } from '../core/dispatch.js';
import { dispatchEthertype, ETHERTYPE_NAMES } from './ethertype.js';
import { data } from './data.js';

export const proto = defineProtocol('eth', 'Ethernet II', 'Ethernet', 'link');
const hfDst = defineField('eth.dst', 'Destination', 'ether');
const hfSrc = defineField('eth.src', 'Source', 'ether');
const hfAddr = defineField('eth.addr', 'Address', 'ether');
const hfDstLG = defineField('eth.dst.lg', 'LG bit', 'boolean', { mask: 0x02, bits: 8, tfs: ['Locally administered address (this is NOT the factory default)', 'Globally unique address (factory default)'] });
const hfDstIG = defineField('eth.dst.ig', 'IG bit', 'boolean', { mask: 0x01, bits: 8, tfs: ['Group address (multicast/broadcast)', 'Individual address (unicast)'] });
const hfSrcLG = defineField('eth.src.lg', 'LG bit', 'boolean', { mask: 0x02, bits: 8, tfs: ['Locally administered address (this is NOT the factory default)', 'Globally unique address (factory default)'] });
const hfSrcIG = defineField('eth.src.ig', 'IG bit', 'boolean', { mask: 0x01, bits: 8, tfs: ['Group address (multicast/broadcast)', 'Individual address (unicast)'] });
export const hfType = defineField('eth.type', 'Type', 'uint16', { base: 'hex', vals: ETHERTYPE_NAMES });
const hfLen = defineField('eth.len', 'Length', 'uint16');

export const eth: ProtocolSpec = {
  proto,
  bind: [['link', LINKTYPE_ETHERNET]],
  dissect(tvb, pinfo, tree) {
    const type = tvb.u16(12); // also checks the 14-byte header is there
    pinfo.dlDstOff = tvb.abs(0);
    pinfo.dlSrcOff = tvb.abs(6);
    pinfo.setSrc(AddrKind.Ether, tvb, 6);
    pinfo.setDst(AddrKind.Ether, tvb, 0);
    pinfo.setProtocol('Ethernet');
    let t = tree;
    if (tree.real) {
      const d = tvb.data;
      t = tree.addProto(proto, tvb, 0, 14, `Ethernet II, Src: ${formatEther(d, tvb.abs(6))}, Dst: ${formatEther(d, tvb.abs(0))}`);
      const dst = t.add(hfDst, tvb, 0, 6);
      dst.add(hfDstLG, tvb, 0, 1);
      dst.add(hfDstIG, tvb, 0, 1);
      t.addHidden(hfAddr, tvb, 0, 6);
      const src = t.add(hfSrc, tvb, 6, 6);
      src.add(hfSrcLG, tvb, 6, 1);
      src.add(hfSrcIG, tvb, 6, 1);
      t.addHidden(hfAddr, tvb, 6, 6);
    }
    if (type <= 1500) {
      // IEEE 802.3: a length, then LLC (not dissected yet: shown as data).
      t.add(hfLen, tvb, 12, 2, type);
      if (!t.real) t = tree;
      callDissector(data, tvb.subClamped(14, type), pinfo, tree);
      return 14 + type;
    }
    t.add(hfType, tvb, 12, 2, type);
    dispatchEthertype(type, tvb, 14, pinfo, tree, t);
  },
};

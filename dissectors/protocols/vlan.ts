/*
 * IEEE 802.1Q VLAN tags (EtherType 0x8100, and 0x9100, the old Q-in-Q type Wireshark also gives
 * to this dissector) and IEEE 802.1ad S-tags (0x88a8), which Wireshark 4.0 dissects as a protocol
 * of its own, `ieee8021ad`: only 802.1Q tags count in `vlan.id`.
 *
 *   0        3 4             16              32
 *   +--------+-+--------------+---------------+---------
 *   |  PCP   |D|   VLAN ID    | type / length | payload …
 */
import { type ProtocolSpec } from '../core/dispatch.js';
import { defineExpert } from '../core/expert.js';
import { defineField, defineProtocol } from '../core/fields.js';
import type { PacketInfo } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { dispatchEthertype, ETHERTYPE_NAMES } from './ethertype.js';
import { dissect8023 } from './eth.js';

export const proto = defineProtocol('vlan', '802.1Q Virtual LAN', 'VLAN', 'link');
/** Priority names of IEEE 802.1Q-2014 (Wireshark's default "2011" version, 8 priorities). */
const PRIORITIES = {
  0: 'Best Effort (default)', 1: 'Background', 2: 'Excellent Effort', 3: 'Critical Applications',
  4: 'Video, < 100ms latency and jitter', 5: 'Voice, < 10ms latency and jitter', 6: 'Internetwork Control', 7: 'Network Control',
};
const hfPriority = defineField('vlan.priority', 'Priority', 'uint16', { mask: 0xe000, vals: PRIORITIES, blurb: 'Descriptions are recommendations from IEEE standard 802.1D-2004' });
const hfDei = defineField('vlan.dei', 'DEI', 'boolean', { mask: 0x1000, bits: 16, tfs: ['Eligible', 'Ineligible'], blurb: 'Drop Eligible Indicator' });
const hfId = defineField('vlan.id', 'ID', 'uint16', { mask: 0x0fff, blurb: 'VLAN ID' });
const hfEtype = defineField('vlan.etype', 'Type', 'uint16', { base: 'hex', vals: ETHERTYPE_NAMES, blurb: 'Ethertype' });
const hfLen = defineField('vlan.len', 'Length', 'uint16');
const hfTrailer = defineField('vlan.trailer', 'Trailer', 'bytes', { blurb: 'VLAN Trailer' });
const eiLen = defineExpert('vlan.len.past_end', 'malformed', 'error', 'Length field value goes past the end of the payload');
const eiTooMany = defineExpert('vlan.too_many_tags', 'undecoded', 'warn', 'Too many nested VLAN tags');

/** Nested tags beyond this are not dissected (a frame of tags would otherwise recurse deeply). */
const MAX_NESTED_TAGS = 20;

/** Number of tags (802.1Q and 802.1ad) seen in the current packet. */
function nestedTags(pinfo: PacketInfo): number {
  let n = 0;
  for (let i = 0; i < pinfo.layerCount; i++) {
    const id = pinfo.layers[i];
    if (id === proto.id || id === proto8021ad.id) n++;
  }
  return n;
}

export const vlan: ProtocolSpec = {
  proto,
  bind: [['ethertype', 0x8100], ['ethertype', 0x9100]],
  dissect(tvb, pinfo, tree) {
    pinfo.setProtocol('VLAN');
    pinfo.setInfo('');
    const tci = tvb.u16(0);
    const pri = tci >>> 13;
    const dei = (tci >>> 12) & 1;
    const id = tci & 0xfff;
    if (pinfo.wantInfo) pinfo.setInfo(`PRI: ${pri}  DEI: ${dei}  ID: ${id}`);
    let t = tree;
    if (tree.real) t = tree.addProto(proto, tvb, 0, 4, `802.1Q Virtual LAN, PRI: ${pri}, DEI: ${dei}, ID: ${id}`);
    if (nestedTags(pinfo) > MAX_NESTED_TAGS) {
      pinfo.expert(t, eiTooMany, tvb, 0, 4);
      return tvb.reportedLength;
    }
    t.add(hfPriority, tvb, 0, 2, pri);
    t.add(hfDei, tvb, 0, 2, dei);
    t.add(hfId, tvb, 0, 2, id);
    const type = tvb.u16(2);
    if (type <= 1500) {
      dissect8023(type, tvb, 4, pinfo, tree, t, hfLen, eiLen, hfTrailer, 0);
      return tvb.reportedLength;
    }
    t.add(hfEtype, tvb, 2, 2, type);
    dispatchEthertype(type, tvb, 4, pinfo, tree, t, hfTrailer, 0);
    return tvb.reportedLength;
  },
};

// IEEE 802.1ad (Wireshark's packet-ieee8021ah.c). The type after the tag is `ieee8021ah.etype`.
export const proto8021ad = defineProtocol('ieee8021ad', 'IEEE 802.1ad', '802.1ad', 'link');
const hfAdPriority = defineField('ieee8021ad.priority', 'Priority', 'uint16', { mask: 0xe000 });
const hfAdDei = defineField('ieee8021ad.dei', 'DEI', 'uint16', { mask: 0x1000, blurb: 'Drop Eligibility' });
const hfAdId = defineField('ieee8021ad.id', 'ID', 'uint16', { mask: 0x0fff, blurb: 'Vlan ID' });
const hfAdSvid = defineField('ieee8021ad.svid', 'ID', 'uint16', { mask: 0x0fff, blurb: 'S-Vlan ID' });
const hfAdCvid = defineField('ieee8021ad.cvid', 'ID', 'uint16', { mask: 0x0fff, blurb: 'C-Vlan ID' });
const hfAhEtype = defineField('ieee8021ah.etype', 'Type', 'uint16', { base: 'hex', vals: ETHERTYPE_NAMES });
const hfAhTrailer = defineField('ieee8021ah.trailer', 'Trailer', 'bytes', { blurb: '802.1ah Trailer' });

function addTci(t: ProtoNode, tvb: Tvb, off: number, tci: number, idField: typeof hfAdId): void {
  t.add(hfAdPriority, tvb, off, 1, tci >>> 13);
  t.add(hfAdDei, tvb, off, 1, (tci >>> 12) & 1);
  t.add(idField, tvb, off, 2, tci & 0xfff);
}

export const ieee8021ad: ProtocolSpec = {
  proto: proto8021ad,
  bind: [['ethertype', 0x88a8]],
  dissect(tvb, pinfo, tree) {
    pinfo.setProtocol('802.1ad');
    pinfo.setInfo('');
    const tci = tvb.u16(0);
    if (pinfo.wantInfo) pinfo.setInfo(`PRI: ${tci >>> 13}  DROP: ${(tci >>> 12) & 1} ID: ${tci & 0xfff}`);
    let t = tree;
    if (tree.real) t = tree.addProto(proto8021ad, tvb, 0, 4);
    if (nestedTags(pinfo) > MAX_NESTED_TAGS) {
      pinfo.expert(t, eiTooMany, tvb, 0, 4);
      return tvb.reportedLength;
    }
    const inner = tvb.u16(2);
    if (inner === 0x88a8) {
      // Two S-tags in one: S-VID and C-VID.
      const ctci = tvb.u16(4);
      if (t.real) {
        addTci(t, tvb, 0, tci, hfAdSvid);
        addTci(t, tvb, 4, ctci, hfAdCvid);
        t.setLabel(`IEEE 802.1ad, S-VID: ${tci & 0xfff}, C-VID: ${ctci & 0xfff}`);
      }
      const type = tvb.u16(6);
      t.add(hfAhEtype, tvb, 6, 2, type);
      dispatchEthertype(type, tvb, 8, pinfo, tree, t, hfAhTrailer, 0);
      return tvb.reportedLength;
    }
    // (0x88e7, 802.1ah backbone service instance tags, is not dissected: its payload goes to data.)
    if (t.real) {
      addTci(t, tvb, 0, tci, hfAdId);
      t.setLabel(`IEEE 802.1ad, ID: ${tci & 0xfff}`);
    }
    t.add(hfAhEtype, tvb, 2, 2, inner);
    dispatchEthertype(inner, tvb, 4, pinfo, tree, t, hfAhTrailer, 0);
    return tvb.reportedLength;
  },
};

// The registration list holds one spec per file; the S-tag spec registers itself here.

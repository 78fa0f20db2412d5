import { defineExpert } from '../core/expert.js';
import { defineField, defineProtocol } from '../core/fields.js';
import type { PacketInfo } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';

/** The frame: what the capture file says about a packet (Wireshark's "frame" protocol). */
export const proto = defineProtocol('frame', 'Frame', 'FRAME');
const TRUE_FALSE = ['True', 'False'] as const;
const hfSection = defineField('frame.section_number', 'Section number', 'uint32', { blurb: 'The number of the file section this frame is in' });
const hfInterface = defineField('frame.interface_id', 'Interface id', 'uint32');
const hfInterfaceName = defineField('frame.interface_name', 'Interface name', 'string', { blurb: 'The friendly name for this interface' });
const hfInterfaceDescription = defineField('frame.interface_description', 'Interface description', 'string', { blurb: 'The description for this interface' });

/**
 * pcap LINKTYPE_ → Wireshark's encapsulation type (WTAP_ENCAP_) and its name, as tshark 4.0 shows
 * `frame.encap_type` (each pair checked with tshark on a one-packet pcap of that link type).
 */
const ENCAPS: ReadonlyMap<number, readonly [number, string]> = new Map([
  [0, [15, 'NULL/Loopback']], [1, [1, 'Ethernet']], [9, [4, 'PPP']], [12, [7, 'Raw IP']], [14, [7, 'Raw IP']],
  [50, [4, 'PPP']], [101, [7, 'Raw IP']], [104, [28, 'Cisco HDLC']], [105, [20, 'IEEE 802.11 Wireless LAN']],
  [108, [174, 'OpenBSD loopback']], [113, [25, 'Linux cooked-mode capture v1']],
  [119, [21, 'IEEE 802.11 plus Prism II monitor mode radio header']], [127, [23, 'IEEE 802.11 plus radiotap radio header']],
  [163, [24, 'IEEE 802.11 plus AVS radio header']], [192, [97, 'Per-Packet Information header']],
  [195, [104, 'IEEE 802.15.4 Wireless PAN']], [215, [113, 'IEEE 802.15.4 Wireless PAN non-ASK PHY']],
  [220, [115, 'USB packets with Linux header and padding']], [228, [129, 'Raw IPv4']], [229, [130, 'Raw IPv6']],
  [239, [141, 'NFLOG']], [253, [158, 'Linux Netlink']], [276, [210, 'Linux cooked-mode capture v2']],
  // LINKTYPE_USER0 … USER15 (147 … 162): USER 0 … USER 15 (45 … 60).
  ...Array.from({ length: 16 }, (_, i) => [147 + i, [45 + i, `USER ${i}`]] as [number, readonly [number, string]]),
]);
const hfEncap = defineField('frame.encap_type', 'Encapsulation type', 'int16', { vals: new Map([...ENCAPS.values()].map(([e, n]) => [e, n])) });
/** A link type tshark knows but this table does not: the pcap value itself (Packetloom's own field). */
const hfLinkType = defineField('frame.link_type', 'Link type', 'uint16', { blurb: 'pcap LINKTYPE_ value of the interface' });
const hfTime = defineField('frame.time', 'Arrival Time', 'abs_time', { base: 'utc', blurb: 'Absolute time when this frame was captured' });
const hfShift = defineField('frame.offset_shift', 'Time shift for this packet', 'rel_time', { unit: ' seconds', blurb: 'Time shift applied to this packet' });
const hfEpoch = defineField('frame.time_epoch', 'Epoch Time', 'abs_time', {
  base: 'unix', unit: ' seconds', blurb: 'Epoch time when this frame was captured',
  // Wireshark 4.0 registers it as a duration since the epoch (FT_RELATIVE_TIME).
  ftenum: 25,
});
const hfDelta = defineField('frame.time_delta', 'Time delta from previous captured frame', 'rel_time', { unit: ' seconds' });
const hfDeltaDisplayed = defineField('frame.time_delta_displayed', 'Time delta from previous displayed frame', 'rel_time', { unit: ' seconds' });
const hfRel = defineField('frame.time_relative', 'Time since reference or first frame', 'rel_time', { unit: ' seconds', blurb: 'Time relative to time reference or first frame' });
const hfNumber = defineField('frame.number', 'Frame Number', 'uint32');
const hfLen = defineField('frame.len', 'Frame Length', 'uint32', { unit: ' bytes' });
const hfCapLen = defineField('frame.cap_len', 'Capture Length', 'uint32', { unit: ' bytes' });
const hfMarked = defineField('frame.marked', 'Frame is marked', 'boolean', { tfs: TRUE_FALSE, blurb: 'Frame is marked in the GUI' });
const hfIgnored = defineField('frame.ignored', 'Frame is ignored', 'boolean', { tfs: TRUE_FALSE, blurb: 'Frame is ignored by the dissectors' });
export const hfProtocols = defineField('frame.protocols', 'Protocols in frame', 'string', { blurb: 'Protocols carried by this frame' });

/** pcapng packet comments: a tree of their own before the frame's, each with a Comment expert item (Wireshark 4.0). */
const protoComments = defineProtocol('pkt_comment', 'Packet comments', 'Pkt_Comment');
const hfComment = defineField('frame.comment', 'Comment', 'string');
// Raised by Wireshark's frame dissector: -z expert names the Frame protocol.
const eiComment = defineExpert('frame.comment.expert', 'comment', 'comment', 'Formatted comment', { tapProtocol: 'Frame' });

/**
 * The packet's comments (pcapng opt_comment), each raising a Comment expert item as in Wireshark:
 * in a full tree under "Packet comments" before the frame; in the summary pass only counted.
 */
export function dissectComments(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode): void {
  const comments = pinfo.meta.comments;
  if (comments === undefined || comments.length === 0) return;
  const t = tree.addProto(protoComments, tvb, 0, 0);
  for (const c of comments) pinfo.expert(t.add(hfComment, tvb, 0, 0, c).setLabel(c), eiComment, tvb, 0, 0, c);
}

const bits = (n: number) => `${n} byte${n === 1 ? '' : 's'} (${n * 8} bits)`;

/**
 * Adds the frame subtree as tshark 4.0 shows it (generated items in brackets); returns the node
 * so the caller can fill frame.protocols at the end.
 */
export function dissectFrame(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode): ProtoNode | null {
  if (!tree.real) return null;
  const m = pinfo.meta;
  const cap = tvb.length;
  const wire = (n: number) => `${n} byte${n === 1 ? '' : 's'} on wire (${n * 8} bits)`;
  const localId = m.sectionInterfaceId ?? m.interfaceId;
  let label: string | undefined;
  if (tree.protocolLabels) {
    label = `Frame ${m.num}: ${wire(m.origLen)}, ${cap} bytes captured (${cap * 8} bits)`;
    if (m.interfaceName !== undefined) label += ` on interface ${m.interfaceName}, id ${localId}`;
  }
  const t = tree.addProto(proto, tvb, 0, cap, label);
  // pcapng only (a pcap file has no sections or interface blocks): the section, then the interface.
  if (m.section !== undefined) {
    t.add(hfSection, tvb, 0, 0, m.section);
    if (m.interfaceName !== undefined) {
      const it = t.add(hfInterface, tvb, 0, 0, localId);
      if (it.detailed) it.setLabel(`Interface id: ${localId} (${m.interfaceName})`);
      it.add(hfInterfaceName, tvb, 0, 0, m.interfaceName);
      if (m.interfaceDescription !== undefined) it.add(hfInterfaceDescription, tvb, 0, 0, m.interfaceDescription);
    } else {
      t.add(hfInterface, tvb, 0, 0, localId);
    }
  }
  if (ENCAPS.has(m.linkType)) t.add(hfEncap, tvb, 0, 0, ENCAPS.get(m.linkType)![0]);
  else t.add(hfLinkType, tvb, 0, 0, m.linkType);
  if (m.hasTs) {
    // Time values are objects: made only for a tree that keeps them (a reduced tree mostly does not).
    const ts = t.wants(hfTime) || t.wants(hfEpoch) ? { sec: m.tsSec, nsec: m.tsNsec } : null;
    t.add(hfTime, tvb, 0, 0, ts);
    t.addGenerated(hfShift, t.wants(hfShift) ? { sec: 0, nsec: 0 } : null, tvb, 0, 0);
    t.add(hfEpoch, tvb, 0, 0, ts);
    if (m.deltaSec !== undefined) t.addGenerated(hfDelta, t.wants(hfDelta) ? { sec: m.deltaSec, nsec: m.deltaNsec ?? 0 } : null, tvb, 0, 0);
    if (m.deltaDisSec !== undefined) t.addGenerated(hfDeltaDisplayed, t.wants(hfDeltaDisplayed) ? { sec: m.deltaDisSec, nsec: m.deltaDisNsec ?? 0 } : null, tvb, 0, 0);
    if (m.relSec !== undefined) t.addGenerated(hfRel, t.wants(hfRel) ? { sec: m.relSec, nsec: m.relNsec ?? 0 } : null, tvb, 0, 0);
  }
  t.add(hfNumber, tvb, 0, 0, m.num);
  const len = t.add(hfLen, tvb, 0, 0, m.origLen);
  if (len.detailed) len.setLabel(`Frame Length: ${bits(m.origLen)}`);
  const capLen = t.add(hfCapLen, tvb, 0, 0, cap);
  if (capLen.detailed) capLen.setLabel(`Capture Length: ${bits(cap)}`);
  t.addGenerated(hfMarked, false, tvb, 0, 0);
  t.addGenerated(hfIgnored, false, tvb, 0, 0);
  return t;
}

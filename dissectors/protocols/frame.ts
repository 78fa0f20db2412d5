import { defineExpert } from '../core/expert.js';
import { defineField, defineProtocol } from '../core/fields.js';
import type { PacketInfo } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';

/** The frame: what the capture file says about a packet (Wireshark's "frame" protocol). */
export const proto = defineProtocol('frame', 'Frame', 'FRAME');
const hfInterface = defineField('frame.interface_id', 'Interface id', 'uint32');
const hfInterfaceName = defineField('frame.interface_name', 'Interface name', 'string');
/** pcapng packet comments: a tree of their own before the frame's, each with a Comment expert item (Wireshark 4.0). */
const protoComments = defineProtocol('pkt_comment', 'Packet comments', 'Pkt_Comment');
const hfComment = defineField('frame.comment', 'Comment', 'string');
// Raised by Wireshark's frame dissector: -z expert names the Frame protocol.
const eiComment = defineExpert('frame.comment.expert', 'comment', 'comment', 'Formatted comment', { tapProtocol: 'Frame' });
const hfTime = defineField('frame.time', 'Arrival Time', 'abs_time', { base: 'utc' });
const hfEpoch = defineField('frame.time_epoch', 'Epoch Time', 'abs_time', { base: 'unix', unit: ' seconds' });
const hfDelta = defineField('frame.time_delta', 'Time delta from previous captured frame', 'rel_time', { unit: ' seconds' });
const hfRel = defineField('frame.time_relative', 'Time since reference or first frame', 'rel_time', { unit: ' seconds' });
const hfNumber = defineField('frame.number', 'Frame Number', 'uint32');
const hfLen = defineField('frame.len', 'Frame Length', 'uint32', { unit: ' bytes' });
const hfCapLen = defineField('frame.cap_len', 'Capture Length', 'uint32', { unit: ' bytes' });
const hfLinkType = defineField('frame.link_type', 'Link type', 'uint16', { blurb: 'pcap LINKTYPE_ value of the interface' });
export const hfProtocols = defineField('frame.protocols', 'Protocols in frame', 'string');

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

/** Adds the frame subtree; returns the node so the caller can fill frame.protocols at the end. */
export function dissectFrame(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode): ProtoNode | null {
  if (!tree.real) return null;
  const m = pinfo.meta;
  const cap = tvb.length;
  const bits = (n: number) => `${n} byte${n === 1 ? '' : 's'} on wire (${n * 8} bits)`;
  let label = `Frame ${m.num}: ${bits(m.origLen)}, ${cap} bytes captured (${cap * 8} bits)`;
  if (m.interfaceName !== undefined) label += ` on interface ${m.interfaceName}, id ${m.interfaceId}`;
  const t = tree.addProto(proto, tvb, 0, cap, label);
  t.add(hfInterface, tvb, 0, 0, m.interfaceId);
  if (m.interfaceName !== undefined) t.add(hfInterfaceName, tvb, 0, 0, m.interfaceName);
  t.add(hfLinkType, tvb, 0, 0, m.linkType);
  if (m.hasTs) {
    const ts = { sec: m.tsSec, nsec: m.tsNsec };
    t.add(hfTime, tvb, 0, 0, ts);
    t.add(hfEpoch, tvb, 0, 0, ts);
    if (m.deltaSec !== undefined) t.add(hfDelta, tvb, 0, 0, { sec: m.deltaSec, nsec: m.deltaNsec ?? 0 });
    if (m.relSec !== undefined) t.add(hfRel, tvb, 0, 0, { sec: m.relSec, nsec: m.relNsec ?? 0 });
  }
  t.add(hfNumber, tvb, 0, 0, m.num);
  t.add(hfLen, tvb, 0, 0, m.origLen);
  t.add(hfCapLen, tvb, 0, 0, cap);
  return t;
}

/**
 * How a dissector's exception shows in the packet (Wireshark's show_exception): a snap-length cut
 * is "[Packet size limited during capture: TCP truncated]", a malformed packet "[Malformed Packet:
 * TCP]" with its expert item, anything else a dissector bug. Used by the catch at the top of the
 * chain (dissectors/packet.ts) and by the one Wireshark has in its Ethertype dissector, which
 * shows the exception and still adds the Ethernet trailer (protocols/ethertype.ts).
 */
import { BoundsError, isDissectorError } from './errors.js';
import { EI_BUG, EI_MALFORMED, PROTO_MALFORMED } from './expert.js';
import { defineProtocol, fieldByName, type ProtocolDef } from './fields.js';
import type { PacketInfo } from './pinfo.js';
import type { ProtoNode } from './tree.js';
import { Tvb } from './tvb.js';

const shortProto = defineProtocol('_ws.short', 'Packet size limited during capture', 'Short');

function protoShort(abbrev: string): string {
  const f = fieldByName(abbrev);
  return f && f.type === 'protocol' ? (f as ProtocolDef).short : abbrev.toUpperCase();
}

/** Turns a dissector's exception into tree items, an expert item and an Info suffix. */
export function showException(e: unknown, pinfo: PacketInfo, root: ProtoNode): void {
  pinfo.malformed = true;
  const frameTvb = Tvb.frame(pinfo.data, pinfo.meta.origLen);
  if (e instanceof BoundsError && e.kind === 'truncated') {
    // As tshark 4.0's show_reported_bounds_error: a tree item and the Info suffix, no expert item
    // (a capture cut by its snap length is not an error of the packet).
    root.addProto(shortProto, frameTvb, 0, 0, `[Packet size limited during capture: ${protoShort(e.layer)} truncated]`);
    pinfo.appendInfo('[Packet size limited during capture]');
    return;
  }
  if (isDissectorError(e)) {
    const name = protoShort(e.layer);
    // tshark names a ContainedBoundsError in the label and in Info.
    const why = e instanceof BoundsError && e.kind === 'contained' ? ': length of contained item exceeds length of containing item' : '';
    const n = root.addProto(PROTO_MALFORMED, frameTvb, 0, 0, `[Malformed Packet: ${name}${why}]`);
    pinfo.expert(n, EI_MALFORMED);
    // Wireshark's message is fixed; we also say what was wrong, for whoever reads the tree.
    n.addText(frameTvb, Math.min(e.offset, frameTvb.length), 0, `[Reason: ${e.message}]`);
    pinfo.appendInfo(`[Malformed Packet${why}]`);
    return;
  }
  const msg = e instanceof Error ? e.message : String(e);
  const n = root.addProto(PROTO_MALFORMED, frameTvb, 0, 0, `[Dissector bug: ${msg}]`);
  pinfo.expert(n, EI_BUG, undefined, 0, 0, `Dissector bug: ${msg}`);
  pinfo.appendInfo('[Dissector bug]');
}

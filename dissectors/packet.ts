/**
 * The top of the dissector chain: frame → link type → … . This is the one place where a
 * dissector's failure is caught: it becomes a "[Malformed Packet: PROTO]" item with an expert
 * item, and the layers already decoded stay in the tree. Tests turn the catch off
 * (`catchErrors: false`) so that bugs are not hidden as malformed packets.
 */
import './protocols/index.js';
import { callDissector, table } from './core/dispatch.js';
import { BoundsError, isDissectorError } from './core/errors.js';
import { EI_BUG, EI_MALFORMED, EI_TRUNCATED } from './core/expert.js';
import { allFields, defineProtocol, fieldByName, type ProtocolDef } from './core/fields.js';
import { CaptureContext, PacketInfo, type FrameMeta } from './core/pinfo.js';
import { NULL_TREE, ProtoNode } from './core/tree.js';
import { Tvb } from './core/tvb.js';
import { data } from './protocols/data.js';
import { dissectFrame, hfProtocols } from './protocols/frame.js';

const malformedProto = defineProtocol('_ws.malformed', 'Malformed Packet', 'Malformed');
const shortProto = defineProtocol('_ws.short', 'Packet size limited during capture', 'Short');

export interface DissectOptions {
  /** Catch dissector errors and show them as malformed packets (default true). */
  catchErrors?: boolean;
}

/**
 * Dissects the packets of one capture, in order, keeping the cross-packet state (time
 * references; IP fragments and TCP streams as they come). One instance per pass over a capture.
 */
export class CaptureDissector {
  readonly ctx = new CaptureContext();
  readonly pinfo = new PacketInfo(this.ctx);
  private readonly catchErrors: boolean;
  private firstSec = 0;
  private firstNsec = 0;
  private prevSec = 0;
  private prevNsec = 0;
  private haveFirst = false;

  constructor(opts: DissectOptions = {}) {
    this.catchErrors = opts.catchErrors ?? true;
  }

  /**
   * Dissects one packet. With `full`, builds the whole decode tree (in `pinfo.tree`); without, only
   * the columns (the summary pass). The returned PacketInfo is reused by the next call.
   */
  dissect(meta: FrameMeta, bytes: Uint8Array, full = false): PacketInfo {
    this.times(meta);
    const pinfo = this.pinfo;
    const root = full ? new ProtoNode(null, 0, bytes.length, null) : NULL_TREE;
    pinfo.reset(meta, bytes, root);
    const tvb = Tvb.frame(bytes, meta.origLen);
    const frameNode = dissectFrame(tvb, pinfo, root);
    try {
      const link = tvb.sub(0);
      if (table('link').call(meta.linkType, link, pinfo, root) < 0) {
        callDissector(data, link, pinfo, root);
      }
    } catch (e) {
      if (!this.catchErrors) throw e;
      showException(e, pinfo, root);
    }
    if (frameNode) {
      const names: string[] = [];
      const fields = allFields();
      for (let i = 0; i < pinfo.layerCount; i++) names.push(fields[pinfo.layers[i]!]!.abbrev);
      frameNode.add(hfProtocols, tvb, 0, 0, names.join(':'));
    }
    return pinfo;
  }

  private times(meta: FrameMeta): void {
    if (!meta.hasTs) return;
    if (!this.haveFirst) {
      this.haveFirst = true;
      this.firstSec = this.prevSec = meta.tsSec;
      this.firstNsec = this.prevNsec = meta.tsNsec;
    }
    if (meta.relSec === undefined) {
      [meta.relSec, meta.relNsec] = diff(meta.tsSec, meta.tsNsec, this.firstSec, this.firstNsec);
      [meta.deltaSec, meta.deltaNsec] = diff(meta.tsSec, meta.tsNsec, this.prevSec, this.prevNsec);
    }
    this.prevSec = meta.tsSec;
    this.prevNsec = meta.tsNsec;
  }
}

/** a − b as (seconds, nanoseconds) with both parts of the same sign. */
export function diff(aSec: number, aNsec: number, bSec: number, bNsec: number): [number, number] {
  let s = aSec - bSec;
  let n = aNsec - bNsec;
  if (s > 0 && n < 0) { s--; n += 1e9; } else if (s < 0 && n > 0) { s++; n -= 1e9; }
  return [s, n];
}

function protoShort(abbrev: string): string {
  const f = fieldByName(abbrev);
  return f && f.type === 'protocol' ? (f as ProtocolDef).short : abbrev.toUpperCase();
}

/** Turns a dissector's exception into tree items, an expert item and an Info suffix. */
function showException(e: unknown, pinfo: PacketInfo, root: ProtoNode): void {
  pinfo.malformed = true;
  const frameTvb = Tvb.frame(pinfo.data, pinfo.meta.origLen);
  if (e instanceof BoundsError && e.kind === 'truncated') {
    const n = root.addProto(shortProto, frameTvb, 0, 0, `[Packet size limited during capture: ${protoShort(e.layer)} truncated]`);
    pinfo.expert(n, EI_TRUNCATED, undefined, 0, 0, `Packet size limited during capture: ${protoShort(e.layer)} truncated`);
    pinfo.appendInfo('[Packet size limited during capture]');
    return;
  }
  if (isDissectorError(e)) {
    const name = protoShort(e.layer);
    const n = root.addProto(malformedProto, frameTvb, 0, 0, `[Malformed Packet: ${name}]`);
    pinfo.expert(n, EI_MALFORMED);
    // Wireshark's message is fixed; we also say what was wrong, for whoever reads the tree.
    n.addText(frameTvb, Math.min(e.offset, frameTvb.length), 0, `[Reason: ${e.message}]`);
    pinfo.appendInfo('[Malformed Packet]');
    return;
  }
  const msg = e instanceof Error ? e.message : String(e);
  const n = root.addProto(malformedProto, frameTvb, 0, 0, `[Dissector bug: ${msg}]`);
  pinfo.expert(n, EI_BUG, undefined, 0, 0, `Dissector bug: ${msg}`);
  pinfo.appendInfo('[Dissector bug]');
}

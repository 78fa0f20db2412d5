/**
 * The top of the dissector chain: frame → link type → … . This is the one place where a
 * dissector's failure is caught: it becomes a "[Malformed Packet: PROTO]" item with an expert
 * item, and the layers already decoded stay in the tree. Tests turn the catch off
 * (`catchErrors: false`) so that bugs are not hidden as malformed packets.
 */
import './protocols/index.js';
import { callDissector, isEnabled, table } from './core/dispatch.js';
import { compileDecodeAs, type DecodeAsEntry } from './decode-as.js';
import { compileEnabledProtocols, switchesOff, type EnabledProtocols } from './enabled-protocols.js';
import { showException } from './core/exception.js';
import { allFields } from './core/fields.js';
import { CaptureContext, PacketInfo, type CaptureOptions, type FrameMeta } from './core/pinfo.js';
import { NULL_TREE, ProtoNode } from './core/tree.js';
import { ReducedNode, type TreeInterest } from './core/reduced-tree.js';
import { Tvb, TvbPool } from './core/tvb.js';
import { data } from './protocols/data.js';
import { dissectComments, dissectFrame, hfProtocols } from './protocols/frame.js';

const linkTable = table('link');

export interface DissectOptions {
  /** Catch dissector errors and show them as malformed packets (default true). */
  catchErrors?: boolean;
  /** SYN flood warning (tcp.synflood): threshold and window, defaults in dissectors/tcp/syn-flood.ts. */
  synFlood?: { threshold?: number; windowSec?: number };
  /**
   * Build the Info column (default true). False for an index pass that formats Info only for the
   * rows it shows (by dissecting those packets again): dissectors then skip the Info text, which is
   * most of the summary pass's cost. Can be changed between packets with `pinfo.wantInfo`.
   */
  info?: boolean;
  /** MAC name resolution (CaptureOptions.etherName). */
  etherName?: CaptureOptions['etherName'];
  /** Host names shown (`-N n`) and learned from DNS (`-N d`): CaptureOptions.hostNames, dnsHostNames. */
  hostNames?: CaptureOptions['hostNames'];
  dnsHostNames?: CaptureOptions['dnsHostNames'];
  /** Sequence numbers as on the wire (CaptureOptions.tcpAbsoluteSeq). */
  tcpAbsoluteSeq?: boolean;
  /** Decode As entries (CaptureOptions.decodeAs, dissectors/decode-as.ts). */
  decodeAs?: CaptureOptions['decodeAs'];
  /** Protocols and heuristics switched off (CaptureOptions.protocols, dissectors/enabled-protocols.ts). */
  protocols?: CaptureOptions['protocols'];
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
  /** The previous displayed frame's time (for frame.time_delta_displayed), and before the last packet. */
  private disSec = 0;
  private disNsec = 0;
  private haveDis = false;
  private undoDisSec = 0;
  private undoDisNsec = 0;
  private undoHaveDis = false;
  private readonly frameTvb = Tvb.frame(new Uint8Array(0), 0);
  /** The summary pass's views below the frame, reused from packet to packet (see TvbPool). */
  private readonly views = new TvbPool();
  /**
   * The catch-all caught something in the last packet (`threw`), and what: the error that a pass
   * with the catch off would have thrown (the tests' never-crash oracle reads it).
   */
  threw = false;
  caught: unknown = undefined;

  constructor(opts: DissectOptions = {}) {
    this.catchErrors = opts.catchErrors ?? true;
    this.pinfo.catchErrors = this.catchErrors;
    this.frameTvb.pool = this.views;
    this.pinfo.wantInfo = opts.info ?? true;
    if (opts.synFlood) this.ctx.options.synFlood = opts.synFlood;
    if (opts.etherName) this.ctx.options.etherName = opts.etherName;
    if (opts.hostNames) this.ctx.options.hostNames = opts.hostNames;
    if (opts.dnsHostNames) this.ctx.options.dnsHostNames = opts.dnsHostNames;
    if (opts.tcpAbsoluteSeq) this.ctx.options.tcpAbsoluteSeq = true;
    if (opts.decodeAs?.length) this.setDecodeAs(opts.decodeAs);
    if (switchesOff(opts.protocols)) this.setProtocols(opts.protocols!);
  }

  /** Protocols and heuristics switched off for the packets from now on (set before the first one, as Decode As). */
  setProtocols(p: EnabledProtocols): void {
    this.ctx.options.protocols = p;
    this.ctx.disabled = compileEnabledProtocols(p);
  }

  /** Decode As entries for the packets from now on (set before the first one: they change what every later packet's state is built from). */
  setDecodeAs(entries: readonly DecodeAsEntry[]): void {
    this.ctx.options.decodeAs = entries;
    this.ctx.decodeAs = compileDecodeAs(entries);
  }

  /**
   * Dissects one packet. With `full`, builds the whole decode tree (in `pinfo.tree`), or with a
   * TreeInterest the tree reduced to what a display filter reads (core/reduced-tree.ts); without,
   * only the columns (the summary pass). The returned PacketInfo is reused by the next call.
   *
   * The packet's bytes are `bytes`, or `bytes[start .. end)` when a range is given: a reader's
   * chunk can then be dissected in place, without a view per packet (`rec.buf`, `rec.bufStart`,
   * `rec.bufStart + rec.capLen` of electron/engine/read-capture.ts). In place, `pinfo.data` is the
   * whole chunk and frame offsets start at `start`; a full tree always gets a view of its own (its
   * offsets are the frame's).
   */
  dissect(meta: FrameMeta, bytes: Uint8Array, full: boolean | TreeInterest = false, start = 0, end = bytes.length): PacketInfo {
    if (full && (start !== 0 || end !== bytes.length)) {
      bytes = bytes.subarray(start, end);
      start = 0;
      end = bytes.length;
    }
    this.times(meta);
    this.threw = false;
    this.caught = undefined;
    const pinfo = this.pinfo;
    const root = full === false ? NULL_TREE : full === true ? new ProtoNode(null, 0, bytes.length, null) : ReducedNode.root(bytes.length, full);
    pinfo.reset(meta, bytes, root);
    pinfo.frameStart = start;
    pinfo.views = full ? null : this.views;
    // The summary pass reuses one frame view (nothing keeps the link layer's view after the packet).
    const cap = end - start;
    if (!full) this.views.reset();
    const tvb = full ? Tvb.frame(bytes, meta.origLen) : this.frameTvb.rebind(bytes, start, end, start + (cap > meta.origLen ? cap : meta.origLen), 'frame');
    // The summary pass has no frame item: the link layer gets the frame's view itself.
    if (meta.comments !== undefined) dissectComments(tvb, pinfo, root);
    const frameNode = full ? dissectFrame(tvb, pinfo, root) : null;
    try {
      const link = full ? tvb.sub(0) : tvb;
      if (linkTable.call(meta.linkType, link, pinfo, root) < 0) {
        // A link layer the capture disabled leaves the frame empty (as tshark shows it), an unknown one is data.
        const linkSpec = pinfo.ctx.disabled === null ? undefined : linkTable.get(meta.linkType);
        if (linkSpec === undefined || isEnabled(linkSpec, pinfo)) callDissector(data, link, pinfo, root);
      }
    } catch (e) {
      if (!this.catchErrors) throw e;
      this.threw = true;
      this.caught = e;
      showException(e, pinfo, root);
    }
    // Caught below (the Ethertype dissector shows its payload's exception itself).
    if (pinfo.caught !== undefined) {
      this.threw = true;
      this.caught = pinfo.caught;
    }
    if (frameNode) {
      let text = '';
      // frame.protocols, for a tree that keeps it.
      if (frameNode.wants(hfProtocols)) {
        const names: string[] = [];
        const fields = allFields();
        for (let i = 0; i < pinfo.layerCount; i++) names.push(fields[pinfo.layers[i]!]!.abbrev);
        text = names.join(':');
      }
      frameNode.addGenerated(hfProtocols, text, tvb, 0, 0);
    }
    return pinfo;
  }

  /**
   * A packet this pass reads but another dissects (a thread of a sharded pass,
   * dissectors/capture/flow-shard.ts): only the frame times move on, so the next packet's
   * relative and delta times are those of a pass over every packet.
   */
  skip(meta: FrameMeta): void {
    this.times(meta);
  }

  private times(meta: FrameMeta): void {
    // notDisplayed() puts back what this packet changes (nothing for a packet without a time).
    this.undoDisSec = this.disSec;
    this.undoDisNsec = this.disNsec;
    this.undoHaveDis = this.haveDis;
    if (!meta.hasTs) return;
    if (!this.haveFirst) {
      this.haveFirst = true;
      this.firstSec = this.prevSec = meta.tsSec;
      this.firstNsec = this.prevNsec = meta.tsNsec;
    }
    if (meta.relSec === undefined) {
      // diff() without its tuple: this runs for every packet.
      let s = meta.tsSec - this.firstSec;
      let n = meta.tsNsec - this.firstNsec;
      if (s > 0 && n < 0) { s--; n += 1e9; } else if (s < 0 && n > 0) { s++; n -= 1e9; }
      meta.relSec = s;
      meta.relNsec = n;
      s = meta.tsSec - this.prevSec;
      n = meta.tsNsec - this.prevNsec;
      if (s > 0 && n < 0) { s--; n += 1e9; } else if (s < 0 && n > 0) { s++; n -= 1e9; }
      meta.deltaSec = s;
      meta.deltaNsec = n;
      if (this.haveDis) {
        s = meta.tsSec - this.disSec;
        n = meta.tsNsec - this.disNsec;
        if (s > 0 && n < 0) { s--; n += 1e9; } else if (s < 0 && n > 0) { s++; n -= 1e9; }
      } else {
        s = 0;
        n = 0;
      }
      meta.deltaDisSec = s;
      meta.deltaDisNsec = n;
    }
    this.prevSec = meta.tsSec;
    this.prevNsec = meta.tsNsec;
    // Displayed unless the caller says otherwise (notDisplayed).
    this.disSec = meta.tsSec;
    this.disNsec = meta.tsNsec;
    this.haveDis = true;
  }

  /**
   * The packet just dissected is not displayed (a display filter rejected it): the next packet's
   * frame.time_delta_displayed counts from the displayed packet before it, as in tshark.
   */
  notDisplayed(): void {
    this.disSec = this.undoDisSec;
    this.disNsec = this.undoDisNsec;
    this.haveDis = this.undoHaveDis;
  }
}

/** a − b as (seconds, nanoseconds) with both parts of the same sign. */
export function diff(aSec: number, aNsec: number, bSec: number, bNsec: number): [number, number] {
  let s = aSec - bSec;
  let n = aNsec - bNsec;
  if (s > 0 && n < 0) { s--; n += 1e9; } else if (s < 0 && n > 0) { s++; n -= 1e9; }
  return [s, n];
}


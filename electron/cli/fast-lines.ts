/**
 * `packetloom -r f -Y 'tcp.port == 80 && tcp.len > 0'` with plain summary lines, and
 * `-T fields -e ip.src -e tcp.dstport -e tcp.stream …`, without a decode tree per packet: when the
 * filter and the fields only read what the engine's fast filter stands in for (ports, addresses,
 * tcp.stream, tcp.len, TCP flags, frame numbers and lengths, common protocols:
 * electron/engine/fast-filter.ts), each packet goes through the summary pass and the filter and
 * the fields read a small stand-in tree. A packet the stand-in cannot describe (a tunnel, an ICMP
 * error, an IPv6 routing header, a malformed packet, a TCP header without a known length:
 * packetFlags' F_COMPLEX) is dissected again right away with the pass's state (visited, as the app
 * shows a packet: a revisit changes nothing a later packet reads, test/dissectors/revisit-state.test.ts),
 * and its tree is used. Same packets and values as with trees (test/electron/cli/fast-lines.test.ts).
 */
import type { FrameMeta, PacketInfo } from '../../dissectors/core/pinfo.js';
import type { ProtoNode } from '../../dissectors/core/tree.js';
import type { DisplayFilter } from '../../dissectors/filter/index.js';
import { CaptureDissector } from '../../dissectors/packet.js';
import { addTcpSegmentTap } from '../../dissectors/tcp/desegment.js';
import type { FollowSegment } from '../../dissectors/tcp/follow.js';
import { FastFilter, type TcpFacts } from '../engine/fast-filter.js';
import { F_COMPLEX } from '../engine/index-flags.js';
import { LayerSets, packetFlags } from '../engine/layer-sets.js';

/** Packets read from the stand-in tree, and dissected again for their tree (since start: tests read it). */
export const fastLineCounts = { standIn: 0, again: 0 };

export class StandInPass {
  private readonly stacks = new LayerSets();
  private readonly revisitor = new CaptureDissector();
  private readonly tcp: TcpFacts = { stream: -1, len: 0, flags: 0, analysis: 0 };
  private tapFrame = -1;
  private readonly untap: () => void;
  /* The packet described last, and its full tree when the stand-in will not do. */
  private pi: PacketInfo | null = null;
  private meta: FrameMeta | null = null;
  private ls = 0;
  private flags = 0;
  private capLen = 0;
  private full: PacketInfo | null = null;

  private constructor(
    private readonly filter: { fast: FastFilter; compiled: DisplayFilter } | null,
    private readonly fields: FastFilter | null,
    dissector: CaptureDissector,
  ) {
    this.revisitor.pinfo.ctx = dissector.ctx;
    this.revisitor.pinfo.visited = true;
    const ctx = dissector.ctx;
    // The first TCP segment of each frame (a quoted header in an ICMP error comes after it).
    this.untap = addTcpSegmentTap((s: FollowSegment) => {
      if (s.pinfo.ctx !== ctx || s.pinfo.visited || s.frame === this.tapFrame) return;
      this.tapFrame = s.frame;
      this.tcp.stream = s.stream;
      this.tcp.len = s.segLen;
      this.tcp.flags = s.flags;
      this.tcp.analysis = s.analysis;
    });
  }

  /**
   * A pass for `dissector`'s summary pass, or null when the filter (`text`, compiled as `filter`;
   * none: null) or the `-e` fields (none: empty) read more than the stand-in tree holds.
   */
  static for(text: string | undefined, filter: DisplayFilter | null, fieldNames: readonly string[], dissector: CaptureDissector): StandInPass | null {
    let f: { fast: FastFilter; compiled: DisplayFilter } | null = null;
    if (filter !== null) {
      const fast = text === undefined ? null : FastFilter.for(text, filter);
      if (fast === null) return null;
      f = { fast, compiled: filter };
    }
    let fields: FastFilter | null = null;
    if (fieldNames.length) {
      fields = FastFilter.forFields(fieldNames);
      if (fields === null) return null;
    }
    return f || fields ? new StandInPass(f, fields, dissector) : null;
  }

  /**
   * Takes the packet just dissected (summary pass) into `pi`; `bytes` are its bytes (a view of its
   * own, or the chunk with `start`/`end`), for a second dissection when the stand-in will not do.
   */
  describe(pi: PacketInfo, meta: FrameMeta, bytes: Uint8Array, start: number, end: number): void {
    this.pi = pi;
    this.meta = meta;
    this.capLen = end - start;
    this.ls = this.stacks.idOf(pi);
    const set = this.stacks.list[this.ls]!;
    const tapped = set.tcp && this.tapFrame === meta.num;
    this.flags = packetFlags(pi, set, tapped ? this.tcp.len : -1);
    if ((this.flags & F_COMPLEX) === 0) {
      fastLineCounts.standIn++;
      this.full = null;
    } else {
      fastLineCounts.again++;
      this.full = this.revisitor.dissect({ ...meta }, bytes.subarray(start, end), true);
    }
  }

  /** Does the packet described last match the filter? */
  matches(): boolean {
    const f = this.filter!;
    if (this.full) return f.compiled.matches(this.full.tree, this.full);
    return f.fast.matchesValues(this.stacks.list, this.ls, this.flags, this.meta!.num, this.meta!.origLen, this.capLen, this.pi!, this.tcp);
  }

  /** The tree to read the `-e` fields of the packet described last from (valid until the next packet). */
  fieldsTree(): ProtoNode {
    if (this.full) return this.full.tree;
    return this.fields!.standIn(this.stacks.list, this.ls, this.flags, this.meta!.num, this.meta!.origLen, this.capLen, this.pi!, this.tcp);
  }

  close(): void {
    this.untap();
  }
}

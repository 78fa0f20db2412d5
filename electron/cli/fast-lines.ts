/**
 * `packetloom -r f -Y 'tcp.port == 80 && tcp.len > 0'` with plain summary lines, without a decode
 * tree per packet: when the filter only reads what the engine's fast filter stands in for (ports,
 * addresses, tcp.stream, tcp.len, TCP flags, frame numbers and lengths, common protocols:
 * electron/engine/fast-filter.ts), each packet goes through the summary pass and the filter runs
 * on the stand-in tree. A packet the stand-in cannot describe (a tunnel, an ICMP error, a malformed
 * packet, a TCP header without a known length: packetFlags' F_COMPLEX) is dissected again right
 * away with the pass's state (visited, as the app shows a packet) and the filter runs on its tree.
 * Same packets as with trees (test/electron/cli/fast-lines.test.ts, and tshark's -Y on the corpus).
 */
import type { FrameMeta, PacketInfo } from '../../dissectors/core/pinfo.js';
import type { DisplayFilter } from '../../dissectors/filter/index.js';
import { CaptureDissector } from '../../dissectors/packet.js';
import { addTcpSegmentTap } from '../../dissectors/tcp/desegment.js';
import type { FollowSegment } from '../../dissectors/tcp/follow.js';
import { FastFilter, type TcpFacts } from '../engine/fast-filter.js';
import { F_COMPLEX } from '../engine/index-flags.js';
import { LayerSets, packetFlags } from '../engine/layer-sets.js';

/** Packets decided on the stand-in tree, and dissected again for their tree (since start: tests read it). */
export const fastLineCounts = { standIn: 0, again: 0 };

export class FastLineFilter {
  private readonly stacks = new LayerSets();
  private readonly revisitor = new CaptureDissector();
  private readonly tcp: TcpFacts = { stream: -1, len: 0, flags: 0 };
  private tapFrame = -1;
  private readonly untap: () => void;

  private constructor(private readonly fast: FastFilter, private readonly filter: DisplayFilter, private readonly dissector: CaptureDissector) {
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
    });
  }

  /** A filter for `dissector`'s summary pass, or null when `filter` reads more than the stand-in tree holds. */
  static for(text: string, filter: DisplayFilter, dissector: CaptureDissector): FastLineFilter | null {
    const fast = FastFilter.for(text, filter);
    return fast ? new FastLineFilter(fast, filter, dissector) : null;
  }

  /**
   * Does the packet just dissected (summary pass) into `pi` match? `bytes` are its bytes (a view of
   * its own, or the chunk with `start`/`end`), for a second dissection when the stand-in will not do.
   */
  matches(pi: PacketInfo, meta: FrameMeta, bytes: Uint8Array, start: number, end: number): boolean {
    const ls = this.stacks.idOf(pi);
    const set = this.stacks.list[ls]!;
    const tapped = set.tcp && this.tapFrame === meta.num;
    const flags = packetFlags(pi, set, tapped ? this.tcp.len : -1);
    if ((flags & F_COMPLEX) === 0) {
      fastLineCounts.standIn++;
      return this.fast.matchesValues(this.stacks.list, ls, flags, meta.num, meta.origLen, end - start, pi, this.tcp);
    }
    fastLineCounts.again++;
    const again = this.revisitor.dissect({ ...meta }, bytes.subarray(start, end), true);
    return this.filter.matches(again.tree, again);
  }

  close(): void {
    this.untap();
  }
}

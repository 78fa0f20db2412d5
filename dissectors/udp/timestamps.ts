/**
 * UDP's [Timestamps] (Wireshark's udp.time_relative and udp.time_delta): the time since the first
 * packet of the datagram's UDP conversation, and since the conversation's previous datagram with
 * a payload. As in Wireshark, a conversation's clock starts at whichever packet created it (an
 * empty datagram or a header quoted by an ICMP error too), only datagrams with a payload outside
 * ICMP errors move the "previous" time, and the delta a packet had in the first pass is kept for
 * its revisits.
 *
 * Per conversation: four numbers in typed arrays, indexed by udp.stream. Per datagram with a
 * payload: its delta in nanoseconds under its frame number (a FrameMap: exact below 2^53 ns,
 * about 104 days; a longer delta keeps its two parts aside).
 */
import { FrameMap } from '../core/frame-map.js';
import { grown } from '../core/grow.js';
import { ndelta, nsDelta } from '../tcp/nstime.js';

const NS = 1_000_000_000;
const EXACT_SEC = Math.floor(Number.MAX_SAFE_INTEGER / NS) - 1;

export class UdpTimestamps {
  private firstSec = new Float64Array(256);
  private firstNsec = new Int32Array(256);
  private prevSec = new Float64Array(256);
  private prevNsec = new Int32Array(256);
  /** Conversations whose clock has started (streams 0 … count − 1). */
  private count = 0;
  private readonly deltas = new FrameMap<number>();
  private readonly longDeltas = new Map<number, readonly [number, number]>();

  /** The results of `shown`: time since the first packet and since the previous one. */
  relSec = 0;
  relNsec = 0;
  deltaSec = 0;
  deltaNsec = 0;
  hasDelta = false;

  /** Every UDP header, first pass: a conversation's first packet starts its clock. */
  seen(stream: number, sec: number, nsec: number): void {
    if (stream !== this.count) return;
    if (stream >= this.firstSec.length) this.grow();
    this.firstSec[stream] = this.prevSec[stream] = sec;
    this.firstNsec[stream] = this.prevNsec[stream] = nsec;
    this.count++;
  }

  /**
   * A datagram with a payload outside an ICMP error: in the first pass, its delta is measured and
   * kept, and it becomes the conversation's previous datagram; on a revisit the kept delta is read.
   * Fills relSec … hasDelta; false when the conversation is unknown.
   */
  shown(frame: number, stream: number, sec: number, nsec: number, visited: boolean): boolean {
    if (stream < 0 || stream >= this.count) return false;
    this.relSec = nsDelta(sec, nsec, this.firstSec[stream]!, this.firstNsec[stream]!);
    this.relNsec = ndelta.nsec;
    if (!visited) {
      const s = nsDelta(sec, nsec, this.prevSec[stream]!, this.prevNsec[stream]!);
      const n = ndelta.nsec;
      if (Math.abs(s) <= EXACT_SEC) this.deltas.set(frame, s * NS + n);
      else {
        this.deltas.set(frame, NaN);
        this.longDeltas.set(frame, [s, n]);
      }
      this.prevSec[stream] = sec;
      this.prevNsec[stream] = nsec;
    }
    const d = this.deltas.get(frame);
    this.hasDelta = d !== undefined;
    if (d === undefined) return true;
    if (Number.isNaN(d)) {
      const [s, n] = this.longDeltas.get(frame)!;
      this.deltaSec = s;
      this.deltaNsec = n;
    } else {
      // Both parts with the sign of the whole, as nstime_delta gives them.
      this.deltaSec = Math.trunc(d / NS);
      this.deltaNsec = d - this.deltaSec * NS;
    }
    return true;
  }

  /** The end of a pass: no room kept for more conversations or deltas (they grow again if more come). */
  trim(): void {
    const n = Math.max(1, this.count);
    if (this.firstSec.length > n) {
      this.firstSec = this.firstSec.slice(0, n);
      this.firstNsec = this.firstNsec.slice(0, n);
      this.prevSec = this.prevSec.slice(0, n);
      this.prevNsec = this.prevNsec.slice(0, n);
    }
    this.deltas.trim();
  }

  /** The end of the last pass (no packet comes any more): each conversation's previous time goes (only a first pass reads it). */
  release(): void {
    this.trim();
    this.prevSec = new Float64Array(0);
    this.prevNsec = new Int32Array(0);
  }

  private grow(): void {
    const n = Math.max(1, this.firstSec.length) * 2;
    this.firstSec = grown(this.firstSec, n);
    this.prevSec = grown(this.prevSec, n);
    this.firstNsec = grown(this.firstNsec, n);
    this.prevNsec = grown(this.prevNsec, n);
  }
}

/**
 * Follow UDP Stream and Follow HTTP Stream: chunks as a dissector hands them over, in capture
 * order, as tshark 4.0's `-z follow,udp|http,MODE,FILTER` prints them (the text: follow-text.ts).
 * Both are Wireshark's follow_tvb_tap_listener: UDP taps each datagram's payload (udp.ts
 * `addUdpPayloadTap`: not the UDP quoted in an ICMP error, not an empty datagram); HTTP taps each
 * message's start line and headers, then its body once de-chunked and decompressed, and binary
 * continuation data (http.ts `addHttpFollowTap`). Node 0 is the source of the first chunk
 * followed; a chunk from node 0's address and port is node 0's, any other node 1's.
 */
import { endpointOf, followFilterText, followMatches, followText, isEndpoint, type FollowEndpoint, type FollowFilter, type FollowMode, type FollowRecord, type FollowTvb } from './follow-text.js';

export class TvbFollowCollector {
  node0: FollowEndpoint | null = null;
  node1: FollowEndpoint | null = null;
  readonly records: FollowRecord[] = [];

  /** `chunkMin`/`chunkMax`: the chunks to print (from 1), tshark's optional range. HTTP's streams are TCP's. */
  constructor(readonly proto: 'udp' | 'http', readonly filter: FollowFilter, readonly chunkMin = 1, readonly chunkMax = Number.MAX_SAFE_INTEGER) {}

  /** True when the chunk belongs to the followed conversation. */
  matches(d: FollowTvb): boolean {
    return followMatches(this.filter, d.stream, d.pinfo);
  }

  /** Takes one chunk (call for every one, in capture order). */
  add(d: FollowTvb): void {
    if (!this.matches(d)) return;
    const p = d.pinfo;
    if (!this.node0) {
      this.node0 = endpointOf(p, true);
      this.node1 = endpointOf(p, false);
    }
    const dir: 0 | 1 = this.node0 && isEndpoint(p, true, this.node0) ? 0 : 1;
    const m = p.meta;
    this.records.push({ dir, bytes: d.payload.slice(), frame: d.frame, sec: m.hasTs ? m.tsSec : 0, nsec: m.hasTs ? m.tsNsec : 0 });
  }

  /** tshark's output for this follow. */
  text(mode: FollowMode): string {
    return followText(this.proto, mode, followFilterText(this.proto === 'http' ? 'tcp' : 'udp', this.filter), this.node0, this.node1, this.records, this.chunkMin, this.chunkMax);
  }
}

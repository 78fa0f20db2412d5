/**
 * Follow UDP Stream: the payloads of one UDP conversation in capture order, one chunk per datagram,
 * as tshark 4.0's `-z follow,udp,MODE,FILTER` prints them (the text: output/follow-text.ts).
 *
 * `UdpFollowCollector` takes the UDP layer's datagrams (udp.ts `addUdpPayloadTap`, Wireshark's
 * udp_follow tap: not the UDP quoted in an ICMP error, not an empty datagram) and keeps a copy of
 * the followed conversation's. Node 0 is the source of the first datagram followed; a datagram
 * from node 0's address and port is node 0's, any other node 1's (follow_tvb_tap_listener).
 */
import { endpointOf, followFilterText, followText, isEndpoint, type FollowEndpoint, type FollowFilter, type FollowMode, type FollowRecord } from '../output/follow-text.js';
import type { UdpDatagram } from '../protocols/udp.js';

export class UdpFollowCollector {
  node0: FollowEndpoint | null = null;
  node1: FollowEndpoint | null = null;
  readonly records: FollowRecord[] = [];

  /** `chunkMin`/`chunkMax`: the chunks to print (from 1), tshark's optional range. */
  constructor(readonly filter: FollowFilter, readonly chunkMin = 1, readonly chunkMax = Number.MAX_SAFE_INTEGER) {}

  /** True when the datagram belongs to the followed conversation. */
  matches(d: UdpDatagram): boolean {
    const f = this.filter;
    if ('stream' in f) return d.stream === f.stream;
    const p = d.pinfo;
    return (isEndpoint(p, true, f.a) && isEndpoint(p, false, f.b)) || (isEndpoint(p, true, f.b) && isEndpoint(p, false, f.a));
  }

  /** Takes one datagram (call for every one, in capture order). */
  datagram(d: UdpDatagram): void {
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
    return followText('udp', mode, followFilterText('udp', this.filter), this.node0, this.node1, this.records, this.chunkMin, this.chunkMax);
  }
}

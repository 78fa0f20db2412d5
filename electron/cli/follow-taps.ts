/**
 * `-z follow,tcp|udp|http,…`: a collector per follow, fed by the TCP layer's segment tap, the UDP
 * layer's datagram tap or HTTP's message tap while the packets are read (or, with -2, while the
 * first pass's session sees them again).
 */
import type { PacketInfo } from '../../dissectors/core/pinfo.js';
import type { FollowTvb } from '../../dissectors/output/follow-text.js';
import { TvbFollowCollector } from '../../dissectors/output/tvb-follow.js';
import { addHttpFollowTap } from '../../dissectors/protocols/http.js';
import { addUdpPayloadTap } from '../../dissectors/protocols/udp.js';
import { addTcpSegmentTap } from '../../dissectors/tcp/desegment.js';
import { FollowCollector } from '../../dissectors/tcp/follow.js';
import type { Session } from '../engine/session.js';
import type { FollowStat } from './args.js';
import { freshPass } from './two-pass.js';

export type AnyFollowCollector = FollowCollector | TvbFollowCollector;

export function followCollector(st: FollowStat): AnyFollowCollector {
  return st.proto === 'tcp' ? new FollowCollector(st.filter, st.chunkMin, st.chunkMax) : new TvbFollowCollector(st.proto, st.filter, st.chunkMin, st.chunkMax);
}

/** Hands the segments and chunks of the packets `mine` accepts to the collectors; returns the removal. */
export function tapFollows(collectors: readonly AnyFollowCollector[], mine: (p: PacketInfo) => boolean): () => void {
  const tcp = collectors.filter((c): c is FollowCollector => c instanceof FollowCollector);
  const offs: (() => void)[] = [];
  if (tcp.length) {
    offs.push(addTcpSegmentTap((seg) => {
      if (!mine(seg.pinfo)) return;
      for (const c of tcp) c.segment(seg);
    }));
  }
  for (const [proto, addTap] of [['udp', addUdpPayloadTap], ['http', addHttpFollowTap]] as const) {
    const mineToo = collectors.filter((c): c is TvbFollowCollector => c instanceof TvbFollowCollector && c.proto === proto);
    if (!mineToo.length) continue;
    offs.push(addTap((d: FollowTvb) => {
      if (!mine(d.pinfo)) return;
      for (const c of mineToo) c.add(d);
    }));
  }
  return () => {
    for (const off of offs) off();
  };
}

/**
 * -2: the session's packets seen again, their segments and datagrams handed to the collectors.
 * HTTP's messages come from a fresh pass over the packets instead (a revisit does not
 * desegment, so it would show each segment of a message on its own).
 */
export function followAll(session: Session, collectors: readonly AnyFollowCollector[]): void {
  const ctx = session.dissector.ctx;
  const seen = collectors.filter((c) => !(c instanceof TvbFollowCollector && c.proto === 'http'));
  const http = collectors.filter((c) => c instanceof TvbFollowCollector && c.proto === 'http');
  if (seen.length) {
    const untap = tapFollows(seen, (p) => p.ctx === ctx && p.visited);
    try {
      for (let i = 0; i < session.count; i++) session.revisit(i);
    } finally {
      untap();
    }
  }
  if (http.length) freshPass(session, (mine) => tapFollows(http, mine));
}

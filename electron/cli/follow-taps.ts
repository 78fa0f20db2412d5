/**
 * `-z follow,tcp|udp,…`: a collector per follow, fed by the TCP layer's segment tap or the UDP
 * layer's datagram tap while the packets are read (or, with -2, while the first pass's session
 * sees them again).
 */
import type { PacketInfo } from '../../dissectors/core/pinfo.js';
import { addUdpPayloadTap } from '../../dissectors/protocols/udp.js';
import { addTcpSegmentTap } from '../../dissectors/tcp/desegment.js';
import { FollowCollector } from '../../dissectors/tcp/follow.js';
import { UdpFollowCollector } from '../../dissectors/udp/follow.js';
import type { Session } from '../engine/session.js';
import type { FollowStat } from './args.js';

export type AnyFollowCollector = FollowCollector | UdpFollowCollector;

export function followCollector(st: FollowStat): AnyFollowCollector {
  return st.proto === 'udp' ? new UdpFollowCollector(st.filter, st.chunkMin, st.chunkMax) : new FollowCollector(st.filter, st.chunkMin, st.chunkMax);
}

/** Hands the segments and datagrams of the packets `mine` accepts to the collectors; returns the removal. */
export function tapFollows(collectors: readonly AnyFollowCollector[], mine: (p: PacketInfo) => boolean): () => void {
  const tcp = collectors.filter((c): c is FollowCollector => c instanceof FollowCollector);
  const udp = collectors.filter((c): c is UdpFollowCollector => c instanceof UdpFollowCollector);
  const offs: (() => void)[] = [];
  if (tcp.length) {
    offs.push(addTcpSegmentTap((seg) => {
      if (!mine(seg.pinfo)) return;
      for (const c of tcp) c.segment(seg);
    }));
  }
  if (udp.length) {
    offs.push(addUdpPayloadTap((d) => {
      if (!mine(d.pinfo)) return;
      for (const c of udp) c.datagram(d);
    }));
  }
  return () => {
    for (const off of offs) off();
  };
}

/** -2: the session's packets seen again, their segments and datagrams handed to the collectors. */
export function followAll(session: Session, collectors: readonly AnyFollowCollector[]): void {
  const ctx = session.dissector.ctx;
  const untap = tapFollows(collectors, (p) => p.ctx === ctx && p.visited);
  try {
    for (let i = 0; i < session.count; i++) session.revisit(i);
  } finally {
    untap();
  }
}

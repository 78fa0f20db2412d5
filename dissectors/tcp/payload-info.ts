/**
 * What TCP hands an application dissector as its `data` (tcp.stream, direction, FIN, sequence
 * numbers), and the stream key protocols over TCP keep their per-connection state under.
 */
import type { PacketInfo } from '../core/pinfo.js';

/**
 * What TCP passes as the dissector's `data`. Without it (the dissector called by something
 * else), all traffic between the same two ports is taken as one stream.
 */
export interface TcpPayloadInfo {
  /** tcp.stream of the segment. */
  stream: number;
  /** The bytes go from the connection's client (the side that opened it) to its server. */
  fromClient: boolean;
  /** FIN is set on the segment that completes these bytes: nothing more will follow. */
  fin?: boolean;
  /** Relative sequence number of the first byte given (with `hasAck`: of the TCP tracker). */
  seq?: number;
  /** Relative acknowledgment number of the segment that completes these bytes, when it has ACK set. */
  ack?: number;
  hasAck?: boolean;
}

/** The dissector's `data` as TCP's payload info, when it is one. */
export function payloadInfo(d: unknown): TcpPayloadInfo | undefined {
  return typeof d === 'object' && d !== null && typeof (d as TcpPayloadInfo).stream === 'number' ? (d as TcpPayloadInfo) : undefined;
}

/** The stream key: tcp.stream, or a pseudo-stream of the two ports (negative). */
export function streamKey(pinfo: PacketInfo, info: TcpPayloadInfo | undefined): number {
  if (info) return info.stream;
  const a = pinfo.srcPort < 0 ? 0 : pinfo.srcPort;
  const b = pinfo.dstPort < 0 ? 0 : pinfo.dstPort;
  return -1 - (a < b ? a * 65536 + b : b * 65536 + a);
}

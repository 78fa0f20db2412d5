/**
 * A stand-in for TCP's side of the desegmentation contract (dissectors/core/pinfo.ts), for testing
 * the HTTP dissector without the TCP stream engine: segments of one connection are fed in order;
 * the payload (after bytes held back from earlier segments) is handed to HTTP with `canDesegment`;
 * when HTTP sets `desegmentLen`, the bytes from `desegmentOffset` on are held back until enough
 * have arrived (a known length), the next segment (DESEGMENT_ONE_MORE_SEGMENT) or FIN
 * (DESEGMENT_UNTIL_FIN), and then handed over again as one reassembled buffer, as Wireshark does.
 */
import '../../../../dissectors/protocols/index.js';
import { callDissector } from '../../../../dissectors/core/dispatch.js';
import { CaptureContext, DESEGMENT_ONE_MORE_SEGMENT, DESEGMENT_UNTIL_FIN, PacketInfo, type FrameMeta } from '../../../../dissectors/core/pinfo.js';
import { NULL_TREE, ProtoNode } from '../../../../dissectors/core/tree.js';
import { Tvb } from '../../../../dissectors/core/tvb.js';
import { http, type TcpPayloadInfo } from '../../../../dissectors/protocols/http.js';

export interface SegmentResult {
  num: number;
  /** Protocol and Info columns after the segment. */
  protocol: string;
  info: string;
  /** The decode tree root (HTTP and what it called hang under it). */
  tree: ProtoNode;
  /** Data sources added (reassembled and decoded buffers). */
  sources: { name: string; data: Uint8Array }[];
  /** HTTP was called (false: the bytes were only held back). */
  called: boolean;
  /** Bytes held back after this segment (a PDU still incomplete). */
  held: number;
  /** Expert items raised, by severity rank (pinfo.expertCounts copy). */
  experts: number[];
}

interface Direction {
  held: Uint8Array | null;
  need: number;
}

export interface FakeTcpOptions {
  /** TCP can hold bytes back (Wireshark's tcp.desegment_tcp_streams). Default true. */
  desegment?: boolean;
  /** Build the full decode tree (default true); false runs the summary pass. */
  full?: boolean;
  ctx?: CaptureContext;
  stream?: number;
  clientPort?: number;
  serverPort?: number;
  /** Pass no TcpPayloadInfo (HTTP then keys the stream by ports). */
  noInfo?: boolean;
}

/** One TCP connection's segments, in order. */
export class FakeTcp {
  readonly ctx: CaptureContext;
  readonly pinfo: PacketInfo;
  private num = 0;
  private readonly dirs: Record<'c' | 's', Direction> = { c: { held: null, need: 0 }, s: { held: null, need: 0 } };

  constructor(private readonly opts: FakeTcpOptions = {}) {
    this.ctx = opts.ctx ?? new CaptureContext();
    this.pinfo = new PacketInfo(this.ctx);
  }

  /**
   * Feeds one segment from the client (`c`) or the server (`s`). `num` defaults to the next frame
   * number; `visited` re-dissects an earlier frame as a later pass would (same bytes and state).
   */
  segment(dir: 'c' | 's', bytes: Uint8Array | string, o: { fin?: boolean; num?: number; sec?: number; nsec?: number; visited?: boolean; reportedLen?: number } = {}): SegmentResult {
    const payload = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    const num = o.num ?? ++this.num;
    const meta: FrameMeta = { num, tsSec: o.sec ?? 1700000000, tsNsec: o.nsec ?? num * 1000000, hasTs: true, linkType: 1, interfaceId: 0, origLen: payload.length };
    const full = this.opts.full ?? true;
    const root = full ? new ProtoNode(null, 0, payload.length, null) : NULL_TREE;
    const pinfo = this.pinfo;
    pinfo.reset(meta, payload, root);
    pinfo.visited = o.visited ?? false;
    const cport = this.opts.clientPort ?? 40000;
    const sport = this.opts.serverPort ?? 80;
    pinfo.srcPort = dir === 'c' ? cport : sport;
    pinfo.dstPort = dir === 'c' ? sport : cport;
    pinfo.setProtocol('TCP');
    pinfo.setInfo(`${pinfo.srcPort} \u2192 ${pinfo.dstPort} [PSH, ACK] Len=${payload.length}`);
    const d = this.dirs[dir];
    const fin = o.fin ?? false;
    const desegment = this.opts.desegment ?? true;
    let buf = payload;
    let reassembled = false;
    if (d.held) {
      buf = new Uint8Array(d.held.length + payload.length);
      buf.set(d.held);
      buf.set(payload, d.held.length);
      reassembled = true;
      const enough = d.need === DESEGMENT_ONE_MORE_SEGMENT || (d.need === DESEGMENT_UNTIL_FIN ? fin : payload.length >= d.need);
      if (!enough) {
        if (d.need !== DESEGMENT_UNTIL_FIN) d.need -= payload.length;
        d.held = buf;
        pinfo.appendInfoSep(' ', '[TCP segment of a reassembled PDU]');
        return this.result(num, root, false, buf.length);
      }
    }
    if (buf.length === 0) {
      d.held = null;
      return this.result(num, root, false, 0);
    }
    let tvb: Tvb;
    if (reassembled) {
      tvb = Tvb.frame(buf, buf.length, 'tcp');
      tvb.source = pinfo.addDataSource(`Reassembled TCP (${buf.length} bytes)`, buf);
    } else {
      tvb = Tvb.frame(buf, o.reportedLen ?? buf.length, 'tcp');
    }
    pinfo.canDesegment = desegment;
    pinfo.desegmentOffset = 0;
    pinfo.desegmentLen = 0;
    const layers = pinfo.layerCount;
    const info: TcpPayloadInfo = { stream: this.opts.stream ?? 0, fromClient: dir === 'c', fin };
    callDissector(http, tvb, pinfo, root, this.opts.noInfo ? undefined : info);
    if (pinfo.desegmentLen > 0) {
      d.held = buf.slice(pinfo.desegmentOffset);
      d.need = pinfo.desegmentLen;
      if (pinfo.desegmentOffset === 0) {
        // Nothing dissected: TCP shows the segment as its own.
        pinfo.layerCount = layers;
        pinfo.protocol = 'TCP';
        pinfo.appendInfoSep(' ', '[TCP segment of a reassembled PDU]');
      }
    } else {
      d.held = null;
    }
    return this.result(num, root, true, d.held?.length ?? 0);
  }

  private result(num: number, tree: ProtoNode, called: boolean, held: number): SegmentResult {
    const p = this.pinfo;
    return { num, protocol: p.protocol, info: p.info, tree, sources: p.sources.slice(), called, held, experts: Array.from(p.expertCounts) };
  }
}

/**
 * Conversations and endpoints tables (Wireshark's Statistics → Conversations / Endpoints, tshark
 * `-z conv,KIND` and `-z endpoints,KIND`) for Ethernet, IPv4, IPv6, TCP and UDP.
 *
 * Per-packet accumulators fed with the PacketInfo of each dissected packet, in capture order
 * (the summary pass is enough: no tree is read):
 *
 *   const conv = new ConversationTable('tcp');
 *   for each packet: conv.add(dissector.dissect(meta, bytes));
 *   conv.rows()                         // ConversationRow[] (electron/api/contract.ts), first seen first
 *
 * As in Wireshark: a conversation's side A is the source of its first packet; TCP and UDP
 * conversations are one per tcp.stream / udp.stream (so a reused port pair makes a new row);
 * Ethernet and IP conversations are one per address pair. Bytes are frame lengths on the wire.
 * TCP rows also carry the connection's outcome code, history and handshake RTT
 * (tcp/conn-summary.ts through the tracker of the capture).
 */
import type { ConvKind, ConversationRow, EndpointRow } from '../../electron/api/contract.js';
import { formatEther, formatIPv4Bytes, formatIPv6 } from '../core/addr.js';
import type { CaptureContext, PacketInfo } from '../core/pinfo.js';
import { tcpTracking } from '../tcp/tracker.js';
import { bytesKey, newPacketEnds, packetEnds, sameBytes } from './packet-addresses.js';

/** MAC address → vendor name (electron/engine/oui.ts lookupVendor(…).name), passed in by the caller. */
export type VendorLookup = (mac: Uint8Array) => string | undefined;

export interface RowOptions {
  vendor?: VendorLookup;
}

/** The address text of `len` bytes: MAC, IPv4 or IPv6 ('' when there is none). */
export function addressText(d: Uint8Array, len: number): string {
  return len === 6 ? formatEther(d, 0) : len === 4 ? formatIPv4Bytes(d, 0) : len === 16 ? formatIPv6(d, 0) : '';
}

/** Seconds since the first packet of the capture. */
function relTime(pinfo: PacketInfo): number {
  const m = pinfo.meta;
  return (m.relSec ?? 0) + (m.relNsec ?? 0) / 1e9;
}

class Conv {
  packetsAB = 0;
  bytesAB = 0;
  packetsBA = 0;
  bytesBA = 0;
  start = 0;
  end = 0;
  constructor(
    readonly a: Uint8Array,
    readonly b: Uint8Array,
    readonly portA: number,
    readonly portB: number,
    readonly stream: number,
  ) {}
}

const FILTER_ADDR: Record<ConvKind, string> = { eth: 'eth.addr', ipv4: 'ip.addr', ipv6: 'ipv6.addr', tcp: '', udp: '' };

export class ConversationTable {
  private readonly list: Conv[] = [];
  /** Address pair (lower key first) → conversation. */
  private readonly byKey = new Map<number | string, Map<number | string, Conv>>();
  private readonly byStream: (Conv | undefined)[] = [];
  private readonly ends = newPacketEnds();
  private ctx: CaptureContext | null = null;

  constructor(readonly kind: ConvKind) {}

  /** Counts one dissected packet (ignored when it has no `kind` layer). */
  add(pinfo: PacketInfo): void {
    const e = this.ends;
    if (!packetEnds(this.kind, pinfo, e)) return;
    this.ctx = pinfo.ctx;
    const len = e.len;
    let c: Conv | undefined;
    if (e.stream >= 0) {
      c = this.byStream[e.stream];
      if (c === undefined) {
        c = this.create(e.src.slice(e.srcOff, e.srcOff + len), e.dst.slice(e.dstOff, e.dstOff + len), e.sport, e.dport, e.stream, pinfo);
        this.byStream[e.stream] = c;
      }
    } else {
      const ks = bytesKey(e.src, e.srcOff, len);
      const kd = bytesKey(e.dst, e.dstOff, len);
      const lo = ks < kd ? ks : kd;
      const hi = ks < kd ? kd : ks;
      let inner = this.byKey.get(lo);
      if (inner === undefined) this.byKey.set(lo, (inner = new Map()));
      c = inner.get(hi);
      if (c === undefined) {
        c = this.create(e.src.slice(e.srcOff, e.srcOff + len), e.dst.slice(e.dstOff, e.dstOff + len), -1, -1, -1, pinfo);
        inner.set(hi, c);
      }
    }
    const bytes = pinfo.meta.origLen;
    if (sameBytes(e.src, e.srcOff, c.a, 0, len) && e.sport === c.portA) {
      c.packetsAB++;
      c.bytesAB += bytes;
    } else {
      c.packetsBA++;
      c.bytesBA += bytes;
    }
    const t = relTime(pinfo);
    if (t < c.start) c.start = t;
    if (t > c.end) c.end = t;
  }

  private create(a: Uint8Array, b: Uint8Array, pa: number, pb: number, stream: number, pinfo: PacketInfo): Conv {
    const c = new Conv(a, b, pa, pb, stream);
    c.start = c.end = relTime(pinfo);
    this.list.push(c);
    return c;
  }

  /** Number of conversations so far. */
  get size(): number {
    return this.list.length;
  }

  /** The rows, in the order the conversations were first seen. */
  rows(opts: RowOptions = {}): ConversationRow[] {
    const kind = this.kind;
    const tcp = kind === 'tcp' && this.ctx ? tcpTracking(this.ctx) : null;
    return this.list.map((c) => {
      const len = c.a.length;
      const addressA = addressText(c.a, len);
      const addressB = addressText(c.b, len);
      const row: ConversationRow = {
        kind,
        addressA,
        addressB,
        packets: c.packetsAB + c.packetsBA,
        bytes: c.bytesAB + c.bytesBA,
        packetsAtoB: c.packetsAB,
        bytesAtoB: c.bytesAB,
        packetsBtoA: c.packetsBA,
        bytesBtoA: c.bytesBA,
        relStart: c.start,
        duration: c.end - c.start,
        filter: '',
      };
      if (c.stream >= 0) {
        row.portA = c.portA;
        row.portB = c.portB;
        row.stream = c.stream;
        row.filter = `${kind}.stream eq ${c.stream}`;
      } else {
        const f = FILTER_ADDR[kind];
        row.filter = `${f}==${addressA} && ${f}==${addressB}`;
      }
      if (kind === 'eth' && opts.vendor) {
        const va = opts.vendor(c.a);
        const vb = opts.vendor(c.b);
        if (va !== undefined) row.vendorA = va;
        if (vb !== undefined) row.vendorB = vb;
      }
      const info = tcp?.connection(c.stream);
      if (info) {
        row.outcome = info.connState;
        row.outcomeText = info.connStateText;
        row.history = info.history;
        if (info.handshake.rtt !== null) row.handshakeRtt = info.handshake.rtt;
      }
      return row;
    });
  }
}

class Endpoint {
  txPackets = 0;
  txBytes = 0;
  rxPackets = 0;
  rxBytes = 0;
  constructor(readonly addr: Uint8Array, readonly port: number) {}
}

export class EndpointTable {
  private readonly list: Endpoint[] = [];
  private readonly byKey = new Map<number | string, Endpoint>();
  private readonly ends = newPacketEnds();

  constructor(readonly kind: ConvKind) {}

  /** Counts one dissected packet: a transmission of its source and a reception of its destination. */
  add(pinfo: PacketInfo): void {
    const e = this.ends;
    if (!packetEnds(this.kind, pinfo, e)) return;
    const bytes = pinfo.meta.origLen;
    const s = this.get(e.src, e.srcOff, e.len, e.sport);
    s.txPackets++;
    s.txBytes += bytes;
    const d = this.get(e.dst, e.dstOff, e.len, e.dport);
    d.rxPackets++;
    d.rxBytes += bytes;
  }

  private get(d: Uint8Array, off: number, len: number, port: number): Endpoint {
    const a = bytesKey(d, off, len);
    // With a port: IPv4 (32 bits) and the port fit a double exactly; IPv6 keys are strings.
    const key = port < 0 ? a : typeof a === 'number' ? a * 65536 + port : a + String.fromCharCode(port >> 8, port & 0xff);
    let ep = this.byKey.get(key);
    if (ep === undefined) {
      ep = new Endpoint(d.slice(off, off + len), port);
      this.byKey.set(key, ep);
      this.list.push(ep);
    }
    return ep;
  }

  get size(): number {
    return this.list.length;
  }

  /** The rows, in the order the endpoints were first seen. */
  rows(opts: RowOptions = {}): EndpointRow[] {
    return this.list.map((ep) => {
      const row: EndpointRow = {
        kind: this.kind,
        address: addressText(ep.addr, ep.addr.length),
        packets: ep.txPackets + ep.rxPackets,
        bytes: ep.txBytes + ep.rxBytes,
        txPackets: ep.txPackets,
        txBytes: ep.txBytes,
        rxPackets: ep.rxPackets,
        rxBytes: ep.rxBytes,
      };
      if (ep.port >= 0) row.port = ep.port;
      if (this.kind === 'eth' && opts.vendor) {
        const v = opts.vendor(ep.addr);
        if (v !== undefined) row.vendor = v;
      }
      return row;
    });
  }
}

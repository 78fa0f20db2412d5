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
import { AddressTable } from '../core/address-table.js';
import { OrderedKeyTable } from '../core/ordered-key-table.js';
import { AddrKind, type CaptureContext, type PacketInfo } from '../core/pinfo.js';
import { tcpTracking } from '../tcp/tracker.js';
import { newPacketEnds, outerCount, outerEnds, packetEnds, sameBytes, type PacketEnds } from './packet-addresses.js';

/** MAC address → vendor name (electron/engine/oui.ts lookupVendor(…).name), passed in by the caller. */
export type VendorLookup = (mac: Uint8Array) => string | undefined;

export interface RowOptions {
  vendor?: VendorLookup;
  /** MAC address → its name (`Universa_6c:0c:cc`), shown instead of the address where it has one (tshark's tables with MAC names on). */
  etherName?: VendorLookup;
  /** IP address (4 or 16 bytes) → its host name (`-N n`, dissectors/resolve/host-names.ts), shown instead of the address where it has one. */
  hostName?: VendorLookup;
}

/** The address a row shows: a MAC address's or IP address's name when `opts` names it, else its text. */
function shownAddress(kind: ConvKind, d: Uint8Array, opts: RowOptions): string {
  return (kind === 'eth' ? opts.etherName?.(d) : opts.hostName?.(d)) ?? addressText(d, d.length);
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
    /** Side A's address number (addressNumber), for the direction of an address pair's packets. */
    readonly idA: number,
  ) {}
}

const FILTER_ADDR: Record<ConvKind, string> = { eth: 'eth.addr', ipv4: 'ip.addr', ipv6: 'ipv6.addr', tcp: '', udp: '' };

/** The address kind of `len` bytes (AddressTable's key), or −1 for none (TCP/UDP over a link without IP). */
function kindOfLength(len: number): AddrKind | -1 {
  return len === 6 ? AddrKind.Ether : len === 4 ? AddrKind.IPv4 : len === 16 ? AddrKind.IPv6 : -1;
}

/**
 * Addresses → small numbers (AddressTable: bytes packed into words, no allocation per lookup);
 * "no address" is a number of its own. Tables that share one can be given the numbers instead of
 * the bytes (PacketEnds.srcNum / dstNum).
 */
export class AddressNumbers {
  private readonly table = new AddressTable();

  of(d: Uint8Array, off: number, len: number): number {
    const kind = kindOfLength(len);
    return kind === -1 ? NO_ADDRESS : this.table.entry(kind, d, off, true);
  }
}
const NO_ADDRESS = 0x7fffffff;

/**
 * The address at `d[off …]` (of `e.len` bytes) to keep in a row: the array itself when it is the
 * address and stays (PacketEnds.stable), else a copy (a packet's bytes do not stay).
 */
function copyOf(e: PacketEnds, d: Uint8Array, off: number, len = e.len): Uint8Array {
  return e.stable && off === 0 && d.length === len ? d : d.slice(off, off + len);
}

export class ConversationTable {
  private readonly list: Conv[] = [];
  /** Address pair (lower number first) → index in `list` (eth and IP conversations). */
  private readonly pairs = new OrderedKeyTable(2);
  private readonly pairConv: Conv[] = [];
  private readonly pairKey = new Uint32Array(2);
  private readonly byStream: (Conv | undefined)[] = [];
  private readonly ends = newPacketEnds();
  private ctx: CaptureContext | null = null;

  constructor(readonly kind: ConvKind, private readonly addrs = new AddressNumbers()) {}

  /** Counts one dissected packet (ignored when it has no `kind` layer). */
  add(pinfo: PacketInfo): void {
    const e = this.ends;
    // A tunnel's outer headers first (each its own conversation, as Wireshark's taps).
    for (let i = 0, n = outerCount(this.kind, pinfo); i < n; i++) {
      outerEnds(this.kind, pinfo, i, e);
      e.bytes = pinfo.meta.origLen;
      e.time = relTime(pinfo);
      this.addEnds(e, pinfo.ctx);
    }
    if (!packetEnds(this.kind, pinfo, e)) return;
    e.bytes = pinfo.meta.origLen;
    e.time = relTime(pinfo);
    this.addEnds(e, pinfo.ctx);
  }

  /**
   * Counts one packet given by its endpoints at this table's layer, length and time (what
   * packetEnds gives, with `bytes` and `time`), with the capture's state (for TCP rows).
   */
  addEnds(e: PacketEnds, ctx: CaptureContext): void {
    this.ctx = ctx;
    const len = e.len;
    const bytes = e.bytes;
    const t = e.time;
    let c: Conv | undefined;
    let forward: boolean;
    if (e.stream >= 0) {
      c = this.byStream[e.stream];
      if (c === undefined) {
        c = this.create(copyOf(e, e.src, e.srcOff), copyOf(e, e.dst, e.dstOff), e.sport, e.dport, e.stream, -1, t);
        this.byStream[e.stream] = c;
      }
      forward = e.sport === c.portA && sameBytes(e.src, e.srcOff, c.a, 0, len);
    } else {
      const sa = e.srcNum >= 0 ? e.srcNum : this.addrs.of(e.src, e.srcOff, len);
      const da = e.dstNum >= 0 ? e.dstNum : this.addrs.of(e.dst, e.dstOff, len);
      const k = this.pairKey;
      k[0] = sa < da ? sa : da;
      k[1] = sa < da ? da : sa;
      let p = this.pairs.find(k);
      if (p < 0) {
        p = this.pairs.insert(k);
        c = this.create(copyOf(e, e.src, e.srcOff), copyOf(e, e.dst, e.dstOff), -1, -1, -1, sa, t);
        this.pairConv[p] = c;
      } else {
        c = this.pairConv[p]!;
      }
      forward = sa === c.idA;
    }
    if (forward) {
      c.packetsAB++;
      c.bytesAB += bytes;
    } else {
      c.packetsBA++;
      c.bytesBA += bytes;
    }
    if (t < c.start) c.start = t;
    if (t > c.end) c.end = t;
  }

  private create(a: Uint8Array, b: Uint8Array, pa: number, pb: number, stream: number, idA: number, t: number): Conv {
    const c = new Conv(a, b, pa, pb, stream, idA);
    c.start = c.end = t;
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
      const row: ConversationRow = {
        kind,
        addressA: shownAddress(kind, c.a, opts),
        addressB: shownAddress(kind, c.b, opts),
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
        row.filter = `${f}==${addressText(c.a, c.a.length)} && ${f}==${addressText(c.b, c.b.length)}`;
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
  /** (address number, port + 1) → index in `list`. */
  private readonly keys = new OrderedKeyTable(2);
  private readonly key = new Uint32Array(2);
  private readonly ends = newPacketEnds();

  constructor(readonly kind: ConvKind, private readonly addrs = new AddressNumbers()) {}

  /** Counts one dissected packet: a transmission of its source and a reception of its destination. */
  add(pinfo: PacketInfo): void {
    const e = this.ends;
    for (let i = 0, n = outerCount(this.kind, pinfo); i < n; i++) {
      outerEnds(this.kind, pinfo, i, e);
      e.bytes = pinfo.meta.origLen;
      this.addEnds(e);
    }
    if (!packetEnds(this.kind, pinfo, e)) return;
    e.bytes = pinfo.meta.origLen;
    this.addEnds(e);
  }

  /** Counts one packet given by its endpoints at this table's layer and its length (what packetEnds gives, with `bytes`). */
  addEnds(e: PacketEnds): void {
    const bytes = e.bytes;
    const s = this.get(e, e.srcNum, e.src, e.srcOff, e.sport);
    s.txPackets++;
    s.txBytes += bytes;
    const d = this.get(e, e.dstNum, e.dst, e.dstOff, e.dport);
    d.rxPackets++;
    d.rxBytes += bytes;
  }

  private get(e: PacketEnds, num: number, d: Uint8Array, off: number, port: number): Endpoint {
    const k = this.key;
    k[0] = num >= 0 ? num : this.addrs.of(d, off, e.len);
    k[1] = port + 1;
    const at = this.keys.find(k);
    if (at >= 0) return this.list[at]!;
    this.keys.insert(k);
    const ep = new Endpoint(copyOf(e, d, off), port);
    this.list.push(ep);
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
        address: shownAddress(this.kind, ep.addr, opts),
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

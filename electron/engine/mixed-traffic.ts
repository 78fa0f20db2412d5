/**
 * A deterministic generator of mixed LAN traffic as a classic pcap (µs timestamps,
 * LINKTYPE_ETHERNET, little-endian), built packet by packet in a 4 MiB buffer handed to a sink:
 *
 * - TCP connections over IPv4 and IPv6: three-way handshake with MSS/SACK/timestamp/window-scale
 *   options, an HTTP/1.1 GET, a response of several MSS-sized segments with delayed ACKs, FIN close;
 * - DNS over UDP (IPv4 and IPv6): A/AAAA queries and responses with name compression (CNAME
 *   records whose targets point into the question name, answers that point at the CNAME target);
 * - ARP request/reply and gratuitous announcements;
 * - ICMP and ICMPv6 echo request/reply sessions (Linux ping payloads).
 *
 * Every IPv4 header, TCP, UDP, ICMP and ICMPv6 checksum and every length is correct, timestamps
 * increase, and the same seed and packet count always give the same bytes.
 *
 * Used by the benchmark's capture files (bench/generate.ts writes them) and by the engine's
 * session workers, which run a small capture of it through the index path while they wait for a
 * file (warm-up.ts), so that the first file's pass runs optimized code.
 */

/** Capture start: 2023-11-14T22:13:20Z. */
const START_SEC = 1_700_000_000;
const SNAPLEN = 262_144;

// ---------------------------------------------------------------------------------------------
// PRNG (mulberry32): 32-bit state, fast, and the same sequence on every platform.

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed | 0;
  }
  u32(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** 0 ≤ n < max. */
  int(max: number): number {
    return this.u32() % max;
  }
  /** lo ≤ n ≤ hi. */
  range(lo: number, hi: number): number {
    return lo + (this.u32() % (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.u32() < p * 4294967296;
  }
  pick<T>(a: readonly T[]): T {
    return a[this.u32() % a.length]!;
  }
}

// ---------------------------------------------------------------------------------------------
// Streaming pcap writer: packets are built in place in the output buffer.

const BUF_SIZE = 4 << 20;
const MAX_FRAME = 1514;

export function pcapHeader(): Uint8Array {
  const h = new Uint8Array(24);
  const dv = new DataView(h.buffer);
  dv.setUint32(0, 0xa1b2c3d4, true);
  dv.setUint16(4, 2, true);
  dv.setUint16(6, 4, true);
  dv.setInt32(8, 0, true);
  dv.setUint32(12, 0, true);
  dv.setUint32(16, SNAPLEN, true);
  dv.setUint32(20, 1, true); // LINKTYPE_ETHERNET
  return h;
}

class PcapWriter {
  readonly buf = new Uint8Array(BUF_SIZE);
  readonly dv = new DataView(this.buf.buffer);
  pos = 0;
  bytes = 0;
  packets = 0;
  /** Clock in µs since START_SEC (a float holds µs exactly far beyond any capture length). */
  clockUs = 0;

  constructor(private readonly sink: (bytes: Uint8Array) => void, private readonly rng: Rng) {
    this.buf.set(pcapHeader(), 0);
    this.pos = 24;
  }

  /** Advances the clock and returns where the next frame's bytes go (MAX_FRAME bytes free). */
  begin(): number {
    if (this.pos + 16 + MAX_FRAME > BUF_SIZE) this.flush();
    // Bursty inter-packet gaps: mostly tens of µs, sometimes milliseconds.
    const r = this.rng.u32();
    this.clockUs += (r & 7) === 0 ? 1000 + (r >>> 3) % 20000 : 1 + (r >>> 3) % 250;
    return this.pos + 16;
  }

  /** Milliseconds on a host's TCP timestamp clock. */
  get ms(): number {
    return Math.floor(this.clockUs / 1000);
  }

  commit(len: number): void {
    const dv = this.dv;
    const p = this.pos;
    dv.setUint32(p, START_SEC + Math.floor(this.clockUs / 1e6), true);
    dv.setUint32(p + 4, this.clockUs % 1e6, true);
    dv.setUint32(p + 8, len, true);
    dv.setUint32(p + 12, len, true);
    this.pos = p + 16 + len;
    this.packets++;
  }

  flush(): void {
    this.sink(this.buf.subarray(0, this.pos));
    this.bytes += this.pos;
    this.pos = 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Header builders (write at offset `o` of the writer's buffer; return the next offset).

const ETH_IPV4 = 0x0800;
const ETH_ARP = 0x0806;
const ETH_IPV6 = 0x86dd;
const BROADCAST = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
const ZERO_MAC = new Uint8Array(6);

function eth(b: Uint8Array, o: number, dst: Uint8Array, src: Uint8Array, type: number): number {
  b.set(dst, o);
  b.set(src, o + 6);
  b[o + 12] = type >>> 8;
  b[o + 13] = type & 0xff;
  return o + 14;
}

/** Ones'-complement sum of `len` bytes at `o`, added to `sum` (not folded). */
function sum16(b: Uint8Array, o: number, len: number, sum: number): number {
  const end = o + (len & ~1);
  for (let i = o; i < end; i += 2) sum += (b[i]! << 8) | b[i + 1]!;
  if (len & 1) sum += b[o + len - 1]! << 8;
  return sum;
}

function fold(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 65536);
  return ~sum & 0xffff;
}

interface Host {
  mac: Uint8Array;
  ip4: Uint8Array;
  ip6: Uint8Array;
  /** Next ephemeral port (Linux-like, sequential per host). */
  port: number;
  /** Offset of the host's TCP timestamp clock. */
  tsBase: number;
  /** Next IPv4 identification. */
  ipId: number;
}

/** One side-pair of an IP conversation as seen on the LAN. */
interface IpPath {
  v6: boolean;
  client: Host;
  server: Host;
  /** Ethernet next hops: the client's peer MAC (gateway or the server itself on the LAN). */
  peerMac: Uint8Array;
  flow: number;
}

/** Writes Ethernet + IP headers; returns the offset of the transport header. */
function ipHeaders(w: PcapWriter, o: number, p: IpPath, fromClient: boolean, proto: number, l4Len: number, ttl: number): number {
  const b = w.buf;
  const dv = w.dv;
  const src = fromClient ? p.client : p.server;
  const dst = fromClient ? p.server : p.client;
  const srcMac = fromClient ? p.client.mac : p.peerMac;
  const dstMac = fromClient ? p.peerMac : p.client.mac;
  if (p.v6) {
    o = eth(b, o, dstMac, srcMac, ETH_IPV6);
    dv.setUint32(o, (0x6 << 28) | (p.flow & 0xfffff));
    dv.setUint16(o + 4, l4Len);
    b[o + 6] = proto;
    b[o + 7] = ttl;
    b.set(src.ip6, o + 8);
    b.set(dst.ip6, o + 24);
    return o + 40;
  }
  o = eth(b, o, dstMac, srcMac, ETH_IPV4);
  b[o] = 0x45;
  b[o + 1] = 0;
  dv.setUint16(o + 2, 20 + l4Len);
  dv.setUint16(o + 4, src.ipId);
  src.ipId = (src.ipId + 1) & 0xffff;
  dv.setUint16(o + 6, proto === 17 && !fromClient ? 0 : 0x4000); // DF, except DNS answers
  b[o + 8] = ttl;
  b[o + 9] = proto;
  dv.setUint16(o + 10, 0);
  b.set(src.ip4, o + 12);
  b.set(dst.ip4, o + 16);
  dv.setUint16(o + 10, fold(sum16(b, o, 20, 0)));
  return o + 20;
}

/** Fills the transport checksum at l4 + csumAt (pseudo-header included). */
function l4Checksum(w: PcapWriter, p: IpPath, fromClient: boolean, proto: number, l4: number, len: number, csumAt: number): void {
  const b = w.buf;
  const src = fromClient ? p.client : p.server;
  const dst = fromClient ? p.server : p.client;
  let s = 0;
  if (p.v6) {
    s = sum16(src.ip6, 0, 16, s);
    s = sum16(dst.ip6, 0, 16, s);
  } else {
    s = sum16(src.ip4, 0, 4, s);
    s = sum16(dst.ip4, 0, 4, s);
  }
  s += proto + len;
  b[l4 + csumAt] = 0;
  b[l4 + csumAt + 1] = 0;
  let c = fold(sum16(b, l4, len, s));
  if (c === 0 && proto === 17) c = 0xffff;
  w.dv.setUint16(l4 + csumAt, c);
}

// ---------------------------------------------------------------------------------------------
// The simulated network.

interface Net {
  rng: Rng;
  w: PcapWriter;
  clients: Host[];
  servers: Host[];
  gateway: Host;
  resolver: Host;
}

function makeHost(rng: Rng, mac: Uint8Array, ip4: Uint8Array, ip6: Uint8Array): Host {
  return { mac, ip4, ip6, port: rng.range(32768, 50000), tsBase: rng.u32(), ipId: rng.int(65536) };
}

function lanHost(rng: Rng, i: number): Host {
  // 10.0.1.2 … : unique IPv4 and MAC per index (02:42 locally administered, like containers).
  const ip4 = new Uint8Array([10, 0, 1 + Math.floor(i / 250), 2 + (i % 250)]);
  const mac = new Uint8Array([0x02, 0x42, 0x0a, 0x00, ip4[2]!, ip4[3]!]);
  const ip6 = new Uint8Array(16);
  ip6.set([0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x01], 0);
  ip6.set([0x00, 0x42, 0x0a, 0xff, 0xfe, 0x00, ip4[2]!, ip4[3]!], 8);
  return makeHost(rng, mac, ip4, ip6);
}

function makeNet(rng: Rng, w: PcapWriter): Net {
  const gateway = makeHost(rng, new Uint8Array([0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x01]), new Uint8Array([10, 0, 0, 1]), ip6Of([0x2001, 0xdb8, 0, 1, 0, 0, 0, 1]));
  const resolver = makeHost(rng, new Uint8Array([0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x35]), new Uint8Array([10, 0, 0, 53]), ip6Of([0x2001, 0xdb8, 0, 1, 0, 0, 0, 0x53]));
  const clients: Host[] = [];
  for (let i = 0; i < 2000; i++) clients.push(lanHost(rng, i));
  const prefixes = [[93, 184], [151, 101], [104, 16], [142, 250], [172, 217], [13, 107], [185, 199], [199, 232]];
  const servers: Host[] = [];
  for (let i = 0; i < 400; i++) {
    const pf = rng.pick(prefixes);
    const ip4 = new Uint8Array([pf[0]!, pf[1]!, rng.int(256), 1 + rng.int(254)]);
    const ip6 = ip6Of([0x2001, 0xdb8, 0xff00 + rng.int(256), rng.int(65536), 0, 0, 0, 1 + rng.int(65535)]);
    servers.push(makeHost(rng, gateway.mac, ip4, ip6));
  }
  return { rng, w, clients, servers, gateway, resolver };
}

function ip6Of(words: number[]): Uint8Array {
  const a = new Uint8Array(16);
  words.forEach((v, i) => {
    a[i * 2] = v >>> 8;
    a[i * 2 + 1] = v & 0xff;
  });
  return a;
}

/** A traffic scenario: `count` packets, emitted one per `next()` of the generator. */
interface Scenario {
  count: number;
  run: Generator<void, void, void>;
}

// ---- TCP + HTTP ------------------------------------------------------------------------------

const TCP_FIN = 0x01;
const TCP_SYN = 0x02;
const TCP_PSH = 0x08;
const TCP_ACK = 0x10;

const HOSTS = ['www.example.com', 'static.example.org', 'api.packetloom.dev', 'cdn.example.net', 'img.cloudfront.net', 'en.wikipedia.org', 'assets.github.com', 'login.example.com'];
const PATHS = ['/', '/index.html', '/about', '/api/v1/items?page=2', '/static/app.css', '/docs/guide.html', '/search?q=packet+capture', '/news/2023/11/14/story.html'];
const WORDS = ['packet', 'capture', 'stream', 'segment', 'window', 'network', 'protocol', 'header', 'payload', 'checksum', 'frame', 'route', 'lorem', 'ipsum', 'dolor', 'sit', 'amet', 'analysis'];
const enc = new TextEncoder();

interface TcpSide {
  host: Host;
  port: number;
  seq: number;
  /** Last TSval this side sent (echoed by the other side). */
  tsval: number;
}

function tcpPacket(n: Net, p: IpPath, from: TcpSide, to: TcpSide, fromClient: boolean, flags: number, win: number, payload: Uint8Array | null, pOff: number, pLen: number): void {
  const w = n.w;
  const b = w.buf;
  const dv = w.dv;
  const syn = (flags & TCP_SYN) !== 0;
  const optLen = syn ? 20 : 12;
  const hdr = 20 + optLen;
  const l4Len = hdr + pLen;
  const start = w.begin();
  const l4 = ipHeaders(w, start, p, fromClient, 6, l4Len, fromClient ? 64 : p.v6 ? 57 : 54);
  dv.setUint16(l4, from.port);
  dv.setUint16(l4 + 2, to.port);
  dv.setUint32(l4 + 4, from.seq >>> 0);
  dv.setUint32(l4 + 8, (flags & TCP_ACK) !== 0 ? to.seq >>> 0 : 0);
  b[l4 + 12] = (hdr / 4) << 4;
  b[l4 + 13] = flags;
  dv.setUint16(l4 + 14, win);
  dv.setUint32(l4 + 16, 0); // checksum, urgent pointer
  let o = l4 + 20;
  const tsval = (from.host.tsBase + w.ms) >>> 0;
  from.tsval = tsval;
  if (syn) {
    b.set([2, 4, 0x05, p.v6 ? 0xa0 : 0xb4, 4, 2, 8, 10], o); // MSS 1440 (IPv6) or 1460
    dv.setUint32(o + 8, tsval);
    dv.setUint32(o + 12, (flags & TCP_ACK) !== 0 ? to.tsval : 0);
    b.set([1, 3, 3, 7], o + 16);
  } else {
    b.set([1, 1, 8, 10], o);
    dv.setUint32(o + 4, tsval);
    dv.setUint32(o + 8, to.tsval);
  }
  o += optLen;
  if (payload && pLen > 0) b.set(payload.subarray(pOff, pOff + pLen), o);
  l4Checksum(w, p, fromClient, 6, l4, l4Len, 16);
  w.commit(l4 - start + l4Len);
  from.seq = (from.seq + pLen + (syn ? 1 : 0) + ((flags & TCP_FIN) !== 0 ? 1 : 0)) >>> 0;
}

function httpBody(rng: Rng, len: number): Uint8Array {
  const head = '<!DOCTYPE html>\n<html><head><title>Packetloom bench</title></head><body>\n';
  const tail = '\n</body></html>\n';
  const out = new Uint8Array(len);
  let s = head;
  while (s.length < len - tail.length) {
    let para = '<p>';
    const words = rng.range(8, 40);
    for (let i = 0; i < words; i++) para += (i ? ' ' : '') + rng.pick(WORDS);
    s += para + '.</p>\n';
  }
  s = s.slice(0, len - tail.length) + tail;
  out.set(enc.encode(s).subarray(0, len));
  return out;
}

function tcpScenario(n: Net): Scenario {
  const rng = n.rng;
  const v6 = rng.chance(0.2);
  const client = rng.pick(n.clients);
  const server = rng.pick(n.servers);
  const path: IpPath = { v6, client, server, peerMac: n.gateway.mac, flow: rng.int(1 << 20) };
  const cport = client.port;
  client.port = client.port >= 60999 ? 32768 : client.port + 1;
  const host = rng.pick(HOSTS);
  const keepAlive = rng.chance(0.4);
  const req = enc.encode(
    `GET ${rng.pick(PATHS)} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: packetloom-bench/1.0\r\nAccept: text/html,*/*;q=0.8\r\nAccept-Encoding: identity\r\nConnection: ${keepAlive ? 'keep-alive' : 'close'}\r\n\r\n`,
  );
  const bodyLen = rng.range(1500, 12000);
  const body = httpBody(rng, bodyLen);
  const respHead = (date: string) =>
    enc.encode(`HTTP/1.1 200 OK\r\nDate: ${date}\r\nServer: nginx/1.24.0\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${bodyLen}\r\nConnection: ${keepAlive ? 'keep-alive' : 'close'}\r\n\r\n`);
  // The Date header has a fixed length, so the segment count is known up front.
  const headLen = respHead('Tue, 14 Nov 2023 22:13:20 GMT').length;
  const mss = v6 ? 1440 - 12 : 1460 - 12;
  const respLen = headLen + bodyLen;
  const nseg = Math.ceil(respLen / mss);
  const serverAcksRequest = rng.chance(0.5);
  const count = 3 + 1 + (serverAcksRequest ? 1 : 0) + nseg + Math.ceil(nseg / 2) + 3;
  const c: TcpSide = { host: client, port: cport, seq: rng.u32(), tsval: 0 };
  const s: TcpSide = { host: server, port: 80, seq: rng.u32(), tsval: 0 };
  function* run(): Generator<void, void, void> {
    tcpPacket(n, path, c, s, true, TCP_SYN, 64240, null, 0, 0);
    yield;
    tcpPacket(n, path, s, c, false, TCP_SYN | TCP_ACK, 65160, null, 0, 0);
    yield;
    tcpPacket(n, path, c, s, true, TCP_ACK, 502, null, 0, 0);
    yield;
    tcpPacket(n, path, c, s, true, TCP_PSH | TCP_ACK, 502, req, 0, req.length);
    yield;
    if (serverAcksRequest) {
      tcpPacket(n, path, s, c, false, TCP_ACK, 509, null, 0, 0);
      yield;
    }
    const date = new Date((START_SEC + Math.floor(n.w.clockUs / 1e6)) * 1000).toUTCString();
    const resp = new Uint8Array(respLen);
    resp.set(respHead(date), 0);
    resp.set(body, headLen);
    for (let i = 0; i < nseg; i++) {
      const off = i * mss;
      const len = Math.min(mss, respLen - off);
      const last = i === nseg - 1;
      tcpPacket(n, path, s, c, false, last ? TCP_PSH | TCP_ACK : TCP_ACK, 509, resp, off, len);
      yield;
      if (i % 2 === 1 || last) {
        tcpPacket(n, path, c, s, true, TCP_ACK, 502, null, 0, 0);
        yield;
      }
    }
    if (keepAlive) {
      tcpPacket(n, path, c, s, true, TCP_FIN | TCP_ACK, 502, null, 0, 0);
      yield;
      tcpPacket(n, path, s, c, false, TCP_FIN | TCP_ACK, 509, null, 0, 0);
      yield;
      tcpPacket(n, path, c, s, true, TCP_ACK, 502, null, 0, 0);
      yield;
    } else {
      tcpPacket(n, path, s, c, false, TCP_FIN | TCP_ACK, 509, null, 0, 0);
      yield;
      tcpPacket(n, path, c, s, true, TCP_FIN | TCP_ACK, 502, null, 0, 0);
      yield;
      tcpPacket(n, path, s, c, false, TCP_ACK, 509, null, 0, 0);
      yield;
    }
  }
  return { count, run: run() };
}

// ---- DNS -------------------------------------------------------------------------------------

const DOMAINS = ['example.com', 'example.org', 'example.net', 'packetloom.dev', 'wikipedia.org', 'github.com', 'cloudfront.net', 'googleapis.com', 'akamaiedge.net', 'fastly.net'];
const SUBS = ['www', 'api', 'cdn', 'img', 'static', 'mail', 'login', 'm', 'assets', 'edge', 'video', 'auth'];
const QTYPE_A = 1;
const QTYPE_CNAME = 5;
const QTYPE_AAAA = 28;

interface DnsAnswerPlan {
  /** CNAME target labels placed before a pointer to the question's registered domain, or null. */
  cname: string[] | null;
  addrs: Uint8Array[];
  ttl: number;
}

function writeLabels(b: Uint8Array, o: number, labels: readonly string[]): number {
  for (const l of labels) {
    b[o++] = l.length;
    for (let i = 0; i < l.length; i++) b[o++] = l.charCodeAt(i);
  }
  return o;
}

/** Writes a DNS message at `o`; returns its length. */
function dnsMessage(b: Uint8Array, dv: DataView, o: number, id: number, qname: string[], qtype: number, ans: DnsAnswerPlan | null): number {
  dv.setUint16(o, id);
  dv.setUint16(o + 2, ans ? 0x8180 : 0x0100);
  dv.setUint16(o + 4, 1);
  dv.setUint16(o + 6, ans ? ans.addrs.length + (ans.cname ? 1 : 0) : 0);
  dv.setUint32(o + 8, 0);
  let q = writeLabels(b, o + 12, qname);
  b[q++] = 0;
  dv.setUint16(q, qtype);
  dv.setUint16(q + 2, 1);
  q += 4;
  if (!ans) return q - o;
  let nameAt = 12; // offset (from the message start) of the name the address records belong to
  if (ans.cname) {
    // The registered domain (last two labels of the question name) starts here:
    let dom = 12;
    for (let i = 0; i < qname.length - 2; i++) dom += 1 + qname[i]!.length;
    dv.setUint16(q, 0xc00c);
    dv.setUint16(q + 2, QTYPE_CNAME);
    dv.setUint16(q + 4, 1);
    dv.setUint32(q + 6, ans.ttl);
    const rd = q + 12;
    let e = writeLabels(b, rd, ans.cname);
    dv.setUint16(e, 0xc000 | dom);
    e += 2;
    dv.setUint16(q + 10, e - rd);
    nameAt = rd - o;
    q = e;
  }
  for (const a of ans.addrs) {
    dv.setUint16(q, 0xc000 | nameAt);
    dv.setUint16(q + 2, a.length === 4 ? QTYPE_A : QTYPE_AAAA);
    dv.setUint16(q + 4, 1);
    dv.setUint32(q + 6, ans.ttl);
    dv.setUint16(q + 10, a.length);
    b.set(a, q + 12);
    q += 12 + a.length;
  }
  return q - o;
}

function udpPacket(n: Net, p: IpPath, fromClient: boolean, sport: number, dport: number, build: (b: Uint8Array, dv: DataView, o: number) => number): void {
  const w = n.w;
  const start = w.begin();
  // Build the payload after a provisional IP header (its length is fixed: 20 or 40 bytes).
  const l4 = start + 14 + (p.v6 ? 40 : 20);
  const plen = build(w.buf, w.dv, l4 + 8);
  const l4Len = 8 + plen;
  ipHeaders(w, start, p, fromClient, 17, l4Len, 64);
  w.dv.setUint16(l4, sport);
  w.dv.setUint16(l4 + 2, dport);
  w.dv.setUint16(l4 + 4, l4Len);
  l4Checksum(w, p, fromClient, 17, l4, l4Len, 6);
  w.commit(l4 - start + l4Len);
}

function dnsScenario(n: Net): Scenario {
  const rng = n.rng;
  const v6 = rng.chance(0.2);
  const client = rng.pick(n.clients);
  const path: IpPath = { v6, client, server: n.resolver, peerMac: n.resolver.mac, flow: rng.int(1 << 20) };
  const sport = rng.range(33535, 60999); // Linux's range, minus tshark's traceroute ports 33434-33534
  const dom = rng.pick(DOMAINS).split('.');
  const qname = rng.chance(0.3) ? [rng.pick(SUBS), rng.pick(SUBS), ...dom] : [rng.pick(SUBS), ...dom];
  const both = rng.chance(0.35); // glibc-style A + AAAA from one socket
  const types = both ? [QTYPE_A, QTYPE_AAAA] : [rng.chance(0.7) ? QTYPE_A : QTYPE_AAAA];
  const cname = rng.chance(0.35) ? [`lb-${rng.int(64)}`, rng.pick(['edge', 'cdn', 'global'])] : null;
  const ttl = rng.pick([30, 60, 300, 3600]);
  const txs = types.map((t) => {
    const addrs: Uint8Array[] = [];
    const k = rng.range(1, 3);
    for (let i = 0; i < k; i++) {
      addrs.push(t === QTYPE_A ? rng.pick(n.servers).ip4 : rng.pick(n.servers).ip6);
    }
    return { id: rng.int(65536), qtype: t, ans: { cname, addrs, ttl } };
  });
  function* run(): Generator<void, void, void> {
    for (const t of txs) {
      udpPacket(n, path, true, sport, 53, (b, dv, o) => dnsMessage(b, dv, o, t.id, qname, t.qtype, null));
      yield;
    }
    for (const t of txs) {
      udpPacket(n, path, false, 53, sport, (b, dv, o) => dnsMessage(b, dv, o, t.id, qname, t.qtype, t.ans));
      yield;
    }
  }
  return { count: txs.length * 2, run: run() };
}

// ---- ARP -------------------------------------------------------------------------------------

function arpPacket(n: Net, op: number, dstMac: Uint8Array, sha: Uint8Array, spa: Uint8Array, tha: Uint8Array, tpa: Uint8Array): void {
  const w = n.w;
  const b = w.buf;
  const start = w.begin();
  let o = eth(b, start, dstMac, sha, ETH_ARP);
  b.set([0, 1, 8, 0, 6, 4, 0, op], o);
  b.set(sha, o + 8);
  b.set(spa, o + 14);
  b.set(tha, o + 18);
  b.set(tpa, o + 24);
  o += 28;
  b.fill(0, o, start + 60); // Ethernet padding to the 60-byte minimum
  w.commit(60);
}

function arpScenario(n: Net): Scenario {
  const rng = n.rng;
  const lan = [n.gateway, n.resolver];
  const asker = rng.chance(0.3) ? rng.pick(lan) : rng.pick(n.clients);
  let target = rng.chance(0.6) ? rng.pick(lan) : rng.pick(n.clients);
  if (target === asker) target = asker === n.gateway ? n.resolver : n.gateway;
  function* run(): Generator<void, void, void> {
    arpPacket(n, 1, BROADCAST, asker.mac, asker.ip4, ZERO_MAC, target.ip4);
    yield;
    arpPacket(n, 2, asker.mac, target.mac, target.ip4, asker.mac, asker.ip4);
    yield;
  }
  return { count: 2, run: run() };
}

function garpScenario(n: Net): Scenario {
  const h = n.rng.pick(n.clients);
  function* run(): Generator<void, void, void> {
    arpPacket(n, 1, BROADCAST, h.mac, h.ip4, ZERO_MAC, h.ip4);
    yield;
  }
  return { count: 1, run: run() };
}

// ---- ICMP / ICMPv6 echo ----------------------------------------------------------------------

function echoPacket(n: Net, p: IpPath, fromClient: boolean, id: number, seq: number, sentUs: number): void {
  const w = n.w;
  const b = w.buf;
  const dv = w.dv;
  const proto = p.v6 ? 58 : 1;
  const l4Len = 8 + 56;
  const start = w.begin();
  const l4 = ipHeaders(w, start, p, fromClient, proto, l4Len, fromClient ? 64 : 117);
  b[l4] = p.v6 ? (fromClient ? 128 : 129) : fromClient ? 8 : 0;
  b[l4 + 1] = 0;
  dv.setUint16(l4 + 2, 0);
  dv.setUint16(l4 + 4, id);
  dv.setUint16(l4 + 6, seq);
  // Linux ping: a struct timeval (two little-endian 64-bit words), then bytes 0x10, 0x11, …
  const d = l4 + 8;
  dv.setUint32(d, START_SEC + Math.floor(sentUs / 1e6), true);
  dv.setUint32(d + 4, 0, true);
  dv.setUint32(d + 8, sentUs % 1e6, true);
  dv.setUint32(d + 12, 0, true);
  for (let i = 16; i < 56; i++) b[d + i] = i;
  if (p.v6) l4Checksum(w, p, fromClient, 58, l4, l4Len, 2);
  else dv.setUint16(l4 + 2, fold(sum16(b, l4, l4Len, 0)));
  w.commit(l4 - start + l4Len);
}

function pingScenario(n: Net, v6: boolean): Scenario {
  const rng = n.rng;
  const path: IpPath = { v6, client: rng.pick(n.clients), server: rng.pick(n.servers), peerMac: n.gateway.mac, flow: rng.int(1 << 20) };
  const id = rng.int(65536);
  const k = rng.range(1, 4);
  function* run(): Generator<void, void, void> {
    for (let seq = 1; seq <= k; seq++) {
      const sent = n.w.clockUs;
      echoPacket(n, path, true, id, seq, sent);
      yield;
      echoPacket(n, path, false, id, seq, sent);
      yield;
    }
  }
  return { count: 2 * k, run: run() };
}

// ---------------------------------------------------------------------------------------------
// The mix: a few concurrent scenarios interleaved; exactly `packets` packets in all.

const MIX: ReadonlyArray<readonly [number, (n: Net) => Scenario]> = [
  [26, tcpScenario],
  [44, dnsScenario],
  [10, (n) => pingScenario(n, false)],
  [5, (n) => pingScenario(n, true)],
  [12, arpScenario],
  [3, garpScenario],
];
const MIX_TOTAL = MIX.reduce((a, [w]) => a + w, 0);
const CONCURRENT = 8;

function newScenario(n: Net, budget: number): Scenario {
  let r = n.rng.int(MIX_TOTAL);
  let make = MIX[0]![1];
  for (const [w, f] of MIX) {
    if (r < w) {
      make = f;
      break;
    }
    r -= w;
  }
  const s = make(n);
  if (s.count <= budget) return s;
  return budget >= 2 ? arpScenario(n) : garpScenario(n);
}

/**
 * Generates a capture of exactly `packets` packets and hands its bytes (the pcap header first) to
 * `sink` in pieces of up to 4 MiB, each valid only during the call. Returns the number of bytes.
 */
export function writeMixedTraffic(sink: (bytes: Uint8Array) => void, packets: number, seed: number): number {
  const rng = new Rng(seed);
  const w = new PcapWriter(sink, rng);
  const net = makeNet(rng, w);
  const slots: (Scenario | null)[] = new Array(CONCURRENT).fill(null);
  let pending = 0; // packets that started scenarios still have to emit
  while (w.packets < packets) {
    for (let i = 0; i < CONCURRENT; i++) {
      const budget = packets - w.packets - pending;
      if (slots[i] === null && budget > 0) {
        const s = newScenario(net, budget);
        slots[i] = s;
        pending += s.count;
      }
    }
    let i = rng.int(CONCURRENT);
    while (slots[i] === null) i = (i + 1) % CONCURRENT;
    const s = slots[i]!;
    s.run.next();
    pending--;
    if (--s.count === 0) {
      s.run.next(); // let the generator finish
      slots[i] = null;
    }
  }
  w.flush();
  return w.bytes;
}


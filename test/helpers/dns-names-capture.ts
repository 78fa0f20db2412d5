/**
 * A crafted capture for host names learned from DNS (`-N nd`): DNS answers over UDP (A and AAAA,
 * in every section, a name given twice, an over-long name, a class other than IN, a query that
 * carries an address record) around TCP and UDP traffic to the addresses they name, some packets
 * before the answer that names them and some after. Shown to tshark by the tests that read it.
 */
import { CRAFT_EPOCH, ipv4Packet, pcapOf, type FrameInput } from './tcp-frames.js';

const ETH = [0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1];

function u16(b: number[], v: number): void {
  b.push((v >>> 8) & 255, v & 255);
}

function name(b: number[], n: string): void {
  for (const label of n.split('.')) {
    if (!label) continue;
    const bytes = [...new TextEncoder().encode(label)];
    b.push(bytes.length, ...bytes);
  }
  b.push(0);
}

function ip6(s: string): number[] {
  const [head, tail] = s.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.flatMap((g) => [(parseInt(g, 16) >>> 8) & 255, parseInt(g, 16) & 255]);
}

export interface Rr {
  name: string;
  type: 'A' | 'AAAA' | 'CNAME';
  data: string;
  cls?: number;
}

/** A DNS message: one question, then answer, authority and additional records. */
export function dnsMessage(id: number, response: boolean, q: string, an: Rr[], ns: Rr[] = [], ar: Rr[] = []): number[] {
  const b: number[] = [];
  u16(b, id);
  u16(b, response ? 0x8180 : 0x0100);
  u16(b, 1);
  u16(b, an.length);
  u16(b, ns.length);
  u16(b, ar.length);
  name(b, q);
  u16(b, 1);
  u16(b, 1);
  for (const r of [...an, ...ns, ...ar]) {
    name(b, r.name);
    u16(b, r.type === 'A' ? 1 : r.type === 'AAAA' ? 28 : 5);
    u16(b, r.cls ?? 1);
    b.push(0, 0, 0x0e, 0x10);
    const rd: number[] = [];
    if (r.type === 'A') rd.push(...r.data.split('.').map(Number));
    else if (r.type === 'AAAA') rd.push(...ip6(r.data));
    else name(rd, r.data);
    u16(b, rd.length);
    b.push(...rd);
  }
  return b;
}

function udp(sport: number, dport: number, payload: number[]): number[] {
  const u: number[] = [];
  u16(u, sport);
  u16(u, dport);
  u16(u, 8 + payload.length);
  u16(u, 0);
  return [...u, ...payload];
}

function v4(src: string, dst: string, proto: number, payload: number[], id: number): Uint8Array {
  return Uint8Array.from([...ETH, 0x08, 0x00, ...ipv4Packet(src, dst, proto, payload, id)]);
}

function v6(src: string, dst: string, proto: number, payload: number[]): Uint8Array {
  const h = [0x60, 0, 0, 0];
  u16(h, payload.length);
  h.push(proto, 64, ...ip6(src), ...ip6(dst));
  return Uint8Array.from([...ETH, 0x86, 0xdd, ...h, ...payload]);
}

/** A TCP SYN (checksum 0: not verified). */
function syn(sport: number, dport: number): number[] {
  const b: number[] = [];
  u16(b, sport);
  u16(b, dport);
  b.push(0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02);
  u16(b, 64240);
  b.push(0, 0, 0, 0);
  return b;
}

const LONG = `${'a'.repeat(40)}.${'b'.repeat(40)}.example`;

/** The frames of the capture, in order. */
export function dnsNamesFrames(): FrameInput[] {
  const frames: Uint8Array[] = [];
  let id = 1;
  const c = '192.0.2.10';
  const srv = '192.0.2.53';
  // Traffic to 198.51.100.7 before any answer names it.
  frames.push(v4(c, '198.51.100.7', 6, syn(40000, 80), id++));
  // A query that carries an address record (as mDNS's known answers do): it names its address too.
  frames.push(v4(c, srv, 17, udp(5353, 5353, dnsMessage(0, false, 'printer.local', [], [], [{ name: 'printer.local', type: 'A', data: '192.0.2.99' }])), id++));
  // An answer: a CNAME chain, the address named by the last owner name.
  frames.push(v4(srv, c, 17, udp(53, 40001, dnsMessage(0x1111, true, 'www.example.com', [
    { name: 'www.example.com', type: 'CNAME', data: 'web.example.com' },
    { name: 'web.example.com', type: 'A', data: '198.51.100.7' },
  ])), id++));
  frames.push(v4(c, '198.51.100.7', 6, syn(40002, 80), id++));
  frames.push(v4(c, '192.0.2.99', 17, udp(40013, 9999, [0, 0]), id++));
  frames.push(v4('198.51.100.7', c, 17, udp(80, 40002, [1, 2, 3, 4]), id++));
  // The server itself named in the additional section of the answer that comes from it.
  frames.push(v4(srv, c, 17, udp(53, 40003, dnsMessage(0x2222, true, 'example.net', [
    { name: 'example.net', type: 'A', data: '203.0.113.5' },
  ], [], [
    { name: 'ns1.example.net', type: 'A', data: srv },
    { name: 'ns1.example.net', type: 'AAAA', data: '2001:db8::53' },
  ])), id++));
  frames.push(v4(c, srv, 17, udp(40004, 53, dnsMessage(0x3333, false, 'example.net', [])), id++));
  // The same address named again: the later name wins.
  frames.push(v4(srv, c, 17, udp(53, 40005, dnsMessage(0x4444, true, 'other.example.org', [
    { name: 'other.example.org', type: 'A', data: '198.51.100.7' },
  ])), id++));
  frames.push(v4(c, '198.51.100.7', 6, syn(40006, 443), id++));
  // A name longer than Wireshark keeps (63 bytes), and a class other than IN (not used).
  frames.push(v4(srv, c, 17, udp(53, 40007, dnsMessage(0x5555, true, LONG, [
    { name: LONG, type: 'A', data: '203.0.113.9' },
    { name: 'chaos.example', type: 'A', data: '203.0.113.10', cls: 3 },
    { name: 'flush.example', type: 'A', data: '203.0.113.11', cls: 0x8001 },
  ])), id++));
  frames.push(v4(c, '203.0.113.9', 6, syn(40008, 80), id++));
  frames.push(v4(c, '203.0.113.10', 6, syn(40009, 80), id++));
  frames.push(v4(c, '203.0.113.11', 6, syn(40010, 80), id++));
  // IPv6: an AAAA answer over IPv6, then traffic to its address.
  frames.push(v6('2001:db8::10', '2001:db8::53', 17, udp(40011, 53, dnsMessage(0x6666, false, 'v6.example.com', []))));
  frames.push(v6('2001:db8::53', '2001:db8::10', 17, udp(53, 40011, dnsMessage(0x6666, true, 'v6.example.com', [
    { name: 'v6.example.com', type: 'AAAA', data: '2001:db8::80' },
  ]))));
  frames.push(v6('2001:db8::10', '2001:db8::80', 6, syn(40012, 80)));
  return frames.map((data, i) => ({ tsSec: CRAFT_EPOCH + i, tsNsec: 0, data }));
}

/** The capture as pcap bytes. */
export function dnsNamesCapture(): Uint8Array {
  return pcapOf(dnsNamesFrames());
}

/**
 * The same frames as a pcapng file with a name resolution block before them: `names` (address
 * text → names; several names for one address are one record's names, in order).
 */
export function dnsNamesPcapng(names: ReadonlyArray<readonly [string, string[]]>): Uint8Array {
  const out: number[] = [];
  const le32 = (b: number[], v: number) => b.push(v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255);
  const le16 = (b: number[], v: number) => b.push(v & 255, (v >>> 8) & 255);
  const pad = (b: number[]) => {
    while (b.length % 4) b.push(0);
  };
  const block = (type: number, body: number[]) => {
    pad(body);
    le32(out, type);
    le32(out, body.length + 12);
    out.push(...body);
    le32(out, body.length + 12);
  };
  const shb: number[] = [];
  le32(shb, 0x1a2b3c4d);
  le16(shb, 1);
  le16(shb, 0);
  le32(shb, 0xffffffff);
  le32(shb, 0xffffffff);
  block(0x0a0d0d0a, shb);
  const idb: number[] = [];
  le16(idb, 1);
  le16(idb, 0);
  le32(idb, 262144);
  block(1, idb);
  const nrb: number[] = [];
  for (const [addr, ns] of names) {
    const six = addr.includes(':');
    const value = [...(six ? ip6(addr) : addr.split('.').map(Number)), ...ns.flatMap((n) => [...new TextEncoder().encode(n), 0])];
    le16(nrb, six ? 2 : 1);
    le16(nrb, value.length);
    nrb.push(...value);
    pad(nrb);
  }
  le32(nrb, 0);
  block(4, nrb);
  for (const f of dnsNamesFrames()) {
    const epb: number[] = [];
    const us = BigInt(f.tsSec) * 1000000n + BigInt(Math.floor(f.tsNsec / 1000));
    le32(epb, 0);
    le32(epb, Number(us >> 32n));
    le32(epb, Number(us & 0xffffffffn));
    le32(epb, f.data.length);
    le32(epb, f.data.length);
    epb.push(...f.data);
    block(6, epb);
  }
  return Uint8Array.from(out);
}

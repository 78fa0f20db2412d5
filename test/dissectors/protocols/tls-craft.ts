/**
 * Crafted TLS connections (tls.test.ts compares them with tshark; tls-two-pass.test.ts with
 * tshark -2): records across and within segments, every record type, the hellos' extensions, key
 * exchanges, a message split over records, malformed lengths, rare messages.
 */
import { Conn } from '../tcp/craft.js';

const bytes = (...parts: (number | number[] | Uint8Array)[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => (typeof p === 'number' ? [p] : [...p])));
const u16 = (n: number) => [n >> 8, n & 0xff];
const u24 = (n: number) => [n >> 16, (n >> 8) & 0xff, n & 0xff];
const fill = (n: number, seed: number) => Array.from({ length: n }, (_, i) => (i * 37 + seed) & 0xff);
const rec = (type: number, version: number, body: Uint8Array | number[]) => bytes(type, u16(version), u16(body.length), [...body]);
const hs = (type: number, body: Uint8Array | number[]) => bytes(type, u24(body.length), [...body]);
const ext = (type: number, body: number[]) => [...u16(type), ...u16(body.length), ...body];
const vec16 = (body: number[]) => [...u16(body.length), ...body];
const vec8 = (body: number[]) => [body.length, ...body];

/** A TLS 1.2 ServerHello choosing `cipher`, with ALPN, EMS, renegotiation_info, heartbeat and an unknown extension. */
function serverHello12(cipher: number, alpn: string): Uint8Array {
  const exts = [
    ...ext(0xff01, [0]), ...ext(23, []), ...ext(15, [1]), ...ext(16, vec16(vec8([...Buffer.from(alpn)]))),
    ...ext(0x1234, [1, 2, 3]), ...ext(11, vec8([0])),
  ];
  return hs(2, bytes(u16(0x0303), fill(32, 1), 32, fill(32, 2), u16(cipher), 0, vec16(exts)));
}

const ecdheSke = () => hs(12, bytes(3, u16(23), 65, 4, fill(64, 3), u16(0x0401), u16(64), fill(64, 4)));
const dheSke = () => hs(12, bytes(u16(16), fill(16, 5), u16(1), 2, u16(16), fill(16, 6), u16(0x0201), u16(8), fill(8, 7)));

/** Crafted connections on `port`, record by record as the test names them. */
export function connections(port: number): Conn[] {
  const out: Conn[] = [];
  // 1. TLS 1.2, ECDHE: hello, SKE split across two segments, CCS + encrypted Finished, data, alerts.
  const a = new Conn('10.0.0.1', '10.0.0.2', 40001, port).handshake();
  a.c(rec(22, 0x0301, hs(1, bytes(u16(0x0303), fill(32, 9), 0, vec16([0x0a, 0x0a, 0xc0, 0x2f, 0x00, 0xff]), vec8([0]),
    vec16([...ext(0x0a0a, []), ...ext(10, vec16([0x1a, 0x1a, 0, 29, 0, 23])), ...ext(5, [1, 0, 0, 0, 0]), ...ext(21, [0, 0, 0]), ...ext(16, vec16([...vec8([...Buffer.from('h2')]), ...vec8([...Buffer.from('http/1.1')])]))])))));
  const ske = rec(22, 0x0303, bytes(serverHello12(0xc02f, 'http/1.1'), ecdheSke(), hs(14, [])));
  a.s(ske.slice(0, 100));
  a.s(ske.slice(100));
  a.c(bytes(rec(22, 0x0303, hs(16, vec8(fill(65, 8)))), rec(20, 0x0303, [1]), rec(22, 0x0303, fill(40, 0))));
  a.s(bytes(rec(20, 0x0303, [1]), rec(22, 0x0303, fill(40, 0))));
  const data = rec(23, 0x0303, fill(300, 11));
  a.c(data.slice(0, 3)); // a record header cut in two
  a.c(data.slice(3));
  a.s(bytes(rec(23, 0x0303, fill(20, 12)), rec(21, 0x0303, fill(26, 13))));
  a.c(rec(21, 0x0303, [2, 40])); // a plaintext fatal alert
  a.c(rec(99, 0x0303, [1, 2, 3])); // an unknown record type: ignored
  out.push(a);
  // 2. TLS 1.2, DHE and RSA key exchanges, a resumed session, zero-length and oversized records.
  const b = new Conn('10.0.0.1', '10.0.0.2', 40002, port).handshake();
  b.s(rec(22, 0x0303, bytes(serverHello12(0x009e, 'h2'), dheSke(), hs(13, bytes(vec8([1, 64]), vec16([4, 1, 5, 3]), vec16([]))), hs(14, []))));
  b.c(rec(22, 0x0303, hs(16, vec16(fill(10, 2)))));
  b.c(bytes(rec(22, 0x0303, []), rec(21, 0x0303, [1, 0]))); // a zero-length handshake record, then a warning alert
  b.s(rec(23, 0x0303, fill(18500, 3)));
  out.push(b);
  const r = new Conn('10.0.0.1', '10.0.0.2', 40003, port).handshake();
  r.s(bytes(rec(22, 0x0303, serverHello12(0x009c, 'http/1.1')), rec(20, 0x0303, [1]), rec(22, 0x0303, fill(40, 0))));
  r.c(rec(22, 0x0303, hs(16, vec16(fill(10, 2)))));
  out.push(r);
  // 3. TLS 1.3: a HelloRetryRequest, the ServerHello with supported_versions, then opaque records.
  const t = new Conn('10.0.0.1', '10.0.0.2', 40004, port).handshake();
  const hrrRandom = [0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c];
  t.s(rec(22, 0x0303, hs(2, bytes(u16(0x0303), hrrRandom, 0, u16(0x1301), 0, vec16([...ext(43, [3, 4]), ...ext(51, [0, 23])])))));
  t.s(bytes(rec(22, 0x0303, hs(2, bytes(u16(0x0303), fill(32, 4), 0, u16(0x1301), 0, vec16([...ext(43, [3, 4]), ...ext(51, [0, 29, ...vec16(fill(32, 5))]), ...ext(41, [0, 0])])))),
    rec(20, 0x0303, [1]), rec(23, 0x0303, fill(30, 6))));
  t.c(bytes(rec(20, 0x0303, [1]), rec(23, 0x0303, fill(50, 7))));
  t.s(rec(23, 0x0303, fill(19, 8)));
  out.push(t);
  // 4. A handshake message split across three records (its header across the first two), the last
  //    record carrying the next message too; the records in two segments.
  const h = new Conn('10.0.0.1', '10.0.0.2', 40006, port).handshake();
  h.c(rec(22, 0x0301, hs(1, bytes(u16(0x0303), fill(32, 9), 0, vec16([0xc0, 0x2f]), vec8([0])))));
  const nst = hs(4, bytes([0, 0, 0x1c, 0x20], vec16(fill(300, 9))));
  h.s(rec(22, 0x0303, bytes(serverHello12(0xc02f, 'http/1.1'), nst.slice(0, 2))));
  h.s(bytes(rec(22, 0x0303, nst.slice(2, 152)), rec(22, 0x0303, bytes(nst.slice(152), hs(14, [])))));
  out.push(h);
  // 5. A ClientHello whose last extension claims more bytes than the message has: Wireshark's
  //    subtree for it ends the dissection ([Malformed Packet]); and a record that ends in the
  //    middle of a SNI list.
  const m = new Conn('10.0.0.1', '10.0.0.2', 40007, port).handshake();
  m.c(rec(22, 0x0301, hs(1, bytes(u16(0x0303), fill(32, 9), 0, vec16([0xc0, 0x2f]), vec8([0]), vec16([...ext(23, []), ...u16(0x1234), ...u16(0x1000), 1, 2])))));
  m.c(rec(22, 0x0301, hs(1, bytes(u16(0x0303), fill(32, 9), 0, vec16([0xc0, 0x2f]), vec8([0]), vec16([...u16(0), ...u16(9), ...u16(20), 0, ...u16(30), 0x61, 0x62])))));
  out.push(m);
  // 6. Rarer messages: CertificateStatus of an unknown type, CertificateURL (RFC 6066), and an
  //    empty application data record.
  const r6 = new Conn('10.0.0.1', '10.0.0.2', 40008, port).handshake();
  r6.c(rec(22, 0x0301, hs(21, bytes(1, u16(1), u16(3), [0x61, 0x62, 0x63], 1, fill(20, 3)))));
  r6.s(bytes(rec(22, 0x0303, hs(22, [65, 1, 2, 3])), rec(23, 0x0303, []), rec(23, 0x0303, fill(20, 4))));
  out.push(r6);
  // 7. Text on the port: not TLS.
  const x = new Conn('10.0.0.1', '10.0.0.2', 40005, port).handshake();
  x.c('HELO example\r\n');
  // 8. Plain HTTP on the port: TLS refuses it and TCP goes on to HTTP's heuristic.
  const p8 = new Conn('10.0.0.1', '10.0.0.2', 40009, port).handshake();
  p8.c('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  p8.s('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi');
  out.push(p8);
  out.push(x);
  return out;
}


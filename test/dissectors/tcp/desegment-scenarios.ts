/**
 * Crafted TCP conversations for the desegmentation tests (desegment.test.ts): each exercises one
 * path of Wireshark's desegment_tcp / tcp_dissect_pdus.
 */
import { Conn, type Seg } from './craft.js';

export interface Scenario {
  name: string;
  segs: Seg[];
}

function dnsName(n: string): number[] {
  const o: number[] = [];
  for (const l of n.split('.')) o.push(l.length, ...[...l].map((c) => c.charCodeAt(0)));
  o.push(0);
  return o;
}

export function dnsQuery(id: number, name: string): number[] {
  return [id >> 8, id & 255, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, ...dnsName(name), 0, 1, 0, 1];
}

export function dnsResponse(id: number, name: string, ip: number[]): number[] {
  return [id >> 8, id & 255, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, ...dnsName(name), 0, 1, 0, 1, 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, ...ip];
}

export function tcpPrefixed(m: number[]): Uint8Array {
  return Uint8Array.from([m.length >> 8, m.length & 255, ...m]);
}

function cat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) out.push(...p);
  return Uint8Array.from(out);
}

export function scenarios(): Scenario[] {
  const list: Scenario[] = [];

  {
    // A request whose headers and body are split over three segments, then a one-segment response.
    const c = new Conn().handshake();
    c.c('POST /upload HTTP/1.1\r\nHost: example.com\r\nContent-Len');
    c.c('gth: 10\r\n\r\n01234');
    c.c('56789');
    c.s('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    c.c('', 'A');
    list.push({ name: 'request split over three segments', segs: c.segs });
  }
  {
    // A request line that grows segment by segment (a long URI, a CR ending one segment): HTTP
    // asks for one more segment each time, and goes on looking for the line end where it stopped.
    const c = new Conn().handshake();
    const line = `GET /${'a'.repeat(3000)} HTTP/1.1\r\nHost: long.example\r\n\r\n`;
    const cut = line.indexOf('\r\n') + 1;
    for (let at = 0; at < cut; at += 97) c.c(line.slice(at, Math.min(at + 97, cut)));
    c.c(line.slice(cut));
    c.s('HTTP/1.1 204 No Content\r\n\r\n');
    list.push({ name: 'a request line over 32 segments', segs: c.segs });
  }
  for (const conflict of [false, true]) {
    // A request line growing segment by segment, then a segment that repeats the last two in part
    // and goes on: it joins the PDU put together so far, before fragments already in it (with the
    // same bytes, or with other bytes: an overlap conflict).
    const c = new Conn().handshake();
    const line = `GET /${'b'.repeat(400)} HTTP/1.1\r\nHost: x\r\n\r\n`;
    const start = c.cseq;
    c.c(line.slice(0, 100));
    c.c(line.slice(100, 200));
    c.c(line.slice(200, 300));
    const again = line.slice(150, 380);
    c.push(true, conflict ? again.replace('bbbbb', 'ccccc') : again, 'PA', start + 150);
    c.cseq = start + 380;
    c.c(line.slice(380));
    c.s('HTTP/1.1 204 No Content\r\n\r\n');
    list.push({ name: `a longer segment over part of a growing request line (${conflict ? 'other' : 'same'} bytes)`, segs: c.segs });
  }
  {
    // Pipelining: a segment ends one request and starts the next; a response ends inside a segment.
    const c = new Conn().handshake();
    c.c('GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHo');
    c.c('st: a\r\n\r\n');
    c.s('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab');
    c.s('cHTTP/1.1 200 OK\r\nContent-Len');
    c.s('gth: 2\r\n\r\nxy');
    list.push({ name: 'pipelined requests and responses', segs: c.segs });
  }
  {
    // A retransmission of the first segment of a pending PDU, and of its completing segment.
    const c = new Conn().handshake();
    const first = c.c('GET /r HTTP/1.1\r\nHost: ');
    c.wait(0.3);
    c.again(first);
    const last = c.c('r.example\r\n\r\n');
    c.s('HTTP/1.1 204 No Content\r\n\r\n');
    c.wait(0.3);
    c.again(last);
    list.push({ name: 'retransmissions of a reassembled request', segs: c.segs });
  }
  {
    // Out of order: the third part arrives before the second.
    const c = new Conn().handshake();
    c.c('GET /ooo HTTP/1.1\r\n');
    const start2 = c.cseq;
    const part2 = 'Host: o.example\r\n';
    c.push(true, '\r\n', 'PA', start2 + part2.length);
    c.push(true, part2, 'PA', start2);
    c.cseq += part2.length + 2;
    c.s('HTTP/1.1 204 No Content\r\n\r\n');
    list.push({ name: 'out-of-order segment in a pending request', segs: c.segs });
  }
  {
    // A response delimited by the end of the connection, ended by a FIN without data.
    const c = new Conn().handshake();
    c.c('GET /old HTTP/1.0\r\n\r\n');
    c.s('HTTP/1.0 200 OK\r\nServer: x\r\n\r\nhello');
    c.s(' world');
    c.s('', 'FA');
    c.c('', 'FA');
    list.push({ name: 'body until FIN (FIN without data)', segs: c.segs });
  }
  {
    // The same, the FIN carrying the last bytes.
    const c = new Conn().handshake();
    c.c('GET /old HTTP/1.0\r\n\r\n');
    c.s('HTTP/1.0 200 OK\r\nServer: x\r\n\r\nhello');
    c.s(' world', 'FPA');
    c.c('', 'FA');
    list.push({ name: 'body until FIN (FIN with data)', segs: c.segs });
  }
  {
    // The response headers span two segments (one more segment, then until FIN), the body ends with FIN.
    const c = new Conn().handshake();
    c.c('GET /old HTTP/1.0\r\n\r\n');
    c.s('HTTP/1.0 200 OK\r\nSer');
    c.s('ver: x\r\n\r\nhello');
    c.s(' world');
    c.s(' again');
    c.s('', 'FA');
    c.c('', 'FA');
    list.push({ name: 'headers over two segments, then body until FIN', segs: c.segs });
  }
  {
    // A keep-alive (one byte below the next sequence number) goes to data, not to HTTP.
    const c = new Conn().handshake();
    c.c('GET /ka HTTP/1.1\r\nHost: k\r\n\r\n');
    c.s('HTTP/1.1 204 No Content\r\n\r\n');
    c.wait(30);
    c.push(true, 'x', 'A', c.cseq - 1);
    c.s('', 'A');
    list.push({ name: 'keep-alive', segs: c.segs });
  }
  {
    // A segment of a pending PDU is lost; the peer acknowledges past it.
    const c = new Conn().handshake();
    c.c('POST /lost HTTP/1.1\r\nContent-Length: 12\r\n\r\nabcd');
    c.cseq += 4; // "efgh" never captured
    c.c('ijkl');
    c.s('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
    list.push({ name: 'lost segment inside a PDU', segs: c.segs });
  }
  {
    // A segment cut by the snap length cannot be desegmented.
    const c = new Conn().handshake();
    c.c('GET /snap HTTP/1.1\r\nHost: ');
    const cut = c.c('s.example\r\nX-Long-Header: 0123456789\r\n\r\n');
    cut.snap = 54 + 10;
    c.s('HTTP/1.1 204 No Content\r\n\r\n');
    list.push({ name: 'segment cut by the snap length', segs: c.segs });
  }
  {
    // A PDU across the sequence number wrap-around.
    const c = new Conn('10.0.0.1', '10.0.0.2', 40000, 80, 0xfffffff0, 0x7ffffff0).handshake();
    c.c('GET /wrap HTTP/1.1\r\n');
    c.c('Host: w.example\r\n\r\n');
    c.s('HTTP/1.1 204 No Content\r\n\r\n');
    list.push({ name: 'PDU across the sequence wrap-around', segs: c.segs });
  }
  {
    // DNS over TCP: a query in three pieces, two queries in one segment, responses straddling segments.
    const c = new Conn('10.0.0.1', '10.0.0.2', 40000, 53).handshake();
    const q1 = tcpPrefixed(dnsQuery(0x1111, 'a.example'));
    const q2 = tcpPrefixed(dnsQuery(0x2222, 'b.example'));
    const q3 = tcpPrefixed(dnsQuery(0x3333, 'c.example'));
    const r1 = tcpPrefixed(dnsResponse(0x1111, 'a.example', [1, 2, 3, 4]));
    const r2 = tcpPrefixed(dnsResponse(0x2222, 'b.example', [5, 6, 7, 8]));
    const r3 = tcpPrefixed(dnsResponse(0x3333, 'c.example', [9, 9, 9, 9]));
    c.c(q1.subarray(0, 1));
    c.c(q1.subarray(1, 10));
    c.c(q1.subarray(10));
    c.c(cat(q2, q3));
    c.s(cat(r1, r2.subarray(0, 7)));
    c.s(cat(r2.subarray(7), r3));
    list.push({ name: 'DNS over TCP: split and packed messages', segs: c.segs });
  }
  {
    // DNS over TCP: a PDU completed at the start of a segment that starts the next one.
    const c = new Conn('10.0.0.1', '10.0.0.2', 40000, 53).handshake();
    const q1 = tcpPrefixed(dnsQuery(0x1111, 'a.example'));
    const q2 = tcpPrefixed(dnsQuery(0x2222, 'b.example'));
    const q3 = tcpPrefixed(dnsQuery(0x3333, 'c.example'));
    c.c(q1.subarray(0, 5));
    c.c(cat(q1.subarray(5), q2.subarray(0, 4)));
    c.c(cat(q2.subarray(4), q3.subarray(0, 1)));
    const last = c.c(q3.subarray(1));
    c.again(last);
    list.push({ name: 'DNS over TCP: PDUs following each other across segments', segs: c.segs });
  }
  {
    // Headers that never end (the sub-dissector asks for one more segment, again and again): a
    // copy of the segment last put together, arriving out of order after a gap, continues the PDU
    // (Wireshark compares the fragment's end with >= the reassembled length; > made it a
    // reassembly error, "overlaps old data").
    const c = new Conn().handshake();
    c.c('GET / HTTP/1.1\r\n\r\n');
    c.s('HTTP/1.1 200 OK\r\nX: ' + 'a'.repeat(100));
    const last = c.s('b'.repeat(100));
    const lost = c.s('c'.repeat(100));
    c.segs.splice(c.segs.indexOf(lost), 1);
    c.s('d'.repeat(100));
    c.wait(0.0001);
    c.again(last);
    c.again(lost);
    c.s('\r\n\r\n');
    list.push({ name: 'copies of segments of a PDU put together in part', segs: c.segs });
  }
  return list;
}

/**
 * Requests paired with responses when the capture lost part of a keep-alive connection: a
 * response that never arrived, or one cut by a gap, must not shift every later pairing by one.
 * The client's acknowledgment number says it received the answer the capture lost. Pipelined
 * requests (sent before their answers) still take responses in order. Crafted connections through
 * the real TCP engine; the lost-response cases agree with tshark 4.0, compared on the spot.
 */
import { describe, expect, it } from 'vitest';
import { extractFields } from '../../../../dissectors/output/fields.js';
import { treeLines } from '../../../../dissectors/output/text.js';
import { Conn, dissectSegs, HAVE_TSHARK, tsharkRun, type Seg } from '../../tcp/craft.js';

const PAIRING = ['http.request_number', 'http.response_number', 'http.request_in', 'http.prev_request_in', 'http.prev_response_in', 'http.response_for.uri'];

function ours(segs: readonly Seg[]): string[][] {
  const rows: string[][] = [];
  dissectSegs(segs, (d) => {
    rows.push(extractFields(d.pinfo.tree, PAIRING).map((v) => v.join(',')));
  });
  return rows;
}

function theirs(segs: readonly Seg[]): string[][] {
  const args = ['-T', 'fields', ...PAIRING.flatMap((f) => ['-e', f]), '-E', 'occurrence=a', '-E', 'aggregator=,'];
  return tsharkRun(segs, args).split('\n').filter((l, i, a) => i < a.length - 1 || l !== '').map((l) => l.split('\t'));
}

const ok = (n: number) => `HTTP/1.1 200 OK\r\nContent-Length: ${n}\r\n\r\n${'x'.repeat(n)}`;

/** Drops a segment from the capture (the connection still sent it: sequence numbers go on). */
function lose(c: Conn, seg: Seg): void {
  c.segs.splice(c.segs.indexOf(seg), 1);
}

describe('HTTP pairing across responses lost from the capture', () => {
  it('pairs each response with its own request after a response was lost', () => {
    const c = new Conn().handshake();
    c.c('GET /1 HTTP/1.1\r\nHost: h\r\n\r\n'); // 4
    lose(c, c.s(ok(10)));
    c.c('GET /2 HTTP/1.1\r\nHost: h\r\n\r\n'); // 5
    c.s(ok(20)); // 6
    c.c('GET /3 HTTP/1.1\r\nHost: h\r\n\r\n'); // 7
    c.s(ok(30)); // 8
    const rows = ours(c.segs);
    // Response 6 answers request 5, response 8 request 7 (not 4 and 5: one lost response shifted all).
    expect(rows[5]).toEqual(['', '2', '5', '4', '', 'http://h/2']);
    expect(rows[7]).toEqual(['', '3', '7', '5', '6', 'http://h/3']);
    if (HAVE_TSHARK) expect(rows).toEqual(theirs(c.segs));
  });

  it('pairs past a response cut by a gap (its start captured, a segment lost)', () => {
    const c = new Conn().handshake();
    c.c('GET /1 HTTP/1.1\r\nHost: h\r\n\r\n'); // 4
    const body = ok(2000);
    c.s(body.slice(0, 1000)); // 5: never completes
    lose(c, c.s(body.slice(1000)));
    c.c('GET /2 HTTP/1.1\r\nHost: h\r\n\r\n'); // 6
    c.s(ok(5)); // 7
    const rows = ours(c.segs);
    expect(rows[6]).toEqual(['', '2', '6', '4', '', 'http://h/2']);
    if (HAVE_TSHARK) expect(rows).toEqual(theirs(c.segs));
  });

  it('pairs past two responses lost in a row', () => {
    const c = new Conn().handshake();
    c.c('GET /1 HTTP/1.1\r\nHost: h\r\n\r\n'); // 4
    lose(c, c.s(ok(10)));
    c.c('GET /2 HTTP/1.1\r\nHost: h\r\n\r\n'); // 5
    lose(c, c.s(ok(11)));
    c.c('GET /3 HTTP/1.1\r\nHost: h\r\n\r\n'); // 6
    c.s(ok(12)); // 7
    const rows = ours(c.segs);
    expect(rows[6]).toEqual(['', '3', '6', '5', '', 'http://h/3']);
    if (HAVE_TSHARK) expect(rows).toEqual(theirs(c.segs));
  });

  it('keeps pipelined requests queued when a later request follows the first answer (tshark 4.0: the latest request)', () => {
    const c = new Conn().handshake();
    c.c('GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n'); // 4
    c.s(ok(3)); // 5: answers /a
    c.c('GET /c HTTP/1.1\r\nHost: h\r\n\r\n'); // 6: acknowledges only the first answer
    c.s(ok(4)); // 7: answers /b
    c.s(ok(5)); // 8: answers /c
    const rows = ours(c.segs);
    expect(rows[4]).toEqual(['', '1', '4', '', '', 'http://h/a']);
    expect(rows[6]).toEqual(['', '2', '4', '4', '5', 'http://h/b']);
    expect(rows[7]).toEqual(['', '3', '6', '4', '7', 'http://h/c']);
  });
});

describe('a FIN sent again while a body runs until FIN', () => {
  it('is shown as tshark shows it: "Retransmission of FIN from frame", not a generated item', () => {
    const c = new Conn().handshake();
    c.c('GET / HTTP/1.0\r\n\r\n'); // 4
    c.s('HTTP/1.0 200 OK\r\n\r\nbody'); // 5
    const fin = c.s('', 'FA'); // 6
    c.again(fin); // 7
    const lines: string[] = [];
    dissectSegs(c.segs, (d) => {
      if (d.num === 7) lines.push(...treeLines(d.pinfo.tree).filter((l) => l.includes('of FIN')));
    });
    expect(lines).toEqual(['    Retransmission of FIN from frame: 6']);
    if (HAVE_TSHARK) expect(tsharkRun(c.segs, ['-V', '-Y', 'frame.number == 7']).split('\n').filter((l) => l.includes('of FIN'))).toEqual(lines);
  });
});

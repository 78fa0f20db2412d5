/**
 * Follow Stream on real captures: the model (bytes, the three modes as tshark writes them, search
 * across segments, message framing, the sticky-packet pieces) and the view rendered to static
 * HTML in both languages: the HTTP exchange of our own capture with its message boundaries, a
 * response spread over six segments, a request line by line in one segment.
 */
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { FollowView } from '../../../../renderer/features/follow/index.js';
import {
  asciiText, base64Bytes, decodeChunks, dirStream, filterOutText, findMatches, followAsText, followBytes, hexLines, highlightParts, messagesFor,
  rawHex, stickyPieces, stickyStats,
} from '../../../../renderer/features/follow/model.js';
import { followResult, OWN } from '../fixture-data.js';
import { render, textOf } from '../i18n.js';
import { runCli } from '../../../electron/cli/run-cli.js';

const HTTP = OWN + 'handshake-http.pcapng';
const r = followResult(HTTP, 0);
const chunks = decodeChunks(r);
const dirs = { c2s: dirStream(chunks, 'c2s'), s2c: dirStream(chunks, 's2c') };

describe('follow model', () => {
  it('base64 decoding matches Node', () => {
    for (const c of r.chunks) expect(Buffer.from(base64Bytes(c.bytes)).equals(Buffer.from(c.bytes, 'base64'))).toBe(true);
    expect([...base64Bytes('AAEC/w==')]).toEqual([0, 1, 2, 255]);
  });

  it('each direction put together: the GET and the 2410-byte response over six segments', () => {
    expect(dirs.c2s.bytes.length).toBe(93);
    expect(dirs.s2c.bytes.length).toBe(2410);
    expect(asciiText(dirs.c2s.bytes)).toMatch(/^GET \/[^\r]* HTTP\/1\.1\r\n/);
    expect(asciiText(dirs.s2c.bytes)).toMatch(/^HTTP\/1\.[01] 200 OK\r\n/);
    expect(dirs.s2c.segments.map((g) => g.no)).toEqual([16, 18, 20, 22, 24, 26]);
  });

  it('ASCII, hex dump and raw as our tshark-compatible CLI writes them', async () => {
    for (const mode of ['ascii', 'hex', 'raw'] as const) {
      const cli = await runCli(['-r', HTTP, '-q', '-z', `follow,tcp,${mode},0`]);
      expect(cli.code).toBe(0);
      const body = cli.stdout.split('\n').slice(6, -2).join('\n');
      if (mode === 'ascii') {
        // tshark's ascii mode puts each chunk's length before it; the bytes are the same.
        const cliText = body.split('\n').filter((l) => !/^\t?\d+$/.test(l)).join('\n');
        expect(cliText.replace(/\n/g, '')).toBe(followAsText(chunks, 'ascii').replace(/\n/g, ''));
      } else {
        expect(body + '\n').toBe(followAsText(chunks, mode));
      }
    }
  });

  it('hex lines and raw for one chunk', () => {
    const c = chunks[0]!;
    const first = hexLines(c.data, 0)[0]!;
    expect(first.startsWith('00000000  47 45 54 20 2f')).toBe(true);
    expect(first).toContain(`  ${asciiText(c.data.subarray(0, 8))} `);
    expect(hexLines(c.data, 0)).toHaveLength(Math.ceil(c.data.length / 16));
    expect(rawHex(c.data)).toBe(Buffer.from(c.data).toString('hex'));
    expect(followBytes(chunks).length).toBe(93 + 2410);
  });

  it('search: case-insensitive, across segment boundaries, highlighted per chunk', () => {
    const http = findMatches(dirs.s2c, 'http/1.');
    expect(http.length).toBeGreaterThanOrEqual(1);
    expect(http[0]).toEqual({ dir: 's2c', start: 0, end: 7 });
    expect(findMatches(dirs.s2c, 'http/1.', true)).toEqual([]);
    // A match that spans the boundary between the segments of #16 and #18 (stream offset 187).
    const across = asciiText(dirs.s2c.bytes.subarray(183, 191));
    const m = findMatches(dirs.s2c, across, true);
    expect(m.some((x) => x.start <= 183 && x.end >= 191)).toBe(true);
    const span = m.find((x) => x.start === 183)!;
    const c16 = chunks.find((c) => c.no === 16)!;
    const c18 = chunks.find((c) => c.no === 18)!;
    expect(highlightParts(c16, [span]).filter((p) => p.hit)).toEqual([{ from: 183, to: 187, hit: true }]);
    expect(highlightParts(c18, [span]).filter((p) => p.hit)).toEqual([{ from: 0, to: 4, hit: true }]);
    expect(findMatches(dirs.c2s, '')).toEqual([]);
  });

  it('sticky pieces: the response is one message over six segments', () => {
    const pieces = stickyPieces(dirs.s2c, r.messages);
    expect(pieces.length).toBe(6);
    expect(pieces.every((p) => p.message === 0)).toBe(true);
    expect(pieces.map((p) => p.segmentStart)).toEqual([true, true, true, true, true, true]);
    expect(pieces.map((p) => p.messageStart)).toEqual([true, false, false, false, false, false]);
    expect(stickyStats(dirs.s2c, r.messages).messagesOverSeveral).toHaveLength(1);
  });

  it('with \\r\\n framing the one request segment carries every header line', () => {
    const lines = messagesFor(r, { kind: 'delimiter', delimiter: '\\r\\n' }, dirs).filter((m) => m.dir === 'c2s');
    const text = asciiText(dirs.c2s.bytes);
    expect(lines.length).toBe(text.split('\r\n').length - 1);
    const st = stickyStats(dirs.c2s, lines);
    expect(st.segmentsWithSeveral.map((g) => g.no)).toEqual([14]);
    const pieces = stickyPieces(dirs.c2s, lines);
    expect(pieces.filter((p) => p.segmentStart)).toHaveLength(1);
    expect(pieces.filter((p) => p.messageStart)).toHaveLength(lines.length);
    expect(messagesFor(r, { kind: 'auto' }, dirs)).toBe(r.messages);
  });

  it('a 1 MB stream cut into 100 000 lines (as many as the splitter cuts) over 691 segments: every boundary found', () => {
    const line = new TextEncoder().encode('012345678\n');
    const total = 100_000 * line.length;
    const big = new Uint8Array(total);
    for (let i = 0; i < total; i += line.length) big.set(line, i);
    const segs = [];
    for (let o = 0, no = 1; o < total; o += 1448, no++) segs.push({ no, start: o, end: Math.min(total, o + 1448) });
    const s = { dir: 'c2s' as const, bytes: big, segments: segs };
    const msgs = messagesFor({ ...r, messages: [] }, { kind: 'delimiter', delimiter: '\\n' }, { c2s: s, s2c: dirs.s2c }).filter((m) => m.dir === 'c2s');
    expect(msgs).toHaveLength(100_000);
    const pieces = stickyPieces(s, msgs);
    expect(pieces.filter((p) => p.messageStart)).toHaveLength(100_000);
    expect(pieces.filter((p) => p.segmentStart)).toHaveLength(segs.length);
    expect(pieces.reduce((n, p) => n + p.end - p.start, 0)).toBe(total);
    const st = stickyStats(s, msgs);
    // Every segment holds many 10-byte lines; a line is split wherever a segment boundary falls inside it.
    expect(st.segmentsWithSeveral).toHaveLength(segs.length);
    expect(st.messagesOverSeveral).toHaveLength(segs.filter((g) => g.start % 10 !== 0).length);
    expect(stickyPieces(s, msgs, 100).at(-1)!.end).toBe(100);
  });

  it('filter out this stream', () => {
    expect(filterOutText('tcp', 0)).toBe('!(tcp.stream eq 0)');
    expect(filterOutText('udp', 12)).toBe('!(udp.stream eq 12)');
  });
});

describe('follow view', () => {
  it('the HTTP exchange in two colours, ASCII', () => {
    const html = render(createElement(FollowView, { result: r, streams: [0, 1] }));
    const blocks = [...html.matchAll(/class="follow-chunk (c2s|s2c)" data-no="(\d+)"/g)].map((m) => `${m[1]}#${m[2]}`);
    expect(blocks).toEqual(['c2s#14', 's2c#16', 's2c#18', 's2c#20', 's2c#22', 's2c#24', 's2c#26']);
    const text = textOf(html);
    expect(text).toContain('GET /');
    expect(text).toContain('200 OK');
    expect(text).toContain(`Client ${r.client}: 93 bytes`);
    expect(text).toContain(`Server ${r.server}: 2410 bytes`);
    expect(text).toContain('Follow TCP stream 0');
    const zh = textOf(render(createElement(FollowView, { result: r }), 'zh-CN'));
    expect(zh).toContain('追踪 TCP 流 0');
    expect(zh).toContain(`客户端 ${r.client}：93 字节`);
  });

  it('hex dump and raw modes', () => {
    expect(render(createElement(FollowView, { result: r, initialMode: 'hex' }))).toContain(hexLines(chunks[0]!.data, 0)[0]!.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(render(createElement(FollowView, { result: r, initialMode: 'raw' }))).toContain(rawHex(chunks[0]!.data));
  });

  it('search highlights and counts', () => {
    const html = render(createElement(FollowView, { result: r, initialQuery: 'content-' }));
    const n = findMatches(dirs.s2c, 'content-').length + findMatches(dirs.c2s, 'content-').length;
    expect(n).toBeGreaterThan(0);
    expect(html.match(/<mark>/g)!.length).toBe(n);
    expect(textOf(html)).toContain(`${n} match`);
    expect(textOf(render(createElement(FollowView, { result: r, initialQuery: 'content-' }), 'zh-CN'))).toContain(`${n} 处匹配`);
  });

  it('the sticky-packet view: segment and message boundaries over the same bytes', () => {
    const html = render(createElement(FollowView, { result: r, initialSticky: true }));
    const text = textOf(html);
    expect(text).toContain('6 segments, 1 messages: 0 segments carry more than one message, 1 messages span more than one segment.');
    expect(text).toContain('Message PDU in #26 spans 6 segments.');
    expect(html.match(/class="lane-segment"/g)!.length).toBe(7);
    expect(html.match(/class="lane-message"/g)!.length).toBe(2);
    expect(html.match(/class="segment-mark"/g)!.length).toBe(7);
    expect(html.match(/class="message-mark"/g)!.length).toBe(2);
    const zh = textOf(render(createElement(FollowView, { result: r, initialSticky: true }), 'zh-CN'));
    expect(zh).toContain('消息 PDU in #26 跨越 6 个报文段。');
    expect(zh).toContain('TCP 传输的是字节流，而不是消息');
  });

  it('with a delimiter framing one segment carries several messages', () => {
    const html = render(createElement(FollowView, { result: r, initialSticky: true, framing: { kind: 'delimiter', delimiter: '\\r\\n' }, onFramingChange: () => {} }));
    expect(textOf(html)).toMatch(/Segment #14 carries \(parts of\) \d+ messages\./);
    expect(html).toContain('<option value="delimiter" selected="">delimiter</option>');
    const lp = render(createElement(FollowView, { result: r, initialSticky: true, framing: { kind: 'length', bytes: 4, endian: 'little' }, onFramingChange: () => {} }));
    expect(lp).toContain('<option value="4" selected="">4 bytes</option>');
    expect(lp).toContain('<option value="little" selected="">little endian</option>');
  });

  it('actions appear with their callbacks; no result, no data', () => {
    const html = textOf(render(createElement(FollowView, { result: r, onSave: () => {}, onFilter: () => {} })));
    expect(html).toContain('Save as…');
    expect(html).toContain('Filter out this stream');
    expect(textOf(render(createElement(FollowView, { result: null })))).toBe('Select a TCP or UDP packet to follow its stream.');
    const empty = { ...r, chunks: [], messages: [], bytesC2S: 0, bytesS2C: 0 };
    expect(textOf(render(createElement(FollowView, { result: empty }), 'zh-CN'))).toContain('此流中没有载荷字节。');
  });
});

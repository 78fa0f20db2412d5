/**
 * The analysis views fed by the real engine (inline mode) rather than by the test builders: what
 * the session API returns for our own captures renders as the views promise, and agrees with the
 * builders' data that the other tests use.
 */
import { createElement } from 'react';
import { afterAll, describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../electron/api/contract.js';
import { createEngine, type Engine } from '../../../electron/engine/engine.js';
import { ConversationsView } from '../../../renderer/features/conversations/index.js';
import { ExpertView } from '../../../renderer/features/expert/index.js';
import { FollowView } from '../../../renderer/features/follow/index.js';
import { HandshakeView } from '../../../renderer/features/handshake/index.js';
import { layoutLadder } from '../../../renderer/features/handshake/ladder.js';
import { connectionView, OWN } from './fixture-data.js';
import { render, textOf } from './i18n.js';

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const engines: Engine[] = [];
afterAll(async () => {
  for (const e of engines) await e.shutdown();
});

async function open(file: string): Promise<{ e: Engine; id: string }> {
  const e = createEngine({ mode: 'inline' });
  engines.push(e);
  const info = await ok(e.call('openFile', { path: OWN + file }));
  for (;;) {
    const s: SessionStatus = await ok(e.call('status', { session: info.id }));
    if (s.state !== 'indexing') break;
    await new Promise((r) => setTimeout(r, 5));
  }
  return { e, id: info.id };
}

describe('views on the engine', () => {
  it('handshake view of the engine connection: the states in order, and the same packets as the fields say', async () => {
    const { e, id } = await open('refused-and-reset.pcap');
    const view = await ok(e.call('connection', { session: id, stream: 2 }));
    const mine = connectionView(OWN + 'refused-and-reset.pcap', 2);
    const pick = (v: typeof view) => v.packets.map((p) => [p.no, p.dir, p.flags, p.seq, p.ack, p.len, p.client, p.server]);
    expect(pick(view)).toEqual(pick(mine));
    expect(layoutLadder(view, { axis: 'compressed' }).stateOrder).toEqual(['CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSE-WAIT', 'FIN-WAIT-2', 'LAST-ACK', 'TIME-WAIT']);
    const text = textOf(render(createElement(HandshakeView, { view, selectedNo: 17 })));
    expect(text).toContain(`ack=1 is x+1 = ${mine.client.isn} + 1 = ${mine.client.isn! + 1}`);
    const refused = await ok(e.call('connection', { session: id, stream: 0 }));
    expect(textOf(render(createElement(HandshakeView, { view: refused, selectedNo: 4 }), 'zh-CN'))).toContain('服务器拒绝连接');
  });

  it('follow view of the engine follow: the HTTP exchange with its message boundaries', async () => {
    const { e, id } = await open('handshake-http.pcapng');
    const auto = await ok(e.call('follow', { session: id, proto: 'tcp', stream: 0 }));
    expect(auto.bytesC2S).toBe(93);
    expect(auto.bytesS2C).toBe(2410);
    expect(auto.messages.filter((m) => m.dir === 's2c').map((m) => [m.start, m.end])).toEqual([[0, 2410]]);
    const html = render(createElement(FollowView, { result: auto, initialSticky: true }));
    expect(textOf(html)).toContain('6 segments, 1 messages');
    expect(html.match(/class="message-mark"/g)!.length).toBe(2);
    // The engine frames with the same splitter the view uses for a user-chosen framing.
    const lines = await ok(e.call('follow', { session: id, proto: 'tcp', stream: 0, framing: { kind: 'delimiter', delimiter: '\\r\\n' } }));
    const viewLines = render(createElement(FollowView, { result: lines, initialSticky: true, framing: { kind: 'delimiter', delimiter: '\\r\\n' }, onFramingChange: () => {} }));
    expect(viewLines.match(/class="message-mark"/g)!.length).toBe(lines.messages.filter((m) => m.start < 256 * 1024).length);
  });

  it('a UDP stream follows too: DNS query and answer in two colours', async () => {
    const { e, id } = await open('dns-udp.pcap');
    const udp = await ok(e.call('conversations', { session: id, kind: 'udp' }));
    expect(udp.length).toBeGreaterThan(0);
    const f = await ok(e.call('follow', { session: id, proto: 'udp', stream: udp[0]!.stream! }));
    const html = render(createElement(FollowView, { result: f }));
    expect(html).toContain('class="follow-chunk c2s"');
    expect(html).toContain('class="follow-chunk s2c"');
    expect(textOf(html)).toContain(`Follow UDP stream ${udp[0]!.stream}`);
  });

  it('conversations and expert info of the engine', async () => {
    const { e, id } = await open('refused-and-reset.pcap');
    const tcp = await ok(e.call('conversations', { session: id, kind: 'tcp' }));
    expect(tcp.map((r) => r.outcome)).toEqual(['REJ', 'RSTO', 'SF']);
    const text = textOf(render(createElement(ConversationsView, { conversations: { tcp } })));
    expect(text).toContain('REJ: connection attempt rejected');
    expect(text).toContain('TCP · 3');
    const expert = await ok(e.call('expert', { session: id }));
    const html = textOf(render(createElement(ExpertView, { rows: expert })));
    expect(html).toContain('Connection reset (RST)');
    expect(html).toMatch(/Warnings \(\d+\)/);
  });
});

/**
 * The handshake view rendered to static HTML with real connections, in English and Chinese: the
 * lifelines show the states in order, a refused connection shows its RST, the selected arrow is
 * highlighted and explained, a live view shows that it is waiting.
 */
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { HandshakeView } from '../../../../renderer/features/handshake/index.js';
import { connectionView, CORPUS, OWN } from '../fixture-data.js';
import { render, textOf } from '../i18n.js';

/** The data-state attributes of the bands in document order, per side. */
function bandStates(html: string, side: 'client' | 'server'): string[] {
  return [...html.matchAll(/class="ladder-band[^"]*" data-side="(client|server)" data-state="([A-Z0-9-]+)"/g)].filter((m) => m[1] === side).map((m) => m[2]!);
}

describe('handshake view', () => {
  const normal = connectionView(OWN + 'refused-and-reset.pcap', 2);

  it('normal open and close: every state on the lifelines, in order', () => {
    const html = render(createElement(HandshakeView, { view: normal }));
    expect(bandStates(html, 'client')).toEqual(['CLOSED', 'SYN-SENT', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
    expect(bandStates(html, 'server')).toEqual(['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT']);
    const order = ['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSE-WAIT', 'FIN-WAIT-2', 'LAST-ACK', 'TIME-WAIT'];
    // Read top to bottom: each state first appears after the one before it.
    const firstY = (s: string) => Number(new RegExp(`data-state="${s}"[^>]*>(?:<title>[^<]*</title>)?<line x1="\\d+" y1="([\\d.]+)"`).exec(html)![1]);
    order.slice(1).forEach((s, i) => expect(firstY(s), s).toBeGreaterThanOrEqual(firstY(order[i]!)));
    expect(firstY('CLOSED')).toBeLessThan(firstY('SYN-SENT'));
    // The client's final CLOSED comes after the server's TIME-WAIT began.
    const ys = [...html.matchAll(/data-side="client" data-state="CLOSED"[^>]*>(?:<title>[^<]*<\/title>)?<line x1="\d+" y1="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(ys.length).toBe(2);
    expect(ys[1]).toBeGreaterThan(firstY('TIME-WAIT'));
    const text = textOf(html);
    expect(text).toContain('[SYN] seq=0 ack=0 len=0');
    expect(text).toContain('[SYN, ACK] seq=0 ack=1 len=0');
    expect(text).toContain('[FIN, ACK] seq=11 ack=7 len=0');
    expect(text).toContain('Handshake RTT 0.061 ms (SYN → SYN+ACK 0.042 ms, SYN+ACK → ACK 0.019 ms)');
    expect(text).toContain('Close RTT 41.301 ms (FIN #23 → its ACK #24)');
    expect(text).toContain('Outcome: SF (normal establishment and termination)');
    expect(html.match(/class="ladder-arrow/g)!.length).toBe(11);
    expect(text).toContain('Click an arrow to have the segment explained.');
  });

  it('a refused connection shows the RST', () => {
    const refused = connectionView(OWN + 'refused-and-reset.pcap', 0);
    const html = render(createElement(HandshakeView, { view: refused, selectedNo: 4 }));
    expect(textOf(html)).toContain('[RST, ACK] seq=1 ack=1 len=0');
    expect(bandStates(html, 'client')).toEqual(['CLOSED', 'SYN-SENT', 'CLOSED']);
    expect(bandStates(html, 'server')).toEqual(['LISTEN', 'CLOSED']);
    expect(textOf(html)).toContain('The server refuses the connection: RST (ack=1) in answer to the SYN. Nothing accepts connections on port 7779');
    expect(textOf(html)).toContain('Outcome: REJ (connection attempt rejected)');
    const zh = textOf(render(createElement(HandshakeView, { view: refused, selectedNo: 4 }), 'zh-CN'));
    expect(zh).toContain('服务器拒绝连接：用 RST（ack=1）回应 SYN。端口 7779 上没有程序接受连接');
    expect(zh).toContain('结果：REJ（连接请求被拒绝）');
  });

  it('the selected arrow is highlighted and explained, in English and Chinese', () => {
    const en = render(createElement(HandshakeView, { view: normal, selectedNo: 25 }));
    expect(en).toMatch(/class="ladder-arrow selected" data-no="25"/);
    expect(en.match(/ladder-arrow selected/g)!.length).toBe(1);
    const text = textOf(en);
    expect(text).toContain('Packet 25: what happens');
    expect(text).toContain('The client enters LAST-ACK (CLOSE-WAIT → LAST-ACK)');
    expect(text).toContain('The server enters TIME-WAIT (FIN-WAIT-2 → TIME-WAIT): both FINs are sent and acknowledged, but it waits 2×MSL');
    const zh = textOf(render(createElement(HandshakeView, { view: normal, selectedNo: 25 }), 'zh-CN'));
    expect(zh).toContain('分组 25：发生了什么');
    expect(zh).toContain('客户端进入 LAST-ACK（CLOSE-WAIT → LAST-ACK）');
    expect(zh).toContain('服务器进入 TIME-WAIT（FIN-WAIT-2 → TIME-WAIT）');
    expect(zh).toContain('客户端');
    expect(zh).toContain('时间轴');
  });

  it('both languages at once when asked', () => {
    const text = textOf(render(createElement(HandshakeView, { view: normal, selectedNo: 16, initialBilingual: true })));
    expect(text).toContain('The client asks to open a connection: SYN, seq=0.');
    expect(text).toContain('客户端请求建立连接：SYN，seq=0。');
  });

  it('arrow titles say the transition in the current language', () => {
    expect(textOf(render(createElement(HandshakeView, { view: normal })))).toContain('Packet 17: client SYN-SENT → ESTABLISHED, server LISTEN → SYN-RECEIVED');
    expect(textOf(render(createElement(HandshakeView, { view: normal }), 'zh-CN'))).toContain('分组 17：客户端 SYN-SENT → ESTABLISHED，服务器 LISTEN → SYN-RECEIVED');
  });

  it('retransmissions are marked', () => {
    const v = connectionView(CORPUS + 'arkime-wireshark-retrans.pcap', 0);
    const html = render(createElement(HandshakeView, { view: v }));
    expect(html).toMatch(/class="ladder-arrow problem" data-no="2"/);
    expect(textOf(html)).toContain('[retransmission]');
    expect(textOf(render(createElement(HandshakeView, { view: v }), 'zh-CN'))).toContain('[重传]');
  });

  it('a live connection grows and says it is waiting; the time axis can be to scale', () => {
    const part = connectionView(OWN + 'refused-and-reset.pcap', 2, true, 19);
    const html = render(createElement(HandshakeView, { view: part }));
    expect(html.match(/class="ladder-arrow/g)!.length).toBe(4);
    expect(textOf(html)).toContain('live: growing as packets arrive');
    expect(textOf(html)).toContain('… waiting for more packets');
    const scaled = render(createElement(HandshakeView, { view: normal, initialAxis: 'scale' }));
    expect(scaled).toContain('<option value="scale" selected="">');
  });

  it('without a connection: a prompt', () => {
    expect(textOf(render(createElement(HandshakeView, { view: null })))).toBe('Select a TCP packet to see its connection.');
    expect(textOf(render(createElement(HandshakeView, { view: null }), 'zh-CN'))).toBe('选择一个 TCP 分组以查看它所属的连接。');
  });

  it('a long connection: a window of arrows around the selected packet, said in both languages', () => {
    const w = connectionView(CORPUS + 'ndpi-ipp.pcap', 1);
    const sel = w.packets[120]!.no;
    const html = render(createElement(HandshakeView, { view: w, selectedNo: sel, maxArrows: 50 }));
    expect(html.match(/class="ladder-arrow/g)!.length).toBe(50);
    expect(html).toContain(`class="ladder-arrow selected" data-no="${sel}"`);
    const from = w.packets[95]!.no;
    const to = w.packets[144]!.no;
    expect(textOf(html)).toContain(`Showing packets #${from} to #${to} (50 of the connection's ${w.packets.length}), around the selected one.`);
    expect(textOf(render(createElement(HandshakeView, { view: w, selectedNo: sel, maxArrows: 50 }), 'zh-CN'))).toContain(`显示分组 #${from} 到 #${to}`);
  });
});

describe('raw sequence numbers (ISN + relative)', () => {
  it('the numbers on the wire, as tshark -o tcp.relative_sequence_numbers:FALSE prints them, for every arrow', async () => {
    const { spawnSync } = await import('node:child_process');
    const { arrowNumbers } = await import('../../../../renderer/features/handshake/index.js');
    const file = OWN + 'refused-and-reset.pcap';
    const view = connectionView(file, 2);
    const isns = { client: view.client.isn!, server: view.server.isn! };
    const rows = spawnSync('tshark', ['-o', 'tcp.relative_sequence_numbers:FALSE', '-r', file, '-Y', 'tcp.stream == 2', '-T', 'fields', '-e', 'frame.number', '-e', 'tcp.seq', '-e', 'tcp.ack', '-e', 'tcp.flags.ack'], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(rows.length).toBe(view.packets.length);
    for (const p of view.packets) {
      const [no, seq, ack, hasAck] = rows.find((r) => r.split('\t')[0] === String(p.no))!.split('\t');
      const n = arrowNumbers(p, isns);
      expect(`${p.no} ${n.seq} ${hasAck === '1' ? n.ack : ''}`).toBe(`${no} ${seq} ${hasAck === '1' ? ack : ''}`);
    }
    // Relative without ISNs: the view's own numbers.
    expect(arrowNumbers(view.packets[0]!, null)).toEqual({ seq: 0, ack: 0 });
  });
});

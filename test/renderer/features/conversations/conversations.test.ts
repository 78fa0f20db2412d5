/**
 * Conversations, endpoints and live connections: the pure model (columns, sorting, half-open
 * counts, the SYN-flood rule) and the views rendered to static HTML, on real captures and on the
 * crafted SYN flood the tracker's own test uses, where the alert must appear exactly when the
 * dissector's tcp.synflood warning does.
 */
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { ConversationsView, LiveConnectionsView } from '../../../../renderer/features/conversations/index.js';
import {
  compareValues, conversationColumns, endpointColumns, halfOpenPerServer, isHalfOpen, liveFromView, outcomeCode, sortRows, type LiveConnection,
} from '../../../../renderer/features/conversations/model.js';
import { lastOpenRequest, onOpenAnalysis, openAnalysis } from '../../../../renderer/features/conversations/navigate.js';
import { segFrames, synFlood as flood } from '../../../helpers/tcp-frames.js';
import { connectionView, CORPUS, dissectInput, ethConversations, ethEndpoints, OWN, tcpConversations } from '../fixture-data.js';
import { render, textOf } from '../i18n.js';

const RR = OWN + 'refused-and-reset.pcap';

describe('conversation model', () => {
  it('columns per kind', () => {
    expect(conversationColumns('eth')).toEqual(['addressA', 'vendorA', 'addressB', 'vendorB', 'packets', 'bytes', 'packetsAtoB', 'bytesAtoB', 'packetsBtoA', 'bytesBtoA', 'relStart', 'duration']);
    expect(conversationColumns('tcp')).toContain('handshakeRtt');
    expect(conversationColumns('udp')).toEqual(expect.arrayContaining(['portA', 'portB', 'stream']));
    expect(conversationColumns('udp')).not.toContain('outcome');
    expect(endpointColumns('ipv4')).toEqual(['address', 'packets', 'bytes', 'txPackets', 'txBytes', 'rxPackets', 'rxBytes']);
    expect(endpointColumns('eth')).toContain('vendor');
    // With host names: a name beside each address.
    expect(conversationColumns('tcp', true).slice(0, 6)).toEqual(['addressA', 'nameA', 'portA', 'addressB', 'nameB', 'portB']);
    expect(endpointColumns('ipv6', true).slice(0, 2)).toEqual(['address', 'name']);
  });

  it('sorting: numbers, IPv4 addresses numerically, absent values last, stable', () => {
    expect(compareValues('10.0.0.9', '10.0.0.10')).toBeLessThan(0);
    expect(compareValues('port2', 'port10')).toBeLessThan(0);
    const rows = tcpConversations(RR);
    expect(sortRows(rows, 'packets', 'desc').map((r) => r.stream)).toEqual([1, 2, 0]);
    expect(sortRows(rows, 'packets', 'asc').map((r) => r.stream)).toEqual([0, 1, 2]);
    expect(sortRows(rows, 'outcome', 'asc').map((r) => r.outcome)).toEqual(['REJ', 'RSTO', 'SF']);
    const withGap = rows.map((r, i) => ({ ...r, handshakeRtt: i === 0 ? undefined : r.handshakeRtt }));
    expect(sortRows(withGap, 'handshakeRtt', 'asc').at(-1)!.stream).toBe(0);
    expect(sortRows(withGap, 'handshakeRtt', 'desc').at(-1)!.stream).toBe(0);
    const same = rows.map((r) => ({ ...r, bytes: 1 }));
    expect(sortRows(same, 'bytes', 'desc').map((r) => r.stream)).toEqual([0, 1, 2]);
    expect(sortRows(rows, null, 'asc')).toEqual(rows);
    expect(outcomeCode('^SF')).toBe('SF');
  });
});

describe('conversations view', () => {
  const tcp = tcpConversations(RR);

  it('TCP: outcome in words, handshake RTT, duration, actions, in both languages', () => {
    const calls: string[] = [];
    const el = createElement(ConversationsView, {
      conversations: { tcp },
      endpoints: {},
      onFilter: (f: string) => calls.push(f),
      onFollow: () => {},
      onOpenHandshake: () => {},
    });
    const html = render(el);
    const text = textOf(html);
    expect(html.match(/<tr data-stream=/g)!.length).toBe(3);
    expect(text).toContain('REJ: connection attempt rejected');
    expect(text).toContain('RSTO: established, the client aborted (sent a RST)');
    expect(text).toContain('SF: normal establishment and termination');
    expect(text).toContain(`${(tcp[2]!.handshakeRtt! * 1000).toFixed(3)} ms`);
    expect(text).toContain(tcp[1]!.duration.toFixed(6));
    expect(text).toContain('Filter on this conversation');
    expect(text).toContain('Follow stream');
    expect(text).toContain('Handshake view');
    expect(text).toContain('TCP · 3');
    const zh = textOf(render(el, 'zh-CN'));
    expect(zh).toContain('REJ: 连接请求被拒绝');
    expect(zh).toContain('SF: 正常建立并正常终止');
    expect(zh).toContain('按此会话过滤');
    expect(zh).toContain('握手 RTT');
  });

  it('Ethernet: vendor names; endpoints table', () => {
    const eth = ethConversations(CORPUS + 'ndpi-ipp.pcap');
    const withVendor = eth.find((r) => r.vendorA || r.vendorB);
    expect(withVendor).toBeDefined();
    const html = textOf(render(createElement(ConversationsView, { conversations: { eth }, initialKind: 'eth' })));
    expect(html).toContain(withVendor!.vendorA ?? withVendor!.vendorB!);
    expect(html).toContain('Vendor A');
    const ep = ethEndpoints(RR);
    const eps = render(createElement(ConversationsView, { conversations: {}, endpoints: { eth: ep }, initialKind: 'eth', initialTable: 'endpoints' }));
    expect(eps).toContain('class="endpoints-table" data-kind="eth"');
    expect(textOf(eps)).toContain('02:00:00:99:00:01');
    expect(textOf(render(createElement(ConversationsView, { conversations: {}, endpoints: { eth: ep }, initialKind: 'eth', initialTable: 'endpoints' }), 'zh-CN'))).toContain('发送分组');
  });

  it('a kind not fetched yet says so; an empty one says none', () => {
    expect(textOf(render(createElement(ConversationsView, { conversations: {}, initialKind: 'udp' })))).toContain('Loading…');
    expect(textOf(render(createElement(ConversationsView, { conversations: { udp: [] }, initialKind: 'udp' })))).toContain('None in this capture.');
  });

  it('navigation requests reach the views that listen', () => {
    const got: unknown[] = [];
    const off = onOpenAnalysis((r) => got.push(r));
    openAnalysis({ view: 'follow', proto: 'tcp', stream: 2 });
    off();
    openAnalysis({ view: 'handshake', proto: 'tcp', stream: 1 });
    expect(got).toEqual([{ view: 'follow', proto: 'tcp', stream: 2 }]);
    expect(lastOpenRequest()).toEqual({ view: 'handshake', proto: 'tcp', stream: 1 });
  });
});

/** Live connections as a live capture's view would hold them after packet `upTo`. */
function liveAfter(key: string, upTo: number): LiveConnection[] {
  const cap = dissectInput(key, segFrames(flood()));
  const t0 = Number(cap.frames[0]!.f['frame.time_epoch']![0]);
  return cap.connections
    .filter((c) => c.firstFrame <= upTo)
    .map((c) => liveFromView(connectionView(key, c.stream, true, upTo), c.startTime - t0)!);
}

describe('live connections and the SYN-flood alert', () => {
  it('both endpoints current states from a real capture', () => {
    const conns = tcpConversations(RR).map((r) => liveFromView(connectionView(RR, r.stream!), r.relStart)!);
    expect(conns.map((c) => [c.stream, c.clientState, c.serverState])).toEqual([[0, 'CLOSED', 'CLOSED'], [1, 'CLOSED', 'CLOSED'], [2, 'CLOSED', 'TIME-WAIT']]);
    expect(conns.map((c) => c.lastNo)).toEqual([4, 15, 26]);
    const html = render(createElement(LiveConnectionsView, { connections: conns }));
    expect(html).not.toContain('role="alert"');
    expect(textOf(html)).toContain('Live TCP connections (3)');
    expect(textOf(html)).toContain('TIME-WAIT');
    // Halfway through the handshake of stream 1: the client SYN-SENT, the server LISTEN: half-open.
    const early = liveFromView(connectionView(RR, 1, true, 5), 0)!;
    expect([early.clientState, early.serverState]).toEqual(['SYN-SENT', 'LISTEN']);
    expect(isHalfOpen(early)).toBe(true);
    expect(isHalfOpen(liveFromView(connectionView(RR, 1, true, 6), 0)!)).toBe(true);
    expect(isHalfOpen(liveFromView(connectionView(RR, 1, true, 7), 0)!)).toBe(false);
  });

  it('the alert appears at the packet where the dissector warns of a SYN flood (frame 137), not before', () => {
    const before = halfOpenPerServer(liveAfter('flood', 136));
    const at = halfOpenPerServer(liveAfter('flood', 137));
    expect(before[0]).toMatchObject({ server: '10.0.0.2:80', halfOpen: 100, alert: false });
    expect(at[0]).toMatchObject({ server: '10.0.0.2:80', halfOpen: 101, alert: true });
    const synflood = dissectInput('flood', segFrames(flood())).frames.filter((d) => (d.f['_ws.expert.message'] ?? []).some((m) => m.startsWith('Possible SYN flood'))).map((d) => d.no);
    expect(synflood).toEqual([137]);
  });

  it('the banner, the half-open count per server, in both languages; lower thresholds and windows', () => {
    const conns = liveAfter('flood', 1000);
    const html = render(createElement(LiveConnectionsView, { connections: conns }));
    expect(html.match(/role="alert"/g)!.length).toBe(1);
    expect(textOf(html)).toContain('Possible SYN flood: 135 half-open connections to 10.0.0.2:80 within 10 s (threshold 100).');
    expect(html).toMatch(/data-server="10\.0\.0\.2:80" class="alert"><td>10\.0\.0\.2:80<\/td><td data-col="halfOpen">135<\/td><td>150<\/td>/);
    expect(html.match(/class="half-open"/g)!.length).toBe(135);
    const zh = textOf(render(createElement(LiveConnectionsView, { connections: conns }), 'zh-CN'));
    expect(zh).toContain('可能的 SYN 洪泛：10 秒内有 135 个到 10.0.0.2:80 的半开连接（阈值 100）。');
    expect(halfOpenPerServer(conns, { threshold: 200 })[0]!.alert).toBe(false);
    // Only SYNs within the window count: the last 0.1 s (from 0.794 s) holds SYNs 133 to 149, and SYN 140 completed.
    expect(halfOpenPerServer(conns, { windowSec: 0.1 })[0]!.halfOpen).toBe(16);
  });
});

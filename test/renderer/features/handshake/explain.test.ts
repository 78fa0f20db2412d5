/**
 * The explanation generator on real connections: our own real-stack captures (a refused
 * connection, a RST abort, a close led by the server with every state, an HTTP exchange whose
 * close combines FIN and ACK), and corpus captures with retransmissions and a zero window. Keys and
 * this connection's numbers are checked, then the words in both languages.
 */
import { describe, expect, it } from 'vitest';
import { explainPacket, ackingPacket, seqSpace, statesBefore } from '../../../../renderer/features/handshake/explain.js';
import { lineText } from '../../../../renderer/features/handshake/index.js';
import { connection, segFrames } from '../../../helpers/tcp-frames.js';
import { connectionView, CORPUS, dissectInput, OWN } from '../fixture-data.js';
import { makeI18n } from '../i18n.js';

const keys = (view: ReturnType<typeof connectionView>, no: number) => explainPacket(view, no).map((l) => l.key.replace('explain.', ''));
const params = (view: ReturnType<typeof connectionView>, no: number, key: string) => explainPacket(view, no).find((l) => l.key === `explain.${key}`)?.params;

describe('a normal open and close led by the server (refused-and-reset.pcap, stream 2)', () => {
  const v = connectionView(OWN + 'refused-and-reset.pcap', 2);
  const isnC = v.client.isn!;
  const isnS = v.server.isn!;

  it('the SYN: ISN, SYN-SENT', () => {
    expect(keys(v, 16)).toEqual(['syn', 'ackedBy', 'toSynState', 'statesAfter']);
    expect(params(v, 16, 'syn')).toMatchObject({ seq: 0, isn: isnC, state: 'SYN-SENT', mss: 1460, sender: { key: 'side.client' } });
    expect(params(v, 16, 'ackedBy')).toMatchObject({ ackNo: 17, ack: 1 });
  });

  it('the SYN+ACK: ack = x+1, SYN-RECEIVED; the client is ESTABLISHED on receiving it', () => {
    expect(keys(v, 17)).toEqual(['synAck', 'ackedBy', 'toSynState', 'toEstablishedClient', 'statesAfter']);
    expect(params(v, 17, 'synAck')).toMatchObject({ isn: isnS, ack: 1, x: isnC, xPlus1: (isnC + 1) % 2 ** 32, state: 'SYN-RECEIVED' });
  });

  it('the ACK: the server is ESTABLISHED, with the handshake RTT', () => {
    expect(keys(v, 18)).toEqual(['ackOfSyn', 'toEstablishedServer', 'statesAfter']);
    expect(params(v, 18, 'ackOfSyn')).toMatchObject({ ack: 1, ofNo: 17, sender: { key: 'side.client' } });
    expect(params(v, 18, 'toEstablishedServer')).toMatchObject({ from: 'SYN-RECEIVED', to: 'ESTABLISHED', rtt: '0.061' });
  });

  it('data and its acknowledgement', () => {
    expect(keys(v, 19)).toEqual(['data', 'ackedBy', 'statesAfter']);
    expect(params(v, 19, 'data')).toMatchObject({ len: 6, seq: 1, first: 1, last: 6, next: 7 });
    expect(params(v, 19, 'ackedBy')).toMatchObject({ ackNo: 20, ack: 7 });
    expect(keys(v, 20)).toEqual(['ack', 'statesAfter']);
    expect(params(v, 20, 'ack')).toMatchObject({ ack: 7, acked: 6 });
  });

  it('each side of the close: FIN-WAIT-1 / CLOSE-WAIT, FIN-WAIT-2, LAST-ACK / TIME-WAIT, CLOSED', () => {
    expect(keys(v, 23)).toEqual(['fin', 'ackedBy', 'toFinWait1', 'toCloseWait', 'statesAfter']);
    expect(params(v, 23, 'fin')).toMatchObject({ seq: 11, sender: { key: 'side.server' } });
    expect(params(v, 23, 'toCloseWait')).toMatchObject({ who: { key: 'side.client' } });
    expect(keys(v, 24)).toEqual(['ackOfFin', 'toFinWait2', 'statesAfter']);
    expect(params(v, 24, 'ackOfFin')).toMatchObject({ ack: 12, ofNo: 23 });
    expect(params(v, 23, 'fin')).toMatchObject({ seq: 11, next: 12 });
    expect(keys(v, 25)).toEqual(['fin', 'ackedBy', 'toLastAck', 'toTimeWait', 'statesAfter']);
    expect(params(v, 25, 'toTimeWait')).toMatchObject({ who: { key: 'side.server' }, from: 'FIN-WAIT-2', to: 'TIME-WAIT' });
    expect(keys(v, 26)).toEqual(['ackOfFin', 'lastAckToClosed', 'statesAfter']);
  });

  it('both languages, with the numbers', () => {
    const en = makeI18n('en').getFixedT('en', 'analysis');
    const zh = makeI18n('zh-CN').getFixedT('zh-CN', 'analysis');
    const synAck = explainPacket(v, 17)[0]!;
    expect(lineText(en, synAck)).toContain(`ack=1 is x+1 = ${isnC} + 1 = ${isnC + 1}, because a SYN uses one sequence number`);
    expect(lineText(en, synAck)).toContain('The server agrees: SYN+ACK.');
    expect(lineText(zh, synAck)).toContain(`ack=1 就是 x+1 = ${isnC} + 1 = ${isnC + 1}，因为 SYN 占用一个序号`);
    expect(lineText(zh, synAck)).toContain('服务器同意建立连接');
    const tw = explainPacket(v, 25).find((l) => l.key === 'explain.toTimeWait')!;
    expect(lineText(en, tw)).toContain('The server enters TIME-WAIT (FIN-WAIT-2 → TIME-WAIT)');
    expect(lineText(en, tw)).toContain('2×MSL');
    expect(lineText(zh, tw)).toContain('服务器进入 TIME-WAIT');
    expect(lineText(zh, tw)).toContain('2×MSL');
    const syn = explainPacket(v, 16)[0]!;
    expect(lineText(en, syn)).toBe(`The client asks to open a connection: SYN, seq=0. That is its initial sequence number (ISN = ${isnC}, chosen at random; the relative numbers shown count from it), and it offers MSS = 1460. It enters SYN-SENT and waits for the answer.`);
    expect(lineText(zh, syn)).toContain(`客户端请求建立连接：SYN，seq=0。这是它的初始序号（ISN = ${isnC}`);
  });
});

describe('refused and aborted connections (refused-and-reset.pcap)', () => {
  it('a SYN to a closed port answered by RST: refused', () => {
    const v = connectionView(OWN + 'refused-and-reset.pcap', 0);
    expect(keys(v, 4)).toEqual(['rstRefused', 'rstToClosed', 'rstToClosed', 'statesAfter']);
    expect(params(v, 4, 'rstRefused')).toMatchObject({ port: 7779, sender: { key: 'side.server' } });
    const en = makeI18n('en').getFixedT('en', 'analysis');
    expect(lineText(en, explainPacket(v, 4)[0]!)).toContain('Nothing accepts connections on port 7779');
  });

  it('an established connection reset by the client: abort', () => {
    const v = connectionView(OWN + 'refused-and-reset.pcap', 1);
    const last = v.packets.at(-1)!;
    expect(last.flags).toContain('RST');
    expect(keys(v, last.no)).toEqual(['rstAbort', 'rstToClosed', 'rstToClosed', 'statesAfter']);
    expect(params(v, last.no, 'rstAbort')).toMatchObject({ state: 'ESTABLISHED', sender: { key: 'side.client' } });
  });
});

describe('a close led by the client, FIN and ACK combined (handshake-http.pcapng)', () => {
  const v = connectionView(OWN + 'handshake-http.pcapng', 0);
  it('the server closes its side in the segment that acknowledges the client FIN', () => {
    expect(keys(v, 28)).toEqual(['fin', 'ackedBy', 'toFinWait1', 'toCloseWait', 'statesAfter']);
    expect(keys(v, 29)).toEqual(['fin', 'ackOfFin', 'ackedBy', 'toLastAck', 'skipFinWait2', 'toTimeWait', 'statesAfter']);
    const en = makeI18n('en').getFixedT('en', 'analysis');
    expect(lineText(en, explainPacket(v, 29)[1]!)).toBe("The server acknowledges the client's FIN (packet #28): ack=95, the FIN's seq + 1, since the FIN used one sequence number.");
    expect(params(v, 29, 'toTimeWait')).toMatchObject({ who: { key: 'side.client' }, from: 'FIN-WAIT-1' });
  });
  it('an HTTP response of 187 bytes, acknowledged by the client', () => {
    expect(params(v, 16, 'data')).toMatchObject({ len: 187, first: 1, last: 187, next: 188 });
    expect(params(v, 16, 'ackedBy')).toMatchObject({ ackNo: 17, ack: 188 });
  });
});

describe('simultaneous close (RFC 9293 Figure 13), crafted and run through the dissector', () => {
  const { c, s } = connection('10.0.0.1', 40000, '10.0.0.2', 80);
  dissectInput('simultaneous-close', segFrames([
    c(0, 'S', 100), s(0.001, 'SA', 300, 101), c(0.002, 'A', 101, 301),
    c(0.01, 'FA', 101, 301),
    s(0.0101, 'FA', 301, 101), // sent before the client's FIN arrived
    c(0.011, 'A', 102, 302),
    s(0.0111, 'A', 302, 102),
  ]));
  const v = connectionView('simultaneous-close', 0);

  it('both sides in CLOSING, then TIME-WAIT', () => {
    expect(v.packets.map((p) => [p.client, p.server])).toEqual([
      ['SYN-SENT', 'LISTEN'], ['ESTABLISHED', 'SYN-RECEIVED'], ['ESTABLISHED', 'ESTABLISHED'],
      ['FIN-WAIT-1', 'CLOSE-WAIT'], ['CLOSING', 'CLOSING'], ['CLOSING', 'TIME-WAIT'], ['TIME-WAIT', 'TIME-WAIT'],
    ]);
    expect(keys(v, 5)).toEqual(['fin', 'ackedBy', 'toClosing', 'toClosing', 'statesAfter']);
    expect(keys(v, 6)).toEqual(['ackOfFin', 'toTimeWait', 'statesAfter']);
    expect(params(v, 6, 'toTimeWait')).toMatchObject({ who: { key: 'side.server' }, from: 'CLOSING' });
    const en = makeI18n('en').getFixedT('en', 'analysis');
    const zh = makeI18n('zh-CN').getFixedT('zh-CN', 'analysis');
    const line = explainPacket(v, 5).find((l) => l.key === 'explain.toClosing')!;
    expect(lineText(en, line)).toContain('Simultaneous close: the server had sent its FIN');
    expect(lineText(zh, line)).toContain('同时关闭：服务器已发出 FIN');
  });
});

describe('analysis flags on corpus captures', () => {
  it('retransmitted SYN and SYN+ACK point at the original (arkime-wireshark-retrans.pcap)', () => {
    const v = connectionView(CORPUS + 'arkime-wireshark-retrans.pcap', 0);
    expect(keys(v, 2)).toContain('retransmissionOf');
    expect(params(v, 2, 'retransmissionOf')).toMatchObject({ orig: 1, seq: 0 });
    expect(params(v, 5, 'retransmissionOf')).toMatchObject({ orig: 4, sender: { key: 'side.server' } });
    expect(keys(v, 7)).toContain('duplicateAck');
    expect(keys(v, 10)).toContain('outOfOrder');
  });

  it('a printer announcing a zero window (ndpi-ipp.pcap)', () => {
    const v = connectionView(CORPUS + 'ndpi-ipp.pcap', 1);
    const z = v.packets.find((p) => p.analysis.includes('zero-window'))!;
    expect(z.win).toBe(0);
    expect(keys(v, z.no)).toContain('zeroWindow');
    const en = makeI18n('en').getFixedT('en', 'analysis');
    const zh = makeI18n('zh-CN').getFixedT('zh-CN', 'analysis');
    const line = explainPacket(v, z.no).find((l) => l.key === 'explain.zeroWindow')!;
    expect(lineText(en, line)).toBe("Zero window: the server's receive buffer is full, so the client must stop sending data until a window update opens it again.");
    expect(lineText(zh, line)).toContain('零窗口：服务器的接收缓冲区已满');
  });
});

describe('loss, a full and a zero window, keep-alives (tcp-analysis.pcap, a real stack)', () => {
  const en = makeI18n('en').getFixedT('en', 'analysis');
  const zh = makeI18n('zh-CN').getFixedT('zh-CN', 'analysis');
  const text = (v: ReturnType<typeof connectionView>, no: number, key: string, t = en) => lineText(t, explainPacket(v, no).find((l) => l.key === `explain.${key}`)!);

  it('a fast retransmission after duplicate ACKs (stream 0)', () => {
    const v = connectionView(OWN + 'tcp-analysis.pcap', 0);
    const fast = v.packets.find((p) => p.analysis.includes('fast-retransmission'))!;
    expect(keys(v, fast.no)).toEqual(expect.arrayContaining(['data', 'retransmissionOf', 'fastRetransmission']));
    expect(text(v, fast.no, 'fastRetransmission')).toBe('Fast retransmission: the server sent duplicate ACKs for the bytes before these, so the client resends them at once instead of waiting for its retransmission timer (RFC 5681).');
    expect(text(v, fast.no, 'fastRetransmission', zh)).toContain('快速重传');
    const dup = v.packets.find((p) => p.analysis.includes('duplicate-ack'))!;
    expect(keys(v, dup.no)).toContain('duplicateAck');
  });

  it('the receiver stops reading (stream 3): window full, zero window, a probe, the update', () => {
    const v = connectionView(OWN + 'tcp-analysis.pcap', 3);
    const full = v.packets.find((p) => p.analysis.includes('window-full'))!;
    expect(full.dir).toBe('c2s');
    expect(text(v, full.no, 'windowFull')).toBe("Window full: this segment fills the server's receive window; the client cannot send more until the server acknowledges data or opens its window.");
    const zero = v.packets.findIndex((p) => p.analysis.includes('zero-window'));
    expect(v.packets[zero]!.win).toBe(0);
    // Linux probes the zero window with a keep-alive-shaped segment: both lines.
    const probe = v.packets.slice(zero).find((p) => p.analysis.includes('keep-alive'))!;
    expect(keys(v, probe.no)).toEqual(expect.arrayContaining(['keepAlive', 'keepAliveAtZeroWindow']));
    expect(text(v, probe.no, 'keepAliveAtZeroWindow')).toContain("the server's window is 0");
    expect(text(v, probe.no, 'keepAliveAtZeroWindow', zh)).toContain('零窗口');
    const update = v.packets.find((p) => p.analysis.includes('window-update'))!;
    expect(keys(v, update.no)).toContain('windowUpdate');
  });

  it('an idle connection (stream 4): keep-alives and their ACKs, no zero window', () => {
    const v = connectionView(OWN + 'tcp-analysis.pcap', 4);
    const ka = v.packets.filter((p) => p.analysis.includes('keep-alive'));
    const acks = v.packets.filter((p) => p.analysis.includes('keep-alive-ack'));
    expect(ka.length).toBe(3);
    expect(acks.map((p) => p.no)).toEqual(ka.map((p) => p.no + 1));
    expect(keys(v, ka[0]!.no)).toContain('keepAlive');
    expect(keys(v, ka[0]!.no)).not.toContain('keepAliveAtZeroWindow');
    expect(text(v, acks[0]!.no, 'keepAliveAck')).toBe(`Keep-alive ACK: the server answers the keep-alive with its acknowledgement and window (${acks[0]!.win}): the connection is alive on its side.`);
    expect(text(v, acks[0]!.no, 'keepAliveAck', zh)).toContain('保活确认');
  });
});

describe('helpers', () => {
  const v = connectionView(OWN + 'refused-and-reset.pcap', 2);
  it('sequence space: SYN and FIN count one', () => {
    expect(v.packets.map(seqSpace)).toEqual([1, 1, 0, 6, 0, 10, 0, 1, 0, 1, 0]);
  });
  it('states before the first packet, and after each', () => {
    expect(statesBefore(v, 0)).toEqual({ client: 'CLOSED', server: 'LISTEN' });
    expect(statesBefore(v, 1)).toEqual({ client: 'SYN-SENT', server: 'LISTEN' });
  });
  it('the acknowledging packet of the server FIN is the client ACK', () => {
    expect(ackingPacket(v, 7)!.no).toBe(24);
  });
  it('a packet not in the connection has no explanation', () => {
    expect(explainPacket(v, 1)).toEqual([]);
  });
  it('a live connection still waiting for the acknowledgement says so', () => {
    const live = connectionView(OWN + 'refused-and-reset.pcap', 2, true, 19);
    expect(keys(live, 19)).toEqual(['data', 'notAckedYet', 'statesAfter']);
  });
});

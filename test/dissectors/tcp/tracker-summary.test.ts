/**
 * Connection summaries (`tcpConnections(ctx)`) of our own real-stack captures, expected values
 * written by hand from the captures (tshark -n -r lists them; the ISNs are tshark's tcp.seq_raw of
 * the SYNs): roles, ISNs, handshake options, RTT split, who closed and how, packets/bytes each way,
 * the outcome code and history, the final endpoint states. Plus the analysis counts of a corpus
 * capture with retransmissions.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tcpConnections, type TcpConnectionInfo } from '../../../dissectors/tcp/tracker.js';
import { dissectFrames, fileFrames } from '../../helpers/tcp-frames.js';

const OWN = fileURLToPath(new URL('../../../fixtures/own/', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));

function connections(path: string, full = false): TcpConnectionInfo[] {
  // The summary pass is enough: the summaries do not depend on the tree.
  const { dissector } = dissectFrames(fileFrames(path), [], { full });
  return tcpConnections(dissector.ctx);
}

const OPTS_1460 = { mss: 1460, windowScale: 10, sackPermitted: true, timestamps: true };

describe('TCP connection summaries', () => {
  it('refused-and-reset.pcap: REJ, RSTO, SF', () => {
    const c = connections(OWN + 'refused-and-reset.pcap');
    expect(c.map((x) => [x.stream, x.connState, x.history])).toEqual([
      [0, 'REJ', 'Sr'],
      [1, 'RSTO', 'ShADadR'],
      [2, 'SF', 'ShADadfF'],
    ]);
    const [rej, rsto, sf] = c as [TcpConnectionInfo, TcpConnectionInfo, TcpConnectionInfo];

    expect(rej.client).toEqual({
      address: '10.99.0.1', port: 40100, isn: 1814289638, mss: 1460, windowScale: 10, sackPermitted: true, timestamps: true,
      packets: 1, bytes: 74, payloadBytes: 0, state: 'CLOSED',
    });
    expect(rej.server).toEqual({
      address: '10.99.0.2', port: 7779, isn: null, mss: null, windowScale: null, sackPermitted: false, timestamps: false,
      packets: 1, bytes: 54, payloadBytes: 0, state: 'CLOSED',
    });
    expect(rej.close).toEqual({ by: 'server', how: 'RST', frame: 4 });
    expect(rej.handshake).toEqual({ synFrame: 3, synAckFrame: null, ackFrame: null, synToSynAck: null, synAckToAck: null, rtt: null });
    expect(rej.connStateText).toBe('Connection attempt rejected');

    expect(rsto.client).toMatchObject({ address: '10.99.0.1', port: 40101, isn: 940921153, ...OPTS_1460, packets: 7, bytes: 509, payloadBytes: 39, state: 'CLOSED' });
    expect(rsto.server).toMatchObject({ address: '10.99.0.2', port: 7777, isn: 1787093099, ...OPTS_1460, packets: 4, bytes: 311, payloadBytes: 39, state: 'CLOSED' });
    expect(rsto.close).toEqual({ by: 'client', how: 'RST', frame: 15 });
    expect([rsto.handshake.synFrame, rsto.handshake.synAckFrame, rsto.handshake.ackFrame]).toEqual([5, 6, 7]);
    expect(rsto.handshake.synToSynAck).toBeCloseTo(0.000064, 9);
    expect(rsto.handshake.synAckToAck).toBeCloseTo(0.000023, 9);
    expect(rsto.handshake.rtt).toBeCloseTo(0.000087, 9);
    expect([rsto.firstFrame, rsto.lastFrame]).toEqual([5, 15]);
    expect(rsto.duration).toBeCloseTo(0.151263, 6);

    expect(sf.client).toMatchObject({ port: 40102, isn: 4249190991, packets: 6, bytes: 410, payloadBytes: 6, state: 'CLOSED' });
    expect(sf.server).toMatchObject({ port: 7778, isn: 1787590789, packets: 5, bytes: 348, payloadBytes: 10, state: 'TIME-WAIT' });
    expect(sf.close).toEqual({ by: 'server', how: 'FIN', frame: 23 });

    for (const x of c) {
      expect([x.rolesHeuristic, x.statesInferred, x.analysis]).toEqual([false, false, {}]);
    }
    // Plain JSON: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });

  it('handshake-http.pcapng: SF, closed by the client', () => {
    const [x, ...rest] = connections(OWN + 'handshake-http.pcapng');
    expect(rest).toEqual([]);
    expect(x!.client).toEqual({
      address: '10.99.0.1', port: 40080, isn: 4169627215, mss: 560, windowScale: 10, sackPermitted: true, timestamps: true,
      packets: 11, bytes: 827, payloadBytes: 93, state: 'TIME-WAIT',
    });
    expect(x!.server).toEqual({
      address: '10.99.0.2', port: 80, isn: 4072383215, mss: 560, windowScale: 10, sackPermitted: true, timestamps: true,
      packets: 9, bytes: 3012, payloadBytes: 2410, state: 'CLOSED',
    });
    expect([x!.connState, x!.history, x!.close]).toEqual(['SF', 'ShADadFf', { by: 'client', how: 'FIN', frame: 28 }]);
    expect(x!.handshake.synToSynAck).toBeCloseTo(0.000036575, 9);
    expect(x!.handshake.synAckToAck).toBeCloseTo(0.000017806, 9);
    expect(x!.startTime).toBeCloseTo(1795302253.429370279, 6);
  });

  it('ipv6-tcp.pcap and sll-any.pcap: SF over IPv6 and over loopback', () => {
    const [v6] = connections(OWN + 'ipv6-tcp.pcap');
    expect(v6!.client).toMatchObject({ address: 'fd00:99::1', port: 40777, isn: 3895699565, mss: 1440, packets: 10, bytes: 917, payloadBytes: 49, state: 'TIME-WAIT' });
    expect(v6!.server).toMatchObject({ address: 'fd00:99::2', port: 7777, isn: 776051123, mss: 1440, packets: 6, bytes: 573, payloadBytes: 49, state: 'CLOSED' });
    expect([v6!.connState, v6!.history, v6!.close.by, v6!.close.frame]).toEqual(['SF', 'ShADadFf', 'client', 20]);

    const [lo] = connections(OWN + 'sll-any.pcap');
    expect(lo!.client).toMatchObject({ address: '127.0.0.1', port: 40200, isn: 2127804890, mss: 65495, packets: 8, bytes: 583, payloadBytes: 31 });
    expect(lo!.server).toMatchObject({ address: '127.0.0.1', port: 7777, isn: 2346878136, mss: 65495, packets: 5, bytes: 379, payloadBytes: 31 });
    expect([lo!.connState, lo!.history, lo!.close.frame]).toEqual(['SF', 'ShADadFf', 11]);
  });

  it('the full pass gives the same summaries as the summary pass', () => {
    for (const f of ['refused-and-reset.pcap', 'handshake-http.pcapng']) {
      expect(connections(OWN + f, true)).toEqual(connections(OWN + f, false));
    }
  });

  it('counts the analysis expert items per stream (arkime-wireshark-retrans.pcap)', () => {
    const [x] = connections(CORPUS + 'arkime-wireshark-retrans.pcap');
    // Frames with each tcp.analysis.* expert item (tshark -n -r f -Y <name> | wc -l); fast and
    // spurious retransmissions also carry tcp.analysis.retransmission.
    expect(x!.analysis).toEqual({
      'tcp.analysis.retransmission': 47,
      'tcp.analysis.fast_retransmission': 14,
      'tcp.analysis.spurious_retransmission': 5,
      'tcp.analysis.out_of_order': 1,
      'tcp.analysis.duplicate_ack': 27,
      'tcp.analysis.keep_alive': 1,
    });
    expect(x!.history).toContain('T');
  });
});

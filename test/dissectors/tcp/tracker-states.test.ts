/**
 * Endpoint states (tcp.state.*) through the real dissector: the client's and the server's RFC 9293
 * state after every packet, written by hand from RFC 9293 (§3.3.2 state diagram, §3.5 Figures
 * 6–13, §3.10.7 event processing), read back with `-T fields`-style extraction.
 *
 * (b) every packet of six of our own real-stack captures (fixtures/own), two of them under loss;
 * (c) crafted sequences a real stack will not easily produce: simultaneous open, simultaneous
 *     close (CLOSING), a handshake that was not captured (inferred), retransmitted SYN and FIN, a
 *     SYN-ACK lost from the capture, a new SYN on a closed 4-tuple (new tcp.stream, fresh states).
 *
 * Non-TCP frames have no state fields ('' below). The model: each segment is sent by one endpoint
 * and received by the other; the state shown is after both (so a SYN-ACK leaves the client
 * ESTABLISHED and the server SYN-RECEIVED).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { connection, dissectFrames, fileFrames, segFrames, type TcpSeg } from '../../helpers/tcp-frames.js';

const OWN = fileURLToPath(new URL('../../../fixtures/own/', import.meta.url));

const STATE_FIELDS = ['tcp.stream', 'tcp.state.client', 'tcp.state.server', 'tcp.state.client_before', 'tcp.state.server_before', 'tcp.state.inferred', 'tcp.state.role_heuristic', 'tcp.state.transition'];

/* Shorthands: [client, server] after the packet. */
type Pair = readonly [string, string] | '';
const NONE = '' as const;
const SS_L = ['SYN-SENT', 'LISTEN'] as const;
const E_SR = ['ESTABLISHED', 'SYN-RECEIVED'] as const;
const E_E = ['ESTABLISHED', 'ESTABLISHED'] as const;
const C_C = ['CLOSED', 'CLOSED'] as const;

function statesOf(results: ReturnType<typeof dissectFrames>['results']): Pair[] {
  return results.map((r) => (r.fields['tcp.state.client'] === '' ? NONE : [r.fields['tcp.state.client']!, r.fields['tcp.state.server']!] as const));
}

function checkFile(file: string, want: Pair[]) {
  const { results } = dissectFrames(fileFrames(OWN + file), STATE_FIELDS);
  expect(results.length).toBe(want.length);
  const got = statesOf(results);
  got.forEach((g, i) => expect([i + 1, g], file).toEqual([i + 1, want[i]]));
  // "Before" is the previous packet's "after" within a stream; the first packet starts from CLOSED / LISTEN.
  const last = new Map<string, [string, string]>();
  results.forEach((r) => {
    if (r.fields['tcp.state.client'] === '') return;
    const prev = last.get(r.fields['tcp.stream']!) ?? ['CLOSED', 'LISTEN'];
    expect([r.num, r.fields['tcp.state.client_before'], r.fields['tcp.state.server_before']]).toEqual([r.num, ...prev]);
    last.set(r.fields['tcp.stream']!, [r.fields['tcp.state.client']!, r.fields['tcp.state.server']!]);
    expect([r.num, r.fields['tcp.state.inferred'], r.fields['tcp.state.role_heuristic']]).toEqual([r.num, '0', '0']);
  });
  return results;
}

describe('endpoint states on our own captures, every packet', () => {
  it('refused-and-reset.pcap: refused SYN, abort by the client, close led by the server', () => {
    const r = checkFile('refused-and-reset.pcap', [
      NONE, NONE, // ARP
      // stream 0: SYN to a closed port, answered by RST/ACK (§3.10.7.1: CLOSED sends RST; SYN-SENT + acceptable RST → CLOSED)
      SS_L, C_C,
      // stream 1: handshake, two echoed lines, then the client's RST (SO_LINGER 0)
      SS_L, E_SR, E_E, E_E, E_E, E_E, E_E, E_E, E_E, E_E, C_C,
      // stream 2: the server closes first: FIN → FIN-WAIT-1 / CLOSE-WAIT, its ACK → FIN-WAIT-2,
      // the client's FIN → LAST-ACK / TIME-WAIT, the last ACK → CLOSED
      SS_L, E_SR, E_E, E_E, E_E, E_E, E_E,
      ['CLOSE-WAIT', 'FIN-WAIT-1'], ['CLOSE-WAIT', 'FIN-WAIT-2'], ['LAST-ACK', 'TIME-WAIT'], ['CLOSED', 'TIME-WAIT'],
    ]);
    expect(r.map((x) => x.fields['tcp.stream'])).toEqual(['', '', '0', '0', ...Array(11).fill('1'), ...Array(11).fill('2')]);
    expect(r[3]!.fields['tcp.state.transition']).toBe('client SYN-SENT \u2192 CLOSED, server LISTEN \u2192 CLOSED');
    expect(r[22]!.fields['tcp.state.transition']).toBe('client ESTABLISHED \u2192 CLOSE-WAIT, server ESTABLISHED \u2192 FIN-WAIT-1');
  });

  it('handshake-http.pcapng: HTTP exchange, close led by the client', () => {
    const r = checkFile('handshake-http.pcapng', [
      NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, // ARP, ICMP, DNS
      SS_L, E_SR, E_E,
      E_E, E_E, E_E, E_E, E_E, E_E, E_E, E_E, E_E, E_E, E_E, E_E, E_E, E_E,
      // client FIN; the server's FIN/ACK acknowledges it (client FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT)
      ['FIN-WAIT-1', 'CLOSE-WAIT'], ['TIME-WAIT', 'LAST-ACK'], ['TIME-WAIT', 'CLOSED'],
    ]);
    expect(r[10]!.fields['tcp.state.transition']).toBe('client CLOSED \u2192 SYN-SENT, server stays LISTEN');
    expect(r[12]!.fields['tcp.state.transition']).toBe('client stays ESTABLISHED, server SYN-RECEIVED \u2192 ESTABLISHED');
  });

  it('ipv6-tcp.pcap: echo exchange over IPv6, close led by the client', () => {
    checkFile('ipv6-tcp.pcap', [
      NONE, NONE, NONE, NONE, NONE, NONE, // ND, ping
      SS_L, E_SR, E_E, E_E, E_E, E_E, E_E, E_E, E_E, E_E, E_E, E_E, E_E,
      ['FIN-WAIT-1', 'CLOSE-WAIT'], ['TIME-WAIT', 'LAST-ACK'], ['TIME-WAIT', 'CLOSED'],
    ]);
  });

  it('tcp-analysis.pcap: loss, retransmissions, zero window and keep-alives change no state', () => {
    // Run lengths of this recording (a rerun of make-captures.sh drops other segments: rewrite them).
    const rep = (n: number, p: Pair): Pair[] => Array<Pair>(n).fill(p);
    const FW1_CW = ['FIN-WAIT-1', 'CLOSE-WAIT'] as const;
    const TW_LA = ['TIME-WAIT', 'LAST-ACK'] as const;
    const TW_C = ['TIME-WAIT', 'CLOSED'] as const;
    const r = checkFile('tcp-analysis.pcap', [
      NONE, NONE, // ARP
      // stream 0 (port 8000, loss): the client's data, retransmissions included, then its FIN
      // (SHUT_WR); the server's first segment after it acknowledges the FIN (ack 60002: FIN-WAIT-2)
      // while the server's 60000 bytes go on; the server's FIN, the last ACK.
      SS_L, E_SR, ...rep(84, E_E), FW1_CW, ...rep(63, ['FIN-WAIT-2', 'CLOSE-WAIT']), TW_LA, TW_C,
      // stream 1 (HTTP GET /big.txt, loss): curl closes first; the server's FIN/ACK acknowledges
      // the client's FIN (FIN-WAIT-1 → TIME-WAIT directly, §3.10.7.4) — after stream 2 has begun.
      SS_L, E_SR, ...rep(61, E_E), FW1_CW,
      SS_L, E_SR, ...rep(5, E_E), // stream 2 (GET /small.txt) begins
      TW_LA, TW_C, // stream 1 ends
      ...rep(2, E_E), FW1_CW, TW_LA, TW_C, // stream 2 ends the same way
      // stream 3 (port 8001): window full, zero window, window updates: ESTABLISHED throughout;
      // stream 4 (port 8002) opens while stream 3 drains.
      SS_L, E_SR, ...rep(17, E_E),
      SS_L, E_SR, E_E,
      ...rep(10, E_E), ...rep(4, E_E), ...rep(71, E_E),
      FW1_CW, TW_LA, TW_C, // stream 3: the client's FIN rides on its last data
      // stream 4: keep-alives and their ACKs, then the client closes with unread data: RST.
      ...rep(6, E_E), C_C,
    ]);
    expect(r[348]!.fields['tcp.state.transition']).toBe('client ESTABLISHED \u2192 CLOSED, server ESTABLISHED \u2192 CLOSED');
    expect(r[340]!.fields['tcp.state.transition']).toBe('client FIN-WAIT-1 \u2192 TIME-WAIT, server CLOSE-WAIT \u2192 LAST-ACK');
  });

  it('http-loss.pcap: three HTTP exchanges over loss on one connection, close led by the client', () => {
    checkFile('http-loss.pcap', [
      NONE, NONE, // ARP
      SS_L, E_SR, ...Array<Pair>(102).fill(E_E),
      // curl's FIN; the server's FIN/ACK acknowledges it (FIN-WAIT-1 → TIME-WAIT at once).
      ['FIN-WAIT-1', 'CLOSE-WAIT'], ['TIME-WAIT', 'LAST-ACK'], ['TIME-WAIT', 'CLOSED'],
    ]);
  });

  it('sll-any.pcap: loopback (same address both ways: roles by port), close led by the client', () => {
    checkFile('sll-any.pcap', [
      SS_L, E_SR, E_E, E_E, E_E, E_E, E_E, E_E, E_E, E_E,
      ['FIN-WAIT-1', 'CLOSE-WAIT'], ['TIME-WAIT', 'LAST-ACK'], ['TIME-WAIT', 'CLOSED'],
    ]);
  });
});

const FIELDS = [...STATE_FIELDS, 'tcp.analysis.retransmission', 'tcp.analysis.reused_ports'];

function run(segs: TcpSeg[]) {
  return dissectFrames(segFrames(segs), FIELDS).results;
}

function pairs(results: ReturnType<typeof run>): [string, string][] {
  return results.map((r) => [r.fields['tcp.state.client']!, r.fields['tcp.state.server']!]);
}

describe('endpoint states on crafted sequences', () => {
  const { c, s } = connection('10.0.0.1', 40000, '10.0.0.2', 80);

  it('simultaneous open (RFC 9293 Figure 7): both SYN-RECEIVED, then ESTABLISHED', () => {
    const r = run([
      c(0, 'S', 100),
      s(0.001, 'S', 300), // crosses the client's SYN
      c(0.002, 'SA', 100, 301),
      s(0.003, 'SA', 300, 101),
      c(0.004, 'PA', 101, 301, { len: 10 }),
    ]);
    expect(pairs(r)).toEqual([
      ['SYN-SENT', 'LISTEN'],
      ['SYN-RECEIVED', 'SYN-RECEIVED'],
      ['SYN-RECEIVED', 'ESTABLISHED'],
      ['ESTABLISHED', 'ESTABLISHED'],
      ['ESTABLISHED', 'ESTABLISHED'],
    ]);
    expect(r.map((x) => x.fields['tcp.stream'])).toEqual(['0', '0', '0', '0', '0']);
  });

  it('simultaneous close (RFC 9293 Figure 13): both CLOSING, then TIME-WAIT', () => {
    const r = run([
      c(0, 'S', 100), s(0.001, 'SA', 300, 101), c(0.002, 'A', 101, 301),
      c(0.01, 'FA', 101, 301), // FIN-WAIT-1
      s(0.0101, 'FA', 301, 101), // sent before the client's FIN arrived: does not acknowledge it
      c(0.011, 'A', 102, 302), // acknowledges the server's FIN
      s(0.0111, 'A', 302, 102), // acknowledges the client's FIN
    ]);
    expect(pairs(r).slice(3)).toEqual([
      ['FIN-WAIT-1', 'CLOSE-WAIT'],
      ['CLOSING', 'CLOSING'],
      ['CLOSING', 'TIME-WAIT'],
      ['TIME-WAIT', 'TIME-WAIT'],
    ]);
  });

  it('handshake not captured: ESTABLISHED both ways, inferred, roles from the ports', () => {
    const r = run([
      s(0, 'PA', 5000, 9000, { len: 100 }), // first packet from the server (port 80)
      c(0.001, 'A', 9000, 5100),
      c(0.002, 'FA', 9000, 5100),
      s(0.003, 'FA', 5100, 9001),
      c(0.004, 'A', 9001, 5101),
    ]);
    expect(pairs(r)).toEqual([
      ['ESTABLISHED', 'ESTABLISHED'],
      ['ESTABLISHED', 'ESTABLISHED'],
      ['FIN-WAIT-1', 'CLOSE-WAIT'],
      ['TIME-WAIT', 'LAST-ACK'],
      ['TIME-WAIT', 'CLOSED'],
    ]);
    expect(r.map((x) => [x.fields['tcp.state.inferred'], x.fields['tcp.state.role_heuristic']])).toEqual(Array(5).fill(['1', '1']));
    // Before the first packet both were already ESTABLISHED (inferred), not CLOSED / LISTEN.
    expect([r[0]!.fields['tcp.state.client_before'], r[0]!.fields['tcp.state.server_before']]).toEqual(['ESTABLISHED', 'ESTABLISHED']);
  });

  it('retransmitted SYN and FIN change nothing', () => {
    const r = run([
      c(0, 'S', 100),
      c(1, 'S', 100), // SYN retransmitted after 1 s
      s(1.001, 'SA', 300, 101),
      c(1.002, 'A', 101, 301),
      c(1.01, 'FA', 101, 301),
      c(1.5, 'FA', 101, 301), // FIN retransmitted
      s(1.501, 'FA', 301, 102),
      c(1.502, 'A', 102, 302),
    ]);
    expect(pairs(r)).toEqual([
      ['SYN-SENT', 'LISTEN'],
      ['SYN-SENT', 'LISTEN'],
      ['ESTABLISHED', 'SYN-RECEIVED'],
      ['ESTABLISHED', 'ESTABLISHED'],
      ['FIN-WAIT-1', 'CLOSE-WAIT'],
      ['FIN-WAIT-1', 'CLOSE-WAIT'],
      ['TIME-WAIT', 'LAST-ACK'],
      ['TIME-WAIT', 'CLOSED'],
    ]);
    expect(r.map((x) => x.fields['tcp.analysis.retransmission'])).toEqual(['', '1', '', '', '', '1', '', '']);
    expect(r[1]!.fields['tcp.state.transition']).toBe('client stays SYN-SENT, server stays LISTEN');
  });

  it('a SYN-ACK lost from the capture: the client\'s ACK shows it was received (inferred)', () => {
    const r = run([
      c(0, 'S', 100),
      c(0.002, 'A', 101, 301), // acknowledges a SYN-ACK (ISN 300) the capture did not see
      c(0.003, 'PA', 101, 301, { len: 20 }),
      s(0.004, 'A', 301, 121),
    ]);
    expect(pairs(r)).toEqual([
      ['SYN-SENT', 'LISTEN'],
      ['ESTABLISHED', 'ESTABLISHED'],
      ['ESTABLISHED', 'ESTABLISHED'],
      ['ESTABLISHED', 'ESTABLISHED'],
    ]);
    expect(r.map((x) => x.fields['tcp.state.inferred'])).toEqual(['0', '1', '1', '1']);
    expect(r.map((x) => x.fields['tcp.state.role_heuristic'])).toEqual(['0', '0', '0', '0']);
  });

  it('a new SYN on a closed 4-tuple: a new tcp.stream with fresh states', () => {
    const r = run([
      c(0, 'S', 100), s(0.001, 'SA', 300, 101), c(0.002, 'A', 101, 301),
      c(0.01, 'FA', 101, 301), s(0.011, 'FA', 301, 102), c(0.012, 'A', 102, 302),
      c(5, 'S', 77777), // same ports, another ISN: port reuse
      s(5.001, 'SA', 88888, 77778),
      c(5.002, 'A', 77778, 88889),
    ]);
    expect(r.map((x) => x.fields['tcp.stream'])).toEqual(['0', '0', '0', '0', '0', '0', '1', '1', '1']);
    expect(pairs(r).slice(5)).toEqual([
      ['TIME-WAIT', 'CLOSED'],
      ['SYN-SENT', 'LISTEN'],
      ['ESTABLISHED', 'SYN-RECEIVED'],
      ['ESTABLISHED', 'ESTABLISHED'],
    ]);
    expect([r[6]!.fields['tcp.state.client_before'], r[6]!.fields['tcp.state.server_before']]).toEqual(['CLOSED', 'LISTEN']);
    expect(r[6]!.fields['tcp.analysis.reused_ports']).toBe('1');
  });

  it('a SYN-ACK seen first makes its sender the server', () => {
    const r = run([s(0, 'SA', 300, 101), c(0.001, 'A', 101, 301)]);
    expect(pairs(r)).toEqual([['ESTABLISHED', 'SYN-RECEIVED'], ['ESTABLISHED', 'ESTABLISHED']]);
    expect(r.map((x) => [x.fields['tcp.state.inferred'], x.fields['tcp.state.role_heuristic']])).toEqual([['1', '0'], ['1', '0']]);
  });
});

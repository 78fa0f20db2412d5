/**
 * Endpoint states after every segment, written by hand from RFC 9293 (§3.3.2 state diagram,
 * §3.5 Figures 6–13, §3.10.7 event processing). Segments are given as the observer sees them.
 */
import { describe, expect, it } from 'vitest';
import { ConnectionStates, TCP_STATES, TH_ACK, TH_FIN, TH_RST, TH_SYN, type TcpState } from '../../../dissectors/tcp/endpoint-states.js';

type Seg = [from: 'C' | 'S', flags: number, seq: number, ack: number, len: number, client: TcpState, server: TcpState];

function run(segs: Seg[], inferred?: [boolean, boolean][]) {
  const c = new ConnectionStates();
  segs.forEach(([from, flags, seq, ack, len, client, server], i) => {
    const r = c.segment(from === 'C', flags, seq >>> 0, ack >>> 0, len);
    expect([i + 1, TCP_STATES[r.client], TCP_STATES[r.server]]).toEqual([i + 1, client, server]);
    if (inferred) expect([i + 1, r.clientInferred, r.serverInferred]).toEqual([i + 1, ...inferred[i]!]);
  });
  return c;
}

const SA = TH_SYN | TH_ACK;
const FA = TH_FIN | TH_ACK;
const RA = TH_RST | TH_ACK;
const A = TH_ACK;

describe('TCP endpoint states', () => {
  it('normal open, data, close initiated by the client', () => {
    run([
      ['C', TH_SYN, 100, 0, 0, 'SYN-SENT', 'LISTEN'],
      ['S', SA, 300, 101, 0, 'ESTABLISHED', 'SYN-RECEIVED'],
      ['C', A, 101, 301, 0, 'ESTABLISHED', 'ESTABLISHED'],
      ['C', A | 0x08, 101, 301, 10, 'ESTABLISHED', 'ESTABLISHED'],
      ['S', A, 301, 111, 0, 'ESTABLISHED', 'ESTABLISHED'],
      ['C', FA, 111, 301, 0, 'FIN-WAIT-1', 'CLOSE-WAIT'],
      ['S', A, 301, 112, 0, 'FIN-WAIT-2', 'CLOSE-WAIT'],
      ['S', FA, 301, 112, 0, 'TIME-WAIT', 'LAST-ACK'],
      ['C', A, 112, 302, 0, 'TIME-WAIT', 'CLOSED'],
    ]);
  });

  it('close initiated by the server, FIN+ACK answered in one segment', () => {
    run([
      ['C', TH_SYN, 1, 0, 0, 'SYN-SENT', 'LISTEN'],
      ['S', SA, 500, 2, 0, 'ESTABLISHED', 'SYN-RECEIVED'],
      ['C', A, 2, 501, 0, 'ESTABLISHED', 'ESTABLISHED'],
      ['S', FA, 501, 2, 0, 'CLOSE-WAIT', 'FIN-WAIT-1'],
      ['C', FA, 2, 502, 0, 'LAST-ACK', 'TIME-WAIT'],
      ['S', A, 502, 3, 0, 'CLOSED', 'TIME-WAIT'],
    ]);
  });

  it('refused connection: RST/ACK answers the SYN', () => {
    run([
      ['C', TH_SYN, 1000, 0, 0, 'SYN-SENT', 'LISTEN'],
      ['S', RA, 0, 1001, 0, 'CLOSED', 'CLOSED'],
    ]);
  });

  it('retransmitted SYN, then refused', () => {
    run([
      ['C', TH_SYN, 7, 0, 0, 'SYN-SENT', 'LISTEN'],
      ['C', TH_SYN, 7, 0, 0, 'SYN-SENT', 'LISTEN'],
      ['S', RA, 0, 8, 0, 'CLOSED', 'CLOSED'],
    ]);
  });

  it('abort by RST in the middle of the connection', () => {
    run([
      ['C', TH_SYN, 1, 0, 0, 'SYN-SENT', 'LISTEN'],
      ['S', SA, 9, 2, 0, 'ESTABLISHED', 'SYN-RECEIVED'],
      ['C', A, 2, 10, 0, 'ESTABLISHED', 'ESTABLISHED'],
      ['C', A, 2, 10, 50, 'ESTABLISHED', 'ESTABLISHED'],
      ['C', RA, 52, 10, 0, 'CLOSED', 'CLOSED'],
    ]);
  });

  it('simultaneous open (RFC 9293 Figure 7)', () => {
    run([
      ['C', TH_SYN, 100, 0, 0, 'SYN-SENT', 'LISTEN'],
      ['S', TH_SYN, 300, 0, 0, 'SYN-RECEIVED', 'SYN-RECEIVED'],
      ['C', SA, 100, 301, 0, 'SYN-RECEIVED', 'ESTABLISHED'],
      ['S', SA, 300, 101, 0, 'ESTABLISHED', 'ESTABLISHED'],
    ]);
  });

  it('simultaneous close (RFC 9293 Figure 13): both pass through CLOSING to TIME-WAIT', () => {
    run([
      ['C', TH_SYN, 100, 0, 0, 'SYN-SENT', 'LISTEN'],
      ['S', SA, 300, 101, 0, 'ESTABLISHED', 'SYN-RECEIVED'],
      ['C', A, 101, 301, 0, 'ESTABLISHED', 'ESTABLISHED'],
      ['C', FA, 101, 301, 0, 'FIN-WAIT-1', 'CLOSE-WAIT'],
      // The server's FIN does not acknowledge the client's: it was sent before that FIN arrived.
      ['S', FA, 301, 101, 0, 'CLOSING', 'CLOSING'],
      ['C', A, 102, 302, 0, 'CLOSING', 'TIME-WAIT'],
      ['S', A, 302, 102, 0, 'TIME-WAIT', 'TIME-WAIT'],
    ]);
  });

  it('half-closed connection keeps sending the other way', () => {
    run([
      ['C', TH_SYN, 0, 0, 0, 'SYN-SENT', 'LISTEN'],
      ['S', SA, 0, 1, 0, 'ESTABLISHED', 'SYN-RECEIVED'],
      ['C', A, 1, 1, 0, 'ESTABLISHED', 'ESTABLISHED'],
      ['C', FA, 1, 1, 0, 'FIN-WAIT-1', 'CLOSE-WAIT'],
      ['S', A, 1, 2, 0, 'FIN-WAIT-2', 'CLOSE-WAIT'],
      ['S', A, 1, 2, 100, 'FIN-WAIT-2', 'CLOSE-WAIT'],
      ['C', A, 2, 101, 0, 'FIN-WAIT-2', 'CLOSE-WAIT'],
      ['S', A, 101, 2, 100, 'FIN-WAIT-2', 'CLOSE-WAIT'],
      ['S', FA, 201, 2, 0, 'TIME-WAIT', 'LAST-ACK'],
      ['C', A, 2, 202, 0, 'TIME-WAIT', 'CLOSED'],
    ]);
  });

  it('retransmitted FIN changes nothing', () => {
    run([
      ['C', TH_SYN, 0, 0, 0, 'SYN-SENT', 'LISTEN'],
      ['S', SA, 0, 1, 0, 'ESTABLISHED', 'SYN-RECEIVED'],
      ['C', A, 1, 1, 0, 'ESTABLISHED', 'ESTABLISHED'],
      ['C', FA, 1, 1, 0, 'FIN-WAIT-1', 'CLOSE-WAIT'],
      ['C', FA, 1, 1, 0, 'FIN-WAIT-1', 'CLOSE-WAIT'],
      ['S', FA, 1, 2, 0, 'TIME-WAIT', 'LAST-ACK'],
      ['S', FA, 1, 2, 0, 'TIME-WAIT', 'LAST-ACK'],
      ['C', A, 2, 2, 0, 'TIME-WAIT', 'CLOSED'],
    ]);
  });

  it('handshake not captured: mid-stream traffic is ESTABLISHED, inferred', () => {
    run(
      [
        ['C', A, 5000, 9000, 20, 'ESTABLISHED', 'ESTABLISHED'],
        ['S', A, 9000, 5020, 0, 'ESTABLISHED', 'ESTABLISHED'],
        ['C', FA, 5020, 9000, 0, 'FIN-WAIT-1', 'CLOSE-WAIT'],
      ],
      [[true, true], [true, true], [true, true]],
    );
  });

  it("the client's SYN was not captured: a SYN-ACK first", () => {
    run(
      [
        ['S', SA, 300, 101, 0, 'ESTABLISHED', 'SYN-RECEIVED'],
        ['C', A, 101, 301, 0, 'ESTABLISHED', 'ESTABLISHED'],
      ],
      [[true, false], [true, false]],
    );
  });

  it("the server's SYN-ACK was lost from the capture: the client's ACK implies it", () => {
    run(
      [
        ['C', TH_SYN, 100, 0, 0, 'SYN-SENT', 'LISTEN'],
        ['C', A, 101, 301, 0, 'ESTABLISHED', 'ESTABLISHED'],
        ['S', A, 301, 101, 10, 'ESTABLISHED', 'ESTABLISHED'],
      ],
      [[false, false], [false, true], [false, true]],
    );
  });

  it('segments lost from the capture (data ACKed but never seen) leave the states consistent', () => {
    run([
      ['C', TH_SYN, 0, 0, 0, 'SYN-SENT', 'LISTEN'],
      ['S', SA, 0, 1, 0, 'ESTABLISHED', 'SYN-RECEIVED'],
      ['C', A, 1, 1, 0, 'ESTABLISHED', 'ESTABLISHED'],
      // client data at seq 1..100 not captured; the server acknowledges it
      ['S', A, 1, 101, 0, 'ESTABLISHED', 'ESTABLISHED'],
      ['C', FA, 101, 1, 0, 'FIN-WAIT-1', 'CLOSE-WAIT'],
      ['S', FA, 1, 102, 0, 'TIME-WAIT', 'LAST-ACK'],
      ['C', A, 102, 2, 0, 'TIME-WAIT', 'CLOSED'],
    ]);
  });

  it('client aborts its own connection attempt (SYN then RST): the server stays LISTEN', () => {
    run([
      ['C', TH_SYN, 0, 0, 0, 'SYN-SENT', 'LISTEN'],
      ['C', TH_RST, 1, 0, 0, 'CLOSED', 'LISTEN'],
    ]);
  });

  it('a RST to a SYN-RECEIVED server returns it to LISTEN (RFC 9293 §3.10.7.3)', () => {
    run([
      ['C', TH_SYN, 0, 0, 0, 'SYN-SENT', 'LISTEN'],
      ['S', SA, 50, 1, 0, 'ESTABLISHED', 'SYN-RECEIVED'],
      ['C', TH_RST, 1, 0, 0, 'CLOSED', 'LISTEN'],
    ]);
  });

  it('sequence numbers that wrap around 2^32', () => {
    run([
      ['C', TH_SYN, 0xffffffff, 0, 0, 'SYN-SENT', 'LISTEN'],
      ['S', SA, 0xfffffff0, 0, 0, 'ESTABLISHED', 'SYN-RECEIVED'],
      ['C', A, 0, 0xfffffff1, 0, 'ESTABLISHED', 'ESTABLISHED'],
      ['C', FA, 0, 0xfffffff1, 0xffff, 'FIN-WAIT-1', 'CLOSE-WAIT'],
      ['S', FA, 0xfffffff1, 0x10000, 0, 'TIME-WAIT', 'LAST-ACK'],
      ['C', A, 0x10000, 0xfffffff2, 0, 'TIME-WAIT', 'CLOSED'],
    ]);
  });
});

/**
 * Crafted TCP conversations, one per analysis rule (and sequence wrap-around, window scaling,
 * port reuse, ICMP-quoted headers, IPv6). crafted.test.ts feeds them to the analyzer and compares
 * every output cell with tshark 4.0's view of the same segments written as a pcap
 * (fixtures/corpus/expected-extra/crafted.tcp.json, made by fixtures/make-tcp-expected.sh).
 */
import type { CraftSeg } from '../../helpers/tshark-tcp-input.js';

export interface Scenario {
  name: string;
  segs: CraftSeg[];
}

const C = '10.0.0.1';
const S = '10.0.0.2';
const CP = 40001;
const SP = 8080;

/** Client → server segment. */
function c(t: number, seq: number, ack: number, flags: string, win: number, len = 0, extra: Partial<CraftSeg> = {}): CraftSeg {
  return { t, src: C, dst: S, sport: CP, dport: SP, seq, ack, flags, win, len, ...extra };
}
/** Server → client segment. */
function s(t: number, seq: number, ack: number, flags: string, win: number, len = 0, extra: Partial<CraftSeg> = {}): CraftSeg {
  return { t, src: S, dst: C, sport: SP, dport: CP, seq, ack, flags, win, len, ...extra };
}

/** ISNs: client 1000, server 5000 (relative 0). */
const CI = 1000;
const SI = 5000;

/** A handshake without options, starting at time t. */
function handshake(t = 0, ci = CI, si = SI): CraftSeg[] {
  return [
    c(t, ci, 0, 'S', 64240, 0, { mss: 1460 }),
    s(t + 0.01, si, ci + 1, 'SA', 65160, 0, { mss: 1460 }),
    c(t + 0.02, ci + 1, si + 1, 'A', 64240),
  ];
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'handshake, data, acks, close',
    segs: [
      ...handshake(),
      c(0.03, CI + 1, SI + 1, 'PA', 64240, 100),
      s(0.04, SI + 1, CI + 101, 'A', 65060),
      s(0.05, SI + 1, CI + 101, 'PA', 65060, 300),
      c(0.06, CI + 101, SI + 301, 'A', 63940),
      c(0.07, CI + 101, SI + 301, 'FA', 63940),
      s(0.08, SI + 301, CI + 102, 'FA', 65060),
      c(0.09, CI + 102, SI + 302, 'A', 63940),
    ],
  },
  {
    name: 'bytes in flight and push bytes over several segments',
    segs: [
      ...handshake(),
      c(0.03, CI + 1, SI + 1, 'A', 64240, 500),
      c(0.031, CI + 501, SI + 1, 'A', 64240, 500),
      c(0.032, CI + 1001, SI + 1, 'PA', 64240, 200),
      c(0.033, CI + 1201, SI + 1, 'A', 64240, 100),
      s(0.05, SI + 1, CI + 501, 'A', 65160),
      c(0.051, CI + 1301, SI + 1, 'PA', 64240, 50),
      s(0.06, SI + 1, CI + 1351, 'A', 65160),
    ],
  },
  {
    name: 'sequence numbers wrapping around 2^32',
    segs: [
      c(0, 0xffffff00, 0, 'S', 64240),
      s(0.01, 0xfffffff0, 0xffffff01, 'SA', 65160),
      c(0.02, 0xffffff01, 0xfffffff1, 'A', 64240),
      c(0.03, 0xffffff01, 0xfffffff1, 'A', 64240, 200),
      c(0.031, 0xffffffc9, 0xfffffff1, 'PA', 64240, 100),
      s(0.04, 0xfffffff1, 0x2d, 'A', 65160),
      s(0.05, 0xfffffff1, 0x2d, 'PA', 65160, 64),
      c(0.3, 0xffffffc9, 0x31, 'PA', 64240, 100),
      c(0.31, 0x2d, 0x31, 'A', 64240, 10),
      c(0.5, 0x100, 0x31, 'A', 64240, 10),
      s(0.51, 0x31, 0x10a, 'A', 65160),
    ],
  },
  {
    name: 'retransmission after a timeout',
    segs: [
      ...handshake(),
      c(0.03, CI + 1, SI + 1, 'PA', 64240, 100),
      c(0.04, CI + 101, SI + 1, 'PA', 64240, 100),
      c(0.5, CI + 1, SI + 1, 'PA', 64240, 100),
      s(0.51, SI + 1, CI + 201, 'A', 65160),
      c(1.5, CI + 101, SI + 1, 'PA', 64240, 100),
    ],
  },
  {
    name: 'fast retransmission after duplicate acks',
    segs: [
      ...handshake(),
      c(0.03, CI + 1, SI + 1, 'A', 64240, 100),
      c(0.031, CI + 201, SI + 1, 'A', 64240, 100),
      s(0.04, SI + 1, CI + 101, 'A', 65160),
      s(0.041, SI + 1, CI + 101, 'A', 65160, 0, { sack: [[CI + 201, CI + 301]] }),
      c(0.042, CI + 301, SI + 1, 'A', 64240, 100),
      s(0.043, SI + 1, CI + 101, 'A', 65160, 0, { sack: [[CI + 201, CI + 401]] }),
      s(0.044, SI + 1, CI + 101, 'A', 65160, 0, { sack: [[CI + 201, CI + 401]] }),
      c(0.045, CI + 101, SI + 1, 'A', 64240, 100),
      s(0.05, SI + 1, CI + 401, 'A', 65160),
    ],
  },
  {
    name: 'spurious retransmission',
    segs: [
      ...handshake(),
      s(0.03, SI + 1, CI + 1, 'PA', 65160, 100),
      c(0.04, CI + 1, SI + 101, 'A', 64240),
      s(0.3, SI + 1, CI + 1, 'PA', 65160, 100),
      c(0.31, CI + 1, SI + 101, 'A', 64240),
    ],
  },
  {
    name: 'out of order within the initial RTT',
    segs: [
      ...handshake(0),
      c(0.03, CI + 1, SI + 1, 'A', 64240, 100),
      c(0.031, CI + 201, SI + 1, 'A', 64240, 100),
      c(0.032, CI + 101, SI + 1, 'A', 64240, 100),
      s(0.04, SI + 1, CI + 301, 'A', 65160),
    ],
  },
  {
    name: 'out of order without a handshake (3 ms threshold)',
    segs: [
      c(0, CI + 1, SI + 1, 'A', 64240, 100),
      c(0.001, CI + 201, SI + 1, 'A', 64240, 100),
      c(0.002, CI + 101, SI + 1, 'A', 64240, 100),
      c(0.004, CI + 301, SI + 1, 'A', 64240, 100),
      c(0.010, CI + 351, SI + 1, 'A', 64240, 20),
    ],
  },
  {
    name: 'previous segment not captured and ACKed unseen segment',
    segs: [
      ...handshake(),
      c(0.03, CI + 1, SI + 1, 'A', 64240, 100),
      c(0.04, CI + 201, SI + 1, 'A', 64240, 100),
      s(0.05, SI + 1, CI + 301, 'A', 65160),
      s(0.06, SI + 1, CI + 401, 'A', 65160),
      s(0.07, SI + 1, CI + 401, 'A', 65160),
      c(0.08, CI + 401, SI + 1, 'A', 64240, 100),
      s(0.09, SI + 1, CI + 501, 'A', 65160),
      s(0.1, SI + 1001, CI + 501, 'A', 65160, 10),
      c(0.11, CI + 501, SI + 2011, 'A', 64240),
    ],
  },
  {
    name: 'duplicate acks counted and reset',
    segs: [
      ...handshake(),
      c(0.03, CI + 1, SI + 1, 'A', 64240, 100),
      s(0.04, SI + 1, CI + 101, 'A', 65160),
      s(0.05, SI + 1, CI + 101, 'A', 65160),
      s(0.06, SI + 1, CI + 101, 'A', 65160),
      s(0.07, SI + 1, CI + 101, 'A', 65160),
      c(0.08, CI + 101, SI + 1, 'A', 64240, 100),
      s(0.09, SI + 1, CI + 201, 'A', 65160),
      s(0.10, SI + 1, CI + 201, 'A', 65160),
      s(0.11, SI + 1, CI + 201, 'A', 32000),
      s(0.12, SI + 1, CI + 201, 'A', 32000),
    ],
  },
  {
    name: 'zero window, probes and their acks',
    segs: [
      ...handshake(),
      c(0.03, CI + 1, SI + 1, 'A', 64240, 1000),
      s(0.04, SI + 1, CI + 1001, 'A', 0),
      c(0.5, CI + 1001, SI + 1, 'A', 64240, 1),
      s(0.51, SI + 1, CI + 1001, 'A', 0),
      c(1.5, CI + 1001, SI + 1, 'A', 64240, 1),
      s(1.51, SI + 1, CI + 1001, 'A', 0),
      s(2, SI + 1, CI + 1001, 'A', 8000),
      c(2.01, CI + 1001, SI + 1, 'A', 64240, 500),
    ],
  },
  {
    name: 'window full',
    segs: [
      c(0, CI, 0, 'S', 64240, 0, { ws: 0 }),
      s(0.01, SI, CI + 1, 'SA', 1000, 0, { ws: 0 }),
      c(0.02, CI + 1, SI + 1, 'A', 64240),
      c(0.03, CI + 1, SI + 1, 'A', 64240, 600),
      c(0.031, CI + 601, SI + 1, 'A', 64240, 400),
      s(0.04, SI + 1, CI + 1001, 'A', 1000),
      c(0.05, CI + 1001, SI + 1, 'A', 64240, 1000),
      s(0.06, SI + 1, CI + 1001, 'A', 2000),
    ],
  },
  {
    name: 'window full without the handshake and before the first ACK',
    segs: [
      c(0, CI, 0, 'S', 64240, 0, { ws: 2 }),
      s(0.01, SI, CI + 1, 'SA', 250, 0, { ws: 1 }),
      c(0.02, CI + 1, SI + 1, 'A', 64240, 250),
      c(0.03, CI + 251, SI + 1, 'A', 64240, 250),
      s(0.04, SI + 1, CI + 501, 'A', 250),
      c(0.05, CI + 501, SI + 1, 'A', 64240, 500),
    ],
  },
  {
    name: 'window updates',
    segs: [
      ...handshake(),
      c(0.03, CI + 1, SI + 1, 'A', 64240, 100),
      s(0.04, SI + 1, CI + 101, 'A', 1000),
      s(0.05, SI + 1, CI + 101, 'A', 30000),
      s(0.06, SI + 1, CI + 101, 'A', 30000),
      s(0.07, SI + 1, CI + 101, 'A', 0),
      s(0.08, SI + 1, CI + 101, 'A', 500),
    ],
  },
  {
    name: 'keep-alives and their acks',
    segs: [
      ...handshake(),
      c(0.03, CI + 1, SI + 1, 'A', 64240, 100),
      s(0.04, SI + 1, CI + 101, 'A', 65160),
      c(10, CI + 100, SI + 1, 'A', 64240),
      s(10.01, SI + 1, CI + 101, 'A', 65160),
      c(20, CI + 100, SI + 1, 'A', 64240, 1),
      s(20.01, SI + 1, CI + 101, 'A', 65160),
      s(30, SI, CI + 101, 'A', 65160),
    ],
  },
  {
    name: 'ports reused by a new SYN',
    segs: [
      ...handshake(),
      c(0.03, CI + 1, SI + 1, 'FA', 64240),
      s(0.04, SI + 1, CI + 2, 'FA', 65160),
      c(0.05, CI + 2, SI + 2, 'A', 64240),
      c(5, 90000, 0, 'S', 64240),
      s(5.01, 70000, 90001, 'SA', 65160),
      c(5.02, 90001, 70001, 'A', 64240),
      c(6, 90001, 70001, 'PA', 64240, 10),
    ],
  },
  {
    name: 'retransmitted SYN and SYN-ACK',
    segs: [
      c(0, CI, 0, 'S', 64240),
      c(1, CI, 0, 'S', 64240),
      s(1.01, SI, CI + 1, 'SA', 65160),
      s(2.01, SI, CI + 1, 'SA', 65160),
      c(2.02, CI + 1, SI + 1, 'A', 64240),
    ],
  },
  {
    name: 'SYN-ACK with a new sequence number',
    segs: [
      c(0, CI, 0, 'S', 64240),
      s(0.01, SI, CI + 1, 'SA', 65160),
      s(0.02, SI + 777, CI + 1, 'SA', 65160),
      c(0.03, CI + 1, SI + 778, 'A', 64240),
    ],
  },
  {
    name: 'SYN again after a RST that carried another sequence number',
    segs: [
      c(0, CI, 0, 'S', 64240),
      c(0.01, CI + 500, 0, 'A', 64240, 10),
      c(0.02, CI, 0, 'S', 64240),
      c(0.03, CI + 510, 0, 'A', 64240, 10),
    ],
  },
  {
    name: 'new SYN from the other side reuses the ports',
    segs: [
      ...handshake(),
      c(0.03, CI + 1, SI + 1, 'RA', 0),
      s(1, 123456, 0, 'S', 65160),
      c(1.01, 654321, 123457, 'SA', 64240),
      s(1.02, 123457, 654322, 'A', 65160),
      c(1.03, 654322, 123457, 'PA', 64240, 5),
      s(1.04, 123457, 654327, 'A', 65160),
    ],
  },
  {
    name: 'window scaling from both SYNs',
    segs: [
      c(0, CI, 0, 'S', 64240, 0, { mss: 1460, ws: 7, sackPerm: true }),
      s(0.01, SI, CI + 1, 'SA', 65160, 0, { mss: 1460, ws: 3, sackPerm: true }),
      c(0.02, CI + 1, SI + 1, 'A', 502),
      s(0.03, SI + 1, CI + 1, 'PA', 8145, 10),
      c(0.04, CI + 1, SI + 11, 'A', 501),
    ],
  },
  {
    name: 'window scaling offered by one side only',
    segs: [
      c(0, CI, 0, 'S', 64240, 0, { ws: 7 }),
      s(0.01, SI, CI + 1, 'SA', 65160),
      c(0.02, CI + 1, SI + 1, 'A', 502),
      s(0.03, SI + 1, CI + 1, 'PA', 8145, 10),
    ],
  },
  {
    name: 'window scaling answered without a SYN, shift above 14',
    segs: [
      s(0, SI, CI + 1, 'SA', 65160, 0, { ws: 15 }),
      c(0.01, CI + 1, SI + 1, 'A', 502),
      s(0.02, SI + 1, CI + 1, 'PA', 8145, 10),
      c(0.03, CI + 1, SI + 11, 'A', 501),
    ],
  },
  {
    name: 'mid-stream start: relative numbers from the first segment and the first ACK',
    segs: [
      s(0, 777777, 0, 'P', 1000, 10),
      c(0.01, 123456, 777787, 'A', 2000),
      s(0.02, 777787, 123456, 'PA', 1000, 20),
      c(0.03, 123456, 777807, 'A', 2000, 5),
    ],
  },
  {
    name: 'bytes in flight minus SACKed blocks',
    segs: [
      ...handshake(),
      c(0.03, CI + 1, SI + 1, 'A', 64240, 100),
      c(0.031, CI + 101, SI + 1, 'A', 64240, 100),
      c(0.032, CI + 201, SI + 1, 'A', 64240, 100),
      s(0.04, SI + 1, CI + 101, 'A', 65160, 0, { sack: [[CI + 201, CI + 301]] }),
      c(0.041, CI + 301, SI + 1, 'A', 64240, 100),
      s(0.042, SI + 1, CI + 101, 'A', 65160, 0, { sack: [[CI + 201, CI + 301], [CI + 401, CI + 451], [CI + 501, CI + 511], [CI + 601, CI + 611]] }),
      c(0.043, CI + 401, SI + 1, 'A', 64240, 100),
      s(0.044, SI + 1, CI + 101, 'A', 65160),
      c(0.045, CI + 501, SI + 1, 'A', 64240, 100),
    ],
  },
  {
    name: 'IPv6 conversation',
    segs: [
      { t: 0, src: 'fd00::1', dst: 'fd00::2', sport: 5555, dport: 443, seq: 1, ack: 0, flags: 'S', win: 64800, ws: 7 },
      { t: 0.01, src: 'fd00::2', dst: 'fd00::1', sport: 443, dport: 5555, seq: 99, ack: 2, flags: 'SA', win: 64800, ws: 7 },
      { t: 0.02, src: 'fd00::1', dst: 'fd00::2', sport: 5555, dport: 443, seq: 2, ack: 100, flags: 'A', win: 507 },
      { t: 0.03, src: 'fd00::1', dst: 'fd00::2', sport: 5555, dport: 443, seq: 2, ack: 100, flags: 'PA', win: 507, len: 30 },
      { t: 0.04, src: '10.0.0.1', dst: '10.0.0.2', sport: 5555, dport: 443, seq: 2, ack: 100, flags: 'PA', win: 507, len: 30 },
      { t: 0.05, src: 'fd00::2', dst: 'fd00::1', sport: 443, dport: 5555, seq: 100, ack: 32, flags: 'A', win: 507 },
    ],
  },
  {
    name: 'ICMP-quoted headers join the conversation without analysis',
    segs: [
      ...handshake(),
      c(0.03, CI + 1, SI + 1, 'PA', 64240, 100, { icmpQuote: 48 }),
      c(0.04, CI + 1, SI + 1, 'PA', 64240, 100),
      c(0.05, CI + 101, SI + 1, 'PA', 64240, 100, { icmpQuote: 28 }),
      c(0.06, 424242, 0, 'S', 64240, 0, { icmpQuote: 48 }),
      c(0.07, CI + 101, SI + 1, 'PA', 64240, 100),
    ],
  },
  {
    name: 'several analysis flags on one segment (Info order)',
    segs: [
      ...handshake(),
      c(0.03, CI + 1, SI + 1, 'A', 64240, 100),
      s(0.04, SI + 1, CI + 101, 'A', 65160),
      c(0.05, CI + 301, SI + 1, 'A', 0, 100),
      s(0.06, SI + 101, CI + 501, 'A', 0),
      c(0.07, CI + 400, SI + 1, 'A', 0),
      s(0.08, SI + 100, CI + 401, 'A', 0, 1),
    ],
  },
  {
    name: 'timestamps going backwards',
    segs: [
      ...handshake(5),
      c(4.9, CI + 1, SI + 1, 'PA', 64240, 10),
      s(4.8, SI + 1, CI + 11, 'A', 65160),
      c(5.1, CI + 11, SI + 1, 'PA', 64240, 10),
    ],
  },
  {
    name: 'bogus header length, header cut by the snap length',
    segs: [
      ...handshake(),
      c(0.03, CI + 1, SI + 1, 'PA', 64240, 100, { doff: 4 }),
      c(0.04, CI + 101, SI + 1, 'PA', 64240, 100, { doff: 15 }),
      c(0.05, CI + 1, SI + 1, 'PA', 64240, 100, { ts: [1, 2], sack: [[1, 2]], snap: 14 + 20 + 30 }),
      c(0.06, CI + 201, SI + 1, 'PA', 64240, 100, { snap: 14 + 20 + 12 }),
      c(0.07, CI + 201, SI + 1, 'PA', 64240, 100, { snap: 14 + 20 + 16 }),
      s(0.08, SI + 1, CI + 301, 'A', 65160),
    ],
  },
  {
    name: 'same address both ways: direction by port, and a connection to itself',
    segs: [
      { t: 0, src: '127.0.0.1', dst: '127.0.0.1', sport: 50000, dport: 6000, seq: 10, ack: 0, flags: 'S', win: 65495, ws: 7 },
      { t: 0.001, src: '127.0.0.1', dst: '127.0.0.1', sport: 6000, dport: 50000, seq: 20, ack: 11, flags: 'SA', win: 65483, ws: 7 },
      { t: 0.002, src: '127.0.0.1', dst: '127.0.0.1', sport: 50000, dport: 6000, seq: 11, ack: 21, flags: 'A', win: 512 },
      { t: 0.003, src: '127.0.0.1', dst: '127.0.0.1', sport: 50000, dport: 6000, seq: 11, ack: 21, flags: 'PA', win: 512, len: 7 },
      { t: 0.004, src: '127.0.0.1', dst: '127.0.0.1', sport: 6000, dport: 50000, seq: 21, ack: 18, flags: 'A', win: 512 },
      { t: 1, src: '127.0.0.1', dst: '127.0.0.1', sport: 7000, dport: 7000, seq: 300, ack: 0, flags: 'S', win: 65495 },
      { t: 1.001, src: '127.0.0.1', dst: '127.0.0.1', sport: 7000, dport: 7000, seq: 300, ack: 301, flags: 'SA', win: 65495 },
      { t: 1.002, src: '127.0.0.1', dst: '127.0.0.1', sport: 7000, dport: 7000, seq: 301, ack: 301, flags: 'A', win: 65495 },
      { t: 1.003, src: '127.0.0.1', dst: '127.0.0.1', sport: 7000, dport: 7000, seq: 301, ack: 301, flags: 'PA', win: 65495, len: 4 },
      { t: 1.004, src: '127.0.0.1', dst: '127.0.0.1', sport: 7000, dport: 7000, seq: 305, ack: 305, flags: 'A', win: 65495 },
    ],
  },
  {
    name: 'negative initial RTT (time going backwards): later segments count as out of order',
    segs: [
      c(5, CI, 0, 'S', 64240),
      s(5.01, SI, CI + 1, 'SA', 65160),
      c(4.99, CI + 1, SI + 1, 'A', 64240),
      c(5.1, CI + 1, SI + 1, 'A', 64240, 100),
      c(5.2, CI + 201, SI + 1, 'A', 64240, 100),
      c(10, CI + 101, SI + 1, 'A', 64240, 100),
      c(9.5, CI + 1, SI + 1, 'A', 64240, 100),
    ],
  },
  {
    name: 'ACKed unseen segment after a sequence number far ahead',
    segs: [
      c(0, 3000000000, 0, 'S', 64240),
      s(0.01, SI, 3000000001, 'SA', 65160),
      c(0.02, 3000000001, SI + 1, 'A', 64240, 100),
      c(0.03, (3000000001 + 0x60000000) >>> 0, SI + 1, 'A', 64240, 10),
      s(0.04, SI + 1, 3000000201, 'A', 65160),
      c(0.05, (3000000011 + 0x60000000) >>> 0, SI + 11, 'A', 64240),
      s(0.06, SI + 1, 3000000301, 'PA', 65160, 10),
      s(0.07, SI + 11, 3000000401, 'A', 65160),
    ],
  },
  {
    name: 'TCP Fast Open: a SYN-ACK accepting the data of a SYN, one ignoring a cookie\'s, one not a plain SYN\'s, one acknowledging more than the SYN',
    segs: [
      c(0, CI, 0, 'S', 64240, 10, { tfoCookie: true }),
      s(0.01, SI, CI + 11, 'SA', 65160),
      c(0.02, CI + 11, SI + 1, 'A', 64240),
      c(0.5, CI, 0, 'S', 64240, 10, { sport: 40004, tfoCookie: true }),
      s(0.51, SI, CI + 1, 'SA', 65160, 0, { dport: 40004 }),
      c(1, CI, 0, 'S', 64240, 10, { sport: 40002 }),
      s(1.01, SI, CI + 1, 'SA', 65160, 0, { dport: 40002 }),
      c(1.02, CI + 1, SI + 1, 'A', 64240, 0, { sport: 40002 }),
      c(2, CI, 0, 'S', 64240, 0, { sport: 40003 }),
      s(2.01, SI, CI + 6, 'SA', 65160, 0, { dport: 40003 }),
    ],
  },
];

/**
 * Crafted TCP conversations (crafted-scenarios.ts) through the sequence analysis: every output
 * cell must equal tshark 4.0's view of the same segments (cached in
 * fixtures/corpus/expected-extra/crafted.tcp.json by fixtures/make-tcp-expected.sh), and the
 * headline result of each rule is also spelled out below.
 */
import { describe, expect, it } from 'vitest';
import { TcpAnalyzer } from '../../../dissectors/tcp/analysis.js';
import {
  OUT_FIELDS, expectedCells, feedCrafted, loadCrafted, scenarioHash, type OutField, type TcpDump,
} from '../../helpers/tshark-tcp-input.js';
import { SCENARIOS, type Scenario } from './crafted-scenarios.js';

const cache = loadCrafted();

function run(sc: Scenario): Record<OutField, string>[] {
  return feedCrafted(new TcpAnalyzer(), sc.segs);
}

function byName(name: string): Scenario {
  const sc = SCENARIOS.find((s) => s.name === name);
  if (!sc) throw new Error(`no scenario ${name}`);
  return sc;
}

/** Info prefixes by segment number (1-based); every other segment has none. */
const INFO: Record<string, Record<number, string>> = {
  'handshake, data, acks, close': {},
  'sequence numbers wrapping around 2^32': {
    8: '[TCP Spurious Retransmission] ', 10: '[TCP Previous segment not captured] ', 11: '[TCP ACKed unseen segment] ',
  },
  'retransmission after a timeout': { 6: '[TCP Retransmission] ', 8: '[TCP Spurious Retransmission] ' },
  'fast retransmission after duplicate acks': {
    5: '[TCP Previous segment not captured] ', 7: '[TCP Dup ACK 6#1] ', 9: '[TCP Dup ACK 6#2] ',
    10: '[TCP Dup ACK 6#3] ', 11: '[TCP Fast Retransmission] ',
  },
  'spurious retransmission': { 6: '[TCP Spurious Retransmission] ', 7: '[TCP Dup ACK 5#1] ' },
  'out of order within the initial RTT': { 5: '[TCP Previous segment not captured] ', 6: '[TCP Out-Of-Order] ' },
  'out of order without a handshake (3 ms threshold)': {
    2: '[TCP Previous segment not captured] ', 3: '[TCP Out-Of-Order] ', 5: '[TCP Retransmission] ',
  },
  'previous segment not captured and ACKed unseen segment': {
    5: '[TCP Previous segment not captured] ', 6: '[TCP ACKed unseen segment] ', 7: '[TCP ACKed unseen segment] ',
    8: '[TCP Dup ACK 7#1] ', 9: '[TCP Previous segment not captured] ', 10: '[TCP ACKed unseen segment] ',
    11: '[TCP Previous segment not captured] ', 12: '[TCP ACKed unseen segment] ',
  },
  'duplicate acks counted and reset': {
    6: '[TCP Dup ACK 5#1] ', 7: '[TCP Dup ACK 5#2] ', 8: '[TCP Dup ACK 5#3] ', 11: '[TCP Dup ACK 10#1] ',
    12: '[TCP Window Update] ', 13: '[TCP Dup ACK 10#2] ',
  },
  'zero window, probes and their acks': {
    5: '[TCP ZeroWindow] ', 6: '[TCP ZeroWindowProbe] ', 7: '[TCP ZeroWindowProbeAck] [TCP ZeroWindow] ',
    8: '[TCP ZeroWindowProbe] ', 9: '[TCP ZeroWindowProbeAck] [TCP ZeroWindow] ', 10: '[TCP Window Update] ',
  },
  'window full': { 5: '[TCP Window Full] ', 7: '[TCP Window Full] ', 8: '[TCP Window Update] ' },
  'window full without the handshake and before the first ACK': { 3: '[TCP Window Full] ', 6: '[TCP Window Full] ' },
  'window updates': { 6: '[TCP Window Update] ', 7: '[TCP Dup ACK 5#1] ', 8: '[TCP ZeroWindow] ', 9: '[TCP Window Update] ' },
  'keep-alives and their acks': {
    6: '[TCP Keep-Alive] ', 7: '[TCP Keep-Alive ACK] ', 8: '[TCP Keep-Alive] ', 9: '[TCP Keep-Alive ACK] ', 10: '[TCP Keep-Alive] ',
  },
  'ports reused by a new SYN': { 7: '[TCP Port numbers reused] ' },
  'retransmitted SYN and SYN-ACK': { 2: '[TCP Retransmission] ', 4: '[TCP Retransmission] ' },
  'SYN-ACK with a new sequence number': {
    3: '[TCP Previous segment not captured] [TCP Port numbers reused] ', 4: '[TCP ACKed unseen segment] ',
  },
  'SYN again after a RST that carried another sequence number': {
    2: '[TCP Previous segment not captured] ', 3: '[TCP Retransmission] ', 4: '[TCP Previous segment not captured] ',
  },
  'new SYN from the other side reuses the ports': { 5: '[TCP Port numbers reused] ' },
  'bytes in flight minus SACKed blocks': { 9: '[TCP Dup ACK 7#1] ', 11: '[TCP Dup ACK 7#2] ' },
  'ICMP-quoted headers join the conversation without analysis': {},
  'several analysis flags on one segment (Info order)': {
    6: '[TCP ZeroWindow] [TCP Previous segment not captured] ',
    7: '[TCP ZeroWindow] [TCP ACKed unseen segment] [TCP Previous segment not captured] ',
    8: '[TCP ZeroWindow] [TCP Keep-Alive] ',
    9: '[TCP ZeroWindow] [TCP Keep-Alive] ',
  },
  'bogus header length, header cut by the snap length': { 5: '[TCP Retransmission] ', 9: '[TCP ACKed unseen segment] ' },
  'negative initial RTT (time going backwards): later segments count as out of order': {
    5: '[TCP Previous segment not captured] ', 6: '[TCP Out-Of-Order] ', 7: '[TCP Out-Of-Order] ',
  },
  'ACKed unseen segment after a sequence number far ahead': {
    4: '[TCP Previous segment not captured] ', 5: '[TCP ACKed unseen segment] ', 6: '[TCP ACKed unseen segment] ',
    7: '[TCP Spurious Retransmission] ',
  },
};

/** One column of a scenario, as a list by segment. */
function column(rows: Record<OutField, string>[], f: OutField): string[] {
  return rows.map((r) => r[f]);
}

describe('TCP sequence analysis on crafted conversations', () => {
  it('has tshark output cached for every scenario as it is now', () => {
    for (const sc of SCENARIOS) {
      const c = cache.scenarios.find((x) => x.name === sc.name);
      expect(c, `${sc.name}: run fixtures/make-tcp-expected.sh`).toBeDefined();
      expect(c!.hash, `${sc.name} changed: run fixtures/make-tcp-expected.sh`).toBe(scenarioHash(sc.segs));
    }
  });

  for (const sc of SCENARIOS) {
    it(`${sc.name}: every cell equals tshark's`, () => {
      const c = cache.scenarios.find((x) => x.name === sc.name)!;
      const dump: TcpDump = { file: sc.name, tshark: cache.tshark, fields: cache.fields, rows: c.rows };
      const got = run(sc);
      const diffs: string[] = [];
      c.rows.forEach((row, i) => {
        const want = expectedCells(dump, row);
        for (const f of OUT_FIELDS) {
          // Headers too short for the conversation: tcp.seq is the dissector's, not ours.
          if (f === 'tcp.seq' && got[i]!['tcp.stream'] === '') continue;
          if (got[i]![f] !== want[f]) diffs.push(`#${i + 1} ${f}: ours ${JSON.stringify(got[i]![f])} tshark ${JSON.stringify(want[f])}`);
        }
      });
      expect(diffs).toEqual([]);
      const info = INFO[sc.name];
      if (info) {
        const want = sc.segs.map((_, i) => info[i + 1] ?? '');
        expect(column(got, 'info.prefix')).toEqual(want);
      }
    });
  }

  it('relative numbers across the 2^32 wrap', () => {
    const r = run(byName('sequence numbers wrapping around 2^32'));
    expect(column(r, 'tcp.seq')).toEqual(['0', '0', '1', '1', '201', '1', '1', '201', '301', '512', '65']);
    expect(column(r, 'tcp.nxtseq')).toEqual(['1', '1', '1', '201', '301', '1', '65', '301', '311', '522', '65']);
    expect(r[4]!['tcp.analysis.bytes_in_flight']).toBe('300');
    expect(r[10]!['tcp.analysis.acks_frame']).toBe('10');
  });

  it('retransmission RTO from the oldest unacknowledged segment', () => {
    const r = run(byName('retransmission after a timeout'));
    expect(r[5]!['tcp.analysis.rto']).toBe('0.470000000');
    expect(r[5]!['tcp.analysis.rto_frame']).toBe('4');
    expect(r[6]!['tcp.analysis.acks_frame']).toBe('5');
  });

  it('initial RTT from the SYN to the first pure ACK, shown with later analysis records', () => {
    const r = run(byName('ports reused by a new SYN'));
    expect(column(r, 'tcp.stream')).toEqual(['0', '0', '0', '0', '0', '0', '1', '1', '1', '1']);
    expect(column(r, 'tcp.analysis.initial_rtt')).toEqual(['', '', '', '', '', '', '', '', '0.020000000', '0.020000000']);
  });

  it('window scaling: both SYNs, one SYN, SYN-ACK only with a shift above 14', () => {
    const both = run(byName('window scaling from both SYNs'));
    expect(column(both, 'tcp.window_size')).toEqual(['64240', '65160', '64256', '65160', '64128']);
    expect(column(both, 'tcp.window_size_scalefactor')).toEqual(['', '', '128', '8', '128']);
    const one = run(byName('window scaling offered by one side only'));
    expect(column(one, 'tcp.window_size_scalefactor')).toEqual(['', '', '-2', '-2']);
    const synack = run(byName('window scaling answered without a SYN, shift above 14'));
    expect(column(synack, 'tcp.window_size')).toEqual(['65160', '502', '133447680', '501']);
    expect(column(synack, 'tcp.window_size_scalefactor')).toEqual(['', '-1', '16384', '-1']);
  });

  it('bytes in flight leave out the SACKed blocks (at most three)', () => {
    const r = run(byName('bytes in flight minus SACKed blocks'));
    expect(column(r, 'tcp.analysis.bytes_in_flight')).toEqual(['', '', '', '100', '200', '300', '', '200', '', '240', '', '500']);
  });

  it('ICMP-quoted headers: stream and times, no analysis; 8 quoted bytes never reach it', () => {
    const r = run(byName('ICMP-quoted headers join the conversation without analysis'));
    expect(column(r, 'tcp.stream')).toEqual(['0', '0', '0', '0', '0', '', '1', '1']);
    expect(column(r, 'tcp.len')).toEqual(['0', '0', '0', '', '100', '', '', '100']);
    expect(r[6]!['tcp.analysis.reused_ports']).toBe('1');
    expect(r[6]!['info.prefix']).toBe('');
  });

  it('mid-stream start: base one below the first sequence number; ACK relative once known', () => {
    const r = run(byName('mid-stream start: relative numbers from the first segment and the first ACK'));
    expect(column(r, 'tcp.seq')).toEqual(['1', '1', '11', '1']);
    expect(column(r, 'tcp.ack')).toEqual(['0', '11', '1', '31']);
  });
});

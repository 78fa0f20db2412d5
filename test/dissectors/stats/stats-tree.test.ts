/**
 * The stats tree (dissectors/stats/stats-tree.ts), Wireshark's stats_tree: counters by name,
 * pivots, ranges with average/min/max, the rate over the statistic's time span, the burst rate
 * (most ticks in a 100 ms window of 5 ms buckets, and where it starts), and tshark's plain-text
 * layout with its sort (count, then name, both descending; ranges in order). Expected texts are
 * tshark 4.0.17's layout; test/electron/cli/tree-stats.test.ts compares whole captures.
 */
import { describe, expect, it } from 'vitest';
import { fixed, StatsTree, statsTreeText } from '../../../dissectors/stats/stats-tree.js';

describe('stats tree', () => {
  it('prints numbers as C printf does: exact ties to the even digit, -0 with its sign', () => {
    expect(fixed(401.125, 2)).toBe('401.12');
    expect(fixed(0.375, 2)).toBe('0.38');
    expect(fixed(2.5, 0)).toBe('2');
    expect(fixed(3.5, 0)).toBe('4');
    expect(fixed(0.1 + 0.2, 4)).toBe('0.3000');
    expect(fixed(1 / 3, 4)).toBe('0.3333');
    expect(fixed(-0, 4)).toBe('-0.0000');
    expect(fixed(-1e-9, 4)).toBe('-0.0000');
    expect(fixed(0, 4)).toBe('0.0000');
  });

  it('finds the busiest 100 ms window, in 5 ms buckets, whatever the order of the times', () => {
    const st = new StatsTree('Test/Bursts');
    st.create('Packets');
    const at = (ms: number) => {
      st.packet(ms);
      st.tick('Packets');
    };
    // 3 in [0, 100), then 4 in [200, 290), then one late and one early packet.
    for (const ms of [0, 10, 99, 200, 230, 260, 289, 1000, 205]) at(ms);
    const n = st.root.children[0]!;
    expect(n.counter).toBe(9);
    // 200, 230, 260, 289: the window of buckets 40..59 starts with the packet at 200. The packet at
    // 205 came after the window had moved on to 1000: too old, it is not counted back (as Wireshark).
    expect([n.maxBurst, n.burstTime]).toEqual([4, 200]);
    expect(st.elapsed).toBe(205);
    // A node first ticked after 100 ms: its burst starts where its ticks do.
    const late = new StatsTree('Test/Late');
    late.create('Late');
    for (const ms of [366, 370]) {
      late.packet(ms);
      late.tick('Late');
    }
    expect([late.root.children[0]!.maxBurst, late.root.children[0]!.burstTime]).toEqual([2, 366]);
  });

  it('lays a tree out as tshark does: pivots, sorting, ranges with averages, rates and percents', () => {
    const st = new StatsTree('Test/Counter');
    const total = st.create('Total', st.root, true);
    const methods = st.create('Methods', total, true);
    st.create('Zero', total, false);
    const lens = st.createRange('Lengths', ['0-99', '100-199', '200 and greater']);
    for (const [ms, m, len] of [[0, 'GET', 60], [10, 'POST', 150], [20, 'GET', 500], [40, 'HEAD', 150]] as const) {
      st.packet(ms);
      st.tick('Total');
      st.tickPivot(methods, m);
      st.tick('Lengths');
      st.tickRange(lens, len);
    }
    const text = statsTreeText(st);
    const lines = text.split('\n');
    // The columns: a name column as wide as the longest name with its depth ("200 and greater" at
    // 2, under the root), then 8 of 13 and a space.
    expect(lines[0]).toBe('');
    expect(lines[1]).toBe('='.repeat(17 + 8 * 14));
    expect(lines[2]).toBe('Test/Counter:');
    expect(lines[3]).toBe(`${'Topic / Item'.padEnd(17)} ${['Count', 'Average', 'Min Val', 'Max Val', 'Rate (ms)', 'Percent', 'Burst Rate', 'Burst Start'].map((c) => c.padEnd(13)).join(' ')}`);
    const row = (name: string, ...cols: string[]) => `${name.padEnd(17)} ${cols.map((c) => c.padEnd(13)).join(' ')}`;
    expect(lines.slice(5, 15)).toEqual([
      row('Total', '4', '', '', '', '0.1000', '100%', '0.0400', '0.000'),
      // Larger counts first; the zero-count node after them, its percent 0.00%.
      row(' Methods', '4', '', '', '', '0.1000', '100.00%', '0.0400', '0.000'),
      row('  GET', '2', '', '', '', '0.0500', '50.00%', '0.0200', '0.000'),
      // Ties by name, the larger first.
      // (A burst within the first 100 ms starts at Wireshark's empty first bucket: 0.000.)
      row('  POST', '1', '', '', '', '0.0250', '25.00%', '0.0100', '0.000'),
      row('  HEAD', '1', '', '', '', '0.0250', '25.00%', '0.0100', '0.000'),
      row(' Zero', '0', '', '', '', '0.0000', '0.00%', '-', '-'),
      row('Lengths', '4', '215.00', '60', '500', '0.1000', '100%', '0.0400', '0.000'),
      // Ranges in their order; an empty one shows dashes.
      row(' 0-99', '1', '60.00', '60', '60', '0.0250', '25.00%', '0.0100', '0.000'),
      row(' 100-199', '2', '150.00', '150', '150', '0.0500', '50.00%', '0.0200', '0.000'),
      row(' 200 and greater', '1', '500.00', '500', '500', '0.0250', '25.00%', '0.0100', '0.000'),
    ]);
    expect(lines.slice(-3)).toEqual(['', '-'.repeat(17 + 8 * 14), '']);
  });

  it('leaves the rate empty when no time passed, and a top node without ticks at 100%', () => {
    const st = new StatsTree('Test/Empty');
    st.create('Nothing', st.root, true);
    const line = statsTreeText(st).split('\n')[5]!;
    expect(line.split(/\s{2,}/).filter((c) => c)).toEqual(['Nothing', '0', '100%', '-', '-']);
  });
});

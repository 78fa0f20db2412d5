/**
 * The I/O graph: its model (renderer/features/io-graph/model.ts) on a result written out by hand,
 * and the view rendered to static HTML with the engine's real answer for fixtures/own/tcp-analysis.pcap
 * (an upload with loss): one path per shown graph with a point per interval, the legend's totals,
 * the axis in the unit and interval chosen, in English and Chinese.
 */
import { createElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IoGraphResult } from '../../../../electron/api/contract.js';
import { IoGraphView } from '../../../../renderer/features/io-graph/index.js';
import { autoInterval, DEFAULT_LINES, ioPlot, spanText } from '../../../../renderer/features/io-graph/model.js';
import { nearest, scale, selectable } from '../../../../renderer/features/plot/scales.js';
import { openIndexed } from '../../../helpers/engine-calls.js';
import { OWN } from '../fixture-data.js';
import { render, textOf } from '../i18n.js';

const hand: IoGraphResult = {
  interval: 0.1,
  buckets: 3,
  packets: 7,
  graphs: [
    { filter: '', packets: [4, 0, 3], bytes: [400, 0, 1500], first: [1, 0, 5] },
    { filter: 'tcp.analysis.flags', packets: [1, 0, 0], bytes: [60, 0, 0], first: [3, 0, 0] },
  ],
};

describe('I/O graph model', () => {
  it('a point per interval at its start, carrying the first packet; bytes and bits', () => {
    const p = ioPlot(hand, DEFAULT_LINES, 'packets');
    expect(p.series.map((s) => s.id)).toEqual(['g0', 'g1']);
    expect(p.series[0]!.points).toEqual([{ x: 0, y: 4, no: 1 }, { x: 0.1, y: 0, no: 0 }, { x: 0.2, y: 3, no: 5 }]);
    expect(p.x).toEqual({ min: 0, max: 0.2 });
    expect(p.y).toEqual({ min: 0, max: 4 });
    expect(ioPlot(hand, DEFAULT_LINES, 'bytes').series[0]!.points.map((q) => q.y)).toEqual([400, 0, 1500]);
    expect(ioPlot(hand, DEFAULT_LINES, 'bits').y.max).toBe(12000);
    // A hidden graph is not drawn.
    expect(ioPlot(hand, [DEFAULT_LINES[0]!, { filter: 'tcp.analysis.flags', shown: false }], 'packets').series.map((s) => s.id)).toEqual(['g0']);
  });

  it('an empty interval cannot be selected; the arrow keys step through the others', () => {
    const p = ioPlot(hand, DEFAULT_LINES, 'packets');
    expect(selectable(p)).toEqual([1, 3, 5]);
    const sx = scale(p.x, 0, 200);
    const sy = scale(p.y, 100, 0);
    // Pointing at the empty middle interval finds nothing selectable there.
    expect(nearest(p, sx(0.1), sy(0), sx, sy, sy)).toBeNull();
    expect(nearest(p, sx(0.2), sy(3), sx, sy, sy)?.point.no).toBe(5);
  });

  it('chooses an interval that gives some 20 points, and writes spans', () => {
    expect(autoInterval(300)).toBe(1);
    expect(autoInterval(20)).toBe(1);
    expect(autoInterval(4.9)).toBe(0.1);
    expect(autoInterval(0.37)).toBe(0.01);
    expect(autoInterval(0.01)).toBe(0.001);
    expect(spanText(12, 0.1)).toBe('1.2–1.3');
    expect(spanText(3, 1)).toBe('3–4');
    expect(spanText(7, 0.001)).toBe('0.007–0.008');
  });
});

describe('I/O graph view', () => {
  let real: IoGraphResult;
  beforeAll(async () => {
    const host = (await openIndexed(OWN + 'tcp-analysis.pcap'))!;
    real = (await host.call('ioGraph', { interval: 0.1, graphs: [{ filter: '' }, { filter: 'tcp.analysis.flags' }] })) as IoGraphResult;
    await host.call('close', {});
  });
  const props = (lng: 'en' | 'zh-CN', unit: 'packets' | 'bytes' = 'packets') =>
    render(createElement(IoGraphView, { result: real, lines: DEFAULT_LINES, onLines: () => {}, interval: 0.1, onInterval: () => {}, initialUnit: unit }), lng);

  it('draws both default graphs with a point per interval; the legend totals them', () => {
    const html = props('en');
    const counts = Object.fromEntries([...html.matchAll(/data-series="(g\d)" data-count="(\d+)"/g)].map((m) => [m[1]!, Number(m[2])]));
    expect(counts).toEqual({ g0: real.buckets, g1: real.buckets });
    const total = (k: number) => real.graphs[k]!.packets.reduce((a, b) => a + b, 0);
    expect(total(0)).toBe(349);
    expect(total(1)).toBeGreaterThan(0);
    const text = textOf(html);
    expect(text).toContain(`All packets (${total(0)} packets)`);
    expect(text).toContain(`tcp.analysis.flags (${total(1)} packets)`);
    expect(text).toContain('Packets per 0.1 s');
    expect(text).toContain(`349 packets in ${real.buckets} intervals`);
    const bytes = textOf(props('en', 'bytes'));
    expect(bytes).toContain('Bytes per 0.1 s');
    expect(bytes).toContain(`All packets (${real.graphs[0]!.bytes.reduce((a, b) => a + b, 0).toLocaleString('en-US')} bytes)`);
  });

  it('in Chinese', () => {
    const text = textOf(props('zh-CN'));
    expect(text).toContain('I/O 图表');
    expect(text).toContain('每 0.1 秒的分组数');
    expect(text).toContain('所有分组 (349 个分组)');
  });

  it('a refused filter is shown, and the graph is not', () => {
    const html = render(createElement(IoGraphView, { result: null, lines: [{ filter: 'tcp.port ==', shown: true }], onLines: () => {}, interval: 1, onInterval: () => {}, error: 'ioGraph: "tcp.port ==": expected a value' }));
    expect(textOf(html)).toContain('ioGraph: "tcp.port ==": expected a value');
    expect(html).not.toContain('data-series=');
  });
});

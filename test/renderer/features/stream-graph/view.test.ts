/**
 * The stream graph view rendered to static HTML with a real connection (stream 0 of
 * fixtures/own/tcp-analysis.pcap, an upload with every 8th segment dropped), in English and
 * Chinese: one path per series with its point count, the legend naming each with its count, the
 * selected packet ringed, the axes and explanation of each kind of graph.
 */
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { StreamGraphView } from '../../../../renderer/features/stream-graph/index.js';
import { buildGraph, GRAPH_KINDS, isRetransmission } from '../../../../renderer/features/stream-graph/model.js';
import { connectionView, OWN } from '../fixture-data.js';
import { render, textOf } from '../i18n.js';

const view = connectionView(OWN + 'tcp-analysis.pcap', 0);

/** series id → data-count, as the plot's paths say. */
function counts(html: string): Record<string, number> {
  return Object.fromEntries([...html.matchAll(/data-series="(\w+)" data-count="(\d+)"/g)].map((m) => [m[1]!, Number(m[2])]));
}

describe('stream graph view', () => {
  const data = view.packets.filter((p) => p.dir === 'c2s' && p.len > 0);
  const retrans = data.filter(isRetransmission);

  it('tcptrace of the upload: every data segment drawn once, retransmissions apart, legend with counts', () => {
    const html = render(createElement(StreamGraphView, { view, selectedNo: retrans[0]!.no }));
    const c = counts(html);
    expect(retrans.length).toBeGreaterThan(0);
    expect(c.segments! + c.retransmissions!).toBe(data.length);
    expect(c.retransmissions).toBe(retrans.length);
    expect(c.ack).toBe(view.packets.filter((p) => p.dir === 's2c' && p.flags.includes('ACK')).length);
    expect(html).toMatch(new RegExp(`class="sg-selected" data-no="${retrans[0]!.no}" data-series="retransmissions"`));
    const text = textOf(html);
    expect(text).toContain('TCP stream 0');
    expect(text).toContain(`Retransmissions (${retrans.length})`);
    expect(text).toContain(`Data segments (${data.length - retrans.length})`);
    expect(text).toContain('Sequence number');
    // The upload is the busier direction: chosen without asking.
    expect(html).toMatch(/data-dir="c2s"/);
    // Series with no points stay out of the legend (no zero-window ACK here).
    expect(c.zeroWindow).toBe(0);
    expect(text).not.toContain('Zero window');
  });

  it('every kind of graph renders its series, axis and explanation, in English and Chinese', () => {
    for (const kind of GRAPH_KINDS) {
      const g = buildGraph(view, kind, 'c2s');
      for (const lng of ['en', 'zh-CN'] as const) {
        const html = render(createElement(StreamGraphView, { view, initialKind: kind, initialDir: 'c2s' }), lng);
        expect(html, kind).toMatch(new RegExp(`data-kind="${kind}"`));
        const c = counts(html);
        for (const s of g.series) expect(c[s.id], `${kind} ${s.id}`).toBe(s.points.length);
        expect(textOf(html).length, kind).toBeGreaterThan(100);
      }
    }
    const zh = textOf(render(createElement(StreamGraphView, { view, initialKind: 'throughput', initialDir: 'c2s' }), 'zh-CN'));
    expect(zh).toContain('吞吐量');
    expect(zh).toContain('TCP 流 0');
  });

  it('no connection: a prompt', () => {
    expect(textOf(render(createElement(StreamGraphView, { view: null })))).toBe("Select a TCP packet to see its connection's graphs.");
  });
});

/**
 * Expert Info on real captures: grouped by severity (most severe first) and group with counts,
 * rendered in both languages; each item's packets are links that select the packet.
 */
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { ExpertView } from '../../../../renderer/features/expert/index.js';
import { groupExpert, severityTotals } from '../../../../renderer/features/expert/model.js';
import { CORPUS, expertRows, OWN } from '../fixture-data.js';
import { render, textOf } from '../i18n.js';

describe('expert info', () => {
  const rows = expertRows(OWN + 'refused-and-reset.pcap');

  it('grouped by severity and group with counts', () => {
    const g = groupExpert(rows);
    expect(g.map((s) => [s.severity, s.count])).toEqual([['warning', 2], ['note', 2], ['chat', 7]]);
    expect(g[0]!.groups).toEqual([{ group: 'Sequence', count: 2, items: [expect.objectContaining({ summary: 'Connection reset (RST)', packets: [4, 15] })] }]);
    expect(g[2]!.groups[0]!.items[0]).toMatchObject({ summary: 'Connection finish (FIN)', count: 2 });
    expect(severityTotals(rows)).toEqual({ error: 0, warning: 2, note: 2, chat: 7 });
  });

  it('rendered: headings with counts, packet links, in English and Chinese', () => {
    const html = render(createElement(ExpertView, { rows, onSelectPacket: () => {}, selectedNo: 15 }));
    const text = textOf(html);
    expect(text).toContain('Warnings (2)');
    expect(text).toContain('Sequence (2)');
    expect(text).toContain('Connection reset (RST)');
    expect([...html.matchAll(/class="expert-packet[^"]*" data-no="(\d+)"/g)].map((m) => Number(m[1]))).toEqual(
      groupExpert(rows).flatMap((s) => s.groups.flatMap((g) => g.items.flatMap((r) => r.packets))),
    );
    expect(html).toContain('class="expert-packet selected" data-no="15"');
    expect(html.indexOf('data-severity="warning"')).toBeLessThan(html.indexOf('data-severity="chat"'));
    const zh = textOf(render(createElement(ExpertView, { rows }), 'zh-CN'));
    expect(zh).toContain('警告（2）');
    expect(zh).toContain('序列（2）');
    expect(zh).toContain('对话（7）');
  });

  it('long packet lists are cut with a count of the rest', () => {
    const retrans = expertRows(CORPUS + 'arkime-wireshark-retrans.pcap');
    const big = retrans.reduce((a, b) => (b.packets.length > a.packets.length ? b : a));
    expect(big.packets.length).toBeGreaterThan(20);
    const text = textOf(render(createElement(ExpertView, { rows: retrans, maxPackets: 20 })));
    expect(text).toContain(`… ${big.packets.length - 20} more`);
  });

  it('no items', () => {
    expect(textOf(render(createElement(ExpertView, { rows: [] })))).toBe('No expert information.');
    expect(textOf(render(createElement(ExpertView, { rows: [] }), 'zh-CN'))).toBe('没有专家信息。');
  });
});

/**
 * The protocol hierarchy view rendered to static HTML with the engine's real answer for
 * fixtures/own/handshake-http.pcapng: every level in tree order and indented under its parent, the
 * counts and percentages, Wireshark's protocol names, the filter button's protocol, Chinese.
 */
import { createElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProtocolHierarchyResult } from '../../../../electron/api/contract.js';
import { flatten, PhsView } from '../../../../renderer/features/protocol-hierarchy/index.js';
import { openIndexed } from '../../../helpers/engine-calls.js';
import { OWN } from '../fixture-data.js';
import { render, textOf } from '../i18n.js';

describe('protocol hierarchy view', () => {
  let r: ProtocolHierarchyResult;
  beforeAll(async () => {
    const host = (await openIndexed(OWN + 'handshake-http.pcapng'))!;
    r = (await host.call('protocolHierarchy', {})) as ProtocolHierarchyResult;
    await host.call('close', {});
  });

  it('every level in tree order, indented under its parent, with counts and percentages', () => {
    const html = render(createElement(PhsView, { result: r, onFilter: () => {} }));
    const rows = flatten(r.roots);
    const paths = [...html.matchAll(/data-path="([^"]+)"/g)].map((m) => m[1]);
    expect(paths).toEqual(rows.map((x) => x.key));
    // tshark -2 -z io,phs of this capture: eth › arp, ip › icmp, udp › dns, tcp › http › data-text-lines › tcp.segments.
    expect(paths).toEqual(['/eth', '/eth/arp', '/eth/ip', '/eth/ip/icmp', '/eth/ip/udp', '/eth/ip/udp/dns', '/eth/ip/tcp', '/eth/ip/tcp/http', '/eth/ip/tcp/http/data-text-lines', '/eth/ip/tcp/http/data-text-lines/tcp.segments']);
    const text = textOf(html);
    expect(text).toContain('Ethernet II eth 100.0% 30');
    expect(text).toContain('Transmission Control Protocol tcp 66.7% 20');
    const http = rows.find((x) => x.row.name === 'http')!.row;
    expect(text).toContain(`Hypertext Transfer Protocol http ${((100 * http.frames) / r.frames).toFixed(1)}% ${http.frames}`);
    // Indentation follows depth.
    expect(html).toMatch(/padding-left:36px[^>]*>(?:(?!<td).)*?<span title="tcp">/);
    expect(html.match(/>Apply as filter</g)!.length).toBe(rows.length);
  });

  it('in Chinese', () => {
    const text = textOf(render(createElement(PhsView, { result: r, onFilter: () => {} }), 'zh-CN'));
    expect(text).toContain('分组百分比');
    expect(text).toContain('以太网承载 IP');
    expect(text).toContain(`全部 ${r.frames} 个分组`);
  });
});

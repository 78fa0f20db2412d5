/**
 * What a click does, without a DOM: the hook-free parts of the views (a ladder arrow, an expert
 * item, a conversation row) are called as functions and their elements' onClick handlers run.
 */
import { isValidElement, type ReactElement, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { ConversationTr } from '../../../renderer/features/conversations/index.js';
import { conversationColumns } from '../../../renderer/features/conversations/model.js';
import { ExpertItem } from '../../../renderer/features/expert/index.js';
import { ChunkBlock } from '../../../renderer/features/follow/index.js';
import { decodeChunks } from '../../../renderer/features/follow/model.js';
import { Arrow } from '../../../renderer/features/handshake/index.js';
import { statesBefore } from '../../../renderer/features/handshake/explain.js';
import { layoutLadder } from '../../../renderer/features/handshake/ladder.js';
import { connectionView, expertRows, followResult, OWN, tcpConversations } from './fixture-data.js';
import { makeI18n } from './i18n.js';

type Props = { onClick?: (e?: unknown) => void; children?: ReactNode; [k: string]: unknown };

/** Every element of a tree (function components are not expanded). */
function elements(node: ReactNode): ReactElement<Props>[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!isValidElement<Props>(node)) return [];
  return [node, ...elements(node.props.children)];
}

const t = makeI18n('en').getFixedT('en', 'analysis');
const RR = OWN + 'refused-and-reset.pcap';

describe('clicks', () => {
  it('clicking an arrow selects its packet', () => {
    const view = connectionView(RR, 2);
    const layout = layoutLadder(view, { axis: 'compressed' });
    const got: number[] = [];
    layout.arrows.forEach((a, i) => {
      const el = Arrow({ a, before: statesBefore(view, i), selected: false, onSelect: (no) => got.push(no), t }) as ReactElement<Props>;
      el.props.onClick!();
    });
    expect(got).toEqual(view.packets.map((p) => p.no));
  });

  it('clicking an expert item or one of its packets selects that packet', () => {
    const rst = expertRows(RR).find((r) => r.summary === 'Connection reset (RST)')!;
    const got: number[] = [];
    const el = ExpertItem({ r: rst, selectedNo: null, onSelectPacket: (no) => got.push(no), maxPackets: 20, t });
    for (const e of elements(el).filter((x) => x.props.onClick)) e.props.onClick!({ preventDefault() {} });
    expect(got).toEqual([4, 4, 15]);
  });

  it('a conversation row filters, follows and opens the handshake view and stream graph of its stream', () => {
    const row = tcpConversations(RR)[2]!;
    const calls: unknown[] = [];
    const el = ConversationTr({
      kind: 'tcp', r: row, cols: conversationColumns('tcp'), t,
      props: { conversations: {}, onFilter: (f) => calls.push(['filter', f]), onFollow: (p, s) => calls.push(['follow', p, s]), onOpenHandshake: (s) => calls.push(['handshake', s]), onOpenGraph: (s) => calls.push(['graph', s]) },
    });
    for (const e of elements(el).filter((x) => x.props.onClick)) e.props.onClick!();
    expect(calls).toEqual([['filter', 'tcp.stream eq 2'], ['follow', 'tcp', 2], ['handshake', 2], ['graph', 2]]);
  });

  it("clicking a segment's bytes in Follow Stream selects the packet that carried them", () => {
    const got: number[] = [];
    for (const c of decodeChunks(followResult(OWN + 'handshake-http.pcapng', 0))) {
      const el = ChunkBlock({ c, mode: 'ascii', offset: 0, matches: [], t, onSelectPacket: (no) => got.push(no) }) as ReactElement<Props>;
      el.props.onClick!();
    }
    expect(got).toEqual([14, 16, 18, 20, 22, 24, 26]);
  });
});

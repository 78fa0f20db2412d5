import { describe, expect, it } from 'vitest';
import { nodeLabel } from '../../../dissectors/core/format.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { findNodes } from '../../../dissectors/output/fields.js';
import { ExpertTable } from '../../../dissectors/stats/expert.js';
import { hexDump } from '../../helpers/corpus-net.js';

// Expected values: tshark 4.0.17 on pcpp-pcapng-example.pcapng frame 60 (comment "Packet #1"):
// a "Packet comments" tree before the frame, frame.comment with a Comment/Comment expert item,
// and `-z expert` lists it under the Frame protocol.

// An ARP request in a 42-byte Ethernet frame (the comment is what matters here).
const ARP = hexDump(`
0000  ff ff ff ff ff ff 00 11 22 33 44 55 08 06 00 01   ........"3DU....
0010  08 00 06 04 00 01 00 11 22 33 44 55 0a 00 00 01   ........"3DU....
0020  00 00 00 00 00 00 0a 00 00 02                     ..........
`);

const meta = (comments?: string[]) => ({ num: 60, tsSec: 1_700_000_000, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: ARP.length, comments });

describe('packet comments', () => {
  it('come before the frame, each with a Comment expert item that -z expert names under Frame', () => {
    const p = new CaptureDissector({ catchErrors: false }).dissect(meta(['Packet #1', 'second']), ARP, true);
    const top = p.tree.children ?? [];
    expect(top[0]!.field?.abbrev).toBe('pkt_comment');
    expect(nodeLabel(top[0]!)).toBe('Packet comments');
    expect(top[1]!.field?.abbrev).toBe('frame');
    const items = findNodes(p.tree, 'frame.comment');
    expect(items.map((n) => [n.value, n.label])).toEqual([['Packet #1', 'Packet #1'], ['second', 'second']]);
    const experts = findNodes(p.tree, 'frame.comment.expert').map((n) => [n.expert!.def.severity, n.expert!.def.group, n.expert!.message]);
    expect(experts).toEqual([['comment', 'comment', 'Packet #1'], ['comment', 'comment', 'second']]);
    const t = new ExpertTable();
    t.addTree(p.tree, 60);
    expect(t.entries().map((e) => [e.severity, e.group, e.protocol, e.summary])).toEqual([['comment', 'Comment', 'Frame', 'Packet #1'], ['comment', 'Comment', 'Frame', 'second']]);
    // frame.protocols is not changed by them.
    expect(findNodes(p.tree, 'frame.protocols')[0]!.value).toBe('eth:ethertype:arp');
  });

  it('are counted by the summary pass as by the tree (the index expert column), and absent without comments', () => {
    const s = new CaptureDissector({ catchErrors: false }).dissect(meta(['Packet #1']), ARP, false);
    expect([s.expertMax, s.expertCounts[0]]).toEqual([0, 1]);
    const none = new CaptureDissector({ catchErrors: false }).dissect(meta(), ARP, true);
    expect(findNodes(none.tree, 'pkt_comment')).toEqual([]);
    expect(none.expertMax).toBe(-1);
  });
});

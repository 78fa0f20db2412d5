/**
 * The views as the main window mounts them (default exports taking AnalysisViewProps): each
 * renders under the props the bottom panel passes, before any answer has come back.
 */
import { createElement, type ComponentType } from 'react';
import { describe, expect, it } from 'vitest';
import type { Row, SessionApi } from '../../../electron/api/contract.js';
import type { AnalysisViewProps } from '../../../renderer/shell/analysis-mount.js';
import ConversationsMount from '../../../renderer/features/conversations/index.js';
import ExpertMount from '../../../renderer/features/expert/index.js';
import FollowMount from '../../../renderer/features/follow/index.js';
import HandshakeMount from '../../../renderer/features/handshake/index.js';
import StreamGraphMount from '../../../renderer/features/stream-graph/index.js';
import IoGraphMount from '../../../renderer/features/io-graph/index.js';
import PhsMount from '../../../renderer/features/protocol-hierarchy/index.js';
import FlowMount from '../../../renderer/features/flow-graph/index.js';
import { render, textOf } from './i18n.js';

const api: SessionApi = {
  call: () => new Promise(() => {}),
  on: () => () => {},
};

function props(selected: Row | null): AnalysisViewProps {
  return {
    api,
    session: { id: 's1', kind: 'file', path: '/x.pcap', name: 'x.pcap' },
    status: { id: 's1', state: 'done', bytesDone: 1, bytesTotal: 1, packets: 26, displayed: 26, filter: '' },
    selected,
    selectPacket: () => {},
    applyFilter: () => {},
  };
}

const row: Row = { no: 17, time: 0, delta: 0, epoch: 0, source: '', destination: '', protocol: 'TCP', length: 74, info: '', color: '', expert: '', tcpStream: 2 };
const mount = (c: ComponentType<AnalysisViewProps>, p: AnalysisViewProps, lng: 'en' | 'zh-CN' = 'en') => textOf(render(createElement(c, p), lng));

describe('mounted views', () => {
  it('with no packet selected: prompts', () => {
    expect(mount(HandshakeMount, props(null))).toBe('Select a TCP packet to see its connection.');
    expect(mount(FollowMount, props(null), 'zh-CN')).toBe('选择一个 TCP 或 UDP 分组以追踪它的流。');
    expect(mount(StreamGraphMount, props(null))).toBe("Select a TCP packet to see its connection's graphs.");
  });

  it('with a TCP packet selected, before the answers: loading', () => {
    expect(mount(HandshakeMount, props(row))).toBe('Loading…');
    expect(mount(StreamGraphMount, props(row), 'zh-CN')).toBe('加载中……');
    expect(mount(IoGraphMount, props(null))).toContain('Loading…');
    expect(mount(PhsMount, props(null), 'zh-CN')).toBe('加载中……');
    expect(mount(FollowMount, props(row), 'zh-CN')).toBe('加载中……');
    expect(mount(ExpertMount, props(row))).toBe('Loading…');
    expect(mount(ConversationsMount, props(row))).toContain('Loading…');
    expect(mount(FlowMount, props(row))).toContain('Loading the packets…');
    expect(mount(FlowMount, props(null), 'zh-CN')).toContain('正在加载分组…');
  });
});

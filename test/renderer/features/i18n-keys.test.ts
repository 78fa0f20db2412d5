/**
 * Every string the analysis views show comes from analysis.json, in both languages: the two files
 * have the same keys (plural forms aside: Chinese has one form), every literal key the views ask
 * for exists, and so does every key they build from data (states, marks, columns, outcome codes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONN_STATES } from '../../../dissectors/tcp/conn-summary.js';
import { TCP_STATES } from '../../../dissectors/tcp/endpoint-states.js';
import { conversationColumns, endpointColumns, KINDS } from '../../../renderer/features/conversations/model.js';
import { SEVERITIES } from '../../../renderer/features/expert/model.js';
import { GRAPH_KINDS, SERIES_IDS } from '../../../renderer/features/stream-graph/model.js';
import { IO_UNITS } from '../../../renderer/features/io-graph/model.js';
import { EN, keyPaths, makeI18n, ZH } from './i18n.js';

const FEATURES = fileURLToPath(new URL('../../../renderer/features/', import.meta.url));
const MINE = ['handshake', 'stream-graph', 'io-graph', 'flow-graph', 'follow', 'conversations', 'protocol-hierarchy', 'expert'];

function sources(): { file: string; text: string }[] {
  return MINE.flatMap((d) => readdirSync(join(FEATURES, d)).filter((f) => /\.tsx?$/.test(f)).map((f) => ({ file: `${d}/${f}`, text: readFileSync(join(FEATURES, d, f), 'utf8') })));
}

const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');

const i18n = makeI18n('en');

/** The key is in that language's own file (no fallback to English), as a string or in plural forms. */
function has(lng: 'en' | 'zh-CN', key: string): boolean {
  return [key, `${key}_other`].some((k) => typeof i18n.getResource(lng, 'analysis', k) === 'string');
}

describe('analysis.json', () => {
  it('the check looks in each language itself', () => {
    expect(has('zh-CN', 'follow.matches')).toBe(true);
    expect(has('en', 'follow.matches')).toBe(true);
    expect(has('zh-CN', 'follow.noSuchKey')).toBe(false);
    expect(has('en', 'explain')).toBe(false);
  });

  it('English and Chinese have the same keys', () => {
    const en = new Set(keyPaths(EN).map(base));
    const zh = new Set(keyPaths(ZH).map(base));
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
    expect([...zh].filter((k) => !en.has(k))).toEqual([]);
  });

  it('Chinese strings are translated (no English sentence left over)', () => {
    const zhPaths = keyPaths(ZH);
    const get = (o: unknown, p: string) => p.split('.').reduce((x: unknown, k) => (x as Record<string, unknown>)[k], o) as string;
    // Strings of at least three English words with no Chinese are untranslated sentences.
    const left = zhPaths.filter((p) => /[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/.test(get(ZH, p).replace(/\{\{[^}]+\}\}/g, '')) && !/[\u4e00-\u9fff]/.test(get(ZH, p)));
    expect(left).toEqual([]);
  });

  it('every literal key the views use exists in both languages', () => {
    const keys = new Set<string>();
    for (const { text } of sources()) {
      for (const m of text.matchAll(/\bt(?:Other)?\(\s*'([a-zA-Z0-9_.-]+)'/g)) keys.add(m[1]!);
    }
    expect(keys.size).toBeGreaterThan(60);
    for (const k of keys) {
      expect(has('en', k), k).toBe(true);
      expect(has('zh-CN', k), k).toBe(true);
    }
  });

  it('every explanation key exists in both languages', () => {
    const explain = readFileSync(join(FEATURES, 'handshake/explain.ts'), 'utf8');
    const keys = [...explain.matchAll(/add\('(\w+)'/g)].map((m) => `explain.${m[1]}`);
    expect(keys.length).toBeGreaterThan(25);
    for (const k of [...keys, 'explain.unknown']) {
      expect(has('en', k), k).toBe(true);
      expect(has('zh-CN', k), k).toBe(true);
    }
  });

  it('every key built from data exists in both languages', () => {
    const marks = ['retransmission', 'out-of-order', 'lost-segment', 'zero-window', 'duplicate-ack', 'keep-alive', 'window-update', 'other'];
    const keys = [
      ...TCP_STATES.map((s) => `stateHelp.${s}`),
      'side.client', 'side.server',
      ...marks.map((m) => `handshake.mark.${m}`),
      ...Object.keys(CONN_STATES).map((c) => `outcome.${c}`),
      ...KINDS.flatMap((k) => [...conversationColumns(k), ...endpointColumns(k)].map((c) => `conversations.col.${c}`)),
      ...KINDS.map((k) => `conversations.kind.${k}`),
      'conversations.conversations', 'conversations.endpoints',
      ...['stream', 'client', 'server', 'clientState', 'serverState', 'packets', 'lastTime'].map((c) => `conversations.live.col.${c}`),
      ...SEVERITIES.map((s) => `expert.severity.${s}`),
      'follow.dir.c2s', 'follow.dir.s2c',
      ...GRAPH_KINDS.flatMap((k) => [`graph.kind.${k}`, `graph.explain.${k}`]),
      ...SERIES_IDS.map((s) => `graph.series.${s}`),
      ...['seq', 'bytes', 'ms', 'time', 'bitsPerSecond'].map((a) => `graph.axis.${a}`),
      ...IO_UNITS.flatMap((u) => [`io.unit.${u}`, `io.axis.${u}`, `io.total.${u}`]),
      ...['protocol', 'pctPackets', 'packets', 'pctBytes', 'bytes', 'endPackets', 'endBytes'].map((c) => `phs.col.${c}`),
      ...['all', 'tcp', 'conversation'].map((c) => `flow.scopeOption.${c}`),
      ...['pcapng', 'pcap', 'text', 'csv', 'json'].map((f) => `export.formatOption.${f}`),
    ];
    for (const k of keys) {
      expect(has('en', k), k).toBe(true);
      expect(has('zh-CN', k), k).toBe(true);
    }
  });
});

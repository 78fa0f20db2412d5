// The main window's pure parts: the decode tree's paths and byte lookup, the filter bar's
// completion and history, remembered settings, colouring rules, data-source names, Intl formats.
import { describe, expect, it } from 'vitest';
import type { TreeNode } from '../../../../electron/api/contract.js';
import { allParents, ancestors, expandOneLevel, filterFor, nodeAt, nodeForByte, visibleNodes } from '../../../../renderer/features/tree/model.js';
import { addToHistory, completionPrefix, loadHistory, saveHistory, spliceCompletion } from '../../../../renderer/features/filter/model.js';
import { addRecent, loadRecent, loadSetting, saveSetting } from '../../../../renderer/shell/settings.js';
import { COLOR_RULES, rowColors, ruleKey } from '../../../../renderer/features/grid/coloring.js';
import { base64Length, decodeBase64, sourceKey } from '../../../../renderer/features/hex/HexPane.js';
import { formatDateTime, formatNumber, formatPercent, initialLanguage, localeFolder } from '../../../../renderer/i18n/index.js';
import { COLORING_RULES } from '../../../../dissectors/filter/coloring-rules.js';

/** A Storage over a Map (what localStorage is to these functions). */
class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    return this.m.has(k) ? this.m.get(k)! : null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    this.m.set(k, String(v));
  }
}

// Ethernet(0..14) > IPv4(14..34) > TCP(34..54) with two port fields; a reassembled source 1.
const leaf = (label: string, field: string, offset: number, length: number, source = 0): TreeNode => ({ label, field, source, offset, length });
const TREE: TreeNode[] = [
  { label: 'Frame 1', field: 'frame', source: 0, offset: 0, length: 60, children: [leaf('Arrival Time', 'frame.time', 0, 0)] },
  { label: 'Ethernet II', field: 'eth', source: 0, offset: 0, length: 14, layer: 'link', children: [leaf('Destination', 'eth.dst', 0, 6), leaf('Source', 'eth.src', 6, 6)] },
  {
    label: 'Transmission Control Protocol',
    field: 'tcp',
    source: 0,
    offset: 34,
    length: 20,
    layer: 'transport',
    children: [
      { ...leaf('Source Port: 51234', 'tcp.srcport', 34, 2), filterValue: '51234' },
      { ...leaf('Destination Port: 80', 'tcp.dstport', 36, 2), filterValue: '80' },
      { label: 'Flags: 0x002 (SYN)', field: 'tcp.flags', source: 0, offset: 46, length: 2, filterValue: '0x0002', children: [{ ...leaf('.... .... ..1. = Syn: Set', 'tcp.flags.syn', 46, 2), filterValue: '1' }] },
    ],
  },
  { label: 'Hypertext Transfer Protocol', field: 'http', source: 1, offset: 0, length: 100, layer: 'application', children: [leaf('HTTP/1.1 200 OK\\r\\n', '', 0, 17, 1)] },
];

describe('decode tree model', () => {
  it('walks paths and the visible nodes under an expand state', () => {
    expect(nodeAt(TREE, '2.2.0')!.field).toBe('tcp.flags.syn');
    expect(nodeAt(TREE, '9')).toBeUndefined();
    expect(nodeAt(TREE, '0.5')).toBeUndefined();
    expect(visibleNodes(TREE, new Set()).map((v) => v.path)).toEqual(['0', '1', '2', '3']);
    const v = visibleNodes(TREE, new Set(['2', '2.2']));
    expect(v.map((x) => x.path)).toEqual(['0', '1', '2', '2.0', '2.1', '2.2', '2.2.0', '3']);
    expect(v.find((x) => x.path === '2.2.0')).toMatchObject({ depth: 2, parent: '2.2' });
    // A collapsed parent hides its expanded children.
    expect(visibleNodes(TREE, new Set(['2.2'])).map((x) => x.path)).toEqual(['0', '1', '2', '3']);
  });

  it('expands all, and one level at a time', () => {
    expect(allParents(TREE)).toEqual(['0', '1', '2', '2.2', '3']);
    const one = expandOneLevel(TREE, new Set());
    expect([...one].sort()).toEqual(['0', '1', '2', '3']);
    expect([...expandOneLevel(TREE, one)].sort()).toEqual(['0', '1', '2', '2.2', '3']);
    expect(ancestors('2.2.0')).toEqual(['2', '2.2']);
    expect(ancestors('1')).toEqual([]);
  });

  it('finds the smallest, deepest field covering a byte, in the right data source', () => {
    expect(nodeForByte(TREE, 0, 35)).toBe('2.0');
    expect(nodeForByte(TREE, 0, 36)).toBe('2.1');
    // Flags and the SYN bit cover the same two bytes: the deeper one wins.
    expect(nodeForByte(TREE, 0, 47)).toBe('2.2.0');
    expect(nodeForByte(TREE, 0, 7)).toBe('1.1');
    // Bytes 14..33 are only in the frame node (no IPv4 node in this tree).
    expect(nodeForByte(TREE, 0, 20)).toBe('0');
    expect(nodeForByte(TREE, 1, 3)).toBe('3.0');
    expect(nodeForByte(TREE, 1, 50)).toBe('3');
    expect(nodeForByte(TREE, 2, 0)).toBeNull();
    expect(nodeForByte(TREE, 0, 60)).toBeNull();
  });

  it('makes the filter a node stands for', () => {
    expect(filterFor(nodeAt(TREE, '2.0')!)).toBe('tcp.srcport == 51234');
    expect(filterFor(nodeAt(TREE, '2')!)).toBe('tcp');
    expect(filterFor(nodeAt(TREE, '3.0')!)).toBeNull();
  });
});

describe('filter bar model', () => {
  it('finds the field name being typed and splices a completion in', () => {
    expect(completionPrefix('tcp.sr', 6)).toBe('tcp.sr');
    expect(completionPrefix('ip.src == 10.0.0.1 && tcp.f', 27)).toBe('tcp.f');
    expect(completionPrefix('tcp.port == 80', 14)).toBe('');
    expect(completionPrefix('', 0)).toBe('');
    expect(completionPrefix('ip.src == 10.0.0.1 && tcp.f', 11)).toBe('');
    expect(spliceCompletion('ip && tcp.sr', 12, 'tcp.srcport')).toEqual({ text: 'ip && tcp.srcport', caret: 17 });
    expect(spliceCompletion('tcp.sr == 1', 3, 'tcp.srcport')).toEqual({ text: 'tcp.srcport == 1', caret: 11 });
  });

  it('keeps a de-duplicated, bounded history in storage', () => {
    let h: string[] = [];
    for (let i = 0; i < 40; i++) h = addToHistory(h, `f${i}`);
    expect(h).toHaveLength(30);
    expect(h[0]).toBe('f39');
    h = addToHistory(h, 'f20');
    expect(h[0]).toBe('f20');
    expect(h.filter((x) => x === 'f20')).toHaveLength(1);
    const s = new MemoryStorage();
    saveHistory(s, h);
    expect(loadHistory(s)).toEqual(h);
    s.setItem('packetloom.filterHistory', '{broken');
    expect(loadHistory(s)).toEqual([]);
    s.setItem('packetloom.filterHistory', JSON.stringify(['a', 3, null, 'b']));
    expect(loadHistory(s)).toEqual(['a', 'b']);
    expect(loadHistory(null)).toEqual([]);
  });
});

describe('settings', () => {
  it('reads back what was saved and falls back on anything else', () => {
    const s = new MemoryStorage();
    expect(loadSetting(s, 'theme', ['light', 'dark'], 'light')).toBe('light');
    saveSetting(s, 'theme', 'dark');
    expect(loadSetting(s, 'theme', ['light', 'dark'], 'light')).toBe('dark');
    s.setItem('packetloom.theme', '"purple"');
    expect(loadSetting(s, 'theme', ['light', 'dark'], 'light')).toBe('light');
    s.setItem('packetloom.hiddenColumns', 'not json');
    expect(loadSetting(s, 'hiddenColumns', null, [])).toEqual([]);
    s.setItem('packetloom.hiddenColumns', '{"a":1}');
    expect(loadSetting(s, 'hiddenColumns', null, [])).toEqual([]);
    let r: string[] = [];
    for (let i = 0; i < 12; i++) r = addRecent(r, `/f${i}.pcap`);
    r = addRecent(r, '/f5.pcap');
    expect(r).toHaveLength(10);
    expect(r[0]).toBe('/f5.pcap');
    saveSetting(s, 'recent', [...r, 7]);
    expect(loadRecent(s)).toEqual(r);
  });
});

describe('colouring rules', () => {
  it("has Wireshark's colours for every rule the engine can name, in the engine's order", () => {
    expect(COLOR_RULES.map((r) => r.name)).toEqual(COLORING_RULES.map((r) => r.name));
    for (const r of COLORING_RULES) expect(rowColors(r.name), r.name).toBeDefined();
    expect(rowColors('TCP')).toEqual({ bg: '#e7e5ff', fg: '#12272e' });
    expect(rowColors('TCP RST')).toEqual({ bg: '#a40000', fg: '#fffc9c' });
    expect(rowColors('Bad TCP')).toEqual({ bg: '#12272e', fg: '#f78787' });
    expect(rowColors('')).toBeUndefined();
    expect(rowColors('No such rule')).toBeUndefined();
    expect(ruleKey('TCP SYN/FIN')).toBe('coloring.TCP_SYN_FIN');
  });
});

describe('bytes pane helpers', () => {
  it('decodes base64 and names data sources', () => {
    expect([...decodeBase64('AAEC/w==')]).toEqual([0, 1, 2, 255]);
    for (const b of ['', 'AA==', 'AAE=', 'AAEC', 'AAEC/w==']) expect(base64Length(b)).toBe(decodeBase64(b).length);
    expect(sourceKey('Frame (74 bytes)')).toBe('hex.source.frame');
    expect(sourceKey('Reassembled TCP (2410 bytes)')).toBe('hex.source.reassembledTcp');
    expect(sourceKey('De-chunked entity body')).toBe('hex.source.dechunked');
    expect(sourceKey('Something else (3 bytes)')).toBeNull();
  });
});

describe('languages and formats', () => {
  it('picks the remembered language, else the browser one', () => {
    const s = new MemoryStorage();
    expect(initialLanguage(s, 'zh-TW')).toBe('zh-CN');
    expect(initialLanguage(s, 'de-DE')).toBe('en');
    expect(initialLanguage(null, undefined)).toBe('en');
    s.setItem('packetloom.language', 'en');
    expect(initialLanguage(s, 'zh-CN')).toBe('en');
    s.setItem('packetloom.language', 'xx');
    expect(initialLanguage(s, 'zh-CN')).toBe('zh-CN');
    expect(localeFolder('zh-CN')).toBe('zh');
    expect(localeFolder('en-US')).toBe('en');
  });

  it('formats numbers, percentages and times for the locale', () => {
    expect(formatNumber('en', 1234567)).toBe('1,234,567');
    expect(formatNumber('de', 1234567)).toBe('1.234.567');
    expect(formatPercent('en', 0.5)).toBe('50%');
    // 2023-11-14T22:13:20.000123Z, shown in the machine's time zone with microseconds.
    const text = formatDateTime('en', 1_700_000_000.000123);
    expect(text).toMatch(/\.000123$/);
    expect(text).toContain('2023');
  });
});

// Every string the main window shows goes through i18next: each key it uses exists in English and
// in Chinese, and the two files have exactly the same keys.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COLOR_RULES, ruleKey } from '../../../../renderer/features/grid/coloring.js';

const RENDERER = resolve(import.meta.dirname, '../../../../renderer');
const MINE = ['shell', 'features/start', 'features/progress', 'features/grid', 'features/filter', 'features/tree', 'features/hex', 'features/status', 'features/properties', 'features/find', 'main.tsx'];

type Tree = { [k: string]: string | Tree };
function flatten(t: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(t)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}
const load = (lng: string) => flatten(JSON.parse(readFileSync(join(RENDERER, `i18n/locales/${lng}/common.json`), 'utf8')) as Tree);

function sources(p: string): string[] {
  const full = join(RENDERER, p);
  if (statSync(full).isFile()) return [readFileSync(full, 'utf8')];
  return readdirSync(full).flatMap((f) => (/\.(ts|tsx)$/.test(f) ? [readFileSync(join(full, f), 'utf8')] : []));
}

/** A key exists if it is there as is, or as i18next plural forms. */
const has = (m: Map<string, string>, k: string) => m.has(k) || m.has(`${k}_other`);

describe('main window strings', () => {
  const en = load('en');
  const zh = load('zh');

  it('English and Chinese have the same keys (plural forms aside) and no empty text', () => {
    const base = (m: Map<string, string>) => new Set([...m.keys()].map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')));
    expect([...base(zh)].sort()).toEqual([...base(en)].sort());
    for (const [k, v] of [...en, ...zh]) expect(v.trim(), k).not.toBe('');
  });

  it('every key the code names exists in both languages', () => {
    const keys = new Set<string>();
    for (const src of MINE.flatMap(sources)) for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) keys.add(m[1]!);
    expect(keys.size).toBeGreaterThan(60);
    // Keys built at run time, from the lists that build them.
    for (const c of ['no', 'time', 'source', 'destination', 'protocol', 'length', 'info']) keys.add(`grid.col.${c}`);
    for (const f of ['relative', 'delta', 'absolute']) keys.add(`time.${f}`);
    for (const l of ['link', 'network', 'transport', 'application']) keys.add(`layer.${l}`);
    for (const s of ['error', 'warning', 'note', 'chat']) keys.add(`severity.${s}`);
    for (const s of ['indexing', 'capturing', 'done', 'cancelled', 'error']) keys.add(`state.${s}`);
    for (const v of ['handshake', 'follow', 'conversations', 'expert']) keys.add(`analysisTabs.${v}`);
    for (const r of COLOR_RULES) keys.add(ruleKey(r.name));
    // Find Packet's options and messages (FindBar.tsx builds them from its lists and states).
    for (const b of ['filter', 'hex', 'string', 'regex']) keys.add(`find.byOption.${b}`), keys.add(`find.placeholder.${b}`);
    for (const w of ['list', 'details', 'bytes']) keys.add(`find.inOption.${w}`);
    for (const c of ['both', 'narrow', 'wide']) keys.add(`find.charsetOption.${c}`);
    for (const n of ['filter', 'hex', 'list', 'details', 'bytes']) keys.add(`find.none.${n}`);
    for (const k of ['searching', 'wrapped']) keys.add(`find.${k}`);
    for (const k of keys) {
      expect(has(en, k), `en: ${k}`).toBe(true);
      expect(has(zh, k), `zh: ${k}`).toBe(true);
    }
  });

  it('names the layers as the issue asks', () => {
    expect(['link', 'network', 'transport', 'application'].map((l) => zh.get(`layer.${l}`))).toEqual(['链路层', '网络层', '传输层', '应用层']);
    expect(['link', 'network', 'transport', 'application'].map((l) => en.get(`layer.${l}`))).toEqual(['Link', 'Network', 'Transport', 'Application']);
  });
});

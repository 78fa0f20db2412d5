/**
 * The registry looked up in place (electron/engine/oui-index.ts): every entry of oui-data as
 * JSON.parse reads it, escapes and JSON whitespace, and null for what is not such an object.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { OuiIndex } from '../../../electron/engine/oui-index.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('OuiIndex', () => {
  it('answers every key of oui-data as JSON.parse does, and nothing else', () => {
    const bytes = readFileSync(createRequire(import.meta.url).resolve('oui-data'));
    const parsed = JSON.parse(bytes.toString('utf8')) as Record<string, string>;
    const index = OuiIndex.fromJson(bytes)!;
    expect(index).not.toBeNull();
    const keys = Object.keys(parsed);
    expect(index.size).toBe(keys.length);
    for (const k of keys) if (index.get(k) !== parsed[k]) expect(index.get(k), k).toBe(parsed[k]);
    // Keys of another length are other keys: 00:1A:6B is MA-L, 00:1A:6B:0 is not registered.
    expect(index.get('001A6B')).toBe(parsed['001A6B']);
    expect(index.get('001A6B0')).toBeUndefined();
    expect(index.get('001a6b')).toBe(parsed['001A6B']);
    expect(index.get('XYZ')).toBeUndefined();
  });

  it('reads escapes and JSON whitespace, in any key order', () => {
    const text = '\n{ "0A0B0C" :"Quote \\" and \\\\ back\\nslash",\r\n\t"000001":"\\u00e9t\\u00e9" , "0012345": "x"}\n';
    const index = OuiIndex.fromJson(enc(text))!;
    expect(index.get('0A0B0C')).toBe('Quote " and \\ back\nslash');
    expect(index.get('000001')).toBe('été');
    expect(index.get('0012345')).toBe('x');
    expect(index.get('001234')).toBeUndefined();
    expect(OuiIndex.fromJson(enc('{}'))!.size).toBe(0);
  });

  it('says null for what is not an object of hex keys and string values (the caller parses it)', () => {
    for (const bad of ['', '[]', '{"0A":1}', '{"GG":"x"}', '{"0A":"x",}', '{"0A":"x"', '{"0A" "x"}', '{"0A":"x}', '{"0123456789":"x"}']) {
      expect(OuiIndex.fromJson(enc(bad)), bad).toBeNull();
    }
  });
});

/**
 * The CLI's byte output (ByteOut, textSink), its address texts (AddressTexts) and the summary
 * line written as bytes (writeSummaryLine) against the string form (summaryLine) on every packet
 * of the corpus.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addrText, AddrKind } from '../../../dissectors/core/pinfo.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { emptyFrameMeta, setFrameMeta } from '../../../dissectors/capture/frame-meta.js';
import { readCaptureFile } from '../../../electron/engine/read-capture.js';
import { AddressTexts } from '../../../electron/cli/address-texts.js';
import { ByteOut, decimalDigits, textSink, utf8Length } from '../../../electron/cli/byte-out.js';
import { summaryColumns, summaryLine, tsDigits, writeSummaryLine } from '../../../electron/cli/columns.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const dec = new TextDecoder('utf-8', { ignoreBOM: true });

/** A ByteOut of `size` whose chunks are collected; `text()` flushes and decodes them all. */
function collect(size?: number) {
  const chunks: Uint8Array[] = [];
  const out = new ByteOut((b) => chunks.push(b), size);
  return {
    out,
    chunks,
    text() {
      out.flush();
      return dec.decode(Buffer.concat(chunks));
    },
  };
}

describe('ByteOut', () => {
  it('writes ASCII, non-ASCII, short and long strings as UTF-8', () => {
    const c = collect();
    const long = 'Standard query response 0x1a2b A example.com A 93.184.216.34';
    expect(c.out.text('abc')).toBe(3);
    expect(c.out.text('\u2192')).toBe(3);
    expect(c.out.text('caf\u00e9 \ud83d\ude00')).toBe(10);
    expect(c.out.text(long)).toBe(long.length);
    expect(c.out.text('')).toBe(0);
    // A lone surrogate becomes U+FFFD, as Node's own string writes do.
    expect(c.out.text('x\ud800')).toBe(4);
    expect(c.text()).toBe(`abc\u2192caf\u00e9 \ud83d\ude00${long}x\ufffd`);
  });

  it('pads numbers and strings by UTF-8 bytes', () => {
    const c = collect();
    c.out.uint(7, 5);
    c.out.byte(0x7c);
    c.out.uint(123456, 5);
    c.out.byte(0x7c);
    c.out.uint(42, 6, 0x30);
    c.out.byte(0x7c);
    c.out.uint(0);
    c.out.byte(0x7c);
    c.out.uint(2 ** 53 - 1);
    c.out.byte(0x7c);
    c.out.uint(2 ** 31 - 1);
    c.out.byte(0x7c);
    c.out.uint(2 ** 31, 11);
    c.out.byte(0x7c);
    c.out.padLeft('\u00e9t\u00e9', 8);
    c.out.byte(0x7c);
    c.out.padRight('\u00e9t\u00e9', 8);
    c.out.byte(0x7c);
    c.out.padLeft('toolongvalue', 4);
    c.out.spaces(-3);
    c.out.bytes(Uint8Array.of(0x21, 0x0a));
    expect(c.text()).toBe(`    7|123456|000042|0|${2 ** 53 - 1}|2147483647| 2147483648|   \u00e9t\u00e9|\u00e9t\u00e9   |toolongvalue!\n`);
  });

  it('hands on full buffers, never a partial character, and owns no buffer it handed on', () => {
    const c = collect(8);
    for (let i = 0; i < 20; i++) c.out.text('\u2192ab');
    c.out.text('x'.repeat(50));
    const whole = c.text();
    expect(whole).toBe('\u2192ab'.repeat(20) + 'x'.repeat(50));
    // Every chunk but the last two is 6..8 bytes; each is its own buffer.
    expect(new Set(c.chunks.map((b) => b.buffer)).size).toBe(c.chunks.length);
  });

  it('textSink decodes characters split between chunks and keeps a BOM', () => {
    let s = '';
    const t = textSink((x) => (s += x));
    const bytes = new TextEncoder().encode('\ufeffa\u2192b\ud83d\ude00');
    for (let i = 0; i < bytes.length; i++) t.sink(bytes.subarray(i, i + 1));
    t.end();
    expect(s).toBe('\ufeffa\u2192b\ud83d\ude00');
  });

  it('counts digits and bytes', () => {
    expect([0, 9, 10, 99, 100, 999999, 1e15 - 1, 1e15, 2 ** 53 - 1].map(decimalDigits)).toEqual([1, 1, 2, 2, 3, 6, 15, 16, 16]);
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('\u00e9\u2192\ud83d\ude00')).toBe(9);
  });
});

describe('AddressTexts', () => {
  it('gives addrText for every address, also when IPv6 slots collide', () => {
    const a = new AddressTexts();
    const d = new Uint8Array(16);
    let seed = 12345;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    for (let i = 0; i < 20000; i++) {
      // Few distinct values per byte: repeats (cache hits) and many slot collisions.
      for (let k = 0; k < 16; k++) d[k] = k < 12 && i % 3 ? 0 : rnd() & 0x13;
      for (const kind of [AddrKind.IPv4, AddrKind.Ether, AddrKind.IPv6]) {
        expect(a.text(kind, d, 0)).toBe(addrText(kind, d, 0));
      }
    }
    expect(a.text(AddrKind.None, d, 0)).toBe('');
  });

  it('resolves Ethernet names with the resolver, numbers otherwise', () => {
    const a = new AddressTexts({ ether: (b) => (b[0] === 0 ? 'Vendor_01:02:03' : undefined) });
    expect(a.text(AddrKind.Ether, Uint8Array.of(0, 1, 2, 1, 2, 3), 0)).toBe('Vendor_01:02:03');
    expect(a.text(AddrKind.Ether, Uint8Array.of(2, 1, 2, 1, 2, 3), 0)).toBe('02:01:02:01:02:03');
  });
});

describe('writeSummaryLine', () => {
  it('writes summaryLine(summaryColumns()) on every packet of every corpus capture', () => {
    const files = readdirSync(CORPUS).filter((f) => /\.(pcap|pcapng|cap)$/.test(f));
    expect(files.length).toBeGreaterThan(40);
    let lines = 0;
    for (const f of files) {
      const d = new CaptureDissector();
      const addrs = new AddressTexts();
      const c = collect();
      const want: string[] = [];
      readCaptureFile(join(CORPUS, f), (rec, m) => {
        const pinfo = d.dissect(setFrameMeta(emptyFrameMeta(), rec, m), rec.data, false);
        const digits = tsDigits(m.interfaces[rec.interfaceId]?.tsresol ?? (m.precision === 'nsec' ? 9 : 6));
        const extra = rec.num % 7 === 0 ? 'S1:ESTABLISHED' : '';
        writeSummaryLine(c.out, pinfo, digits, addrs, extra);
        const line = summaryLine(summaryColumns(pinfo, digits, addrs));
        want.push(extra ? `${line} ${extra}\n` : `${line}\n`);
        return true;
      });
      expect(c.text(), f).toBe(want.join(''));
      lines += want.length;
    }
    expect(lines).toBeGreaterThan(2000);
  });
});

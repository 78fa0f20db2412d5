/**
 * Truncated and mutated input never throws: every read ends in records plus an error, or a clean
 * end. Truncations: every length of every corpus file under 5 KB. Mutations: 24,000 seeded,
 * deterministic mutants (mulberry32 PRNG) of corpus files, read in random chunk sizes.
 */

import { describe, expect, it } from 'vitest';
import { createReader, isCaptureFileError, readerFor } from '../../../dissectors/capture/open.js';
import type { CaptureReader } from '../../../dissectors/capture/types.js';
import { corpusBytes, corpusFiles, corpusSize, drain, type KeptRecord, prng, readAll } from './helpers.js';
import { concat } from '../../helpers/hex.js';

const SMALL = corpusFiles().filter((f) => corpusSize(f) < 5000);

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Same packet (cheap check; `expect` only to report a difference). */
function sameRecord(a: KeptRecord, b: KeptRecord, ctx: string): void {
  const same =
    a.num === b.num &&
    a.tsSec === b.tsSec &&
    a.tsNsec === b.tsNsec &&
    a.origLen === b.origLen &&
    a.dataOffset === b.dataOffset &&
    bytesEqual(a.data, b.data);
  if (!same) expect({ ...a, data: Array.from(a.data) }, ctx).toEqual({ ...b, data: Array.from(b.data) });
}

describe('every truncation of the small corpus files', () => {
  it('covers enough files', () => {
    expect(SMALL.length).toBeGreaterThanOrEqual(25);
  });

  for (const f of SMALL) {
    it(f, () => {
      const bytes = corpusBytes(f);
      const full = readAll(bytes);
      const fullErr = full.error;
      for (let n = 0; n < bytes.length; n++) {
        const ctx = `${f} cut at ${n}`;
        const r = readAll(bytes.subarray(0, n), 0, false, full.meta.format);
        for (let i = 0; i < r.records.length; i++) sameRecord(r.records[i]!, full.records[i]!, ctx);
        const e = r.error;
        let ok: boolean;
        if (e === null) {
          ok = r.done && r.offset === n; // a clean end: the cut fell on a record/block boundary
        } else if (fullErr !== null && fullErr.code === 'unsupported' && n >= fullErr.offset + 16) {
          // the section header's version is checked once its first 16 bytes are in (as tshark)
          ok = r.done && JSON.stringify(e) === JSON.stringify(fullErr);
        } else {
          ok =
            r.done &&
            e.code === 'truncated' &&
            /cut short in the middle of a packet/.test(e.message) &&
            e.packetNumber === r.records.length + 1 &&
            e.offset === r.offset &&
            r.offset <= n;
        }
        if (!ok) expect.fail(`${ctx}: done=${r.done} offset=${r.offset} records=${r.records.length} error=${JSON.stringify(e)}`);
      }
    });
  }
});

type Rand = () => number;

const INTERESTING = [0, 1, 3, 4, 11, 12, 13, 16, 28, 0x7fff, 0xffff, 0x10000, 262144, 262145, 0x7fffffff, 0x80000000, 0xfffffff0, 0xffffffff];

/** Applies 1..6 random mutations: byte flips, sets, 32-bit field values, inserts, deletes, splices. */
function mutate(src: Uint8Array, rnd: Rand): Uint8Array {
  let b: Uint8Array = Uint8Array.from(src);
  const n = 1 + Math.floor(rnd() * 6);
  const int = (k: number) => Math.floor(rnd() * k);
  for (let i = 0; i < n; i++) {
    if (b.length === 0) b = Uint8Array.of(int(256));
    const at = int(b.length);
    switch (int(7)) {
      case 0:
        b[at] = b[at]! ^ (1 << int(8));
        break;
      case 1:
        b[at] = int(256);
        break;
      case 2: {
        // a 32-bit field (aligned like the formats' fields) set to an interesting value, either order
        const o = Math.min(at & ~3, Math.max(0, b.length - 4));
        if (b.length >= 4) new DataView(b.buffer).setUint32(o, INTERESTING[int(INTERESTING.length)]! >>> 0, rnd() < 0.5);
        break;
      }
      case 3: {
        const ins = new Uint8Array(1 + int(16)).map(() => int(256));
        b = concat(b.subarray(0, at), ins, b.subarray(at));
        break;
      }
      case 4:
        b = concat(b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + int(32))));
        break;
      case 5: {
        // duplicate a range (repeats blocks/records)
        const len = 1 + int(200);
        b = concat(b.subarray(0, at), b.subarray(at, at + len), b.subarray(at));
        break;
      }
      case 6:
        b = b.slice(0, at);
        break;
    }
  }
  return b;
}

/** Reads with random chunk sizes, through createReader when the magic is recognised. */
function readMutant(b: Uint8Array, rnd: Rand): { reader: CaptureReader | null; records: KeptRecord[] } {
  const records: KeptRecord[] = [];
  const first = Math.min(b.length, 4 + Math.floor(rnd() * 64));
  const c = createReader(b.subarray(0, first));
  let r: CaptureReader;
  if (isCaptureFileError(c)) {
    expect(c.code).toBe('not-a-capture');
    // still feed a reader directly: it must reject the bytes itself, without throwing
    r = readerFor(rnd() < 0.5 ? 'pcap' : 'pcapng');
    r.push(b.subarray(0, first));
  } else r = c;
  const size = rnd() < 0.3 ? 1 + Math.floor(rnd() * 16) : 1 + Math.floor(rnd() * 5000);
  for (let o = first; o < b.length; o += size) {
    r.push(b.subarray(o, o + size));
    drain(r, records);
  }
  r.end();
  drain(r, records);
  return { reader: r, records };
}

describe('mutated corpus files', () => {
  const MUTANTS = 24000;
  it(`${MUTANTS} seeded mutants never throw`, () => {
    const rnd = prng(0x5eed1e55);
    // small files often, big files through their first 16 KiB
    const sources = corpusFiles().map((f) => corpusBytes(f).subarray(0, 16384));
    const codes: Record<string, number> = {};
    for (let i = 0; i < MUTANTS; i++) {
      const src = sources[Math.floor(rnd() * sources.length)]!;
      const m = mutate(src, rnd);
      let out: ReturnType<typeof readMutant>;
      try {
        out = readMutant(m, rnd);
      } catch (e) {
        throw new Error(`mutant ${i} threw: ${String(e)}`);
      }
      const r = out.reader!;
      const key = r.error?.code ?? 'clean';
      codes[key] = (codes[key] ?? 0) + 1;
      const err = r.error;
      const ok =
        r.done &&
        r.next() === null &&
        (err === null
          ? r.offset === m.length
          : err.packetNumber === out.records.length + 1 && err.offset <= m.length && typeof err.message === 'string') &&
        out.records.every(
          (x, k) => x.num === k + 1 && x.tsNsec >= 0 && x.tsNsec < 1e9 && x.dataOffset + x.data.length <= m.length,
        );
      if (!ok) {
        expect.fail(`mutant ${i}: done=${r.done} offset=${r.offset}/${m.length} error=${JSON.stringify(err)} records=${out.records.length}`);
      }
    }
    // the mutants reach every outcome
    for (const k of ['clean', 'truncated', 'bad-record', 'not-a-capture', 'unsupported']) expect(codes[k], k).toBeGreaterThan(0);
  });

  it('a stream of garbage after a valid header ends in an error, not a throw', () => {
    const rnd = prng(42);
    for (const f of ['arkime-bigendian.pcap', 'gopacket-pcapng-be-test101.pcapng', 'pcpp-pcapng-example.pcapng']) {
      for (let i = 0; i < 200; i++) {
        const head = corpusBytes(f).subarray(0, 24 + Math.floor(rnd() * 200));
        const junk = new Uint8Array(Math.floor(rnd() * 3000)).map(() => Math.floor(rnd() * 256));
        const bytes = concat(head, junk);
        const r = readAll(bytes, 1 + Math.floor(rnd() * 100));
        expect(r.done).toBe(true);
      }
    }
  });
});

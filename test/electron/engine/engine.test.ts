/**
 * The engine end to end (inline sessions): open a corpus capture, rows, packet, filters, sort,
 * against tshark's answers in fixtures/corpus/expected and expected-extra.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Row, SessionStatus } from '../../../electron/api/contract.js';
import { createEngine, type Engine } from '../../../electron/engine/engine.js';
import { readCaptureFile } from '../../../electron/engine/read-capture.js';
import { indexed } from '../../helpers/engine-calls.js';

const CUSTOM_BLOCK_FILES = new Set(['gopacket-pcapng-le-test102.pcapng', 'gopacket-pcapng-le-test202.pcapng']);

function readerCount(path: string): number {
  let n = 0;
  readCaptureFile(path, () => void n++);
  return n;
}

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));

/** tshark's row count per corpus file (expected/INDEX.tsv). */
function tsharkRows(): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of readFileSync(join(CORPUS, 'expected', 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1)) {
    const [file, , rows] = line.split('\t');
    m.set(file!, Number(rows));
  }
  return m;
}

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const engines: Engine[] = [];
afterAll(async () => {
  for (const e of engines) await e.shutdown();
});
function engine(): Engine {
  const e = createEngine({ mode: 'inline' });
  engines.push(e);
  return e;
}

describe('engine sessions on the corpus', () => {
  it('indexes every corpus file to tshark\'s packet count', async () => {
    const e = engine();
    for (let [file, rows] of tsharkRows()) {
      const r = await e.call('openFile', { path: join(CORPUS, file) });
      if (!r.ok) {
        // Files tshark reads as empty or not at all.
        expect(rows, `${file}: ${r.error.message}`).toBe(0);
        continue;
      }
      const st = await indexed(e, r.value.id);
      // tshark counts pcapng custom blocks as frames (test/corpus/known-differences.ts): there, the reader's count.
      const want = CUSTOM_BLOCK_FILES.has(file) ? readerCount(join(CORPUS, file)) : rows;
      expect(st.packets, file).toBe(want);
      expect(st.displayed, file).toBe(want);
      rows = want;
      const got = await ok(e.call('rows', { session: r.value.id, start: 0, count: 1000 }));
      expect(got.rows.map((x: Row) => x.no)).toEqual(Array.from({ length: Math.min(rows, 1000) }, (_, i) => i + 1));
      await ok(e.call('close', { session: r.value.id }));
    }
  });
});

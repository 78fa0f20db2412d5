/**
 * The engine's File › Export Objects › HTTP (electron/engine/export-objects.ts): the list's rows
 * (packet, hostname, content type, size, filename and the name Save gives), one object's bytes,
 * and Save All into a folder — the same files, names and bytes as tshark's `--export-objects`,
 * in both engine modes; the bodies dropped for the memory budget are read again when saved; bad
 * calls are refused as values.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { setBodyBudget } from '../../../electron/engine/export-objects.js';
import { engines, indexed, ok } from '../../helpers/engine-calls.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const inline = engines();
const workers = engines({ mode: 'worker', workerPath: join(ROOT, 'dist/engine-worker.js') });
const TMP = mkdtempSync(join(tmpdir(), 'packetloom-eo-engine-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
let dirs = 0;

/** tshark's --export-objects http into a fresh folder: name → bytes. */
function tsharkFiles(file: string): Map<string, Buffer> {
  const dir = join(TMP, `t${dirs++}`);
  spawnSync('tshark', ['-n', '-q', '-r', file, '--export-objects', `http,${dir}`]);
  return new Map(readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n))]));
}

const FILES = ['fixtures/corpus/pcpp-http-packets2.pcap', 'fixtures/own/http-loss.pcap', 'fixtures/corpus/zeek-http-pipelined-requests.pcap', 'fixtures/own/syn-flood.pcap'];

describe('engine: export objects', () => {
  for (const [mode, make] of [['inline', inline], ['worker', workers]] as const) {
    it(`lists, gives and saves the objects tshark writes (${mode})`, async () => {
      const e = make();
      for (const rel of FILES) {
        const file = join(ROOT, rel);
        const theirs = tsharkFiles(file);
        const info = await ok(e.call('openFile', { path: file }));
        await indexed(e, info.id);
        const rows = await ok(e.call('exportObjects', { session: info.id, proto: 'http' }));
        expect(rows.length, rel).toBe(theirs.size);
        // Save All: tshark's folder, byte for byte.
        const dir = join(TMP, `o${dirs++}`);
        const saved = await ok(e.call('saveExportObjects', { session: info.id, proto: 'http', dir }));
        expect(saved.errors).toEqual([]);
        expect(saved.written.length).toBe(rows.length);
        expect(readdirSync(dir).sort(), rel).toEqual([...theirs.keys()]);
        for (const [n, b] of theirs) expect(readFileSync(join(dir, n)).equals(b), `${rel} ${n}`).toBe(true);
        // Each row: its size, and its bytes as a download are the file's.
        for (const r of rows) {
          const one = await ok(e.call('exportObject', { session: info.id, proto: 'http', index: r.index }));
          const b = Buffer.from(one.bytes, 'base64');
          expect(b.length).toBe(r.size);
          expect(one.name).toBe(r.saveAs.replace(/\(\d+\)/, ''));
        }
        // A row's saveAs is the name in an empty folder (the first of its name).
        for (const r of rows) expect(theirs.has(r.saveAs), `${rel} ${r.saveAs}`).toBe(true);
        await ok(e.call('close', { session: info.id }));
      }
    }, 120_000);
  }

  it('shows what the dialog shows for a known capture', async () => {
    const e = inline();
    const info = await ok(e.call('openFile', { path: join(ROOT, 'fixtures/own/handshake-http.pcapng') }));
    await indexed(e, info.id);
    expect(await ok(e.call('exportObjects', { session: info.id, proto: 'http' }))).toEqual([
      { index: 0, packet: 26, hostname: 'www.packetloom.test', contentType: 'text/html', size: 2223, filename: 'index.html', saveAs: 'index.html' },
    ]);
  });

  it('reads bodies again when the budget dropped them', async () => {
    const e = inline();
    const file = join(ROOT, 'fixtures/corpus/pcpp-http-packets2.pcap');
    const info = await ok(e.call('openFile', { path: file }));
    await indexed(e, info.id);
    setBodyBudget(100);
    try {
      const rows = await ok(e.call('exportObjects', { session: info.id, proto: 'http' }));
      const big = rows.filter((r) => r.size > 100);
      expect(big.length).toBeGreaterThan(3);
      const dir = join(TMP, `b${dirs++}`);
      const saved = await ok(e.call('saveExportObjects', { session: info.id, proto: 'http', dir, indexes: big.map((r) => r.index) }));
      expect(saved.written.length).toBe(big.length);
      for (const r of big) expect(Buffer.from((await ok(e.call('exportObject', { session: info.id, proto: 'http', index: r.index }))).bytes, 'base64').length).toBe(r.size);
      const theirs = tsharkFiles(file);
      for (const n of saved.written) expect(readFileSync(join(dir, n)).equals(theirs.get(n)!), n).toBe(true);
    } finally {
      setBodyBudget(256 << 20);
    }
  });

  it('refuses bad calls with an error value', async () => {
    const e = inline();
    const info = await ok(e.call('openFile', { path: join(ROOT, 'fixtures/own/handshake-http.pcapng') }));
    await indexed(e, info.id);
    const bad = async (m: 'exportObject' | 'saveExportObjects' | 'exportObjects', p: object) => {
      const r = await e.call(m, p as never);
      expect(r.ok, JSON.stringify(p)).toBe(false);
      return r.ok ? '' : r.error.message;
    };
    expect(await bad('exportObject', { session: info.id, proto: 'http', index: 5 })).toMatch(/there is no object 5/);
    expect(await bad('exportObjects', { session: info.id, proto: 'smb' })).toBeTruthy();
    expect(await bad('exportObject', { session: info.id, proto: 'http', index: -1 })).toBeTruthy();
    expect(await bad('saveExportObjects', { session: info.id, proto: 'http', dir: '' })).toBeTruthy();
    const file = join(TMP, 'a-file');
    writeFileSync(file, '');
    expect(await bad('saveExportObjects', { session: info.id, proto: 'http', dir: file })).toMatch(/Failed to create export objects output directory ".*": Not a directory/);
    expect(await bad('exportObjects', { session: 'nope', proto: 'http' })).toBeTruthy();
  });
});

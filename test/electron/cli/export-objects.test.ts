/**
 * `--export-objects http,DIR` (dissectors/output/export-objects.ts, electron/engine/object-files.ts)
 * against tshark 4.0: the same files, names and bytes, for every capture of the corpus and of our
 * own (one pass and -2), and for a crafted capture whose URIs walk through Wireshark's naming
 * rules: the URI's last path component, `%xx` for what Windows forbids, 255 bytes at most with the
 * extension kept, `(1)`, `(2)` … for a name taken, `.` and `..`, no URI (`object<frame>.<type>`),
 * a request's body, chunked and gzip bodies, bytes past ASCII. Also the argument checks.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { connection, pcapOf, tcpFrameWith, CRAFT_EPOCH, type FrameInput } from '../../helpers/tcp-frames.js';
import { runCli } from './run-cli.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const OWN = fileURLToPath(new URL('../../../fixtures/own/', import.meta.url));
const captures = (dir: string) => readdirSync(dir).filter((n) => /\.pcap(ng)?$/.test(n)).sort().map((n) => join(dir, n));
const FILES = [...captures(CORPUS), ...captures(OWN)];

const TMP = mkdtempSync(join(tmpdir(), 'packetloom-eo-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
let runs = 0;
const freshDir = () => join(TMP, `d${runs++}`);

/** A folder's files: name → bytes (hex, for a readable diff of small files; lengths for big ones). */
function listing(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const n of readdirSync(dir).sort()) {
    const b = readFileSync(join(dir, n));
    out[n] = b.length <= 64 ? b.toString('hex') : `${b.length} bytes, sha256 ${createHash('sha256').update(b).digest('hex').slice(0, 16)}`;
  }
  return out;
}

function tsharkExport(path: string, extra: string[] = []): Record<string, string> {
  const dir = freshDir();
  const r = spawnSync('tshark', ['-n', ...extra, '-q', '-r', path, '--export-objects', `http,${dir}`], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return listing(dir);
}

async function ourExport(path: string, extra: string[] = []): Promise<{ files: Record<string, string>; code: number; stderr: string }> {
  const dir = freshDir();
  const r = await runCli(['-n', ...extra, '-q', '-r', path, '--export-objects', `http,${dir}`]);
  return { files: listing(dir), code: r.code, stderr: r.stderr };
}

describe('--export-objects http against tshark', () => {
  it('writes the files tshark writes for every capture, in one pass and with -2', async () => {
    let objects = 0;
    let withObjects = 0;
    for (const path of FILES) {
      const theirs = tsharkExport(path);
      const ours = await ourExport(path);
      expect(ours.files, path).toEqual(theirs);
      const n = Object.keys(theirs).length;
      objects += n;
      if (n) withObjects++;
    }
    // The corpus has a hundred HTTP bodies and more, over a dozen and a half captures (also
    // payloads on HTTP ports that are not HTTP, which Wireshark 4.0 still hands to the tap).
    expect(objects).toBeGreaterThan(100);
    expect(withObjects).toBeGreaterThanOrEqual(18);
    for (const name of ['pcpp-http-packets2.pcap', 'zeek-http-pipelined-requests.pcap', 'http-loss.pcap', 'syn-flood.pcap']) {
      const path = FILES.find((f) => f.endsWith(`/${name}`))!;
      expect((await ourExport(path, ['-2'])).files, `${name} -2`).toEqual(tsharkExport(path, ['-2']));
    }
  }, 600_000);

  it('names objects as Wireshark does: a crafted capture through every rule', async () => {
    const enc = new TextEncoder();
    const frames: FrameInput[] = [];
    let t = 0;
    const add = (port: number, request: Uint8Array | null, response: Uint8Array | null) => {
      const { c, s } = connection('10.1.0.1', port, '10.1.0.2', 80);
      const reqLen = request?.length ?? 0;
      if (request) frames.push({ tsSec: CRAFT_EPOCH + t++, tsNsec: 0, data: tcpFrameWith(c(0, 'PA', 1, 1), request) });
      if (response) frames.push({ tsSec: CRAFT_EPOCH + t++, tsNsec: 0, data: tcpFrameWith(s(0, 'PA', 1, 1 + reqLen), response) });
    };
    const get = (uri: string | Uint8Array) => {
      const u = typeof uri === 'string' ? enc.encode(uri) : uri;
      return Uint8Array.from([...enc.encode('GET '), ...u, ...enc.encode(' HTTP/1.1\r\nHost: www.example.test\r\n\r\n')]);
    };
    const ok = (body: Uint8Array | string, headers = 'Content-Type: text/plain; charset=utf-8\r\n') => {
      const b = typeof body === 'string' ? enc.encode(body) : body;
      return Uint8Array.from([...enc.encode(`HTTP/1.1 200 OK\r\n${headers}Content-Length: ${b.length}\r\n\r\n`), ...b]);
    };
    const uris: (string | Uint8Array)[] = [
      '/a/b/c.txt', '/a/b/', '/', '/q?a=<b>&c="d"|e*f\\g:h', '/dup.txt', '/dup.txt', '/dup.txt',
      `/${'L'.repeat(300)}.html`, `/${'L'.repeat(300)}.html`, `/${'M'.repeat(300)}`, `/n.${'E'.repeat(300)}`,
      '/..', '/.', '/x/y.tar.gz', '/noext', '/noext',
      Uint8Array.from([0x2f, 0x63, 0x61, 0x66, 0xc3, 0xa9, 0x2e, 0x74, 0x78, 0x74]),
      'http://proxy.example.test/p/q.js?v=1',
    ];
    let port = 41000;
    for (const u of uris) add(port++, get(u), ok(`object ${port}`));
    // A POST's body is an object too (and so is the answer).
    const form = enc.encode('name=value&x=1');
    add(port++, Uint8Array.from([...enc.encode(`POST /form/submit HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${form.length}\r\n\r\n`), ...form]), ok('thanks'));
    // A response without a request on its stream: object<frame>.<content type>, and without a type.
    add(port++, null, ok('<p>hi</p>', 'Content-Type: text/html\r\n'));
    add(port++, null, ok('no type', ''));
    // Chunked and gzip bodies: written de-chunked and decompressed.
    add(port++, get('/chunked.txt'), enc.encode('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n'));
    const gz = gzipSync(Buffer.from('compressed text '.repeat(20)));
    add(port++, get('/gz.txt'), ok(gz, 'Content-Type: text/plain\r\nContent-Encoding: gzip\r\n'));
    const file = join(TMP, 'names.pcap');
    writeFileSync(file, pcapOf(frames));
    const theirs = tsharkExport(file);
    const ours = await ourExport(file);
    expect(ours.code).toBe(0);
    expect(ours.files).toEqual(theirs);
    // The rules, as they came out (tshark agrees with every one of them).
    const names = Object.keys(ours.files);
    for (const n of ['c.txt', 'b', '%2f', 'q%3fa=%3cb%3e&c=%22d%22%7ce%2af%5cg%3ah', 'dup.txt', 'dup(1).txt', 'dup(2).txt', '.(1).', '(1).', 'noext', 'noext(1)', 'q.js%3fv=1', 'submit', 'chunked.txt', 'gz.txt']) {
      expect(names, n).toContain(n);
    }
    expect(names.filter((n) => Buffer.byteLength(n) === 255)).toHaveLength(4);
    expect(names.some((n) => /^object\d+\.text%2fhtml$/.test(n))).toBe(true);
    expect(ours.files['chunked.txt']).toBe(Buffer.from('hello world').toString('hex'));
  }, 120_000);

  it('names a thousand objects of one name as tshark does, and the ones past that overwrite the last', async () => {
    const enc = new TextEncoder();
    const frames: FrameInput[] = [];
    for (let i = 0; i < 1003; i++) {
      const { c, s } = connection('10.2.0.1', 20000 + i, '10.2.0.2', 80);
      const req = enc.encode('GET / HTTP/1.1\r\nHost: h\r\n\r\n');
      const body = enc.encode(`page ${i}`);
      frames.push({ tsSec: CRAFT_EPOCH + i, tsNsec: 0, data: tcpFrameWith(c(0, 'PA', 1, 1), req) });
      frames.push({ tsSec: CRAFT_EPOCH + i, tsNsec: 1, data: tcpFrameWith(s(0, 'PA', 1, 1 + req.length), Uint8Array.from([...enc.encode(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`), ...body])) });
    }
    const file = join(TMP, 'thousand.pcap');
    writeFileSync(file, pcapOf(frames));
    const theirs = tsharkExport(file);
    expect(Object.keys(theirs)).toHaveLength(1000);
    expect((await ourExport(file)).files).toEqual(theirs);
  }, 120_000);

  it('keeps files that were in the folder: a taken name gets (1)', async () => {
    const path = FILES.find((f) => f.endsWith('/handshake-http.pcapng'))!;
    const dir = freshDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'index.html'), 'mine');
    const r = await runCli(['-n', '-q', '-r', path, '--export-objects', `http,${dir}`]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe('mine');
    expect(readFileSync(join(dir, 'index(1).html')).length).toBe(2223);
  });

  it('makes the folder with its parents, and says why when it cannot', async () => {
    const path = FILES.find((f) => f.endsWith('/handshake-http.pcapng'))!;
    const deep = join(freshDir(), 'a', 'b');
    expect((await runCli(['-n', '-q', '-r', path, '--export-objects', `http,${deep}`])).code).toBe(0);
    expect(readdirSync(deep)).toEqual(['index.html']);
    const file = join(TMP, 'a-file');
    writeFileSync(file, '');
    const r = await runCli(['-n', '-q', '-r', path, '--export-objects', `http,${file}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`packetloom: Failed to create export objects output directory "${file}": Not a directory\n`);
  });

  it('refuses a bad --export-objects with one line and exit status 2', async () => {
    const path = FILES[0]!;
    const bad = async (v: string[]) => {
      const r = await runCli(['-r', path, ...v]);
      expect(r.code, v.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), v.join(' ')).toHaveLength(1);
      return r.stderr;
    };
    expect(await bad(['--export-objects', 'http'])).toContain('"--export-objects" are specified as: <protocol>,<destdir>');
    expect(await bad(['--export-objects', 'smtp,/tmp/x'])).toContain('"smtp" isn\'t an export object type');
    expect(await bad(['--export-objects', 'http,/tmp/x', '--export-objects', 'http,/tmp/y'])).toContain('"--export-objects" already specified protocol \'http\'');
    expect(await bad(['--export-objects', 'http,/tmp/x', '--export-conversation', 'tcp:0'])).toContain('--export-objects and --export-conversation');
  });
});

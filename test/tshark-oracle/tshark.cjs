/**
 * The tshark the tests run (test/tshark-oracle/tshark puts it first on their PATH; see
 * global-setup.ts): the real tshark's answers, recorded.
 *
 * tshark is the oracle of the tests, and it runs more than a thousand times per `npm test`: each run
 * spends about a quarter of a second loading its dissectors, a third of the whole suite's CPU time.
 * Its answer depends only on what it is asked and what it reads, so the answers are recorded
 * (records/, committed), keyed by:
 *   - the real tshark's version line (PACKETLOOM_TSHARK_VERSION, set once per test run),
 *   - the arguments, with every argument naming an existing file replaced by a hash of its bytes
 *     (a crafted capture in a temporary directory gets the same key from run to run),
 *   - standard input, when tshark reads a capture from it (`-r -`),
 *   - the environment variables that change its output (TZ and the locale),
 *   - the bytes of the personal hosts file, when there is one (`-N n` names addresses by it).
 * A key without a record runs the real tshark (so a new test, a changed fixture or another
 * version of tshark is still compared with tshark itself). `npm run test:record-tshark` records
 * what is missing and drops the records no test asked for (PACKETLOOM_TSHARK_RECORD=1).
 *
 * Where an answer names a file it read ("The file … appears to have been cut short"), the record
 * holds a placeholder, replaced by the path of this run (a temporary directory, another clone).
 *
 * `--export-objects PROTO,DIR`: the folder is not part of the key; the real tshark writes into a
 * folder of its own, and the record keeps the files it wrote (records/<key>.files.gz), written
 * into DIR when the answer is replayed (the tests give a folder that does not exist yet).
 *
 * Never recorded, always run for real: writing a file (-w), live capture (-i, -D, -L), the
 * version (-v, --version).
 *
 * Plain CommonJS with no dependencies: it starts in tens of milliseconds.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const HERE = __dirname;
const RECORDS = process.env.PACKETLOOM_TSHARK_RECORDS || path.join(HERE, 'records');
const RECORD = process.env.PACKETLOOM_TSHARK_RECORD === '1';
/** One line per key used (global-setup.ts reads it to drop unused records, and to count hits). */
const USED = process.env.PACKETLOOM_TSHARK_USED;
const PASS_THROUGH = new Set(['-w', '-i', '-D', '-L', '-v', '--version', '--list-interfaces', '--list-data-link-types', '-G', '-h', '--help']);
const ENV_KEYS = ['TZ', 'LC_ALL', 'LC_CTYPE', 'LC_TIME', 'LANG'];

/** The real tshark: the first one on PATH that is not this directory's. */
function realTshark() {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir || path.resolve(dir) === HERE) continue;
    const p = path.join(dir, 'tshark');
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  return null;
}

function run(bin, args, input) {
  const r = spawnSync(bin, args, { input, maxBuffer: 1 << 30, stdio: [input === undefined ? 'inherit' : 'pipe', 'pipe', 'pipe'] });
  if (r.error) {
    process.stderr.write(`tshark: ${r.error.message}\n`);
    return { status: 127, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) };
  }
  return { status: r.status === null ? 128 + 9 : r.status, stdout: r.stdout, stderr: r.stderr };
}

function exitWith(r) {
  // Write synchronously: process.exit must not cut a large answer short on a pipe.
  writeAll(1, r.stdout);
  writeAll(2, r.stderr);
  process.exit(r.status);
}

function writeAll(fd, buf) {
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      if (e.code === 'EAGAIN') continue;
      if (e.code === 'EPIPE') return;
      throw e;
    }
  }
}

function version(bin) {
  if (process.env.PACKETLOOM_TSHARK_VERSION) return process.env.PACKETLOOM_TSHARK_VERSION;
  return run(bin, ['--version']).stdout.toString('utf8').split('\n')[0];
}

/** Records: [status u8][stdout length u32][stdout][stderr], gzipped. */
function encode(r) {
  const head = Buffer.alloc(5);
  head.writeUInt8(r.status & 0xff, 0);
  head.writeUInt32LE(r.stdout.length, 1);
  return zlib.gzipSync(Buffer.concat([head, r.stdout, r.stderr]), { level: 9 });
}

function decode(buf) {
  const b = zlib.gunzipSync(buf);
  const n = b.readUInt32LE(1);
  return { status: b.readUInt8(0), stdout: b.subarray(5, 5 + n), stderr: b.subarray(5 + n) };
}

/** The text of tshark's personal hosts file (electron/engine/hosts-file.ts finds it the same way), or null. */
function personalHostsText() {
  const env = process.env;
  const home = env.HOME || require('node:os').homedir();
  const dir = env.WIRESHARK_CONFIG_DIR
    || (fs.existsSync(path.join(home, '.wireshark')) ? path.join(home, '.wireshark') : path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'wireshark'));
  try {
    return fs.readFileSync(path.join(dir, 'hosts'));
  } catch {
    return null;
  }
}

function main() {
  const args = process.argv.slice(2);
  const bin = realTshark();
  if (!bin) {
    process.stderr.write('tshark: command not found (install the Debian package `tshark`)\n');
    process.exit(127);
  }
  if (args.some((a) => PASS_THROUGH.has(a))) exitWith(run(bin, args));

  const h = createHash('sha256');
  h.update(`${version(bin)}\0`);
  for (const k of ENV_KEYS) h.update(`${k}=${process.env[k] ?? ''}\0`);
  // The personal hosts file (what `-N n` names addresses by), when there is one.
  const hosts = personalHostsText();
  if (hosts !== null) h.update(`hosts:${createHash('sha256').update(hosts).digest('hex')}\0`);
  const files = [];
  let input;
  // --export-objects PROTO,DIR: the folder stands aside (see exportObjects).
  let eo = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (args[i - 1] === '--export-objects' && a.includes(',')) {
      const comma = a.indexOf(',');
      eo = { i, proto: a.slice(0, comma), dir: a.slice(comma + 1) };
      h.update(`eo:${eo.proto}\0`);
      continue;
    }
    if (a === '-' && args[i - 1] === '-r') {
      input = fs.readFileSync(0);
      h.update(`stdin:${createHash('sha256').update(input).digest('hex')}\0`);
      continue;
    }
    let st = null;
    try {
      st = a.length > 0 && a.length < 4096 ? fs.statSync(a) : null;
    } catch {
      st = null;
    }
    if (st && st.isFile()) {
      files.push({ i, given: a, full: path.resolve(a) });
      h.update(`file:${createHash('sha256').update(fs.readFileSync(a)).digest('hex')}\0`);
    } else {
      h.update(`arg:${a}\0`);
    }
  }
  const key = h.digest('hex');
  const file = path.join(RECORDS, `${key}.gz`);
  if (USED) fs.appendFileSync(USED, `${key}\n`);

  let rec = null;
  try {
    rec = decode(fs.readFileSync(file));
  } catch {
    rec = null;
  }
  if (rec && eo) {
    let objects = null;
    try {
      objects = fs.readFileSync(file.replace(/\.gz$/, '.files.gz'));
    } catch {
      objects = null;
    }
    if (objects === null) rec = null;
    else unpackFiles(objects, eo.dir);
  }
  if (rec) exitWith({ status: rec.status, stdout: withPaths(rec.stdout, files, false), stderr: withPaths(rec.stderr, files, false) });

  let own = null;
  if (eo) {
    own = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'packetloom-oracle-eo-'));
    args[eo.i] = `${eo.proto},${own}`;
  }
  const r = run(bin, args, input);
  if (own) {
    const packed = packFiles(own);
    fs.rmSync(own, { recursive: true, force: true });
    unpackFiles(packed, eo.dir);
    if (RECORD) {
      fs.mkdirSync(RECORDS, { recursive: true });
      fs.writeFileSync(file.replace(/\.gz$/, '.files.gz'), packed);
    }
  }
  if (USED) fs.appendFileSync(USED, `miss ${key} ${args.join(' ')}\n`);
  if (RECORD) {
    fs.mkdirSync(RECORDS, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, encode({ status: r.status, stdout: withPaths(r.stdout, files, true), stderr: withPaths(r.stderr, files, true) }));
    fs.renameSync(tmp, file);
  }
  exitWith(r);
}

/** The files of a folder (names sorted): [name length u16][name][size u32][bytes]…, gzipped. */
function packFiles(dir) {
  const parts = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const n = Buffer.from(name);
    const b = fs.readFileSync(path.join(dir, name));
    const head = Buffer.alloc(6);
    head.writeUInt16LE(n.length, 0);
    head.writeUInt32LE(b.length, 2);
    parts.push(head.subarray(0, 2), n, head.subarray(2), b);
  }
  return zlib.gzipSync(Buffer.concat(parts), { level: 9 });
}

/** Writes packFiles' files into `dir` (made when missing, as tshark makes it). */
function unpackFiles(buf, dir) {
  const b = zlib.gunzipSync(buf);
  fs.mkdirSync(dir, { recursive: true });
  for (let off = 0; off < b.length;) {
    const n = b.readUInt16LE(off);
    const name = b.subarray(off + 2, off + 2 + n).toString();
    const size = b.readUInt32LE(off + 2 + n);
    const start = off + 6 + n;
    fs.writeFileSync(path.join(dir, name), b.subarray(start, start + size));
    off = start + size;
  }
}

/**
 * `toRecord`: the paths of the files read, as given and absolute, become placeholders (NUL, F or
 * R, the argument's index, NUL: never in tshark's text); else the placeholders become this run's paths.
 */
function withPaths(buf, files, toRecord) {
  if (!files.length) return buf;
  let s = buf.toString('latin1');
  const before = s;
  for (const f of files) {
    for (const [tag, p] of [['R', f.full], ['F', f.given]]) {
      const bytes = Buffer.from(p).toString('latin1');
      const mark = `\0${tag}${f.i}\0`;
      s = toRecord ? s.split(bytes).join(mark) : s.split(mark).join(bytes);
    }
  }
  return s === before ? buf : Buffer.from(s, 'latin1');
}

main();

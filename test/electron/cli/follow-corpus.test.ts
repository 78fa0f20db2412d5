/**
 * `packetloom -r f -q -z follow,tcp,MODE,N` against tshark 4.0 on EVERY TCP stream of every corpus
 * capture and own capture, in the three modes, byte for byte. tshark's outputs are cached in
 * fixtures/corpus/expected-extra/follow/ (fixtures/make-follow-expected.sh), so the test does not
 * need tshark. Also the `ip:port,ip:port` form of the filter for each capture's stream 0.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { firstDiff } from '../../helpers/first-diff.js';
import { runCli } from './run-cli.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const EXPECTED = join(FIXTURES, 'corpus', 'expected-extra', 'follow');

interface Case {
  capture: string;
  dir: string;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const name of readdirSync(EXPECTED)) {
    if (name === 'own') continue;
    out.push({ capture: join(FIXTURES, 'corpus', name), dir: join(EXPECTED, name) });
  }
  const own = join(EXPECTED, 'own');
  if (existsSync(own)) for (const name of readdirSync(own)) out.push({ capture: join(FIXTURES, 'own', name), dir: join(own, name) });
  return out;
}

function expected(path: string): string {
  return gunzipSync(readFileSync(path)).toString('latin1');
}

const CASES = cases();
let streams = 0;
let matched = 0;

describe('follow,tcp against tshark on every stream of the corpus', () => {
  it('has cached outputs', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  for (const c of CASES) {
    it(c.capture.slice(FIXTURES.length), async () => {
      const files = readdirSync(c.dir).filter((f) => /^\d+\.(ascii|hex|raw)\.txt\.gz$/.test(f));
      const bad: string[] = [];
      for (const f of files) {
        const [n, mode] = f.split('.') as [string, string];
        const want = expected(join(c.dir, f));
        const res = await runCli(['-r', c.capture, '-q', '-z', `follow,tcp,${mode},${n}`]);
        expect(res.code).toBe(0);
        streams++;
        // Follow output is bytes; our CLI writes JS strings of Latin-1 / UTF-8 text: compare as Latin-1 bytes.
        const got = Buffer.from(res.stdout, 'utf8').toString('latin1');
        if (got === want) matched++;
        else bad.push(`${f}: ${firstDiff(want, got)}`);
      }
      const arg = join(c.dir, 'endpoints.arg');
      if (existsSync(arg)) {
        const ends = readFileSync(arg, 'utf8').trim();
        const want = expected(join(c.dir, 'endpoints.ascii.txt.gz'));
        const res = await runCli(['-r', c.capture, '-q', '-z', `follow,tcp,ascii,${ends}`]);
        const got = Buffer.from(res.stdout, 'utf8').toString('latin1');
        if (want === '') {
          // tshark refused the argument (a port 0): so do we, with its message.
          if (res.code === 0 || !/follow - Invalid port\./.test(res.stderr)) bad.push(`endpoints ${ends}: accepted, tshark refuses it`);
        } else if (got !== want) {
          bad.push(`endpoints ${ends}: ${firstDiff(want, got)}`);
        }
      }
      expect(bad).toEqual([]);
    });
  }

  it('reports the agreement', () => {
    console.log(`follow,tcp: ${matched}/${streams} stream outputs identical to tshark's`);
    expect(matched).toBe(streams);
  });
});

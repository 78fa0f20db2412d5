/**
 * tshark is the oracle. Several comparisons skip themselves where tshark is missing (so a
 * developer without it can still run the rest); this test makes such a run red instead of a
 * quietly smaller green. `.ci/run` installs tshark.
 *
 * The tests ask tshark through its recorded answers (test/tshark-oracle): they must be the real
 * tshark's, byte for byte, wherever the file sits.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const ORACLE = resolve(import.meta.dirname, 'tshark-oracle');

it('tshark is installed, so no tshark comparison was skipped', () => {
  const r = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  expect(r.error, 'tshark not found: install the Debian package `tshark` (.ci/run does)').toBeUndefined();
  expect(r.stdout).toMatch(/TShark \(Wireshark\)/);
});

it('the tests ask the recorded oracle, and its answers are the real tshark\'s', () => {
  const which = spawnSync('sh', ['-c', 'command -v tshark'], { encoding: 'utf8' }).stdout.trim();
  expect(which).toBe(join(ORACLE, 'tshark'));
  const realPath = (process.env.PATH ?? '').split(delimiter).filter((d) => resolve(d) !== ORACLE).join(delimiter);
  const dir = mkdtempSync(join(tmpdir(), 'packetloom-oracle-check-'));
  try {
    // A cut file (its error names the file: the record holds a placeholder for the path).
    const file = join(dir, 'cut.pcap');
    copyFileSync(resolve(import.meta.dirname, '../fixtures/corpus/dpkt-truncated_dns_2.pcap'), file);
    for (const args of [['-n', '-r', file], ['-n', '-r', file, '-V', '-x'], ['-n', '-q', '-r', file, '-z', 'expert']]) {
      const oracle = spawnSync('tshark', args, { encoding: 'utf8' });
      const real = spawnSync('tshark', args, { encoding: 'utf8', env: { ...process.env, PATH: realPath } });
      expect([oracle.status, oracle.stdout, oracle.stderr], args.join(' ')).toEqual([real.status, real.stdout, real.stderr]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

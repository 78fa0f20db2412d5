/**
 * tshark is the oracle. Several comparisons skip themselves where tshark is missing (so a
 * developer without it can still run the rest); this test makes such a run red instead of a
 * quietly smaller green. `.ci/run` installs tshark.
 */
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

it('tshark is installed, so no tshark comparison was skipped', () => {
  const r = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  expect(r.error, 'tshark not found: install the Debian package `tshark` (.ci/run does)').toBeUndefined();
  expect(r.stdout).toMatch(/TShark \(Wireshark\)/);
});

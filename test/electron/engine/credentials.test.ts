/**
 * Tools › Credentials in the engine (electron/engine/credentials.ts): the rows tshark -z credentials
 * prints, for the crafted capture of every Authorization scheme and for a capture without any.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { credentialsCapture } from '../../helpers/credentials-capture.js';
import { openIndexed } from '../../helpers/engine-calls.js';

const TMP = mkdtempSync(join(tmpdir(), 'packetloom-engine-credentials-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const CAPTURE = join(TMP, 'credentials.pcap');
writeFileSync(CAPTURE, credentialsCapture());
const HTTP = fileURLToPath(new URL('../../../fixtures/own/handshake-http.pcapng', import.meta.url));

/** tshark's rows as "packet protocol user" (its columns split on runs of spaces). */
function tsharkRows(path: string): string[] {
  const out = spawnSync('tshark', ['-q', '-z', 'credentials', '-r', path], { encoding: 'utf8', env: { ...process.env, HOME: TMP, WIRESHARK_CONFIG_DIR: TMP } }).stdout;
  return out.split('\n').filter((l) => /^\d/.test(l)).map((l) => l.replace(/ {2,}/g, ' ').trim());
}

describe('credentials (engine)', () => {
  for (const path of [CAPTURE, HTTP]) {
    it(`equals tshark -z credentials: ${path.slice(path.lastIndexOf('/') + 1)}`, async () => {
      const host = await openIndexed(path);
      const rows = (await host!.call('credentials', {})) as { packet: number; protocol: string; username: string; info: string }[];
      expect(rows.map((r) => `${r.packet} ${r.protocol} ${r.username}`.replace(/ {2,}/g, ' ').trim())).toEqual(tsharkRows(path));
      if (path === CAPTURE) expect(rows.length).toBe(10);
      host!.session.close();
    });
  }
});

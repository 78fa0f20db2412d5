/**
 * TLS in a second look (`packetloom -2`, the app's packet details) against `tshark -2`, on the
 * crafted connections of test/dissectors/protocols/tls-craft.ts: the version the connection
 * settled labels its ClientHello, and the fragments of a handshake message split over records
 * say where it was put together ("Reassembled Handshake Message in frame"), which a single pass
 * does not know yet.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { vtextLayers } from '../../helpers/vtext-layers.js';
import { connections } from '../../dissectors/protocols/tls-craft.js';
import { writePcap } from '../../dissectors/tcp/craft.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'packetloom-tls2-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('TLS with -2 against tshark -2', () => {
  for (const port of [443, 4433]) {
    it(`every TLS layer of the crafted connections on port ${port}`, async () => {
      const file = join(dir, `tls-${port}.pcap`);
      writePcap(file, connections(port).flatMap((c) => c.segs).map((s, i) => ({ ...s, t: i * 0.001 })));
      const args = ['-2', '-n', '-r', file, '-V'];
      const theirs = vtextLayers(spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout, false);
      const ours = vtextLayers((await runCli(args)).stdout, true);
      expect(ours.length).toBe(theirs.length);
      const differ: string[] = [];
      let compared = 0;
      let reassembledIn = 0;
      theirs.forEach((layers, i) => {
        const lines = layers.get('Transport Layer Security');
        if (!lines) return;
        compared++;
        reassembledIn += lines.filter((l) => l.includes('Reassembled Handshake Message in frame')).length;
        const mine = (ours[i]!.get('Transport Layer Security') ?? []).filter((l) => !/^\s+\[Reason: /.test(l));
        if (JSON.stringify(mine) !== JSON.stringify(lines)) differ.push(`frame ${i + 1}:\n${lines.join('\n')}\n--- ours\n${mine.join('\n')}`);
      });
      expect(compared).toBeGreaterThan(20);
      expect(reassembledIn).toBeGreaterThan(0);
      expect(differ, differ.join('\n\n')).toEqual([]);
    });
  }
});

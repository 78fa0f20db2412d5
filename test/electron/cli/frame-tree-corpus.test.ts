/**
 * The Frame subtree of `-V` against tshark 4.0 on the first packets of every corpus file: section
 * and interface (pcapng), encapsulation type, times with the generated ones in brackets, lengths,
 * marked/ignored. `[Protocols in frame: …]` is left out (it names protocols Packetloom does not
 * dissect yet: the field comparisons cover it), and so are the files listed in KNOWN.
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const FILES = readdirSync(CORPUS).filter((n) => /\.pcap(ng)?$/.test(n)).sort();
const PACKETS = '4';

const KNOWN: Record<string, string> = {
  'gopacket-pcapng-le-test102.pcapng': 'tshark 4.0 shows a pcapng Custom Block as frame 1; Packetloom skips it (so frame numbers shift)',
  'gopacket-pcapng-le-test202.pcapng': 'as gopacket-pcapng-le-test102.pcapng',
  'gopacket-pcapng-be-test101.pcapng': 'a packet without a timestamp (Simple Packet Block) before: tshark counts it at time 0, so its next delta is huge; ours leaves it out of the times',
  'tcpdump-timestamp_invalid_nano.pcap': 'tshark checks the fractional second of a timestamp (and prints 1000000000 ns as such); Packetloom does not',
};

/** The Frame subtrees of a -V text, without the protocols line. */
function frameTrees(text: string): string[] {
  const out: string[] = [];
  let inFrame = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('Frame ')) inFrame = true;
    else if (!line.startsWith(' ')) inFrame = false;
    if (inFrame && !line.startsWith('    [Protocols in frame: ')) out.push(line);
  }
  return out;
}

describe('the Frame subtree against tshark -V on the corpus', () => {
  for (const file of FILES) {
    it(file, async () => {
      const r = spawnSync('tshark', ['-n', '-r', join(CORPUS, file), '-c', PACKETS, '-V'], { encoding: 'utf8', maxBuffer: 1 << 26 });
      const got = await runCli(['-n', '-r', join(CORPUS, file), '-c', PACKETS, '-V']);
      const theirs = frameTrees(r.stdout);
      const ours = frameTrees(got.stdout);
      // (tcpdump-empty.pcap has no packets: both print none.)
      if (file !== 'tcpdump-empty.pcap') expect(theirs.length).toBeGreaterThan(0);
      if (KNOWN[file]) expect(ours, `listed as known (${KNOWN[file]}) but now equal: remove it`).not.toEqual(theirs);
      else expect(ours).toEqual(theirs);
    });
  }

  it('frame.time_delta_displayed counts from the previous displayed packet under -Y, as in tshark', async () => {
    const file = join(CORPUS, 'pcpp-IcmpPackets.pcap');
    const args = ['-n', '-r', file, '-Y', 'icmp.type == 11 || icmp.type == 3', '-T', 'fields', '-e', 'frame.number', '-e', 'frame.time_delta', '-e', 'frame.time_delta_displayed'];
    const r = spawnSync('tshark', args, { encoding: 'utf8' });
    const got = await runCli(args);
    expect(got.stdout.split('\n').length).toBeGreaterThan(2);
    expect(got.stdout).toBe(r.stdout);
  });
});

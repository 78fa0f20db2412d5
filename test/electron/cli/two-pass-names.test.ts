// `-2` with and without `-n`: MAC addresses are named (tshark's default) or not (-n) in every
// label that shows one, as tshark -2 -V shows them — the second pass's session once named them
// even with -n.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { haveTshark, runTshark } from '../../helpers/corpus-net.js';
import { runCli } from './run-cli.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const FILES = ['own/handshake-http.pcapng', 'corpus/arkime-cloudshark-arp.pcap'].map((f) => join(FIXTURES, f));
const MAC_LINES = /^\s*(Ethernet II,|Source:|Destination:|Address:|Sender MAC address:|Target MAC address:)/;

describe('-2 names MAC addresses as -n says', () => {
  for (const path of FILES) {
    for (const n of [['-n'], []]) {
      it.runIf(haveTshark())(`${path.replace(/.*\/fixtures\//, '')} ${n.join(' ')}`, async () => {
        const ours = (await runCli([...n, '-2', '-V', '-r', path])).stdout.split('\n').filter((l) => MAC_LINES.test(l));
        const theirs = runTshark([...n, '-2', '-V', '-r', path]).split('\n').filter((l) => MAC_LINES.test(l));
        expect(ours.length).toBeGreaterThan(10);
        expect(ours).toEqual(theirs);
      });
    }
  }
});

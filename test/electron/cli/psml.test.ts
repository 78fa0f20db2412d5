/**
 * `-T psml` (electron/cli/psml.ts) against tshark byte for byte on every corpus capture and capture
 * of our own — the creator attribute aside (ours names Packetloom): columns as the summary lines
 * show them, XML-escaped (&, <, >, quotes), with -n and with MAC names, a display filter, another
 * time format, -q (printed all the same, as tshark 4.0), an empty capture and a damaged one (the
 * finale after the last packet read).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { xmlEscape } from '../../../electron/cli/psml.js';
import { firstDiff } from '../../helpers/first-diff.js';
import { runCli } from './run-cli.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const OWN = fileURLToPath(new URL('../../../fixtures/own/', import.meta.url));
const captures = (dir: string) => readdirSync(dir).filter((n) => /\.pcap(ng)?$/.test(n)).sort().map((n) => join(dir, n));

function tshark(args: string[]): string {
  const r = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  return r.stdout;
}

/** tshark shows these files' pcapng custom blocks as packets of their own (other numbers and times after them). */
const CUSTOM_BLOCKS = new Set(['gopacket-pcapng-le-test102.pcapng', 'gopacket-pcapng-le-test202.pcapng']);

const creator = (s: string) => s.replace(/^<psml version="0" creator="[^"]*">$/m, '<psml version="0" creator="…">');

async function compare(args: string[]): Promise<string> {
  const ours = (await runCli(args)).stdout;
  expect(ours).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n<psml version="0" creator="packetloom\/\d+\.\d+\.\d+">\n/);
  return firstDiff(creator(tshark(args)), creator(ours));
}

describe('-T psml', () => {
  it('prints every packet of every capture as tshark does where the summary line is tshark\'s', async () => {
    // Packets of protocols Packetloom does not dissect (IPP, CDP, OSPF, MySQL …) have other columns
    // in both forms: a packet is compared when its summary line equals tshark's (the summary
    // tests cover the lines); the preamble, the packet count and the finale always.
    const bad: string[] = [];
    let compared = 0;
    let escaped = 0;
    for (const path of [...captures(CORPUS), ...captures(OWN)]) {
      const args = ['-n', '-r', path, '-T', 'psml'];
      const want = creator(tshark(args)).split('\n\n');
      const got = creator((await runCli(args)).stdout).split('\n\n');
      const lines = (out: string) => out.split('\n').filter((l) => l !== '');
      const tLines = lines(tshark(['-n', '-r', path]));
      const oLines = lines((await runCli(['-n', '-r', path])).stdout);
      if (CUSTOM_BLOCKS.has(path.slice(path.lastIndexOf('/') + 1))) {
        if (want.length === got.length) bad.push(`${path}: listed as showing custom blocks as packets, but the counts agree`);
        continue;
      }
      if (want.length !== got.length || want[0] !== got[0] || want[want.length - 1] !== got[got.length - 1]) {
        bad.push(`${path}: ${firstDiff(want.join('\n\n'), got.join('\n\n'))}`);
        continue;
      }
      for (let i = 1; i < want.length - 1; i++) {
        if (tLines[i - 1] !== oLines[i - 1]) continue;
        compared++;
        if (want[i] !== got[i]) bad.push(`${path} packet ${i}: ${firstDiff(want[i]!, got[i]!)}`);
        if (/&(amp|lt|gt|quot);/.test(got[i]!)) escaped++;
      }
    }
    expect(bad).toEqual([]);
    expect(compared).toBeGreaterThan(2000);
    expect(escaped).toBeGreaterThan(10);
  }, 300_000);

  it('follows the name resolution, a display filter, the time format and -q as tshark', async () => {
    const http = join(OWN, 'handshake-http.pcapng');
    for (const args of [
      ['-r', http, '-T', 'psml'],
      ['-n', '-r', http, '-T', 'psml', '-Y', 'tcp.len > 0'],
      ['-n', '-r', http, '-T', 'psml', '-t', 'ad'],
      ['-n', '-q', '-r', http, '-T', 'psml'],
      ['-n', '-r', join(CORPUS, 'tcpdump-empty.pcap'), '-T', 'psml'],
      ['-n', '-r', join(CORPUS, 'dpkt-truncated_dns_2.pcap'), '-T', 'psml'],
    ]) {
      expect(await compare(args), args.join(' ')).toBe('');
    }
  });

  it('escapes as Wireshark\'s xml_escape', () => {
    expect(xmlEscape('GET /a?b=1&c=<2> "x" \'y\'\t\x01')).toBe('GET /a?b=1&amp;c=&lt;2&gt; &quot;x&quot; &#x27;y&#x27;\t\\x1');
  });
});

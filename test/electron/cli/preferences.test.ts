/**
 * `-o <name>:<value>` (tshark's preference override), for the one preference Packetloom has:
 * `tcp.relative_sequence_numbers` — off, TCP's sequence and acknowledgment numbers, next sequence
 * numbers and SACK edges are the wire's (tcp.seq_raw, and tcp.ack_raw when ACK is set, hidden),
 * in the summary lines, fields, -V and -2 exactly as tshark 4.0 prints them. A boolean is TRUE
 * only when it says `true` (any case, white space around), as Wireshark reads one. `-o` without
 * `module.name:` stays the file of --export-conversation.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { vtextLayers } from '../../helpers/vtext-layers.js';
import { runCli } from './run-cli.js';

const FIX = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const FILES = ['own/handshake-http.pcapng', 'own/tcp-analysis.pcap', 'own/refused-and-reset.pcap', 'corpus/arkime-wireshark-retrans.pcap', 'corpus/zeek-tcp-reassembly.pcap', 'corpus/tcpdump-tcp-handshake-nano.pcap'].map((f) => join(FIX, f));
const OFF = ['-o', 'tcp.relative_sequence_numbers:FALSE'];

const tshark = (args: string[]) => spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout;
const vlines = (text: string, mine: boolean) => vtextLayers(text, mine).map((p) => [...p.values()].flat());

describe('-o tcp.relative_sequence_numbers', () => {
  it('off: summary lines, fields (SACK edges too) and -2 fields as tshark prints them', async () => {
    const fields = ['-T', 'fields', '-e', 'tcp.seq', '-e', 'tcp.ack', '-e', 'tcp.nxtseq', '-e', 'tcp.seq_raw', '-e', 'tcp.ack_raw', '-e', 'tcp.options.sack_le', '-e', 'tcp.options.sack_re', '-e', '_ws.col.Info'];
    let lines = 0;
    for (const file of FILES) {
      for (const args of [[...OFF, '-r', file], [...OFF, ...fields, '-r', file], ['-2', ...OFF, ...fields, '-r', file], [...OFF, '-Y', 'tcp.seq_raw == tcp.seq', '-r', file]]) {
        const theirs = tshark(args);
        const ours = await runCli(args);
        expect(ours.stderr).toBe('');
        expect(ours.stdout, args.join(' ')).toBe(theirs);
        lines += theirs.split('\n').length;
      }
    }
    expect(lines).toBeGreaterThan(1000);
  });

  it('off: the packet details (-V, one pass and -2) as tshark prints them, layer by layer', async () => {
    for (const file of FILES.slice(0, 4)) {
      for (const flags of [OFF, ['-2', ...OFF]]) {
        const args = [...flags, '-V', '-r', file];
        expect(vlines((await runCli(args)).stdout, true), args.join(' ')).toEqual(vlines(tshark(args), false));
      }
    }
  });

  it('reads its value as Wireshark reads a boolean', async () => {
    const file = FILES[0]!;
    const seq = async (v: string) => /Seq=(\d+)/.exec((await runCli(['-o', `tcp.relative_sequence_numbers:${v}`, '-Y', 'tcp.flags.syn == 1', '-r', file])).stdout)?.[1];
    for (const v of ['TRUE', 'true', ' True ']) expect(await seq(v), v).toBe('0');
    for (const v of ['FALSE', 'false', '0', '1', 'yes', '']) expect(await seq(v), v).toBe('4169627215');
    for (const v of ['TRUE', '1']) expect(await seq(v)).toBe(/Seq=(\d+)/.exec(tshark(['-o', `tcp.relative_sequence_numbers:${v}`, '-Y', 'tcp.flags.syn == 1', '-r', file]))?.[1]);
  });

  it('a preference Packetloom does not have is one line and exit 2; a plain -o is still the export file', async () => {
    const bad = await runCli(['-o', 'tcp.analyze_sequence_numbers:FALSE', '-r', FILES[0]!]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('-o flag "tcp.analyze_sequence_numbers:FALSE" specifies a preference Packetloom does not have (it has: tcp.relative_sequence_numbers)');
    const file = await runCli(['-o', 'out.json', '-r', FILES[0]!]);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('-o names the file for --export-conversation');
  });
});

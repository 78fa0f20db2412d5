/**
 * Our own captures from real stacks (fixtures/own, made by fixtures/make-captures.sh) against
 * tshark 4.0.17, with one thing excused (KNOWN: pipelined HTTP requests, which tshark 4.0 pairs
 * with the wrong responses): they hold only what Packetloom dissects, so
 * - every summary line of `packetloom -r f` equals `tshark -n -r f` (expected/<f>.summary.txt),
 *   Info column included: analysis prefixes such as `[TCP Dup ACK 13#2]`, `[TCP ZeroWindow]`,
 *   `[TCP Keep-Alive]`, reassembled HTTP;
 * - every cell of TCP's sequence analysis and HTTP's pairing (expected/<f>.analysis.tsv: RTTs,
 *   bytes in flight, duplicate-ACK numbers and frames, retransmission kinds, window states,
 *   keep-alives, SACK edges, reassembly frames, request/response links) equals tshark's.
 * The 53 common fields of the same captures are compared in tshark-fields.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../electron/cli/run-cli.js';

const OWN = fileURLToPath(new URL('../../fixtures/own/', import.meta.url));
const EXPECTED = join(OWN, 'expected');
const CAPTURES = readdirSync(OWN).filter((f) => /\.pcap(ng)?$/.test(f)).sort();

const PIPELINING =
  'two requests pipelined in one segment: Wireshark 4.0 pairs each response with the last request sent (push_res takes the tail), so ' +
  'the first response gets the second request and the second none; Packetloom pairs them in order, as HTTP/1.1 answers them ' +
  '(test/dissectors/protocols/http.test.ts, "pairs pipelined responses")';

/** Cells that differ from tshark on purpose: file → [frame, field, why]; each is checked to still differ. */
const KNOWN: Record<string, [number, string, string][]> = {
  'http-edge.pcap': [[10, 'http.prev_request_in', PIPELINING], [14, 'http.request_in', PIPELINING], [14, 'http.time', PIPELINING]],
};

function lines(text: string): string[] {
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

describe('fixtures/own against tshark: summary lines and TCP analysis, every line and cell', () => {
  it('has the capture with loss, zero window and keep-alives among them', () => {
    expect(CAPTURES).toContain('tcp-analysis.pcap');
    const analysis = readFileSync(join(EXPECTED, 'tcp-analysis.pcap.analysis.tsv'), 'utf8');
    // What the capture is for is in tshark's own view of it (a rerun of the script keeps this).
    for (const flag of ['tcp.analysis.fast_retransmission', 'tcp.analysis.duplicate_ack_num', 'tcp.analysis.zero_window', 'tcp.analysis.window_full', 'tcp.analysis.keep_alive_ack']) {
      const header = lines(analysis)[0]!.split('\t');
      const c = header.indexOf(flag);
      expect(c, flag).toBeGreaterThan(0);
      expect(lines(analysis).slice(1).some((r) => (r.split('\t')[c] ?? '') !== ''), flag).toBe(true);
    }
  });

  for (const file of CAPTURES) {
    it(`${file}: summary lines`, async () => {
      const theirs = lines(readFileSync(join(EXPECTED, `${file}.summary.txt`), 'utf8'));
      const res = await runCli(['-n', '-r', join(OWN, file)]);
      expect(res.code, res.stderr).toBe(0);
      const ours = lines(res.stdout);
      expect(ours.length).toBe(theirs.length);
      theirs.forEach((line, i) => expect(ours[i], `${file} frame ${i + 1}`).toBe(line));
    });

    it(`${file}: TCP analysis and HTTP pairing fields`, async () => {
      const theirs = lines(readFileSync(join(EXPECTED, `${file}.analysis.tsv`), 'utf8'));
      const header = theirs[0]!.split('\t');
      const args = ['-n', '-r', join(OWN, file), '-T', 'fields', '-E', 'header=y', '-E', 'separator=/t', '-E', 'occurrence=a', '-E', 'aggregator=,'];
      for (const f of header) args.push('-e', f);
      const res = await runCli(args);
      expect(res.code, res.stderr).toBe(0);
      const ours = lines(res.stdout);
      expect(ours[0]).toBe(theirs[0]);
      expect(ours.length).toBe(theirs.length);
      const known = KNOWN[file] ?? [];
      for (let i = 1; i < theirs.length; i++) {
        const want = theirs[i]!.split('\t');
        const got = ours[i]!.split('\t');
        header.forEach((field, c) => {
          if (known.some(([frame, f]) => frame === i && f === field)) {
            expect(got[c] ?? '', `${file} frame ${i} ${field} is listed as known but now agrees: take it off KNOWN`).not.toBe(want[c] ?? '');
          } else {
            expect(got[c] ?? '', `${file} frame ${i} ${field}`).toBe(want[c] ?? '');
          }
        });
      }
    });
  }
});

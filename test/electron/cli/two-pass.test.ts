/**
 * `packetloom -2`: the CLI's second pass reads each packet from an engine session's packet
 * details (electron/cli/two-pass.ts), and equals `tshark -2` on every capture of the corpus and of
 * our own: the summary lines (Info as the second pass writes it), the fields only the end of the
 * first pass knows, and a display filter on them. Lines where our single pass differs from
 * tshark's (what test/electron/cli/decode-tree-corpus.test.ts and the summary tests list) are
 * left out of the line comparison, as are the packets of V_KNOWN (test/helpers/vtext-known.ts) in
 * the field comparison; SECOND_PASS_KNOWN lists what differs only with -2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { V2_KNOWN, V_KNOWN } from '../../helpers/vtext-known.js';
import { runCli } from './run-cli.js';

const DIRS = ['../../../fixtures/corpus/', '../../../fixtures/own/'].map((d) => fileURLToPath(new URL(d, import.meta.url)));
const FILES = DIRS.flatMap((d) => readdirSync(d).sort().filter((f) => /\.pcap(ng)?$/.test(f)).map((f) => join(d, f)));

/** What the end of the first pass changes (fields) and a filter on it. */
const FIELDS = [
  'frame.number', 'tcp.completeness', 'tcp.analysis.initial_rtt', 'tcp.reassembled_in', 'tcp.segment_data', 'http.request_number',
  'http.response_number', 'http.response_in', 'http.next_request_in', 'http.next_response_in', 'http.prev_response_in',
  'http.response_for.uri', 'dns.response_in', 'icmp.resp_to', 'icmp.resp_not_found', 'icmpv6.resp_not_found', 'ip.reassembled_in',
];
const FILTER = 'http.response_in || http.next_request_in || dns.response_in || tcp.reassembled_in || icmp.resp_not_found || tcp.completeness == 31';

/** file → summary lines (packet numbers) that differ from tshark -2 only with -2, and why. */
const SECOND_PASS_KNOWN: Record<string, { packets: number[]; why: string }> = {
  'scapy-http_chunk.pcap': { packets: [1], why: 'a one-byte segment before any HTTP: tshark\'s second pass no longer hands it to HTTP ("Continuation"); ours does' },
  'zeek-ipv6-http-atomic-frag.pcap': { packets: [8], why: 'a spurious retransmission of a request: tshark\'s second pass no longer hands it to HTTP; ours does' },
};

const home = mkdtempSync(join(tmpdir(), 'packetloom-2pass-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function tshark(args: string[]): string {
  return spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, HOME: home, WIRESHARK_CONFIG_DIR: home } }).stdout;
}

const lines = (s: string) => s.split('\n').filter((l) => l !== '');
const numberOf = (line: string) => Number(/^\s*(\d+)/.exec(line)?.[1] ?? 0);

describe('packetloom -2 against tshark -2', () => {
  for (const path of FILES) {
    const file = path.split('/').pop()!;
    const vKnown = V2_KNOWN[file] ?? V_KNOWN[file];
    if (vKnown?.packets === 'all') continue;
    const skip = new Set(vKnown?.packets ?? []);
    it(file, async () => {
      // Summary lines: those our single pass already writes as tshark does.
      const one = lines((await runCli(['-n', '-r', path])).stdout);
      const tsOne = lines(tshark(['-n', '-r', path]));
      const same = new Set(one.filter((l, i) => l === tsOne[i]).map(numberOf));
      const two = lines((await runCli(['-2', '-n', '-r', path])).stdout);
      const tsTwo = lines(tshark(['-2', '-n', '-r', path]));
      expect(two.length).toBe(tsTwo.length);
      const known = SECOND_PASS_KNOWN[file]?.packets ?? [];
      const differ = two.filter((l, i) => same.has(numberOf(l)) && l !== tsTwo[i]).map(numberOf);
      expect(differ, file).toEqual(known);

      const fieldArgs = ['-2', '-n', '-r', path, '-T', 'fields', ...FIELDS.flatMap((f) => ['-e', f])];
      const rows = (out: string) => lines(out).filter((l) => !skip.has(numberOf(l)));
      expect(rows((await runCli(fieldArgs)).stdout), 'fields').toEqual(rows(tshark(fieldArgs)));
      const filterArgs = ['-2', '-n', '-r', path, '-Y', FILTER, '-T', 'fields', '-e', 'frame.number'];
      expect((await runCli(filterArgs)).stdout, 'filter').toBe(tshark(filterArgs));
    });
  }

  it('says what it cannot do in one line, with exit 2', async () => {
    const file = FILES[0]!;
    for (const args of [['-2', '-i', 'lo'], ['-2', '-r', file, '--export-conversation', 'tcp:0']]) {
      const r = await runCli(args);
      expect([r.code, r.stdout, r.stderr.split('\n').length]).toEqual([2, '', 2]);
      expect(r.stderr).toMatch(/^packetloom: .*-2/);
    }
  });

  it('gives the -z statistics of the second pass (expert items it adds, follow, hierarchy), as tshark -2', async () => {
    for (const name of ['http-loss.pcap', 'dns-tcp.pcap', 'pcpp-IcmpPackets.pcap', 'arkime-wireshark-retrans.pcap', 'pcpp-frag_http_req.pcap']) {
      const path = FILES.find((f) => f.endsWith(`/${name}`))!;
      for (const z of ['expert', 'io,phs', 'conv,tcp', 'endpoints,ip', 'follow,tcp,ascii,0', 'follow,tcp,hex,1']) {
        const args = ['-2', '-n', '-q', '-r', path, '-z', z];
        expect((await runCli(args)).stdout, `${name} -z ${z}`).toBe(tshark(args));
      }
    }
  });

  it('counts frame.time_delta_displayed and -t dd from the packet the filter showed before, as tshark -2 -Y', async () => {
    for (const name of ['pcpp-http-packets2.pcap', 'pcpp-DnsPackets.pcap', 'tcp-analysis.pcap']) {
      const path = FILES.find((f) => f.endsWith(name))!;
      for (const filter of ['http', 'dns', 'tcp.len > 0']) {
        const fields = ['-2', '-n', '-r', path, '-Y', filter, '-T', 'fields', '-e', 'frame.number', '-e', 'frame.time_delta_displayed'];
        expect((await runCli(fields)).stdout, `${name} ${filter}`).toBe(tshark(fields));
      }
      const lines = ['-2', '-n', '-r', path, '-Y', 'tcp.len > 0', '-t', 'dd'];
      expect((await runCli(lines)).stdout, name).toBe(tshark(lines));
    }
  });

  it('stops after -c packets in both passes, as tshark -2 -c does', async () => {
    const path = FILES.find((f) => f.endsWith('http-loss.pcap'))!;
    const args = ['-2', '-n', '-r', path, '-c', '30', '-T', 'fields', '-e', 'frame.number', '-e', 'tcp.reassembled_in', '-e', 'http.response_in'];
    expect((await runCli(args)).stdout).toBe(tshark(args));
  });
});

/**
 * `-Y <filter>` / `--display-filter`: only the packets the display filter matches are printed, in
 * every output mode; they keep their frame numbers; -c counts the packets read, as tshark's does;
 * a filter that does not compile is one line with tshark's message and exit status 2. Frame
 * lists are what `tshark -n -r FILE -Y FILTER` prints (tshark 4.0.17).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const HTTP = fileURLToPath(new URL('../../../fixtures/own/handshake-http.pcapng', import.meta.url));

function lines(s: string): string[] {
  return s.split('\n').filter((l) => l !== '');
}

/** Frame numbers of summary lines. */
function numbers(s: string): number[] {
  return lines(s).map((l) => Number(l.trim().split(/\s+/)[0]));
}

describe('packetloom -Y', () => {
  it('prints the summary lines of the matching packets only, unchanged', async () => {
    const all = lines((await runCli(['-r', HTTP])).stdout);
    const res = await runCli(['-r', HTTP, '-Y', 'tcp.flags.syn == 1 || arp']);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
    expect(numbers(res.stdout)).toEqual([1, 2, 11, 12]);
    expect(lines(res.stdout)).toEqual([all[0], all[1], all[10], all[11]]);
  });

  it('takes the long form and an empty filter (everything)', async () => {
    expect(numbers((await runCli(['-r', HTTP, '--display-filter=icmp'])).stdout)).toEqual([3, 4, 5, 6]);
    expect(numbers((await runCli(['-r', HTTP, '--display-filter', 'udp.port == 53'])).stdout)).toEqual([7, 8, 9, 10]);
    expect(numbers((await runCli(['-r', HTTP, '-Y', ''])).stdout)).toHaveLength(30);
  });

  it('filters -T fields, -T json and -V output', async () => {
    const fields = await runCli(['-r', HTTP, '-Y', 'tcp.payload contains "GET"', '-T', 'fields', '-e', 'frame.number', '-e', 'tcp.srcport']);
    expect(fields.stdout).toBe('14\t40080\n');
    const json = await runCli(['-r', HTTP, '-Y', 'arp.opcode == reply', '-T', 'json', '-e', 'arp.opcode']);
    expect((JSON.parse(json.stdout) as unknown[]).length).toBe(1);
    const tree = await runCli(['-r', HTTP, '-Y', 'frame.number in {3, 5}', '-V']);
    expect(lines(tree.stdout).filter((l) => l.startsWith('Frame '))).toEqual([
      expect.stringMatching(/^Frame 3: /),
      expect.stringMatching(/^Frame 5: /),
    ]);
  });

  it('counts the packets read for -c, not the ones printed (as tshark)', async () => {
    // tshark -n -r handshake-http.pcapng -c 3 -Y tcp prints nothing: the first three are ARP and ICMP.
    expect((await runCli(['-r', HTTP, '-c', '3', '-Y', 'tcp'])).stdout).toBe('');
    expect(numbers((await runCli(['-r', HTTP, '-c', '12', '-Y', 'tcp'])).stdout)).toEqual([11, 12]);
  });

  it('reports a bad filter on one line and exits 2', async () => {
    const cases: [string, string][] = [
      ['ip.sorc', 'ip.sorc is neither a field nor a protocol name.'],
      ['tcp.port == 80)', '")" was unexpected in this context.'],
      ['tcp.port == "80"', 'Unsigned integer (2 bytes) cannot be converted from a string ("80").'],
      ['(tcp', 'Unexpected end of filter expression.'],
    ];
    for (const [filter, message] of cases) {
      const res = await runCli(['-r', HTTP, '-Y', filter]);
      expect(res.code, filter).toBe(2);
      expect(res.stdout).toBe('');
      expect(res.stderr).toBe(`packetloom: ${message}\n`);
    }
    expect((await runCli(['-r', HTTP, '-Y'])).code).toBe(2);
  });
});

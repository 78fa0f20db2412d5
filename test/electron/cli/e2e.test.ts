/**
 * The built command end to end: `node bin/packetloom.js …` as a separate process, after building
 * dist/ (scripts/build.mjs, what `npm run build` runs).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale } from '../../helpers/build-once.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'packetloom.js');
const CORPUS = join(ROOT, 'fixtures', 'corpus');

function run(args: string[], opts: { cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? CORPUS, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('node bin/packetloom.js', () => {
  beforeAll(() => {
    // Only when stale: other test files run the built CLI at the same time.
    buildIfStale();
  }, 120_000);

  it('prints summary lines like tshark -r (MAC names resolved by default) and tshark -n -r', () => {
    expect(run(['-r', 'arkime-cloudshark-arp.pcap', '-c', '2'])).toEqual({
      code: 0,
      stdout:
        '    1   0.000000 Universa_6c:0c:cc \u2192 Broadcast    ARP 60 Who has 10.10.10.1? Tell 10.10.10.2\n' +
        '    2   0.000030 Dell_f0:92:ab \u2192 Universa_6c:0c:cc ARP 42 10.10.10.1 is at 00:1d:09:f0:92:ab\n',
      stderr: '',
    });
    const r = run(['-n', '-r', 'arkime-cloudshark-arp.pcap', '-c', '2']);
    expect(r).toEqual({
      code: 0,
      stdout:
        '    1   0.000000 00:1a:6b:6c:0c:cc \u2192 ff:ff:ff:ff:ff:ff ARP 60 Who has 10.10.10.1? Tell 10.10.10.2\n' +
        '    2   0.000030 00:1d:09:f0:92:ab \u2192 00:1a:6b:6c:0c:cc ARP 42 10.10.10.1 is at 00:1d:09:f0:92:ab\n',
      stderr: '',
    });
  });

  it('prints fields and JSON', () => {
    const f = run(['-r', 'arkime-cloudshark-arp.pcap', '-T', 'fields', '-e', 'frame.number', '-e', 'arp.opcode', '-E', 'header=y', '-E', 'separator=,']);
    expect(f.stdout).toBe('frame.number,arp.opcode\n1,1\n2,2\n3,\n4,\n5,1\n6,2\n');
    const j = run(['-r', 'arkime-cloudshark-arp.pcap', '-T', 'json']);
    expect(j.code).toBe(0);
    expect((JSON.parse(j.stdout) as unknown[]).length).toBe(6);
  });

  it('exits 1 with one line for a bad option, 2 for a missing file', () => {
    const bad = run(['--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('packetloom: unrecognized option: --bogus (see packetloom --help)\n');
    const missing = run(['-r', 'no-such-file.pcap']);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'packetloom: The file "no-such-file.pcap" doesn\'t exist.\n' });
  });

  it('prints the packets of a file cut short, then one line on stderr, and exits 2', () => {
    const r = run(['-r', 'dpkt-truncated_dns_2.pcap', '-T', 'fields', '-e', 'frame.number']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('1\n');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('byte offset 240');
  });

  it('ends quietly when the reader of its output goes away (| head)', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" -r pcpp-sll.pcap -V | head -n 1`], { cwd: CORPUS, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('Frame 1: 108 bytes on wire (864 bits), 108 bytes captured (864 bits)\n');
    expect(r.stderr).toBe('');
  });

  it('shows --help and --version', () => {
    expect(run(['--help']).stdout).toContain('-T fields|json|ek|psml|text');
    expect(run(['-v']).stdout).toMatch(/^Packetloom \d/);
  });
});

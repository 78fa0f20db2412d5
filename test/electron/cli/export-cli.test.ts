/**
 * The CLI's exports and extra columns: `-w` with `-F pcap|pcapng` (and -Y) read back by tshark,
 * `-T ek` against tshark -T ek, `--export-conversation` to a file and to stdout, `--states`,
 * the progress line, and the one-line errors of bad combinations.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Progress } from '../../../electron/cli/export.js';
import { runCli } from './run-cli.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), 'packetloom-export-'));

function tsharkLines(args: string[]): string[] {
  const r = spawnSync('tshark', ['-n', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return r.stdout.split('\n').filter((l) => l);
}

describe('-w / -F on a file read', () => {
  const cases: [string, string | undefined, 'pcap' | 'pcapng'][] = [
    ['pcpp-http-packets2.pcap', 'tcp.len > 0', 'pcap'],
    ['pcpp-http-packets2.pcap', 'http.request', 'pcapng'],
    ['zeek-pcapng-multi-interface.pcapng', undefined, 'pcapng'],
    ['tcpdump-tcp-handshake-nano.pcap', undefined, 'pcap'],
    ['pcpp-DnsPackets.pcap', 'dns.flags.response == 1', 'pcap'],
    ['pcpp-sll.pcap', 'udp', 'pcapng'],
  ];
  for (const [file, filter, format] of cases) {
    it(`${file} ${filter ?? '(all)'} → ${format}: tshark reads back the same packets and times`, async () => {
      const out = join(TMP, `${file}.${format}`);
      const args = ['-r', join(CORPUS, file), '-w', out, '-F', format];
      if (filter) args.push('-Y', filter);
      const r = await runCli(args);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      // Interface names only where the input has them (a pcap's packets get "unknown" in pcapng).
      const names = file.endsWith('.pcapng') ? ['-e', 'frame.interface_name'] : [];
      const fields = ['-T', 'fields', '-e', 'frame.time_epoch', '-e', 'frame.len', '-e', 'frame.cap_len', ...names];
      const want = tsharkLines(['-r', join(CORPUS, file), ...(filter ? ['-Y', filter] : []), ...fields]);
      const got = tsharkLines(['-r', out, ...fields]);
      expect(want.length).toBeGreaterThan(0);
      expect(got).toEqual(want);
      const info = spawnSync('capinfos', ['-t', out], { encoding: 'utf8' }).stdout;
      expect(info).toMatch(format === 'pcap' ? /File type:\s+Wireshark\/tcpdump\/\.\.\. - (nanosecond )?pcap\n/ : /File type:\s+Wireshark\/\.\.\. - pcapng/);
      // The bytes too: the hex dump of every packet is the same.
      const hex = (f: string, y?: string) => spawnSync('tshark', ['-n', '-r', f, ...(y ? ['-Y', y] : []), '-x'], { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout.replace(/^Frame.*$/gm, '');
      expect(hex(out)).toBe(hex(join(CORPUS, file), filter));
    });
  }

  it('writes a valid empty file when no packet matches', async () => {
    for (const format of ['pcap', 'pcapng']) {
      const out = join(TMP, `empty.${format}`);
      const r = await runCli(['-r', join(CORPUS, 'pcpp-http-packets2.pcap'), '-Y', 'dns', '-w', out, '-F', format]);
      expect(r.code).toBe(0);
      const t = spawnSync('tshark', ['-r', out], { encoding: 'utf8' });
      expect(t.status, t.stderr).toBe(0);
      expect(t.stdout).toBe('');
    }
  });

  it('refuses -F without -w, and a format it cannot write', async () => {
    const r = await runCli(['-r', join(CORPUS, 'pcpp-http-packets2.pcap'), '-F', 'pcap']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const bad = await runCli(['-r', join(CORPUS, 'pcpp-http-packets2.pcap'), '-w', join(TMP, 'x'), '-F', 'erf']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/use -F pcap or -F pcapng/);
  });
});

describe('-T ek', () => {
  for (const file of ['pcpp-one_http_stream_fin.pcap', 'pcpp-DnsPackets.pcap', 'zeek-ipv6-fragmented-dns.pcap']) {
    it(`${file}: index lines, timestamps and protocol objects as tshark's, every line JSON`, async () => {
      const r = await runCli(['-r', join(CORPUS, file), '-T', 'ek']);
      expect(r.code).toBe(0);
      const ours = r.stdout.split('\n').filter((l) => l);
      const theirs = tsharkLines(['-r', join(CORPUS, file), '-T', 'ek']);
      expect(ours.length).toBe(theirs.length);
      for (let i = 0; i < ours.length; i += 2) {
        expect(ours[i]).toBe(theirs[i]);
        const a = JSON.parse(ours[i + 1]!);
        const b = JSON.parse(theirs[i + 1]!);
        expect(a.timestamp).toBe(b.timestamp);
        const protos = (o: Record<string, unknown>) => Object.keys(o).filter((k) => typeof o[k] === 'object' && o[k] !== null && !Array.isArray(o[k]));
        expect(protos(a.layers)).toEqual(protos(b.layers).filter((k) => k in a.layers));
        expect(a.layers.frame.frame_frame_number).toBe(b.layers.frame.frame_frame_number);
        expect(a.layers.frame.frame_frame_time).toBe(b.layers.frame.frame_frame_time);
        for (const p of ['ip', 'ipv6', 'udp', 'tcp']) {
          if (!b.layers[p]) continue;
          for (const k of [`${p}_${p}_src`, `${p}_${p}_dst`, `${p}_${p}_srcport`, `${p}_${p}_dstport`, `${p}_${p}_len`, `${p}_${p}_stream`]) {
            if (k in b.layers[p]) expect(a.layers[p][k], `${file} line ${i + 2} ${k}`).toEqual(b.layers[p][k]);
          }
        }
      }
    });
  }

  it('with -e: the same lines as tshark', async () => {
    const file = join(CORPUS, 'pcpp-http-packets2.pcap');
    const r = await runCli(['-r', file, '-T', 'ek', '-e', 'ip.src', '-e', 'tcp.port', '-e', 'http.host']);
    expect(r.stdout.split('\n').filter((l) => l)).toEqual(tsharkLines(['-r', file, '-T', 'ek', '-e', 'ip.src', '-e', 'tcp.port', '-e', 'http.host']));
  });
});

describe('--export-conversation', () => {
  it('writes the JSON document to -o, and to stdout without it', async () => {
    const file = join(CORPUS, 'zeek-http-pipelined-requests.pcap');
    const out = join(TMP, 'conv.json');
    const r = await runCli(['-r', file, '--export-conversation', 'tcp:0', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.version).toBe(1);
    expect(doc.conversation).toMatchObject({ proto: 'tcp', stream: 0 });
    expect(doc.capture.file).toBe('zeek-http-pipelined-requests.pcap');
    const s = await runCli(['-r', file, '--export-conversation', 'tcp:0']);
    expect(JSON.parse(s.stdout)).toEqual(doc);
    const u = await runCli(['-r', join(CORPUS, 'arkime-dns-wiresharkrepo.pcap'), '--export-conversation', 'udp:2']);
    expect(JSON.parse(u.stdout).messages.dns.length).toBeGreaterThan(0);
  });

  it('says in one line what is wrong, exit 2', async () => {
    const file = join(CORPUS, 'zeek-http-pipelined-requests.pcap');
    for (const args of [
      ['-r', file, '--export-conversation', 'tcp:7'],
      ['-r', file, '--export-conversation', 'sctp:1'],
      ['-r', file, '--export-conversation', 'tcp:x'],
      ['--export-conversation', 'tcp:0'],
      ['-r', file, '-o', join(TMP, 'y.json')],
      ['-r', join(TMP, 'missing.pcap'), '--export-conversation', 'tcp:0'],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});

describe('--states, progress, --help', () => {
  it('adds both endpoints\' states to TCP summary lines', async () => {
    const r = await runCli(['-r', join(CORPUS, 'pcpp-one_http_stream_fin.pcap'), '--states']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/\[SYN\].* \[client SYN-SENT server LISTEN\]$/);
    expect(lines[1]).toMatch(/\[client ESTABLISHED server SYN-RECEIVED\]$/);
    expect(lines[2]).toMatch(/\[client ESTABLISHED server ESTABLISHED\]$/);
    // Without --states the lines are tshark's.
    const plain = await runCli(['-r', join(CORPUS, 'pcpp-one_http_stream_fin.pcap')]);
    expect(plain.stdout.split('\n')[0]).not.toMatch(/client/);
    // UDP lines get no column.
    const udp = await runCli(['-r', join(CORPUS, 'arkime-dns-wiresharkrepo.pcap'), '--states', '-c', '1']);
    expect(udp.stdout).not.toMatch(/\[client/);
  });

  it('draws progress only when asked (stderr a terminal) and erases it', () => {
    let s = '';
    const p = new Progress((t) => (s += t), 1000, true);
    for (let i = 1; i <= 5000; i++) p.update(i, i / 5);
    p.done();
    expect(s).toMatch(/\r1024 packets read \(20%\)/);
    expect(s.endsWith('\r\x1b[K')).toBe(true);
    let quiet = '';
    const q = new Progress((t) => (quiet += t), 1000, false);
    for (let i = 1; i <= 5000; i++) q.update(i, i);
    q.done();
    expect(quiet).toBe('');
  });

  it('--help lists every flag of this issue', async () => {
    const r = await runCli(['--help']);
    for (const flag of ['-r', '-Y', '-T fields|json|ek|psml|text', '-e', '-E', '-c', '-w', '-F', '-n', '-N', '-q', '-z', '-V', '-x', '--export-conversation', '-o', '--states']) {
      expect(r.stdout, flag).toContain(flag);
    }
    for (const stat of ['conv,', 'endpoints,', 'io,phs', 'expert', 'follow,tcp']) expect(r.stdout).toContain(stat);
  });
});

/**
 * The CLI in-process (main() with collected output): output modes, -c, -T fields with -E, -N,
 * errors and exit statuses. Expected texts are tshark 4.0.17's output on the same files (the
 * command is given with each), for protocols whose dissectors are complete.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stopMessage } from '../../../electron/engine/read-capture.js';
import { sourceName } from '../../../dissectors/output/text.js';
import { escapeFieldText } from '../../../electron/cli/fields-output.js';
import { ouiLoaded } from '../../../electron/engine/oui.js';
import { runCli } from './run-cli.js';
import { parseGatheringDuplicates } from '../../helpers/json-duplicate-keys.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const ARP = join(CORPUS, 'arkime-cloudshark-arp.pcap');
const tmp = mkdtempSync(join(tmpdir(), 'packetloom-cli-'));

function lines(s: string): string[] {
  return s.split('\n').filter((l, i, a) => l !== '' || i < a.length - 1);
}

describe('summary lines', () => {
  it('prints tshark -n -r lines (ARP frames of arkime-cloudshark-arp.pcap)', async () => {
    const res = await runCli(['-n', '-r', ARP]);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
    const out = lines(res.stdout);
    expect(out).toHaveLength(6);
    // tshark -n -r arkime-cloudshark-arp.pcap
    expect(out[0]).toBe('    1   0.000000 00:1a:6b:6c:0c:cc \u2192 ff:ff:ff:ff:ff:ff ARP 60 Who has 10.10.10.1? Tell 10.10.10.2');
    expect(out[1]).toBe('    2   0.000030 00:1d:09:f0:92:ab \u2192 00:1a:6b:6c:0c:cc ARP 42 10.10.10.1 is at 00:1d:09:f0:92:ab');
    expect(out[4]).toBe('    5   5.000468 00:1d:09:f0:92:ab \u2192 00:1a:6b:6c:0c:cc ARP 42 Who has 10.10.10.2? Tell 10.10.10.1');
    expect(out[5]).toBe('    6   5.000985 00:1a:6b:6c:0c:cc \u2192 00:1d:09:f0:92:ab ARP 60 10.10.10.2 is at 00:1a:6b:6c:0c:cc');
  });

  it('stops after -c packets', async () => {
    expect(lines((await runCli(['-n', '-r', ARP, '-c', '2'])).stdout)).toHaveLength(2);
    expect(lines((await runCli(['-n', '-c1', '-r', ARP])).stdout)).toHaveLength(1);
    expect(lines((await runCli(['-n', '-r', ARP, '-c', '100'])).stdout)).toHaveLength(6);
    expect((await runCli(['-n', '-r', ARP, '-T', 'json', '-c', '1'])).stdout.match(/"_index"/g)).toHaveLength(1);
  });

  it('uses vendor names by default and with -N m (tshark -r, tshark -N m -r), without reading the OUI table with -n or -N t', async () => {
    await runCli(['-n', '-r', ARP, '-V']);
    await runCli(['-N', 't', '-r', ARP, '-V']);
    expect(ouiLoaded()).toBe(false);
    const out = lines((await runCli(['-N', 'm', '-r', ARP, '-c', '2'])).stdout);
    expect(out).toEqual([
      '    1   0.000000 Universa_6c:0c:cc \u2192 Broadcast    ARP 60 Who has 10.10.10.1? Tell 10.10.10.2',
      '    2   0.000030 Dell_f0:92:ab \u2192 Universa_6c:0c:cc ARP 42 10.10.10.1 is at 00:1d:09:f0:92:ab',
    ]);
    expect(ouiLoaded()).toBe(true);
    expect(lines((await runCli(['-r', ARP, '-c', '2'])).stdout)).toEqual(out);
    const tree = (await runCli(['-N', 'm', '-r', ARP, '-V', '-c', '2'])).stdout;
    expect(tree.split('\n').filter((l) => /^ {4}(Destination|Source):/.test(l))).toEqual([
      '    Destination: Broadcast (ff:ff:ff:ff:ff:ff)',
      '    Source: Universa_6c:0c:cc (00:1a:6b:6c:0c:cc)',
      '    Destination: Universa_6c:0c:cc (00:1a:6b:6c:0c:cc)',
      '    Source: Dell_f0:92:ab (00:1d:09:f0:92:ab)',
    ]);
  });

  it('resolves MAC names in every output by default and with -N m, as tshark: fields, the tree, -T json, -T ek', async () => {
    // Vendors whose names Wireshark's manuf and the IEEE registry agree on (Universa, Dell), and
    // ARP's all-zero target, which Wireshark names 00:00:00_00:00:00 (not Xerox).
    const home = mkdtempSync(join(tmpdir(), 'packetloom-cli-tshark-'));
    const tshark = (args: string[]) => spawnSync('tshark', args, { encoding: 'utf8', env: { ...process.env, HOME: home, WIRESHARK_CONFIG_DIR: home } }).stdout;
    const fields = ['-T', 'fields', '-e', 'eth.src_resolved', '-e', 'eth.dst_resolved', '-e', 'eth.addr_resolved'];
    for (const mode of [fields, ['-V'], ['-T', 'json'], ['-T', 'ek']]) for (const resolve of [['-N', 'm'], []]) {
      const args = [...resolve, '-r', ARP, ...mode];
      const ours = (await runCli(args)).stdout;
      // eth.*.oui_resolved: Wireshark's own vendor list, which Packetloom does not have (json-known.ts).
      let theirs = tshark(args).replace(/\n *"eth\.(src|dst|addr)\.oui_resolved": "[^"]*",/g, '');
      theirs = theirs.replace(/,"eth_eth_(src|dst|addr)_oui_resolved":"[^"]*"/g, '');
      if (mode[1] === 'ek') {
        // tshark's repeated keys read as one array (ek-corpus.test.ts).
        expect(ours).toContain('"eth_eth_src_resolved":"Universa_6c:0c:cc"');
        expect(ours.split('\n').map((l) => (l ? JSON.parse(l) : l))).toEqual(theirs.split('\n').map((l) => (l ? parseGatheringDuplicates(l) : l)));
      } else expect(ours, mode.join(' ')).toBe(theirs);
    }
    expect((await runCli(['-N', 'm', '-r', ARP, '-V', '-c', '1'])).stdout).toContain(
      'Ethernet II, Src: Universa_6c:0c:cc (00:1a:6b:6c:0c:cc), Dst: Broadcast (ff:ff:ff:ff:ff:ff)',
    );
  });

  it('prints a summary line before the tree and the bytes with -P', async () => {
    const res = await runCli(['-n', '-r', ARP, '-P', '-x', '-c', '1']);
    expect(res.stdout.startsWith('    1   0.000000 00:1a:6b:6c:0c:cc \u2192 ff:ff:ff:ff:ff:ff ARP 60 Who has 10.10.10.1? Tell 10.10.10.2\n\n0000  ff ff')).toBe(true);
    const x = await runCli(['-r', ARP, '-x', '-c', '1']);
    expect(x.stdout.startsWith('0000  ff ff')).toBe(true);
    expect(x.stdout.endsWith('............\n\n')).toBe(true);
  });
});

describe('-x with reassembled data', () => {
  it('titles each data source as tshark does when a packet has more than one', async () => {
    expect(sourceName('Frame', 60)).toBe('Frame (60 bytes)');
    expect(sourceName('Reassembled IPv4', 1)).toBe('Reassembled IPv4 (1 byte)');
    expect(sourceName('Reassembled IPv4 (1480 bytes)', 1480)).toBe('Reassembled IPv4 (1480 bytes)');
    // tshark -n -r pcpp-frag_http_req.pcap -x: the last fragment completes the datagram.
    const res = await runCli(['-r', join(CORPUS, 'pcpp-frag_http_req.pcap'), '-x']);
    const titles = res.stdout.split('\n').filter((l) => /^[A-Z].*:$/.test(l));
    expect(titles).toEqual(['Frame (74 bytes):', 'Reassembled IPv4 (1480 bytes):']);
  });
});

describe('-T fields', () => {
  it('writes the columns and the values tshark writes (-E occurrence=l, _ws.col.*)', async () => {
    // tshark -n -r arkime-cloudshark-arp.pcap -T fields -e eth.addr -e _ws.col.Protocol -e _ws.col.Info -e _ws.col.No.
    //   -e _ws.col.Time -e _ws.col.Source -e _ws.col.Destination -e _ws.col.Length -E occurrence=l
    const res = await runCli(['-n', '-r', ARP, '-T', 'fields', '-e', 'eth.addr', '-e', '_ws.col.Protocol', '-e', '_ws.col.Info', '-e', '_ws.col.No.', '-e', '_ws.col.Time', '-e', '_ws.col.Source', '-e', '_ws.col.Destination', '-e', '_ws.col.Length', '-E', 'occurrence=l', '-c', '2']);
    expect(res.stdout).toBe(
      '00:1a:6b:6c:0c:cc\tARP\tWho has 10.10.10.1? Tell 10.10.10.2\t1\t0.000000\t00:1a:6b:6c:0c:cc\tff:ff:ff:ff:ff:ff\t60\n' +
        '00:1d:09:f0:92:ab\tARP\t10.10.10.1 is at 00:1d:09:f0:92:ab\t2\t0.000030\t00:1d:09:f0:92:ab\t00:1a:6b:6c:0c:cc\t42\n',
    );
  });

  it("keeps tshark's quirk for a field named twice: only its last column has values", async () => {
    // tshark -n -r arkime-cloudshark-arp.pcap -T fields -e eth.addr -e frame.number -e eth.addr -E quote=s -E aggregator=/s -c 2
    const res = await runCli(['-r', ARP, '-T', 'fields', '-e', 'eth.addr', '-e', 'frame.number', '-e', 'eth.addr', '-E', 'quote=s', '-E', 'aggregator=/s', '-c', '2']);
    expect(res.stdout).toBe("\t'1'\t'ff:ff:ff:ff:ff:ff 00:1a:6b:6c:0c:cc'\n\t'2'\t'00:1a:6b:6c:0c:cc 00:1d:09:f0:92:ab'\n");
  });

  it('writes a header with the separator, quotes only non-empty values, and picks occurrences', async () => {
    const res = await runCli(['-r', ARP, '-T', 'fields', '-E', 'header=y', '-E', 'separator=,', '-E', 'quote=d', '-e', 'eth.addr', '-e', 'ip.src', '-e', 'arp.opcode', '-c', '1']);
    expect(res.stdout).toBe('eth.addr,ip.src,arp.opcode\n"ff:ff:ff:ff:ff:ff,00:1a:6b:6c:0c:cc",,"1"\n');
    const nth = async (occ: string) => (await runCli(['-r', ARP, '-T', 'fields', '-e', 'eth.addr', '-E', `occurrence=${occ}`, '-c', '1'])).stdout;
    expect(await nth('f')).toBe('ff:ff:ff:ff:ff:ff\n');
    expect(await nth('l')).toBe('00:1a:6b:6c:0c:cc\n');
    expect(await nth('2')).toBe('00:1a:6b:6c:0c:cc\n');
    expect(await nth('-2')).toBe('ff:ff:ff:ff:ff:ff\n');
    expect(await nth('3')).toBe('\n');
    const bom = await runCli(['-r', ARP, '-T', 'fields', '-E', 'bom=y', '-E', 'header=y', '-e', 'frame.number', '-c', '1']);
    expect(bom.stdout).toBe('\ufeffframe.number\n1\n');
  });

  it("prints only the header for a file without packets, as tshark does", async () => {
    const res = await runCli(['-r', join(CORPUS, 'tcpdump-empty.pcap'), '-T', 'fields', '-e', 'ip.src', '-E', 'header=y']);
    expect(res).toEqual({ code: 0, stdout: 'ip.src\n', stderr: '' });
  });

  it('escapes control characters inside values as tshark does', () => {
    expect(escapeFieldText('a\tb\nc\rd\be\ff')).toBe('a\\tb\\nc\\rd\\be\\ff');
    expect(escapeFieldText('plain')).toBe('plain');
  });

  it('leaves an unknown _ws.col.* column empty, like tshark', async () => {
    const res = await runCli(['-r', ARP, '-T', 'fields', '-e', '_ws.col.Bogus', '-e', 'frame.number', '-c', '1']);
    expect(res).toEqual({ code: 0, stdout: '\t1\n', stderr: '' });
  });
});

describe('errors and exit statuses (2 for the command line and for the file)', () => {
  it('rejects unknown flags and bad values with one line and status 2', async () => {
    for (const argv of [['--bogus'], ['-Z', '-r', ARP], ['-c', 'abc', '-r', ARP], ['-T', 'pdml', '-r', ARP], ['-N', 'q'], ['-E', 'occurrence=x'], ['-r']]) {
      const res = await runCli(argv);
      expect(res.code, argv.join(' ')).toBe(2);
      expect(res.stdout).toBe('');
      expect(res.stderr, argv.join(' ')).toMatch(/^packetloom: [^\n]+ \(see packetloom --help\)\n$/);
    }
  });

  it('lists invalid field names like tshark ("Some fields aren\'t valid")', async () => {
    const res = await runCli(['-r', ARP, '-T', 'fields', '-e', 'ip.srcx', '-e', 'frame.number', '-e', 'foo.bar']);
    expect(res).toEqual({ code: 2, stdout: '', stderr: "packetloom: Some fields aren't valid:\n\tip.srcx\n\tfoo.bar\n" });
  });

  it('refuses option combinations tshark refuses', async () => {
    const cases: [string[], string][] = [
      [['-r', ARP, '-e', 'ip.src'], 'packetloom: Output fields were specified with "-e", but "-T fields" or "-T json" was not specified.\n'],
      [['-r', ARP, '-T', 'fields'], 'packetloom: "-T fields" was specified, but no fields were specified with "-e".\n'],
      [['-T', 'text'], 'packetloom: no capture file given: use -r <file>, or -i <interface> to capture live (-D lists them)\n'],
      [['-r', ARP, 'arp'], 'packetloom: unexpected argument "arp" (display and read filters are not supported yet)\n'],
    ];
    for (const [argv, stderr] of cases) expect(await runCli(argv)).toEqual({ code: 2, stdout: '', stderr });
  });

  it('says a missing file does not exist, status 2', async () => {
    const res = await runCli(['-r', join(tmp, 'nope.pcap')]);
    expect(res).toEqual({ code: 2, stdout: '', stderr: `packetloom: The file "${join(tmp, 'nope.pcap')}" doesn't exist.\n` });
  });

  it('refuses a directory and a file that is not a capture, status 2', async () => {
    expect(await runCli(['-r', tmp])).toEqual({ code: 2, stdout: '', stderr: `packetloom: "${tmp}" is a directory (folder), not a file.\n` });
    const manifest = join(CORPUS, 'MANIFEST.md');
    expect(await runCli(['-r', manifest])).toEqual({
      code: 2,
      stdout: '',
      stderr: `packetloom: The file "${manifest}" isn't a capture file in a format Packetloom understands.\n`,
    });
  });

  it('reads a 0-byte file as a capture without packets, as tshark does', async () => {
    const empty = join(tmp, 'empty.pcap');
    writeFileSync(empty, new Uint8Array(0));
    expect(await runCli(['-r', empty])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await runCli(['-r', empty, '-T', 'json'])).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it('prints every complete packet of a file cut short, then one line saying where, status 2', async () => {
    const res = await runCli(['-r', join(CORPUS, 'dpkt-truncated_dns_2.pcap')]);
    expect(res.code).toBe(2);
    expect(lines(res.stdout)).toHaveLength(1);
    expect(res.stderr).toMatch(/^packetloom: The file "[^"]+dpkt-truncated_dns_2\.pcap" appears to have been cut short in the middle of a packet: reading stopped at packet 2, byte offset 240 \([^\n]+\)\n$/);
  });

  it('cuts a capture anywhere and still prints the packets before the cut', async () => {
    const bytes = readFileSync(ARP);
    // Record boundaries: 24-byte header, then 16 + caplen per packet (60, 42, 98, 98, 42, 60).
    const ends = [24];
    for (const cap of [60, 42, 98, 98, 42, 60]) ends.push(ends[ends.length - 1]! + 16 + cap);
    for (const cut of [10, 24, 30, 40, 100, 101, 200, bytes.length - 1]) {
      const f = join(tmp, `cut-${cut}.pcap`);
      writeFileSync(f, bytes.subarray(0, cut));
      const res = await runCli(['-r', f, '-T', 'fields', '-e', 'frame.number']);
      const complete = ends.filter((e, i) => i > 0 && e <= cut).length;
      const clean = ends.includes(cut);
      expect(res.code, `cut at ${cut}`).toBe(clean ? 0 : 2);
      expect(lines(res.stdout), `cut at ${cut}`).toEqual(Array.from({ length: complete }, (_, i) => String(i + 1)));
      if (!clean) {
        expect(res.stderr.split('\n')).toHaveLength(2);
        expect(res.stderr).toContain(`reading stopped at packet ${complete + 1}, byte offset ${cut < 24 ? 0 : ends[complete]}`);
      }
    }
  });

  it('stops at a section it cannot read (unsupported pcapng version), status 2', async () => {
    const res = await runCli(['-r', join(CORPUS, 'gopacket-pcapng-le-test901.pcapng')]);
    expect(res.code).toBe(2);
    expect(lines(res.stdout)).toHaveLength(1);
    expect(res.stderr).toMatch(/contains record data that Packetloom doesn't support: reading stopped at packet 2, byte offset 480 \(pcapng: unknown SHB version 2\.0\)\n$/);
  });

  it('words every reason reading can stop for', () => {
    const e = { offset: 99, packetNumber: 7 };
    expect(stopMessage('f', { ...e, code: 'bad-record', message: 'pcap: packet 7 at offset 99 has a 9999999-byte captured length' })).toBe(
      'The file "f" appears to be damaged or corrupt: reading stopped at packet 7, byte offset 99 (pcap: packet 7 at offset 99 has a 9999999-byte captured length)',
    );
  });
});

describe('--help and --version', () => {
  it('print to stdout and exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: packetloom [options] -r <infile>');
    expect(help.stderr).toBe('');
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^Packetloom \d+\.\d+\.\d+/);
  });
});

describe('-l', () => {
  it('writes the output out after each packet (one write per packet), the same text as without', async () => {
    const { main } = await import('../../../electron/cli/main.js');
    const file = fileURLToPath(new URL('../../../fixtures/corpus/pcpp-http-packets2.pcap', import.meta.url));
    const writes: string[] = [];
    const code = await main(['-r', file, '-l', '-c', '20'], { stdout: (s) => void writes.push(s), stderr: () => {} });
    expect(code).toBe(0);
    expect(writes).toHaveLength(20);
    for (const w of writes) expect(w).toMatch(/^[^\n]*\n$/);
    expect(writes.join('')).toBe((await runCli(['-r', file, '-c', '20'])).stdout);
  });
});

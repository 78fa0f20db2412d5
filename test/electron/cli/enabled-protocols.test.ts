/**
 * --disable-protocol, --enable-protocol, --disable-heuristic, --enable-heuristic (Enabled
 * Protocols, dissectors/enabled-protocols.ts): the same packets, fields, statistics and trees as
 * tshark's with the same flags, on corpus captures and our own, for protocols at every layer (the
 * link layer, IP, a transport, an application, a media type HTTP calls by name) and for each
 * heuristic; with Decode As too. Unknown names: tshark refuses an unknown heuristic (here on one
 * line, exit 2) and lets an unknown protocol through (here with a warning on stderr).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { heuristicNames, protocolChoices } from '../../../dissectors/enabled-protocols.js';
import { layerProblems } from '../../helpers/vtext-known.js';
import { vtextLayers } from '../../helpers/vtext-layers.js';
import { runCli } from './run-cli.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = (f: string) => join(ROOT, 'fixtures', 'corpus', f);
const own = (f: string) => join(ROOT, 'fixtures', 'own', f);
const BIN = join(ROOT, 'bin', 'packetloom.js');

function tshark(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync('tshark', ['-n', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  expect(r.error).toBeUndefined();
  return { stdout: r.stdout, stderr: r.stderr.replace(/^Running as user.*\n/m, ''), status: r.status };
}

const out = async (args: string[]) => (await runCli(['-n', ...args])).stdout;
const FIELDS = ['-T', 'fields', '-e', 'frame.protocols', '-e', 'tcp.stream', '-e', 'udp.stream', '-e', 'data.len', '-e', 'tcp.reassembled_in',
  '-e', 'http.request.uri', '-e', 'dns.qry.name', '-e', '_ws.expert'];

describe('--disable-protocol / --disable-heuristic', () => {
  it('shows what tshark shows with a protocol disabled, at every layer', async () => {
    const cases: [string, string[]][] = [
      [corpus('pcpp-http-packets2.pcap'), ['tcp', 'ip', 'http', 'data-text-lines', 'eth', 'media']],
      [corpus('arkime-dns-wiresharkrepo.pcap'), ['dns', 'udp', 'ip']],
      [corpus('tcpdump-dns_tcp.pcap'), ['dns', 'tcp']],
      [corpus('zeek-icmp-destunreach-udp.pcap'), ['icmp', 'udp', 'ip']],
      [corpus('zeek-icmp6-nd-options.pcap'), ['icmpv6', 'ipv6']],
      [corpus('zeek-ipv6-fragmented-dns.pcap'), ['dns', 'ipv6']],
      [corpus('pcpp-frag_http_req.pcap'), ['http', 'tcp']],
      [corpus('arkime-cloudshark-arp.pcap'), ['arp']],
      [corpus('zeek-icmp_dot1q.pcap'), ['vlan', 'icmp']],
      [own('sll-any.pcap'), ['sll', 'tcp']],
      [own('handshake-http.pcapng'), ['http', 'data-text-lines', 'tcp']],
      [own('tls.pcap'), ['tls', 'tcp']],
    ];
    let differs = 0;
    for (const [file, protos] of cases) {
      const plain = await out(['-r', file]);
      for (const p of protos) {
        const args = ['-r', file, '--disable-protocol', p];
        const ours = await out(args);
        expect(ours, `${file} ${p}`).toBe(tshark(args).stdout);
        if (ours !== plain) differs++;
        if (!file.endsWith('tls.pcap')) {
          // (tls.pcap's fields differ from tshark's anyway: Packetloom has no X.509 dissector.)
          expect(await out([...args, ...FIELDS]), `${file} ${p} fields`).toBe(tshark([...args, ...FIELDS]).stdout);
        }
      }
    }
    // Not a test that passes by changing nothing.
    expect(differs).toBeGreaterThan(25);
  });

  it('turns each heuristic off as tshark does, alone and beside Decode As', async () => {
    const cases: [string, string[]][] = [
      [own('decode-as.pcap'), ['--disable-heuristic', 'dns_udp']],
      [own('decode-as.pcap'), ['--disable-heuristic', 'dns_udp', '-d', 'udp.port==5300,dns']],
      [own('decode-as.pcap'), ['--disable-protocol', 'dns', '-d', 'udp.port==5300,dns']],
      [own('tls.pcap'), ['--disable-heuristic', 'tls_tcp']],
      [corpus('zeek-http-post-large.pcap'), ['--disable-heuristic', 'http_tcp']],
      [own('handshake-http.pcapng'), ['--disable-heuristic', 'png_http', '--disable-heuristic', 'gif_http', '--disable-heuristic', 'jfif_http']],
      // An enabled heuristic is what it was; a protocol both enabled and disabled stays disabled.
      [corpus('pcpp-http-packets2.pcap'), ['--enable-heuristic', 'http_tcp', '--enable-protocol', 'tcp', '--disable-protocol', 'tcp']],
    ];
    for (const [file, flags] of cases) {
      const args = ['-r', file, ...flags];
      expect(await out(args), `${file} ${flags.join(' ')}`).toBe(tshark(args).stdout);
      if (file.endsWith('tls.pcap')) continue; // (its fields differ anyway: no X.509 dissector)
      expect(await out([...args, ...FIELDS]), `${file} ${flags.join(' ')} fields`).toBe(tshark([...args, ...FIELDS]).stdout);
    }
    // The heuristics change something: HTTP on a port of its own, the UDP DNS of decode-as.pcap.
    expect(await out(['-r', corpus('zeek-http-post-large.pcap'), '--disable-heuristic', 'http_tcp'])).not.toBe(await out(['-r', corpus('zeek-http-post-large.pcap')]));
    expect(await out(['-r', own('decode-as.pcap')])).toMatch(/DNS \d+ Standard query/);
    expect(await out(['-r', own('decode-as.pcap'), '--disable-heuristic', 'dns_udp'])).not.toMatch(/ DNS \d+ /);
  });

  it('gives tshark\'s statistics, two-pass output and trees with a protocol disabled', async () => {
    const file = own('handshake-http.pcapng');
    for (const extra of [['-q', '-z', 'expert'], ['-q', '-z', 'io,phs'], ['-q', '-z', 'conv,tcp'], ['-2', '-Y', 'data'], ['-Y', 'media']]) {
      const args = ['-r', file, '--disable-protocol', 'data-text-lines', ...extra];
      expect(await out(args), extra.join(' ')).toBe(tshark(args).stdout);
    }
    for (const p of ['tcp', 'http', 'data-text-lines']) {
      const args = ['-n', '-r', file, '--disable-protocol', p, '-V'];
      const theirs = vtextLayers(tshark(args.slice(1)).stdout, false);
      const ours = vtextLayers((await runCli(args)).stdout, true);
      let compared = 0;
      const problems = layerProblems('tshark', theirs, ours, undefined, () => compared++);
      expect(compared, p).toBeGreaterThan(20);
      expect(problems, problems.join('\n\n')).toEqual([]);
    }
  });

  it('applies on every path: several threads, the conversation export', async () => {
    const file = corpus('pcpp-http-packets2.pcap');
    const flags = ['--disable-protocol', 'http'];
    const one = await runCli(['-r', file, ...flags]);
    const threaded = spawnSync(process.execPath, [BIN, '-r', file, ...flags], { env: { ...process.env, PACKETLOOM_THREADS: '2' }, encoding: 'utf8' });
    expect({ code: threaded.status, stdout: threaded.stdout, stderr: threaded.stderr }).toEqual(one);
    expect(one.stdout).not.toMatch(/ HTTP \d+ /);
    const exported = (await runCli(['-r', file, ...flags, '--export-conversation', 'tcp:1'])).stdout;
    const plain = (await runCli(['-r', file, '--export-conversation', 'tcp:1'])).stdout;
    expect(plain).toContain('"http.request.uri"');
    expect(exported).not.toContain('"http.request.uri"');
    expect(exported).toContain('"data.data"');
  });

  it('refuses an unknown heuristic as tshark does (one line, exit 2), and warns of an unknown protocol', async () => {
    const file = corpus('pcpp-http-packets2.pcap');
    for (const [flag, word] of [['--disable-heuristic', 'disable'], ['--enable-heuristic', 'enable']] as const) {
      const r = await runCli(['-r', file, flag, 'nosuch']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n').filter((l) => l)).toHaveLength(1);
      const theirs = tshark(['-r', file, flag, 'nosuch']).stderr.split('\n')[0]!.replace(/^tshark: /, '');
      expect(theirs).toBe(`No such protocol nosuch, can't ${word}`);
      expect(r.stderr).toContain(theirs);
    }
    // tshark lets these through and prints the packets; so do we, saying why nothing changed.
    for (const [flag, name] of [['--disable-protocol', 'nosuch'], ['--disable-protocol', 'TCP'], ['--enable-protocol', 'nosuch'], ['--disable-protocol', 'data']] as const) {
      const r = await runCli(['-n', '-r', file, flag, name]);
      expect(r.code, `${flag} ${name}`).toBe(0);
      expect(r.stdout).toBe(tshark(['-r', file, flag, name]).stdout);
      expect(r.stderr).toMatch(new RegExp(`^packetloom: .*"${name}".*\\n$`));
    }
  });

  it('knows the heuristics by tshark\'s names, and --help lists them', async () => {
    expect(heuristicNames()).toEqual(['dns_udp', 'gif_http', 'http_tcp', 'jfif_http', 'png_http', 'tls_tcp']);
    // Every name is one tshark takes.
    const file = corpus('pcpp-http-packets2.pcap');
    for (const h of heuristicNames()) expect(tshark(['-r', file, '-c', '1', '--disable-heuristic', h]).status, h).toBe(0);
    const choices = protocolChoices();
    expect(choices.find((c) => c.name === 'http')).toMatchObject({ description: 'Hypertext Transfer Protocol', toggle: true, heuristics: [{ name: 'http_tcp', table: 'tcp' }] });
    expect(choices.find((c) => c.name === 'data')?.toggle).toBe(false);
    expect(choices.some((c) => c.name === 'data-text-lines')).toBe(true);
    const help = (await runCli(['--help'])).stdout;
    expect(help).toMatch(/--disable-protocol <proto_name>/);
    expect(help).toMatch(/--disable-heuristic <short_name>/);
    expect(help).toContain('http_tcp');
  });
});

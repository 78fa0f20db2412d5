/**
 * The benchmark capture generator (bench/generate.ts): deterministic bytes, and a capture that
 * tshark reads without malformed packets, warnings or bad checksums, with the promised mix.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBenchFile, generatePcap, pcapHeader } from '../../bench/generate.js';
import { readCaptureFile } from '../../electron/engine/read-capture.js';

const PACKETS = 2000;
let dir: string;
let fileA: string;

const TSHARK = ['/usr/bin/tshark', '/usr/local/bin/tshark'].find((p) => existsSync(p));
/** tshark with an empty profile and every checksum check on. */
function tshark(args: string[]): string {
  const r = spawnSync(TSHARK!, ['-n', '-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE', ...args], {
    env: { ...process.env, HOME: dir, WIRESHARK_CONFIG_DIR: dir },
    maxBuffer: 256 << 20,
  });
  const stderr = r.stderr.toString().replace(/Running as user "root".*\n?/g, '');
  expect(stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout.toString();
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'packetloom-gen-'));
  fileA = join(dir, 'a.pcap');
  generatePcap({ packets: PACKETS, out: fileA });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('bench/generate', () => {
  it('writes the same bytes on every run, and other bytes for another seed', () => {
    const fileB = join(dir, 'b.pcap');
    generatePcap({ packets: PACKETS, out: fileB });
    const a = readFileSync(fileA);
    expect(readFileSync(fileB).equals(a)).toBe(true);
    expect(a.subarray(0, 24).equals(Buffer.from(pcapHeader()))).toBe(true);
    const fileC = join(dir, 'c.pcap');
    generatePcap({ packets: PACKETS, out: fileC, seed: 7 });
    expect(readFileSync(fileC).equals(a)).toBe(false);
  });

  it('reuses a file with the same parameters, size and header', () => {
    const r = ensureBenchFile({ packets: PACKETS, out: fileA });
    expect(r.reused).toBe(true);
    expect(r.bytes).toBe(readFileSync(fileA).length);
    expect(ensureBenchFile({ packets: PACKETS, out: fileA, seed: 9 }).reused).toBe(false);
    generatePcap({ packets: PACKETS, out: fileA }); // back to the default seed for the tests below
  });

  it('gives our reader exactly the packet count asked for, in time order', () => {
    let n = 0;
    let prev = -1;
    let ordered = true;
    const r = readCaptureFile(fileA, (rec) => {
      n++;
      const t = rec.tsSec * 1e9 + rec.tsNsec;
      if (t <= prev) ordered = false;
      prev = t;
      expect(rec.linkType).toBe(1);
      expect(rec.data.length).toBe(rec.origLen);
    });
    expect(r.error).toBeNull();
    expect(r.meta.format).toBe('pcap');
    expect(r.meta.precision).toBe('usec');
    expect(n).toBe(PACKETS);
    expect(ordered).toBe(true);
  });

  it('is read by tshark without malformed packets, warnings or errors', () => {
    expect(tshark(['-r', fileA, '-Y', '_ws.malformed || _ws.expert.severity >= "Warning"'])).toBe('');
  });

  it('has correct checksums and the promised protocol mix (tshark)', () => {
    const fields = ['frame.protocols', 'ip.checksum.status', 'tcp.checksum.status', 'udp.checksum.status', 'icmp.checksum.status', 'icmpv6.checksum.status', 'tcp.flags.str', 'http.response.code', 'tcp.segment.count', 'dns.flags.response', 'dns.qry.type', 'dns.resp.type', 'arp.opcode', 'icmp.type', 'icmpv6.type'];
    const out = tshark(['-r', fileA, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=,', ...fields.flatMap((f) => ['-e', f])]);
    const rows = out.trimEnd().split('\n').map((l) => l.split('\t'));
    expect(rows.length).toBe(PACKETS);
    const col = (name: string) => rows.map((r) => r[fields.indexOf(name)] ?? '');
    // Checksum status 1 = Good (0 would be Bad, 2 Unverified); every checked value is good.
    for (const f of ['ip.checksum.status', 'tcp.checksum.status', 'udp.checksum.status', 'icmp.checksum.status', 'icmpv6.checksum.status']) {
      const vals = new Set(col(f).filter((v) => v !== '').flatMap((v) => v.split(',')));
      expect([...vals], f).toEqual(['1']);
    }
    const protos = col('frame.protocols');
    const has = (re: RegExp) => protos.filter((p) => re.test(p)).length;
    expect(has(/^eth:ethertype:arp$/)).toBeGreaterThan(0);
    expect(has(/^eth:ethertype:ip:tcp:http/)).toBeGreaterThan(0);
    expect(has(/^eth:ethertype:ipv6:tcp:http/)).toBeGreaterThan(0);
    expect(has(/^eth:ethertype:ip:udp:dns$/)).toBeGreaterThan(0);
    expect(has(/^eth:ethertype:ipv6:udp:dns$/)).toBeGreaterThan(0);
    expect(has(/^eth:ethertype:ip:icmp:data$/)).toBeGreaterThan(0);
    expect(has(/^eth:ethertype:ipv6:icmpv6:data$/)).toBeGreaterThan(0);
    // TCP: handshakes, FIN closes, and HTTP responses reassembled from several segments.
    const flags = col('tcp.flags.str');
    expect(flags.some((f) => f.includes('S') && !f.includes('A'))).toBe(true);
    expect(flags.some((f) => f.includes('F'))).toBe(true);
    const responses = rows.filter((r) => r[fields.indexOf('http.response.code')] === '200');
    expect(responses.length).toBeGreaterThan(0);
    for (const r of responses) expect(Number(r[fields.indexOf('tcp.segment.count')])).toBeGreaterThanOrEqual(2);
    // DNS: queries and responses with A, AAAA and (compressed) CNAME records.
    expect(new Set(col('dns.flags.response').filter(Boolean))).toEqual(new Set(['0', '1']));
    const rtypes = new Set(col('dns.resp.type').flatMap((v) => v.split(',')));
    for (const t of ['1', '5', '28']) expect(rtypes.has(t), `dns.resp.type ${t}`).toBe(true);
    expect(new Set(col('arp.opcode').filter(Boolean))).toEqual(new Set(['1', '2']));
    expect(new Set(col('icmp.type').filter(Boolean))).toEqual(new Set(['0', '8']));
    expect(new Set(col('icmpv6.type').filter(Boolean))).toEqual(new Set(['128', '129']));
  });
});

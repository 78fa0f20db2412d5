/**
 * Running compiled filters on real packets (own captures and corpus files, dissected in order with
 * the full tree). Every expected frame list here is what `tshark -n -r FILE -Y FILTER -T fields
 * -e frame.number` printed (tshark 4.0.17).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ProtoNode } from '../../../dissectors/core/tree.js';
import { compileFilter, type PacketData } from '../../../dissectors/filter/index.js';
import { slice } from '../../../dissectors/filter/compile.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { readCaptureFile } from '../../../electron/engine/read-capture.js';
import { fieldByName } from '../../../dissectors/core/fields.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

interface Dissected {
  num: number;
  tree: ProtoNode;
  pkt: PacketData;
}

const cache = new Map<string, Dissected[]>();

function dissected(file: string): Dissected[] {
  let out = cache.get(file);
  if (out) return out;
  out = [];
  const d = new CaptureDissector();
  readCaptureFile(FIXTURES + file, (rec) => {
    const p = d.dissect(
      { num: rec.num, tsSec: rec.tsSec, tsNsec: rec.tsNsec, hasTs: rec.hasTs, linkType: rec.linkType, interfaceId: rec.interfaceId, origLen: rec.origLen },
      rec.data,
      true,
    );
    out!.push({ num: rec.num, tree: p.tree, pkt: { data: p.data, sources: p.sources } });
  });
  cache.set(file, out);
  return out;
}

/** Frame numbers of `file` that `filter` matches, as "1-3 7" ranges. */
function run(file: string, filter: string): string {
  const r = compileFilter(filter);
  if (!r.ok) throw new Error(`${filter}: ${r.error.message}`);
  const nums = dissected(file).filter((f) => r.filter.matches(f.tree, f.pkt)).map((f) => f.num);
  const parts: string[] = [];
  for (let i = 0; i < nums.length; ) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    parts.push(i === j ? `${nums[i]}` : `${nums[i]}-${nums[j]}`);
    i = j + 1;
  }
  return parts.join(' ');
}

const HTTP = 'own/handshake-http.pcapng';
const DNS = 'corpus/pcpp-DnsPackets.pcap';
const TCP = 'corpus/pcpp-one_tcp_stream.pcap';
const VLAN = 'corpus/pcpp-VlanPackets.pcap';
const ICMP_ERR = 'corpus/zeek-icmp-destunreach-udp.pcap';

/** Checks [filter, tshark's frames] pairs on one file. */
function table(file: string, rows: readonly (readonly [string, string])[]): void {
  for (const [f, want] of rows) expect(run(file, f), f).toBe(want);
}

describe('compiled display filters on packets', () => {
  it('tests presence of fields and protocols, and combines tests', () => {
    table(HTTP, [
      ['tcp', '11-30'],
      ['!tcp', '1-10'],
      ['tcp||udp', '7-30'],
      ['tcp&&udp', ''],
      ['arp', '1-2'],
      ['tcp.flags.syn', '11-30'],
      ['tcp.flags.syn == 1 && !(tcp.flags.ack == 1)', '11'],
      ['frame.len > 1 and frame.len < 100 or frame.len == 1000 and not tcp', '1-7 9 11-13 15 17 19 21 23 25-30'],
      ['tcp xor udp', '7-30'],
      ['tcp.flags.syn == 1 ^^ tcp.flags.ack == 1', '11 13-30'],
      ['', '1-30'],
    ]);
    table(DNS, [
      ['frame.number == 3 or frame.number == 5 and frame.number == 6', '3'],
      ['(frame.number == 3 or frame.number == 5) and frame.number == 5', '5'],
      ['frame.number == 3 and not frame.number == 3 or frame.number == 5', '5'],
      ['!frame.number == 3 && frame.number < 5', '1-2 4'],
    ]);
  });

  it('compares with every operator, both spellings', () => {
    table(DNS, [
      ['frame.number < 3 || frame.number > 460', '1-2 461-464'],
      ['frame.number lt 3 or frame.number gt 460', '1-2 461-464'],
      ['frame.number le 2 || frame.number ge 461', '1-2 461-464'],
      ['frame.number eq 3', '3'],
      ['frame.number ne 3 && frame.number <= 4', '1-2 4'],
      ['frame.number any_eq 3', '3'],
      ['frame.number all_eq 3', '3'],
      ['frame.number all_ne 3 and frame.number < 5', '1-2 4'],
      ['frame.number any_ne 3 and frame.number < 5', '1-2 4'],
    ]);
  });

  it('matches a field that occurs more than once on any occurrence, except === and !=', () => {
    table(TCP, [
      ['tcp.port == 80', '1-36'],
      ['tcp.port === 80', ''],
      ['tcp.port !== 80', '1-36'],
      ['tcp.port ~= 80', '1-36'],
      ['tcp.port != 80', ''],
      ['all tcp.port == 80', ''],
      ['any tcp.port == 80', '1-36'],
      ['tcp.srcport == tcp.dstport', ''],
      ['tcp.port == tcp.port', '1-36'],
    ]);
    // `!=` needs the field: packets without IP do not match `ip.addr != x` but do match `!(ip.addr == x)`.
    table(VLAN, [
      ['ip.addr != 1.2.3.4', '1-20'],
      ['!(ip.addr == 1.2.3.4)', '1-26'],
      ['ip.addr === 1.2.3.4', ''],
      ['ip.addr !== 1.2.3.4', '1-20'],
    ]);
  });

  it('reads numbers, value names, characters and booleans', () => {
    table(HTTP, [
      ['frame.number == 017', '15'],
      ['frame.number == 0xF', '15'],
      ['frame.number == 0XF', '15'],
      ["tcp.port == '\\120'", '11-30'],
      ["tcp.port == 'P'", '11-30'],
      ['ip.proto == Udp', '7-10'],
      ['ip.proto in {TCP, UDP}', '7-30'],
      ['ip.proto in {1, "UDP"}', '3-10'],
      ['tcp.flags.syn == True', '11-12'],
      ['tcp.flags.syn == 2', '11-12'],
      ['tcp.flags.syn == FALSE', '13-30'],
    ]);
  });

  it('compares addresses with prefixes, and MAC addresses in every form', () => {
    table(HTTP, [
      ['ip.addr == 10.0.0.0/8', '3-30'],
      ['ip.addr==10.0.0.0/8', '3-30'],
      ['eth.src == 02:00:00:99:00:01', '1 3 5 7 9 11 13-14 17 19 21 23 25 27-28 30'],
      ['eth.src == 0200.0099.0001', '1 3 5 7 9 11 13-14 17 19 21 23 25 27-28 30'],
      ['eth.src == 02-00-00-99-00-01', '1 3 5 7 9 11 13-14 17 19 21 23 25 27-28 30'],
    ]);
    table(DNS, [
      ['dns.a >= 216.58.0.0/16', '165 173 201 226 451'],
      ['dns.a in {216.58.0.0/16, 10.0.0.0/8}', '418-438 463-464'],
      ['dns.a == 216.58.0.0/16', ''],
    ]);
    table('own/ipv6-tcp.pcap', [
      ['ipv6.addr == fd00::/8', '1-22'],
      ['ipv6.src > ::', '1-22'],
      ['ipv6.src[0] == fd', '1-22'],
      ['ipv6.src[15] == 01', '1 3 5 7 9-10 13-14 16-17 19-20 22'],
      ['ipv6 && tcp.flags.syn == 1', '7-8'],
    ]);
  });

  it('handles strings: equality, order, contains, matches (caseless by default), functions', () => {
    table(DNS, [
      ['dns.qry.name == "www.google.com"', '1-4 62-65 233 235 251-252 259-260'],
      ['dns.qry.name == www.google.com', '1-4 62-65 233 235 251-252 259-260'],
      ['lower(dns.qry.name) == "www.google.com"', '1-4 62-65 233 235 251-252 259-260'],
      ['upper(dns.qry.name) == "WWW.GOOGLE.COM"', '1-4 62-65 233 235 251-252 259-260'],
      ['len(dns.qry.name) == 14', '1-4 62-65 197 199 233 235 251-252 259-260 306-307 443 450'],
      ['dns.qry.name matches "(?-i)GOOGLE"', ''],
      ['dns.qry.name contains 67:6f', ''],
      ['string(frame.number) matches "^1.$"', '10-19'],
    ]);
    expect(run(DNS, 'dns.qry.name matches "GOOGLE"')).toBe(run(DNS, 'dns.qry.name contains "google"'));
    expect(run(DNS, 'dns.qry.name[0:3] == "www"')).toBe(run(DNS, 'dns.qry.name[0:3] == 77:77:77'));
  });

  it('handles bytes: payload, slices of every form, and protocols', () => {
    table(HTTP, [
      ['tcp.payload contains "GET"', '14'],
      ['tcp.payload contains 47:45:54', '14'],
      ['tcp.payload contains 4745', '14'],
      ['tcp.payload contains "get"', ''],
      ['tcp.payload matches "(?i)get"', '14'],
      ['tcp.payload matches "[[:alpha:]]"', '14 16 18 20 22 24 26'],
      ['tcp.payload matches "\\\\AGET"', '14'],
      ['tcp.payload matches "HTTP/1\\\\.1\\\\s\\\\d+"', '16'],
      ['tcp.payload matches "GET(?=.)"', '14'],
      ['tcp.payload > "A"', '14 16 18 20 22 24 26'],
      ['tcp.payload[0:1] > "A"', '14 16 24 26'],
      ['tcp.payload[0] == "G"', '14'],
      ["tcp.payload[0:1] == 'G'", '14'],
      ['tcp.payload[0:1] == tcp.payload[0]', '14 16 18 20 22 24 26'],
      ['tcp.payload[0:10000]', ''],
      ['tcp contains "GET"', '14'],
      ['ip contains "GET"', '14'],
      ['frame contains "GET"', '14'],
      ['tcp matches "GET"', '14'],
      ['tcp[32:3] == "GET"', ''],
      ['tcp[0:2] == 00:50', '12 15-16 18 20 22 24 26 29'],
      ['tcp > 1', '11-30'],
      ['tcp == 00:50', ''],
      ['len(ip) == 20', '3-30'],
      ['len(tcp) == 32', '13-30'],
      ['len(eth) == 14', '1-30'],
      ['len(frame) == frame.len', '1-30'],
      ['len(tcp.options.sack_perm) == 2', '11-12'],
      ['frame.protocols contains \'e\'', '1-30'],
      ['string(eth.src) contains ":"', '1-30'],
    ]);
    // A protocol's data stops before the Ethernet padding that the link layer found after it.
    table(TCP, [
      ['eth contains 00:00:00:00:00:00', '3 12 16-17 30 33 36'],
      ['ip contains 00:00:00:00:00:00', ''],
      ['frame[-6:] == 00:00:00:00:00:00', '3 12 16-17 30 33 36'],
      ['eth[-2:] == 00:00', ''],
      ['tcp[-2:] == 00:00', '3-8 10-17 19-26 28-36'],
      ['eth.src[0:3] == 6c:f0:49', '1 3-7 12 16-17 19-24 30 33 36'],
      ['eth.src[:3] == 6c:f0:49', '1 3-7 12 16-17 19-24 30 33 36'],
      ['eth.src[0-2] == 6c:f0:49', '1 3-7 12 16-17 19-24 30 33 36'],
      ['eth.src[-1] == 6e', '1 3-7 12 16-17 19-24 30 33 36'],
      ['eth.src[-2:] == de:6e', '1 3-7 12 16-17 19-24 30 33 36'],
      ['eth.src[0:1,3-4] == 6c:b2:de', '1 3-7 12 16-17 19-24 30 33 36'],
      ['eth.src[0:3] == "abc"', ''],
    ]);
  });

  it('evaluates sets, arithmetic and the numeric functions', () => {
    table(HTTP, [
      ['tcp.port in {80,8080}', '11-30'],
      ['frame.len in {0..100}', '1-7 9 11-13 15 17 19 21 23 25-30'],
      ['frame.len in {-1..100}', ''],
      ['tcp.port * 2 == 160', '11-30'],
      ['tcp.port / 0 == 1', ''],
      ['ip.len == ip.len + 0', '3-30'],
      ['tcp.flags & 0x12 == 0x12', '12'],
      ['abs(tcp.port) == 80', '11-30'],
      ['max(frame.len) > 100', '8 10 14 16 18 20 22 24'],
      ['max(tcp.srcport, tcp.dstport) == 80', ''],
      ['count(tcp) == 1', '11-30'],
      ['count(tcp.options.sack_perm) == 0', ''],
      ['string(ip.src) == "10.99.0.1"', '3 5 7 9 11 13-14 17 19 21 23 25 27-28 30'],
      ['string(tcp.flags) == "18"', '12'],
    ]);
    table(DNS, [
      ['frame.number % 100 == 0', '100 200 300 400'],
      ['frame.number * 2 == 10', '5'],
      ['frame.number / 2 == 10', '20-21'],
      ['frame.number - 1 == 10', '11'],
      ['-frame.number == -10', '10'],
      ['frame.number == 10 + 1', '11'],
      ['frame.len == +100', '377 397 416 446'],
      ['len(frame) == 100', '377 397 416 446'],
      ['len(dns) == 100', '268'],
      ['frame.number in {1..3, 7}', '1-3 7'],
      ['udp.srcport == udp.dstport + 0', '25 418-438 463-464'],
      ['dns.a[0] == d8', '201 451'],
    ]);
  });

  it('never finds an unsigned value equal to, above or below a negative one; != holds', () => {
    table(HTTP, [
      ['frame.len > -1', ''],
      ['frame.len < -1', ''],
      ['frame.len == -0', ''],
      ['frame.len != -1', '1-30'],
      ['frame.len !== -1', ''],
      ['-frame.len < 0', '1-30'],
    ]);
  });

  it('restricts fields to protocol layers with #', () => {
    table(ICMP_ERR, [
      ['ip#2', '1'],
      ['ip.proto#2 == 17', '1'],
      ['ip.proto#1 == 17', ''],
      ['ip.src#1 != ip.src#2', '1'],
      ['count(ip.addr) == 4', '1'],
      ['ip.dst#[2:] == 192.168.1.1', ''],
      ['ip.dst#[-1] == 192.168.1.102', '1'],
    ]);
    table(VLAN, [['vlan.id#2 == 10', '1-10'], ['vlan.id == 0x14', '11-20'], ['vlan.id in {10 .. 20}', '1-20']]);
    table(TCP, [['ip.src#1 == 10.0.0.1', '1 3-7 12 16-17 19-24 30 33 36']]);
  });

  it('compares times', () => {
    table(HTTP, [
      ['frame.time_relative > 0.000001', '2-30'],
      ['frame.time_relative > -1', '1-30'],
      ['frame.time_delta >= 0', '1-30'],
      ['frame.time >= "2023-01-01"', '1-30'],
      ['frame.time_epoch > 1400000000', '1-30'],
      ['frame.time_epoch > 1.5', '1-30'],
    ]);
  });

  it('sees the implicit _ws.expert fields of expert items', () => {
    table(HTTP, [['_ws.expert', '11-12 14 26 28-29']]);
    const r = compileFilter('_ws.expert.severity == "Chat" && _ws.expert.group == "Sequence"');
    expect(r.ok && r.filter.usesExperts).toBe(true);
  });

  it('lists the fields a filter reads', () => {
    const r = compileFilter('tcp.port in {80} && ip.src#2 == 1.2.3.4 || tcp contains "x" || tcp.port > 1');
    if (!r.ok) throw new Error(r.error.message);
    const names = (ids: readonly number[]) => ids.map((id) => r.filter.fields.concat().find((f) => f.id === id)?.abbrev ?? id);
    expect(names(r.filter.fieldIds)).toEqual(['tcp.port', 'ip.src', 'tcp']);
    // Evaluation also reads the ip protocol (to count layers) and the link trailers (protocol bytes).
    const extra = r.filter.treeFieldIds.filter((id) => !r.filter.fieldIds.includes(id));
    expect(extra).toContain(fieldByName('ip')!.id);
    expect(extra).toContain(fieldByName('eth.padding')!.id);
    expect(r.filter.usesExperts).toBe(false);
    const e = compileFilter('');
    expect(e.ok && e.filter.empty && e.filter.fieldIds.length === 0).toBe(true);
  });

  it('slices bytes as Wireshark drange does', () => {
    const b = Uint8Array.from([0, 1, 2, 3, 4, 5]);
    const s = (text: string) => {
      const r = compileFilter(`frame[${text}]`);
      if (!r.ok) throw new Error(r.error.message);
      return r;
    };
    expect(s('0:2').ok).toBe(true);
    const ranges = (r: string) => {
      const p = compileFilter(`frame[${r}] == 00`);
      if (!p.ok) throw new Error(p.error.message);
      // Reach into the parser output through a fresh parse of the same text.
      return r;
    };
    expect(ranges('1')).toBe('1');
    const one = (from: number) => ({ kind: 'one' as const, from, text: '', start: 0, end: 0 });
    expect(Array.from(slice(b, [one(0)])!)).toEqual([0]);
    expect(Array.from(slice(b, [one(-1)])!)).toEqual([5]);
    expect(slice(b, [one(6)])).toBeNull();
    expect(Array.from(slice(b, [{ kind: 'len', from: 1, len: 2, text: '', start: 0, end: 0 }])!)).toEqual([1, 2]);
    expect(slice(b, [{ kind: 'len', from: 5, len: 2, text: '', start: 0, end: 0 }])).toBeNull();
    expect(Array.from(slice(b, [{ kind: 'end', from: -2, text: '', start: 0, end: 0 }])!)).toEqual([4, 5]);
    expect(Array.from(slice(b, [{ kind: 'to', from: 1, to: 3, text: '', start: 0, end: 0 }, one(5)])!)).toEqual([1, 2, 3, 5]);
    expect(slice(b, [{ kind: 'end', from: -7, text: '', start: 0, end: 0 }])).toBeNull();
  });
});

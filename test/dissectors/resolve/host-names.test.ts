/**
 * dissectors/resolve/host-names.ts: the name table of `-N n` (Wireshark 4.0's addr_resolv.c
 * rules) and its sources — hosts files, pcapng name resolution blocks, DNS answers (`-N d`).
 * What tshark shows with these names is checked in test/electron/cli/host-names.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { addCaptureNames, addHostsFile, HostNames, hostText4, keptName, labelText4, labelText6, MAX_NAMED_ADDRESSES } from '../../../dissectors/resolve/host-names.js';
import { dnsMessage } from '../../helpers/dns-names-capture.js';
import { dns } from '../../helpers/dns-message.js';
import { PacketInfo } from '../../../dissectors/core/pinfo.js';
import { BoundsError, MalformedError } from '../../../dissectors/core/errors.js';

const A = (s: string) => s.split('.').reduce((v, p) => v * 256 + Number(p), 0);
const V6 = Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 0x80]);

describe('HostNames', () => {
  it('keeps one name per address: a new name replaces the old one unless it differs only in ASCII case', () => {
    const h = new HostNames();
    expect(h.ipv4(A('192.0.2.1'))).toBeUndefined();
    h.addIpv4(A('192.0.2.1'), 'one.example');
    h.addIpv4(A('192.0.2.1'), 'ONE.Example');
    expect(h.ipv4(A('192.0.2.1'))).toBe('one.example');
    h.addIpv4(A('192.0.2.1'), 'two.example');
    expect(h.ipv4(A('192.0.2.1'))).toBe('two.example');
    h.addIpv4(A('192.0.2.1'), '');
    expect(h.ipv4(A('192.0.2.1'))).toBe('two.example');
    h.addIpv6(V6, 0, 'six.example');
    expect(h.ipv6(V6)).toBe('six.example');
    expect(h.entries()).toEqual([
      { kind: 'ipv4', address: '192.0.2.1', name: 'two.example' },
      { kind: 'ipv6', address: '2001:db8::80', name: 'six.example' },
    ]);
    expect(h.size).toBe(2);
  });

  it('names at most MAX_NAMED_ADDRESSES addresses; those named can still be renamed', () => {
    const h = new HostNames();
    for (let i = 0; i < MAX_NAMED_ADDRESSES; i++) h.addIpv4(i, 'n');
    h.addIpv4(MAX_NAMED_ADDRESSES, 'one too many');
    h.addIpv6(V6, 0, 'six');
    expect(h.size).toBe(MAX_NAMED_ADDRESSES);
    expect(h.ipv4(MAX_NAMED_ADDRESSES)).toBeUndefined();
    expect(h.ipv6(V6)).toBeUndefined();
    h.addIpv4(7, 'renamed');
    expect(h.ipv4(7)).toBe('renamed');
  });

  it('keeps 63 bytes of a name (MAXNAMELEN 64 with the NUL), counted in UTF-8', () => {
    expect(keptName('a'.repeat(63))).toBe('a'.repeat(63));
    expect(keptName('a'.repeat(80))).toBe('a'.repeat(63));
    expect(new TextEncoder().encode(keptName('é'.repeat(40))).length).toBeLessThanOrEqual(63 + 2);
    expect(keptName('é'.repeat(40)).startsWith('é'.repeat(31))).toBe(true);
  });

  it('shows addresses as Wireshark does with network names on, and as the address without', () => {
    const h = new HostNames();
    h.addIpv4(A('198.51.100.7'), 'web.example.com');
    expect(labelText4(h, A('198.51.100.7'))).toBe('web.example.com (198.51.100.7)');
    expect(labelText4(h, A('198.51.100.8'))).toBe('198.51.100.8 (198.51.100.8)');
    expect(labelText4(undefined, A('198.51.100.7'))).toBe('198.51.100.7');
    expect(hostText4(h, A('198.51.100.7'))).toBe('web.example.com');
    expect(hostText4(h, A('198.51.100.8'))).toBe('198.51.100.8');
    expect(labelText6(h, V6)).toBe('2001:db8::80 (2001:db8::80)');
  });
});

describe('hosts files', () => {
  it('reads an address and its first name per line; comments, aliases and bad lines are left out', () => {
    const h = new HostNames();
    const n = addHostsFile(h, [
      '# a comment line',
      '192.0.2.1 gw alias1 alias2',
      '192.0.2.2\tprinter   # trailing comment',
      '  192.0.2.3   indented',
      '192.0.2.4',
      '192.0.2.256 bad',
      '192.0.2.0/24 net',
      'not-an-address name',
      '2001:db8::80 six',
      '::ffff:192.0.2.9 mapped',
      '#192.0.2.5 commented',
      '',
    ].join('\r\n'));
    expect(n).toBe(5);
    expect(h.entries().map((e) => `${e.address} ${e.name}`)).toEqual(['192.0.2.1 gw', '192.0.2.2 printer', '192.0.2.3 indented', '2001:db8::80 six', '::ffff:192.0.2.9 mapped']);
  });

  it('takes the IPv4 and IPv6 records of name resolution blocks as the reader appends them', () => {
    const h = new HostNames();
    const entries = [
      { kind: 'ipv4' as const, address: Uint8Array.of(192, 168, 1, 2), names: ['a', 'example.com'] },
      { kind: 'eui48' as const, address: Uint8Array.of(0, 1, 2, 3, 4, 5), names: ['mac'] },
    ];
    expect(addCaptureNames(h, entries, 0)).toBe(2);
    expect(h.ipv4(A('192.168.1.2'))).toBe('example.com');
    entries.push({ kind: 'ipv6' as const, address: V6, names: ['six'] } as never);
    expect(addCaptureNames(h, entries, 2)).toBe(3);
    expect(h.ipv6(V6)).toBe('six');
    expect(h.size).toBe(2);
  });
});

describe('DNS answers name their addresses (-N d)', () => {
  function learn(bytes: number[], visited = false): HostNames {
    const h = new HostNames();
    const pinfo = new PacketInfo();
    pinfo.ctx.options.dnsHostNames = h;
    pinfo.visited = visited;
    dns(Uint8Array.from(bytes), 'dns', false, undefined, pinfo);
    return h;
  }
  const msg = dnsMessage(1, true, 'www.example.com', [
    { name: 'www.example.com', type: 'CNAME', data: 'web.example.com' },
    { name: 'web.example.com', type: 'A', data: '198.51.100.7' },
  ], [], [
    { name: 'ns.example.com', type: 'AAAA', data: '2001:db8::80' },
    { name: 'chaos.example', type: 'A', data: '198.51.100.8', cls: 3 },
  ]);

  it("an A or AAAA record of class IN names its address by the record's owner name, in the summary pass too", () => {
    const h = learn(msg);
    expect(h.ipv4(A('198.51.100.7'))).toBe('web.example.com');
    expect(h.ipv6(V6)).toBe('ns.example.com');
    expect(h.ipv4(A('198.51.100.8'))).toBeUndefined();
  });

  it('a revisit (a packet dissected again) adds nothing: the names stay those of the pass in order', () => {
    expect(learn(msg, true).size).toBe(0);
  });

  it('every truncation of the answer: only bounds or malformed errors, and the names of the records read whole', () => {
    for (let cap = 0; cap <= msg.length; cap++) {
      let h: HostNames | null = null;
      try {
        h = learn(msg.slice(0, cap));
      } catch (e) {
        if (!(e instanceof BoundsError || e instanceof MalformedError)) throw e;
      }
      if (cap === msg.length) expect(h?.size).toBe(2);
    }
  });
});

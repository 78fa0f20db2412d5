/**
 * MAC names for -N m: vendor short names from oui-data, well-known group addresses, and the lazy
 * load of the database. Expected names are tshark 4.0.17's (`tshark -N m … -e eth.src_resolved`)
 * except where the registry's name differs from the one Wireshark kept (noted).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { etherName, eui64Name, lookupVendor, ouiLoaded, shortVendorName } from '../../../electron/engine/oui.js';

const mac = (s: string) => new Uint8Array(s.split(':').map((x) => parseInt(x, 16)));

describe('electron/engine/oui', () => {
  it('answers well-known addresses without loading the vendor database', () => {
    expect(ouiLoaded()).toBe(false);
    expect(etherName(mac('ff:ff:ff:ff:ff:ff'))).toBe('Broadcast');
    expect(etherName(mac('01:00:5e:00:00:fb'))).toBe('IPv4mcast_fb');
    expect(etherName(mac('01:00:5e:7f:ff:fa'))).toBe('IPv4mcast_7f:ff:fa');
    expect(etherName(mac('33:33:00:00:00:01'))).toBe('IPv6mcast_01');
    expect(etherName(mac('33:33:00:01:00:03'))).toBe('IPv6mcast_01:00:03');
    expect(etherName(mac('33:33:ff:0e:4c:67'))).toBe('IPv6mcast_ff:0e:4c:67');
    expect(etherName(mac('01:00:0c:cc:cc:cc'))).toBe('CDP/VTP/DTP/PAgP/UDLD');
    expect(etherName(mac('01:80:c2:00:00:00'))).toBe('Spanning-tree-(for-bridges)_00');
    expect(etherName(mac('01:80:c2:00:00:0e'))).toBe('LLDP_Multicast');
    // Locally administered and unknown group addresses have no name.
    expect(etherName(mac('c2:00:54:f5:00:00'))).toBeUndefined();
    expect(etherName(mac('03:00:00:00:00:01'))).toBeUndefined();
    expect(ouiLoaded()).toBe(false);
  });

  it('names vendors as tshark does', () => {
    const cases: [string, string][] = [
      ['00:1a:6b:6c:0c:cc', 'Universa_6c:0c:cc'],
      ['00:1d:09:f0:92:ab', 'Dell_f0:92:ab'],
      ['30:46:9a:23:fb:fa', 'Netgear_23:fb:fa'],
      ['6c:f0:49:b2:de:6e', 'Giga-Byt_b2:de:6e'],
      ['c4:12:f5:ff:72:e8', 'D-LinkIn_ff:72:e8'],
      ['58:1f:aa:4f:3f:9d', 'Apple_4f:3f:9d'],
      ['00:13:c3:df:ae:18', 'Cisco_df:ae:18'],
      ['00:50:56:0e:4c:67', 'VMware_0e:4c:67'],
    ];
    for (const [a, name] of cases) expect(etherName(mac(a)), a).toBe(name);
    expect(ouiLoaded()).toBe(true);
    // Registry name "PCS Systemtechnik GmbH"; VirtualBox's NICs keep Wireshark's "PcsCompu".
    expect(etherName(mac('08:00:27:19:1c:78'))).toBe('PcsCompu_19:1c:78');
    // Registry name "ASUSTek COMPUTER INC."; Wireshark's manuf kept an older "AsustekI".
    expect(etherName(mac('00:e0:18:b1:0c:ad'))).toBe('ASUSTekC_b1:0c:ad');
    // Well-known blocks inside vendors' and local ranges: before and after the registry.
    expect(etherName(mac('00:00:0c:07:ac:00'))).toBe('All-HSRP-routers_00');
    expect(etherName(mac('00:00:5e:00:01:b1'))).toBe('IETF-VRRP-VRID_b1');
    expect(etherName(mac('02:1a:11:f0:c8:3b'))).toBe('MS-NLB-PhysServer-26_11:f0:c8:3b');
    expect(etherName(mac('03:bf:0a:00:00:01'))).toBe('MS-NLB-VirtServer-Multicast_0a:00:00:01');
    expect(etherName(mac('aa:00:04:00:0a:04'))).toBe('DecLocal_00:0a:04');
  });

  it('matches MA-M and MA-S assignments before the MA-L block', () => {
    // 00:55:DA:1x:xx:xx is KoolPOS (MA-M, 28 bits); 00:1B:C5:00:1x:xx is OpenRB.com (MA-S, 36 bits).
    expect(lookupVendor(mac('00:55:da:12:34:56'))).toMatchObject({ bits: 28, short: 'KoolPOS' });
    expect(etherName(mac('00:55:da:12:34:56'))).toBe('KoolPOS_2:34:56');
    expect(lookupVendor(mac('00:1b:c5:00:12:34'))).toMatchObject({ bits: 36, short: 'OpenRBco' });
    expect(etherName(mac('00:1b:c5:00:12:34'))).toBe('OpenRBco_2:34');
    expect(lookupVendor(mac('00:1a:6b:00:00:00'))).toMatchObject({ bits: 24, name: expect.stringMatching(/^Universal Global Scientific/) });
  });

  it('names an EUI-64 by the vendor of its first three bytes, as tshark 4.0.17 does (DNS EUI64 records)', () => {
    expect(eui64Name(mac('00:11:22:33:44:55:66:77'))).toBe('CIMSYS_33:44:55:66:77');
    expect(eui64Name(mac('00:01:02:03:04:05:06:07'))).toBe('3Com_03:04:05:06:07');
    // Locally administered and all-ones: no vendor, the address stays as it is.
    expect(eui64Name(mac('02:00:5e:10:00:00:00:01'))).toBeUndefined();
    expect(eui64Name(mac('ff:ff:ff:ff:ff:ff:ff:ff'))).toBeUndefined();
    expect(eui64Name(mac('00:11:22:33:44:55'))).toBeUndefined();
  });

  it("shortens organisation names with Wireshark's make-manuf rules", () => {
    expect(shortVendorName('Dell Inc.')).toBe('Dell');
    expect(shortVendorName('NETGEAR')).toBe('Netgear');
    expect(shortVendorName('GIGA-BYTE TECHNOLOGY CO.,LTD.')).toBe('Giga-Byt');
    expect(shortVendorName('Universal Global Scientific Industrial., Ltd')).toBe('Universa');
    expect(shortVendorName('Cisco Systems, Inc')).toBe('Cisco');
    expect(shortVendorName('VMware, Inc.')).toBe('VMware');
    expect(shortVendorName('Apple, Inc.')).toBe('Apple');
    expect(shortVendorName('Hewlett Packard')).toBe('HewlettP');
    expect(shortVendorName('The Company Ltd')).toBe('TheCompa');
  });
});

/**
 * Every MAC address of the corpus and of our own captures, named as tshark's default (MAC names
 * on) names it, but for names where the registry and Wireshark 4.0's manuf part ways.
 */
describe('MAC names across the corpus', () => {
  const KNOWN: Record<string, string> = {
    // Wireshark's manuf spells it so by hand; the registry says "3COM" (title-cased: 3Com).
    '00:60:08': '3Com',
    // The registry's current name; Wireshark kept "ASUSTek Computer Inc." (AsustekI).
    '00:e0:18': 'ASUSTekC',
    // Assigned after Wireshark 4.0's manuf was made: tshark has no name for it.
    'a8:9c:6c': 'Ubiquiti',
  };
  const dirs = ['../../../fixtures/corpus/', '../../../fixtures/own/'].map((d) => fileURLToPath(new URL(d, import.meta.url)));
  const files = dirs.flatMap((d) => readdirSync(d).sort().filter((f) => /\.pcap(ng)?$/.test(f)).map((f) => join(d, f)));

  it('names every address as tshark -r does', () => {
    const home = mkdtempSync(join(tmpdir(), 'packetloom-oui-'));
    const seen = new Map<string, string>();
    for (const f of files) {
      const r = spawnSync('tshark', ['-r', f, '-T', 'fields', '-e', 'eth.src', '-e', 'eth.src_resolved', '-e', 'eth.dst', '-e', 'eth.dst_resolved'], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, HOME: home, WIRESHARK_CONFIG_DIR: home } });
      for (const line of r.stdout.split('\n')) {
        const [src, srcName, dst, dstName] = line.split('\t');
        if (src && srcName) seen.set(src, srcName);
        if (dst && dstName) seen.set(dst, dstName);
      }
    }
    rmSync(home, { recursive: true, force: true });
    expect(seen.size).toBeGreaterThan(100);
    let known = 0;
    for (const [addr, theirs] of seen) {
      const ours = etherName(mac(addr)) ?? addr;
      const k = KNOWN[addr.slice(0, 8)];
      if (k && ours !== theirs) {
        expect(ours, addr).toBe(`${k}_${addr.slice(9)}`);
        known++;
      } else expect(ours, addr).toBe(theirs);
    }
    expect(known).toBeLessThanOrEqual(Object.keys(KNOWN).length);
  });
});

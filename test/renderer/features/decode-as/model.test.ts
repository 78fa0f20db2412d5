// The Decode As model (renderer/features/decode-as/model.ts): remembered entries come back and
// anything malformed in storage is dropped; the Value field's keys; what the dialog proposes for
// the selected packet (its ports, the lower first, and what the packet is decoded as now).
import { describe, expect, it } from 'vitest';
import type { DecodeAsTableChoice, TreeNode } from '../../../../electron/api/contract.js';
import { entryText, keyMax, keysText, loadDecodeAs, parseKeys, proposal, saveDecodeAs } from '../../../../renderer/features/decode-as/model.js';
import { memoryStorage } from '../memory-storage.js';


const node = (field: string, filterValue?: string, children?: TreeNode[]): TreeNode => ({ label: field, field, source: 0, offset: 0, length: 0, ...(filterValue !== undefined ? { filterValue } : {}), ...(children ? { children } : {}) });
const CHOICES: DecodeAsTableChoice[] = [
  { name: 'ethertype', description: 'Ethertype', protocols: [{ name: 'arp', description: '' }, { name: 'data', description: '' }, { name: 'ip', description: '' }] },
  { name: 'tcp.port', description: 'TCP port', protocols: [{ name: 'data', description: '' }, { name: 'dns', description: '' }, { name: 'http', description: '' }] },
  { name: 'udp.port', description: 'UDP port', protocols: [{ name: 'data', description: '' }, { name: 'dns', description: '' }] },
];

describe('Decode As model', () => {
  it('remembers entries and drops what is not one', () => {
    const s = memoryStorage();
    const e = [{ table: 'tcp.port', from: 8888, to: 8888, proto: 'http' }, { table: 'udp.port', from: 5300, to: 5310, proto: 'dns' }];
    saveDecodeAs(s, e);
    expect(loadDecodeAs(s)).toEqual(e);
    expect(loadDecodeAs(null)).toEqual([]);
    const key = s.key(0)!;
    s.setItem(key, JSON.stringify([e[0], null, 7, { table: 'tcp.port', from: 9, to: 8, proto: 'http' }, { table: 'TCP port', from: 1, to: 1, proto: 'http' },
      { table: 'tcp.port', from: 1.5, to: 2, proto: 'http' }, { table: 'tcp.port', from: 1, to: 70000, proto: 'http' }, { ...e[1], extra: 'dropped' }]));
    expect(loadDecodeAs(s)).toEqual(e);
    s.setItem(key, '{not json');
    expect(loadDecodeAs(s)).toEqual([]);
  });

  it('reads and writes the keys of the Value field', () => {
    expect(parseKeys('5300', 0xffff)).toEqual({ from: 5300, to: 5300 });
    expect(parseKeys(' 5300 - 5310 ', 0xffff)).toEqual({ from: 5300, to: 5310 });
    expect(parseKeys('0x0800', 0xffff)).toEqual({ from: 0x800, to: 0x800 });
    for (const bad of ['', 'http', '-1', '5310-5300', '70000', '1.5', '5300-']) expect(parseKeys(bad, 0xffff), bad).toBeNull();
    expect(parseKeys('256', keyMax('ip.proto'))).toBeNull();
    expect(keysText({ from: 5300, to: 5300 })).toBe('5300');
    expect(keysText({ from: 5300, to: 5310 })).toBe('5300-5310');
    expect(entryText({ table: 'udp.port', from: 5300, to: 5310, proto: 'dns' })).toBe('udp.port==5300-5310,dns');
  });

  it('proposes the packet\'s ports (the lower first) with what it shows now, else its EtherType', () => {
    const tcp = [node('frame'), node('eth', undefined, [node('eth.type', '0x0800')]), node('ip'), node('tcp', undefined, [node('tcp.srcport', '40155'), node('tcp.dstport', '5300')]), node('data')];
    expect(proposal(tcp, CHOICES)).toEqual({ table: 'tcp.port', values: [5300, 40155], proto: 'data' });
    const http = [...tcp.slice(0, 4), node('http')];
    expect(proposal(http, CHOICES)?.proto).toBe('http');
    const udp = [node('eth', undefined, [node('eth.type', '0x0800')]), node('ip'), node('udp', undefined, [node('udp.srcport', '53'), node('udp.dstport', '53')]), node('dns')];
    expect(proposal(udp, CHOICES)).toEqual({ table: 'udp.port', values: [53], proto: 'dns' });
    const arp = [node('eth', undefined, [node('eth.type', '0x0806')]), node('arp')];
    expect(proposal(arp, CHOICES)).toEqual({ table: 'ethertype', values: [0x806], proto: 'arp' });
    expect(proposal([], CHOICES)).toBeNull();
  });
});

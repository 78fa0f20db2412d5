/** The Resolved addresses view (renderer/features/resolved-addresses): its text filter and the hosts file Save writes. */
import { describe, expect, it } from 'vitest';
import type { ResolvedAddress } from '../../../../electron/api/contract.js';
import { filterAddresses, hostsFileText } from '../../../../renderer/features/resolved-addresses/index.js';
import { addHostsFile, HostNames } from '../../../../dissectors/resolve/host-names.js';

const ROWS: ResolvedAddress[] = [
  { kind: 'ipv4', address: '209.87.249.18', name: 'nic.sandelman.ca' },
  { kind: 'ipv4', address: '192.139.46.66', name: 'www.tcpdump.org' },
  { kind: 'ipv6', address: '2607:f0b0:f::babe:f00d', name: 'NIC.Sandelman.ca' },
];

describe('resolved addresses', () => {
  it('keeps the rows whose address or name contains the text, in any case', () => {
    expect(filterAddresses(ROWS, ' ')).toEqual(ROWS);
    expect(filterAddresses(ROWS, 'sandelman').map((r) => r.address)).toEqual(['209.87.249.18', '2607:f0b0:f::babe:f00d']);
    expect(filterAddresses(ROWS, 'BABE').map((r) => r.name)).toEqual(['NIC.Sandelman.ca']);
    expect(filterAddresses(ROWS, '192.139').map((r) => r.name)).toEqual(['www.tcpdump.org']);
    expect(filterAddresses(ROWS, 'nothing')).toEqual([]);
  });

  it('saves them as a hosts file that a hosts-file reader takes back', () => {
    const text = hostsFileText(ROWS, 'dns.pcap');
    expect(text.split('\n').slice(0, 4)).toEqual(['# Hosts information in Packetloom', '#', '# Host data gathered from dns.pcap', '']);
    expect(text.endsWith('2607:f0b0:f::babe:f00d\tNIC.Sandelman.ca\n')).toBe(true);
    const back = new HostNames();
    expect(addHostsFile(back, text)).toBe(3);
    expect(back.entries()).toEqual(ROWS);
  });
});

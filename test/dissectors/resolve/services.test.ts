/** -N t: the port table, and port fields' labels with and without resolution (tshark's forms). */
import { describe, expect, it } from 'vitest';
import '../../../dissectors/packet.js';
import { defineField } from '../../../dissectors/core/fields.js';
import { nodeLabel } from '../../../dissectors/core/format.js';
import { ProtoNode } from '../../../dissectors/core/tree.js';
import { SERVICES, serviceName } from '../../../dissectors/resolve/services.js';

describe('dissectors/resolve/services', () => {
  it("has Wireshark's names for common ports", () => {
    expect(serviceName('tcp', 80)).toBe('http');
    expect(serviceName('tcp', 443)).toBe('https');
    expect(serviceName('udp', 53)).toBe('domain');
    expect(serviceName('udp', 520)).toBe('router');
    expect(serviceName('tcp', 520)).toBe('efs');
    expect(serviceName('udp', 514)).toBe('syslog');
    expect(serviceName('tcp', 514)).toBe('shell');
    expect(serviceName('udp', 5353)).toBe('mdns');
    expect(serviceName('tcp', 46656)).toBeUndefined();
  });

  it('holds names that are plain service tokens', () => {
    for (const t of ['tcp', 'udp'] as const) for (const [port, name] of SERVICES[t]) {
      expect(port).toBeGreaterThan(0);
      expect(port).toBeLessThan(65536);
      expect(name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    }
  });

  it('labels port fields as tshark -N t does: "http (80)", "46656 (46656)"; plain numbers without it', () => {
    const srcport = defineField('tcp.srcport', 'Source Port', 'uint16');
    const dstport = defineField('udp.dstport', 'Destination Port', 'uint16');
    const res = { port: serviceName };
    const node = (f: typeof srcport, v: number) => new ProtoNode(f, 0, 2, v);
    // tshark -N t -r tcpdump-tcp-handshake-nano.pcap -V / pcpp-sll.pcap -V
    expect(nodeLabel(node(srcport, 80), res)).toBe('Source Port: http (80)');
    expect(nodeLabel(node(srcport, 46656), res)).toBe('Source Port: 46656 (46656)');
    expect(nodeLabel(node(dstport, 53), res)).toBe('Destination Port: domain (53)');
    expect(nodeLabel(node(srcport, 80))).toBe('Source Port: 80');
    expect(nodeLabel(node(srcport, 80), {})).toBe('Source Port: 80');
  });
});

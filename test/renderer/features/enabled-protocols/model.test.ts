// The Enabled Protocols model (renderer/features/enabled-protocols/model.ts): the remembered
// choice comes back and anything malformed in storage is dropped; names the engine no longer
// offers are left out before an open; the search; tshark's flags for the notice.
import { describe, expect, it } from 'vitest';
import type { ProtocolChoice } from '../../../../electron/api/contract.js';
import { disabledCount, flagsText, knownOnly, loadEnabledProtocols, matching, saveEnabledProtocols, toggled } from '../../../../renderer/features/enabled-protocols/model.js';
import { memoryStorage } from '../memory-storage.js';

const CHOICES: ProtocolChoice[] = [
  { name: 'data', description: 'Data', toggle: false, heuristics: [] },
  { name: 'dns', description: 'Domain Name System', toggle: true, heuristics: [{ name: 'dns_udp', table: 'udp', description: 'DNS over UDP' }] },
  { name: 'http', description: 'Hypertext Transfer Protocol', toggle: true, heuristics: [{ name: 'http_tcp', table: 'tcp', description: 'HTTP over TCP' }] },
  { name: 'tcp', description: 'Transmission Control Protocol', toggle: true, heuristics: [] },
];

describe('Enabled Protocols model', () => {
  it('remembers the choice and drops what is not a name', () => {
    const s = memoryStorage();
    expect(loadEnabledProtocols(s)).toEqual({ disabled: [], disabledHeuristics: [] });
    saveEnabledProtocols(s, { disabled: ['http', 'tcp'], disabledHeuristics: ['dns_udp'] });
    expect(loadEnabledProtocols(s)).toEqual({ disabled: ['http', 'tcp'], disabledHeuristics: ['dns_udp'] });
    for (const bad of ['nonsense', '[1,2]', '{"disabled":"tcp"}', '{"disabled":[1,"", "a b", "tcp", "tcp"],"disabledHeuristics":null}', 'null']) {
      s.setItem('packetloom.enabledProtocols', bad);
      const got = loadEnabledProtocols(s);
      expect(got.disabled.every((n) => n === 'tcp')).toBe(true);
      expect(got.disabled.length).toBeLessThanOrEqual(1);
      expect(got.disabledHeuristics).toEqual([]);
    }
    s.setItem('packetloom.enabledProtocols', JSON.stringify({ disabled: Array.from({ length: 300 }, (_, i) => `p${i}`) }));
    expect(loadEnabledProtocols(s).disabled).toHaveLength(256);
  });

  it('keeps only names the engine offers, and never Data', () => {
    expect(knownOnly({ disabled: ['http', 'nosuch', 'data'], disabledHeuristics: ['dns_udp', 'gone_udp'] }, CHOICES)).toEqual({ disabled: ['http'], disabledHeuristics: ['dns_udp'] });
  });

  it('searches names, descriptions and heuristics; toggles in sorted order; writes tshark\'s flags', () => {
    expect(matching(CHOICES, '').map((c) => c.name)).toEqual(['data', 'dns', 'http', 'tcp']);
    expect(matching(CHOICES, 'HTTP').map((c) => c.name)).toEqual(['http']);
    expect(matching(CHOICES, 'control').map((c) => c.name)).toEqual(['tcp']);
    expect(matching(CHOICES, 'over udp').map((c) => c.name)).toEqual(['dns']);
    expect(toggled(['tcp'], 'http', true)).toEqual(['http', 'tcp']);
    expect(toggled(['http', 'tcp'], 'http', false)).toEqual(['tcp']);
    expect(toggled(['tcp'], 'tcp', true)).toEqual(['tcp']);
    const p = { disabled: ['http'], disabledHeuristics: ['dns_udp'] };
    expect(flagsText(p)).toBe('--disable-protocol http --disable-heuristic dns_udp');
    expect(disabledCount(p)).toBe(2);
  });
});

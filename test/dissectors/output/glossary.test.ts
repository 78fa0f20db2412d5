/**
 * `-G fields`, `-G protocols` and `-G values` against tshark 4.0's own glossary: every field,
 * protocol and value name we register is Wireshark's, line for line (name, display-filter name,
 * type, parent protocol, base, bit mask, description), but for
 *   - OURS: what Packetloom adds (both endpoints' TCP states, SYN flood, PDU ranges …), which
 *     tshark does not have — a field missing from tshark's glossary and not listed here fails;
 *   - KNOWN: what we register otherwise on purpose, each with why (a listed field that now
 *     agrees fails too, so the list only shrinks).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { glossary } from '../../../dissectors/output/glossary.js';
import '../../../dissectors/packet.js';
import { runCli } from '../../electron/cli/run-cli.js';

/** Fields and experts Packetloom adds. */
const OURS = new Set([
  '_ws.dissector_bug', // a dissector threw something other than a bounds error: our framework's item
  'tcp.state', 'tcp.state.client', 'tcp.state.server', 'tcp.state.client_before', 'tcp.state.server_before',
  'tcp.state.transition', 'tcp.state.inferred', 'tcp.state.role_heuristic', // both endpoints' states
  'tcp.synflood', // the SYN flood warning
  'tcp.pdu.ranges', 'tcp.reassembly.abandoned', // where a message's bytes came from; a message too big to hold
  'frame.link_type', // the pcap LINKTYPE_ of the interface
  'dns.rr.udp_payload_size_mdns', // Wireshark registers mDNS's masked payload size as dns.rr.udp_payload_size
]);

/** Fields whose glossary line differs from tshark's on purpose, with the reason. */
const KNOWN: ReadonlyMap<string, string> = new Map([
  ['_ws.expert', 'Wireshark registers "Expert Info" as a protocol; ours is the field its items hang under'],
  ['_ws.expert.message', 'parent: under our _ws.expert field, not a protocol'],
  ['_ws.expert.severity', 'held as the text tshark prints ("4194304"), not a number'],
  ['_ws.expert.group', 'held as the text tshark prints ("33554432"), not a number'],
  ['_ws.string.trailing_stray_characters', 'parent: Wireshark registers it under a protocol of its own (_ws.string)'],
  ['_ws.short', 'name: the label tshark shows for the item ("Packet size limited during capture")'],
  ['eth', 'name: the label tshark shows ("Ethernet II"), Wireshark\'s protocol is "Ethernet"'],
  ['sll', 'name: the label tshark shows ("Linux cooked capture v1")'],
  ['frame.len', 'name: the label tshark shows ("Frame Length: 60 bytes")'],
  ['frame.cap_len', 'name: the label tshark shows ("Capture Length: 60 bytes")'],
  ['arp.duplicate-address-detected', 'name: the message tshark shows'],
  ['icmp.resp_not_found', 'name: the message tshark shows'],
  ['icmpv6.resp_not_found', 'name: the message tshark shows'],
  ['tcp.non_zero_bytes_after_eol', 'name: the message tshark shows'],
  ['dhcp.bad_length', 'name: the message tshark shows'],
  ['xml.xmlpi.xml', 'name: the label tshark shows'],
  ['tcp.completeness', 'description: names the bits (SYN 1, SYN-ACK 2 …)'],
  ['tcp.options.md5.digest', 'parent: our MD5 option is a protocol of its own'],
  ['gif.data_block_type.unknown', 'parent: Wireshark registers it under image-gif'],
  ['ipv6.src_route_list.multicast_addr', 'parent: Wireshark registers it under ipv6.routing'],
  ['dns.rr.udp_payload_size', 'Wireshark\'s mDNS registration under this name (hex, 0x7fff) comes first: ours is DNS\'s'],
  ['dhcp.option.classless_static_route', 'a node per route instead of Wireshark\'s bytes'],
  ['icmpv6.opt.linkaddr', 'type: a MAC address, as tshark shows it (Wireshark registers the bytes)'],
  ['icmpv6.opt.src_linkaddr', 'type: a MAC address, as tshark shows it (Wireshark registers the bytes)'],
  ['icmpv6.opt.target_linkaddr', 'type: a MAC address, as tshark shows it (Wireshark registers the bytes)'],
]);

/** Protocols whose short name is the text of the Protocol column, not Wireshark's short name. */
const KNOWN_SHORT = new Set(['_ws.malformed', 'data', 'ethertype', 'null', 'raw', 'ieee8021ad', 'frame']);

/** Value lines that differ: Wireshark prints an extended value string's values in decimal. */
const KNOWN_VALUES = new Set(['ipv6.opt.type']);

function tshark(report: string): string[] {
  const r = spawnSync('tshark', ['-G', report], { encoding: 'utf8', maxBuffer: 1 << 28 });
  expect(r.error).toBeUndefined();
  return r.stdout.split('\n').filter(Boolean);
}

/** Lines by the display-filter name in column `col` (a name may be registered more than once). */
function byName(lines: string[], col: number): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const l of lines) {
    const name = l.split('\t')[col]!;
    const have = m.get(name);
    if (have) have.push(l);
    else m.set(name, [l]);
  }
  return m;
}

describe('-G: the glossary, as tshark 4.0\'s', () => {
  it('fields: every field and protocol we register is Wireshark\'s, line for line', () => {
    const theirs = byName(tshark('fields'), 2);
    const ours = glossary('fields').split('\n').filter(Boolean);
    expect(ours.length).toBeGreaterThan(1000);
    const onlyOurs: string[] = [];
    const differ: string[] = [];
    const nowAgree: string[] = [];
    for (const line of ours) {
      const name = line.split('\t')[2]!;
      const candidates = theirs.get(name);
      if (!candidates) {
        onlyOurs.push(name);
        continue;
      }
      const same = candidates.includes(line);
      if (KNOWN.has(name)) {
        if (same) nowAgree.push(name);
      } else if (!same) {
        differ.push(`ours:   ${line}\ntshark: ${candidates.join('\n        ')}`);
      }
    }
    expect(differ, differ.join('\n\n')).toEqual([]);
    expect(onlyOurs.sort()).toEqual([...OURS].sort());
    expect(nowAgree, 'listed in KNOWN but now equal to tshark\'s').toEqual([]);
    expect([...KNOWN.keys()].filter((k) => !ours.some((l) => l.split('\t')[2] === k)), 'KNOWN names we no longer register').toEqual([]);
  });

  it('protocols: name, short name and filter name of each', () => {
    const theirs = byName(tshark('protocols'), 2);
    const differ = glossary('protocols').split('\n').filter(Boolean).filter((line) => {
      const name = line.split('\t')[2]!;
      return !KNOWN.has(name) && !KNOWN_SHORT.has(name) && !theirs.get(name)?.includes(line);
    });
    expect(differ).toEqual([]);
  });

  it('values: every value name and true/false pair is Wireshark\'s (or within one of its ranges)', () => {
    const lines = tshark('values');
    const exact = new Set(lines.filter((l) => l[0] === 'V' || l[0] === 'T'));
    const ranges = byName(lines.filter((l) => l[0] === 'R'), 1);
    const ours = glossary('values').split('\n').filter(Boolean);
    expect(ours.length).toBeGreaterThan(2000);
    const differ = ours.filter((line) => {
      const [kind, name, value, text] = line.split('\t') as [string, string, string, string];
      if (exact.has(line) || KNOWN_VALUES.has(name)) return false;
      const v = Number(value);
      return !(kind === 'V' && ranges.get(name)?.some((r) => {
        const [, , lo, hi, label] = r.split('\t');
        return Number(lo) <= v && v <= Number(hi) && label === text;
      }));
    });
    expect(differ, differ.join('\n')).toEqual([]);
  });

  it('packetloom -G: fields by default, one clear line for a report we do not have or -G not first', async () => {
    const fields = await runCli(['-G']);
    expect(fields.code).toBe(0);
    expect(fields.stdout).toBe(glossary('fields'));
    expect(fields.stdout).toContain('F\tSequence Number\ttcp.seq\tFT_UINT32\ttcp\tBASE_DEC\t0x0\t\n');
    expect((await runCli(['-G', 'protocols'])).stdout).toContain('Transmission Control Protocol\tTCP\ttcp\n');
    expect((await runCli(['-G', 'values'])).stdout).toContain('T\ttcp.flags.syn\tSet\tNot set\n');
    expect((await runCli(['-G', 'help'])).stdout).toContain('-G protocols');
    const bad = await runCli(['-G', 'nosuch']);
    expect([bad.code, bad.stderr]).toEqual([2, 'packetloom: Invalid "nosuch" option for -G flag, enter -G help for more help.\n']);
    for (const args of [['-n', '-G'], ['-r', 'x.pcap', '-G', 'fields']]) {
      const r = await runCli(args);
      expect([r.code, r.stderr], args.join(' ')).toEqual([2, 'packetloom: -G only valid as first option\n']);
    }
  });
});

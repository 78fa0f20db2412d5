/**
 * Decode As (dissectors/decode-as.ts): parsing tshark's `-d` values, the tables and protocols it
 * offers, and the dispatch it changes — per capture, before the bound protocol and the heuristics,
 * for every lookup of the table. Expected values: tshark 4.0.17 with the same `-d` on the same
 * bytes (frames 1 and 10 of fixtures/own/decode-as.pcap).
 */
import { describe, expect, it } from 'vitest';
import { checkDecodeAs, compileDecodeAs, decodeAsProtocols, decodeAsTables, decodeAsText, parseDecodeAs, type DecodeAsEntry } from '../../dissectors/decode-as.js';
import { CaptureDissector } from '../../dissectors/packet.js';
import { checkTruncations, dissect, fieldsOf } from '../helpers/corpus-net.js';
import { TCP_QUERIES_5300 as TCP_QUERIES, UDP_QUERY_5300 as UDP_QUERY } from '../helpers/dns-port-5300.js';

const entry = (arg: string): DecodeAsEntry => {
  const r = parseDecodeAs(arg);
  if (!r.ok) throw new Error(r.message);
  return r.entry;
};

describe('parseDecodeAs', () => {
  it('reads a key, a range, a start and count, hex and octal keys, and one "=" with a warning', () => {
    expect(entry('tcp.port==8888,http')).toEqual({ table: 'tcp.port', from: 8888, to: 8888, proto: 'http' });
    expect(entry('udp.port==5300-5310,dns')).toEqual({ table: 'udp.port', from: 5300, to: 5310, proto: 'dns' });
    expect(entry('tcp.port==8000:3,http')).toEqual({ table: 'tcp.port', from: 8000, to: 8002, proto: 'http' });
    expect(entry('ethertype==0x0800,data')).toEqual({ table: 'ethertype', from: 0x800, to: 0x800, proto: 'data' });
    expect(entry('ip.proto==021,data')).toEqual({ table: 'ip.proto', from: 17, to: 17, proto: 'data' });
    const one = parseDecodeAs('udp.port=53,data');
    expect(one).toEqual({ ok: true, entry: { table: 'udp.port', from: 53, to: 53, proto: 'data' }, warning: 'WARNING: -d requires "==" instead of "=". Option will be treated as "udp.port==53,data"' });
    expect(decodeAsText(entry('udp.port==5300-5310,dns'))).toBe('udp.port==5300-5310,dns');
    expect(decodeAsText(entry('tcp.port==80,http'))).toBe('tcp.port==80,http');
  });

  it("refuses with tshark's messages and lists what is valid", () => {
    const bad = (arg: string) => {
      const r = parseDecodeAs(arg);
      if (r.ok) throw new Error(`${arg} was taken`);
      return r;
    };
    expect(bad('foo').message).toBe('Parameter "foo" doesn\'t follow the template "<layer_type>==<selector>,<decode_as_protocol>"\nUnknown layer type -- foo');
    expect(bad('foo').list).toBe('Valid layer types are:\n\tethertype (Ethertype)\n\tgre.proto (GRE protocol type)\n\tip.proto (IP protocol)\n\ttcp.port (TCP port)\n\tudp.port (UDP port)\n');
    expect(bad('tcp.port==80').list).toMatch(/^Valid protocols for layer type "tcp.port" are:\n\tdata \(Data\)\n\tdns \(Domain Name System\)\n\thttp \(Hypertext Transfer Protocol\)\n/);
    expect(bad('tcp.port==80,nosuch').message).toBe('Unknown protocol -- "nosuch"');
    expect(bad('udp.port==53,http').message).toBe('Protocol "http" isn\'t valid for layer type "udp.port"');
    expect(bad('tcp.port==abc,http').message).toBe('Invalid selector number "abc"');
    expect(bad('tcp.port==80 ,http').message).toBe('Invalid selector number "80 "');
    expect(bad('tcp.port==80-,http').message).toBe('Invalid selector numeric range "80-"');
    expect(bad('tcp.port==90-80,http').message).toBe('Invalid selector numeric range "90-80"');
    expect(bad('tcp.port==80:0,http').message).toBe('Invalid selector numeric range "80:0"');
    expect(bad('ip.proto==256,data').message).toBe('Invalid selector numeric range "256" for ip.proto (0 to 255)');
    expect(bad('tcp.port==65535:2,data').message).toBe('Invalid selector numeric range "65535:2" for tcp.port (0 to 65535)');
  });

  it('offers the tables with their protocols: the bound ones and data', () => {
    expect(decodeAsTables().map((t) => t.name)).toEqual(['ethertype', 'gre.proto', 'ip.proto', 'tcp.port', 'udp.port']);
    expect(decodeAsProtocols('udp.port').map((p) => p.name)).toEqual(['data', 'dhcp', 'dns', 'llmnr', 'mdns', 'nbns', 'ssdp']);
    expect(decodeAsProtocols('ethertype').map((p) => p.name)).toContain('arp');
    expect(decodeAsProtocols('nosuch')).toEqual([]);
    expect(checkDecodeAs({ table: 'tcp.port', from: 1, to: 2, proto: 'http' })).toBeUndefined();
    expect(checkDecodeAs({ table: 'tcp.port', from: 2, to: 1, proto: 'http' })).toMatch(/Invalid selector numeric range/);
    expect(checkDecodeAs({ table: 'link', from: 1, to: 1, proto: 'eth' })).toBe('Unknown layer type -- link');
    expect(checkDecodeAs({ table: 'udp.port', from: 1, to: 1, proto: 'tls' })).toBe('Protocol "tls" isn\'t valid for layer type "udp.port"');
    expect(compileDecodeAs([])).toBeNull();
    // An entry that does not check is left out.
    expect(compileDecodeAs([{ table: 'udp.port', from: 1, to: 1, proto: 'tls' }])).toBeNull();
  });
});

describe('dispatch with Decode As', () => {
  const FIELDS = ['frame.protocols', 'dns.id', 'dns.qry.name', 'data.len'];

  it('hands a TCP port to DNS (each of the three length-prefixed messages), before data; only for its capture', () => {
    expect(fieldsOf(dissect(TCP_QUERIES), FIELDS)).toEqual({ 'frame.protocols': 'eth:ethertype:ip:tcp:data', 'dns.id': '', 'dns.qry.name': '', 'data.len': '112' });
    const opts = { decodeAs: [entry('tcp.port==5300,dns')] };
    const p = dissect(TCP_QUERIES, 1, TCP_QUERIES.length, opts);
    expect(fieldsOf(p, FIELDS)).toEqual({
      'frame.protocols': 'eth:ethertype:ip:tcp:dns', 'dns.id': '0x4101,0x4102,0x4103', 'dns.qry.name': 'www.packetloom.test,packetloom.test,ns.packetloom.test', 'data.len': '',
    });
    expect([p.protocol, p.info]).toEqual(['DNS', 'Standard query 0x4103 AAAA ns.packetloom.test']);
    // Another capture's dissector is not affected.
    expect(fieldsOf(dissect(TCP_QUERIES), ['frame.protocols'])['frame.protocols']).toBe('eth:ethertype:ip:tcp:data');
  });

  it('comes before the heuristics: a UDP port given to data or to NBNS, a range, the later entry winning', () => {
    expect(fieldsOf(dissect(UDP_QUERY), FIELDS)['frame.protocols']).toBe('eth:ethertype:ip:udp:dns');
    const asData = dissect(UDP_QUERY, 1, UDP_QUERY.length, { decodeAs: [entry('udp.port==5300,data')] });
    expect(fieldsOf(asData, FIELDS)).toEqual({ 'frame.protocols': 'eth:ethertype:ip:udp:data', 'dns.id': '', 'dns.qry.name': '', 'data.len': '37' });
    expect(asData.protocol).toBe('UDP');
    const nbns = dissect(UDP_QUERY, 1, UDP_QUERY.length, { decodeAs: [entry('udp.port==5290-5310,nbns')] });
    expect(fieldsOf(nbns, ['frame.protocols'])['frame.protocols']).toBe('eth:ethertype:ip:udp:nbns');
    const later = dissect(UDP_QUERY, 1, UDP_QUERY.length, { decodeAs: [entry('udp.port==5290-5310,nbns'), entry('udp.port==5300,data')] });
    expect(fieldsOf(later, ['frame.protocols'])['frame.protocols']).toBe('eth:ethertype:ip:udp:data');
    // The client's port works too (the lower port is tried first, then the higher one).
    const client = dissect(UDP_QUERY, 1, UDP_QUERY.length, { decodeAs: [entry('udp.port==40055,data')] });
    expect(fieldsOf(client, ['frame.protocols'])['frame.protocols']).toBe('eth:ethertype:ip:udp:data');
  });

  it('changes the lower layers too: an IP protocol or an EtherType given to data', () => {
    const ip = dissect(UDP_QUERY, 1, UDP_QUERY.length, { decodeAs: [entry('ip.proto==17,data')] });
    expect(fieldsOf(ip, ['frame.protocols', 'data.len'])).toEqual({ 'frame.protocols': 'eth:ethertype:ip:data', 'data.len': '45' });
    const eth = dissect(UDP_QUERY, 1, UDP_QUERY.length, { decodeAs: [entry('ethertype==0x0800,data')] });
    expect(fieldsOf(eth, ['frame.protocols', 'data.len'])).toEqual({ 'frame.protocols': 'eth:ethertype:data', 'data.len': '65' });
  });

  it('set on a dissector before its first packet (setDecodeAs), as the engine does for a session', () => {
    const d = new CaptureDissector({ catchErrors: false });
    d.setDecodeAs([entry('tcp.port==5300,dns')]);
    const p = d.dissect({ num: 1, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: TCP_QUERIES.length }, TCP_QUERIES, false);
    expect(p.protocol).toBe('DNS');
    expect(d.ctx.options.decodeAs).toEqual([entry('tcp.port==5300,dns')]);
  });

  it('never throws anything but bounds/malformed errors on truncations, with and without entries', () => {
    for (const f of [UDP_QUERY, TCP_QUERIES]) {
      checkTruncations(f);
      checkTruncations(f, { options: { decodeAs: [entry('tcp.port==5300,dns'), entry('udp.port==5300,nbns')] } });
    }
  });
});

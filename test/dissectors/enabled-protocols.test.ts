/**
 * Enabled protocols (dissectors/enabled-protocols.ts): what a capture switches off — protocols by
 * filter name, heuristics by short name — and the dispatch it changes, per capture: a table skips
 * a disabled protocol (its bytes go where they would go without it), a heuristic list skips a
 * disabled heuristic or one whose protocol is disabled, a protocol called by name hands its bytes
 * to Data, a disabled link layer leaves the frame empty. Expected values: tshark 4.0.17 with the
 * same --disable-protocol / --disable-heuristic on the same bytes (frames 1 and 10 of
 * fixtures/own/decode-as.pcap; test/electron/cli/enabled-protocols.test.ts compares whole captures).
 */
import { describe, expect, it } from 'vitest';
import { checkEnabledProtocols, compileEnabledProtocols, heuristicNames, switchesOff, type EnabledProtocols } from '../../dissectors/enabled-protocols.js';
import { parseDecodeAs, type DecodeAsEntry } from '../../dissectors/decode-as.js';
import { CaptureDissector } from '../../dissectors/packet.js';
import { checkTruncations, dissect, fieldsOf } from '../helpers/corpus-net.js';
import { hexDump } from '../helpers/hex.js';

// A DNS query over UDP, 40055 → 5300 (DNS by the DNS-over-UDP heuristic, dns_udp).
const UDP_QUERY = hexDump(`
0000  02 00 00 99 00 02 02 00 00 99 00 01 08 00 45 00   ..............E.
0010  00 41 5b 19 40 00 40 11 ca ca 0a 63 00 01 0a 63   .A[.@.@....c...c
0020  00 02 9c 77 14 b4 00 2d 6b bc 40 01 01 00 00 01   ...w...-k.@.....
0030  00 00 00 00 00 00 03 77 77 77 0a 70 61 63 6b 65   .......www.packe
0040  74 6c 6f 6f 6d 04 74 65 73 74 00 00 01 00 01      tloom.test.....
`);

// Three DNS-over-TCP queries in one segment, 40155 → 5300 (DNS with Decode As tcp.port==5300,dns).
const TCP_QUERIES = hexDump(`
0000  02 00 00 99 00 02 02 00 00 99 00 01 08 00 45 00   ..............E.
0010  00 a4 3a 76 40 00 40 06 eb 15 0a 63 00 01 0a 63   ..:v@.@....c...c
0020  00 02 9c db 14 b4 fa de 4e a2 e6 09 9a 41 80 18   ........N....A..
0030  00 3f 0b 82 00 00 01 01 08 0a e7 d1 24 c1 b7 32   .?..........$..2
0040  85 6a 00 25 41 01 01 00 00 01 00 00 00 00 00 00   .j.%A...........
0050  03 77 77 77 0a 70 61 63 6b 65 74 6c 6f 6f 6d 04   .www.packetloom.
0060  74 65 73 74 00 00 01 00 01 00 21 41 02 01 00 00   test......!A....
0070  01 00 00 00 00 00 00 0a 70 61 63 6b 65 74 6c 6f   ........packetlo
0080  6f 6d 04 74 65 73 74 00 00 10 00 01 00 24 41 03   om.test......$A.
0090  01 00 00 01 00 00 00 00 00 00 02 6e 73 0a 70 61   ...........ns.pa
00a0  63 6b 65 74 6c 6f 6f 6d 04 74 65 73 74 00 00 1c   cketloom.test...
00b0  00 01                                             ..
`);

const AS_DNS: DecodeAsEntry[] = [parseDecodeAs('tcp.port==5300,dns')].map((r) => {
  if (!r.ok) throw new Error(r.message);
  return r.entry;
});

const NAMES = ['frame.protocols', 'dns.qry.name', 'data.len', 'udp.stream', 'tcp.stream'];
const seen = (bytes: Uint8Array, protocols?: EnabledProtocols, decodeAs?: DecodeAsEntry[]) => {
  const p = dissect(bytes, undefined, undefined, { protocols, decodeAs });
  return { ...fieldsOf(p, NAMES), protocol: p.protocol, info: p.info };
};

describe('enabled protocols: dispatch', () => {
  it('a heuristic or its protocol switched off: the UDP payload is data', () => {
    expect(seen(UDP_QUERY)).toMatchObject({ 'frame.protocols': 'eth:ethertype:ip:udp:dns', 'dns.qry.name': 'www.packetloom.test', protocol: 'DNS' });
    for (const off of [{ disabledHeuristics: ['dns_udp'] }, { disabled: ['dns'] }]) {
      expect(seen(UDP_QUERY, off), JSON.stringify(off)).toEqual({
        'frame.protocols': 'eth:ethertype:ip:udp:data', 'dns.qry.name': '', 'data.len': '37', 'udp.stream': '0', 'tcp.stream': '',
        protocol: 'UDP', info: '40055 → 5300 Len=37',
      });
    }
  });

  it('a transport switched off: IP hands its payload to data and says which protocol it carries', () => {
    expect(seen(UDP_QUERY, { disabled: ['udp'] })).toEqual({
      'frame.protocols': 'eth:ethertype:ip:data', 'dns.qry.name': '', 'data.len': '45', 'udp.stream': '', 'tcp.stream': '',
      protocol: 'IPv4', info: 'UDP (17)',
    });
    expect(seen(TCP_QUERIES, { disabled: ['tcp'] }, AS_DNS)).toMatchObject({ 'frame.protocols': 'eth:ethertype:ip:data', protocol: 'IPv4', info: 'TCP (6)' });
  });

  it('Decode As names a disabled protocol: its bytes stay data', () => {
    expect(seen(TCP_QUERIES, undefined, AS_DNS)).toMatchObject({ 'frame.protocols': 'eth:ethertype:ip:tcp:dns', protocol: 'DNS' });
    expect(seen(TCP_QUERIES, { disabled: ['dns'] }, AS_DNS)).toMatchObject({ 'frame.protocols': 'eth:ethertype:ip:tcp:data', 'data.len': '112', 'tcp.stream': '0', protocol: 'TCP' });
  });

  it('a link layer switched off leaves the frame empty, as tshark shows it', () => {
    expect(seen(UDP_QUERY, { disabled: ['eth'] })).toEqual({
      'frame.protocols': '', 'dns.qry.name': '', 'data.len': '', 'udp.stream': '', 'tcp.stream': '', protocol: '', info: '',
    });
  });

  it('is per capture: another dissector sees every protocol', () => {
    const off = new CaptureDissector({ catchErrors: false, protocols: { disabled: ['dns'] } });
    const on = new CaptureDissector({ catchErrors: false });
    const meta = { num: 1, tsSec: 1_700_000_000, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: UDP_QUERY.length };
    expect(off.dissect(meta, UDP_QUERY, false).protocol).toBe('UDP');
    expect(on.dissect(meta, UDP_QUERY, false).protocol).toBe('DNS');
    expect(off.dissect(meta, UDP_QUERY, false).protocol).toBe('UDP');
  });

  it('never throws anything but bounds/malformed errors on truncations, with protocols switched off', () => {
    for (const f of [UDP_QUERY, TCP_QUERIES]) {
      for (const protocols of [{ disabled: ['udp', 'dns'] }, { disabled: ['ip'] }, { disabled: ['eth'] }, { disabledHeuristics: ['dns_udp', 'http_tcp'] }]) {
        checkTruncations(f, { options: { protocols, decodeAs: AS_DNS } });
      }
    }
  });
});

describe('enabled protocols: names', () => {
  it('compiles only what switches something off', () => {
    expect(compileEnabledProtocols(undefined)).toBeNull();
    expect(compileEnabledProtocols({})).toBeNull();
    expect(compileEnabledProtocols({ disabled: ['nosuch', 'TCP', 'data'] })).toBeNull();
    expect(compileEnabledProtocols({ disabled: ['tcp'] })?.protocols.size).toBe(1);
    expect(compileEnabledProtocols({ disabledHeuristics: ['http_tcp'] })?.heuristics.size).toBe(1);
    expect([switchesOff({}), switchesOff({ disabled: [] }), switchesOff({ disabled: ['tcp'] }), switchesOff({ disabledHeuristics: ['dns_udp'] })]).toEqual([false, false, true, true]);
  });

  it("refuses an unknown heuristic with tshark's message; warns of an unknown protocol and of Data", () => {
    expect(heuristicNames()).toContain('dns_udp');
    expect(checkEnabledProtocols({ disabledHeuristics: ['nosuch'] }).error).toBe("No such protocol nosuch, can't disable");
    expect(checkEnabledProtocols({ enabledHeuristics: ['nosuch'] }).error).toBe("No such protocol nosuch, can't enable");
    expect(checkEnabledProtocols({ disabled: ['tcp', 'http'], disabledHeuristics: ['http_tcp'] })).toEqual({ warnings: [] });
    const w = checkEnabledProtocols({ disabled: ['TCP', 'data'] });
    expect(w.error).toBeUndefined();
    expect(w.warnings).toEqual(['no protocol named "TCP" to disable (names are filter names, as "tcp" or "http")', '"data" cannot be disabled']);
  });
});

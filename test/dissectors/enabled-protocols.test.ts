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
import { TCP_QUERIES_5300 as TCP_QUERIES, UDP_QUERY_5300 as UDP_QUERY } from '../helpers/dns-port-5300.js';

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

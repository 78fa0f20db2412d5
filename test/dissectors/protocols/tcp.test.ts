import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nodeLabel } from '../../../dissectors/core/format.js';
import { findNodes } from '../../../dissectors/output/fields.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { TreeInterest } from '../../../dissectors/core/reduced-tree.js';
import { fieldByName } from '../../../dissectors/core/fields.js';
import { extractFields } from '../../../dissectors/output/fields.js';
import { setTcpStreamTracker, tcpFlagsLetters, tcpFlagsText, tcpStreamTracker, type TcpStreamTracker } from '../../../dissectors/protocols/tcp.js';
import { checkTruncations, dissect, fieldsOf, fieldsOrExperts, hexDump } from '../../helpers/corpus-net.js';

// The TCP header dissector on its own: the stream tracker that protocols/index.ts installs
// (dissectors/tcp/tracker.ts) is taken out for these tests, so numbers are raw. Expected values:
// tshark 4.0.17 with `-o tcp.relative_sequence_numbers:FALSE` on the same bytes (each frame on its
// own ports, so that no sequence analysis mixes them); the last tests put the tracker back and
// expect tshark's defaults.

// Every flag set (with the reserved bits), URG with pointer 5.
const ALL_FLAGS = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 28 00 01 40 00 40 06 26 cd 0a 00 00 01 0a 00   .(..@.@.&.......
0020  00 02 07 d0 00 50 00 00 03 e8 00 00 00 07 5f ff   .....P........_.
0030  fa f0 12 34 00 05                                 ...4..
`);

// SYN with MSS, SACK_PERM, timestamps, NOP, window scale 7.
const SYN = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 3c 00 01 40 00 40 06 26 b9 0a 00 00 01 0a 00   .<..@.@.&.......
0020  00 02 07 d3 00 50 00 00 03 e8 00 00 00 00 a0 02   .....P..........
0030  fa f0 12 34 00 00 02 04 05 b4 04 02 08 0a 00 00   ...4............
0040  00 01 00 00 00 00 01 03 03 07                     ..........
`);

// ACK with NOP NOP timestamps NOP NOP SACK (2 blocks) and 3 bytes of payload ("abc": HTTP, on port
// 80, waits for the rest of its request, hence "[TCP segment of a reassembled PDU]").
const SACK = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 4b 00 01 40 00 40 06 26 aa 0a 00 00 01 0a 00   .K..@.@.&.......
0020  00 02 07 d4 00 50 00 00 03 e8 00 00 00 37 d0 10   .....P.......7..
0030  fa f0 12 34 00 00 01 01 08 0a 00 00 00 05 00 00   ...4............
0040  00 06 01 01 05 12 00 00 00 64 00 00 00 c8 00 00   .........d......
0050  01 2c 00 00 01 90 61 62 63                        .,....abc
`);

// MSS with length 3 (then the next "option" has no length byte).
const BAD_MSS = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 2c 00 01 40 00 40 06 26 c9 0a 00 00 01 0a 00   .,..@.@.&.......
0020  00 02 07 d5 00 50 00 00 03 e8 00 00 00 00 60 02   .....P..........
0030  fa f0 12 34 00 00 02 03 05 b4                     ...4......
`);

// Unknown option 99, EOL, then non-zero padding.
const PADDING = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 30 00 01 40 00 40 06 26 c5 0a 00 00 01 0a 00   .0..@.@.&.......
0020  00 02 07 d8 00 50 00 00 03 e8 00 00 00 00 70 02   .....P........p.
0030  fa f0 12 34 00 00 63 04 01 02 00 00 05 00         ...4..c.......
`);

// Data offset 4 (16 bytes): bogus.
const BOGUS_HLEN = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 28 00 01 40 00 40 06 26 cd 0a 00 00 01 0a 00   .(..@.@.&.......
0020  00 02 07 d9 00 50 00 00 03 e8 00 00 00 03 40 18   .....P........@.
0030  fa f0 12 34 00 00                                 ...4..
`);

// RST.
const RST = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 28 00 01 40 00 40 06 26 cd 0a 00 00 01 0a 00   .(..@.@.&.......
0020  00 02 07 db 00 50 00 00 03 e8 00 00 00 00 50 04   .....P........P.
0030  fa f0 12 34 00 00                                 ...4..
`);

// A SYN whose options were cut by the snap length (70 bytes on the wire, 60 captured).
const CUT = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 38 00 01 40 00 40 06 26 bd 0a 00 00 01 0a 00   .8..@.@.&.......
0020  00 02 07 de 00 50 00 00 03 e8 00 00 00 00 90 02   .....P..........
0030  fa f0 12 34 00 00 02 04 05 b4 01 01               ...4........
`);

// TCP Fast Open: a SYN asking for a cookie (option 34, length 2), a SYN carrying one, and the
// SYN-ACK handing one out (10.0.0.2:80 → 10.0.0.1:1234).
const TFO_REQUEST = hexDump(`
0000  02 11 22 33 44 55 02 77 88 99 aa bb 08 00 45 00   .."3DU.w......E.
0010  00 2c 00 01 00 00 40 06 66 c9 0a 00 00 01 0a 00   .,....@.f.......
0020  00 02 04 d2 00 50 00 00 03 e8 00 00 00 00 60 02   .....P..........
0030  fa f0 64 de 00 00 22 02 01 01                     ..d..."...
`);
const TFO_SYN_COOKIE = hexDump(`
0000  00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00   .."3DUfw......E.
0010  00 34 00 01 00 00 40 06 66 c1 0a 00 00 01 0a 00   .4....@.f.......
0020  00 02 04 d2 00 50 00 00 03 e8 00 00 00 00 80 02   .....P..........
0030  fa f0 38 be 00 00 22 0a 00 01 02 03 04 05 06 07   ..8...".........
0040  01 01                                             ..
`);
const TFO_SYNACK_COOKIE = hexDump(`
0000  02 11 22 33 44 55 02 77 88 99 aa bb 08 00 45 00   .."3DU.w......E.
0010  00 34 00 01 00 00 40 06 66 c1 0a 00 00 02 0a 00   .4....@.f.......
0020  00 01 00 50 04 d2 00 00 13 88 00 00 03 e9 80 12   ...P............
0030  fa f0 25 25 00 00 22 0a 00 01 02 03 04 05 06 07   ..%%..".........
0040  01 01                                             ..
`);

// RFC 6994 experimental options (kinds 253/254 with an experiment identifier): a TCP ACK Rate
// Request with rate 5, an unknown experiment with 4 bytes of data, Fast Open's cookie as an
// experiment (0xf989), and a length too short for an identifier.
const EXP_TARR = hexDump(`
0000  02 11 22 33 44 55 02 77 88 99 aa bb 08 00 45 00   .."3DU.w......E.
0010  00 30 00 01 00 00 40 06 66 c5 0a 00 00 01 0a 00   .0....@.f.......
0020  00 02 07 db 00 50 00 00 03 e8 00 00 00 00 70 02   .....P........p.
0030  fa f0 6a 20 00 00 fe 05 00 ac 0b 01 01 01         ..j ..........
`);
const EXP_UNKNOWN = hexDump(`
0000  02 11 22 33 44 55 02 77 88 99 aa bb 08 00 45 00   .."3DU.w......E.
0010  00 30 00 01 00 00 40 06 66 c5 0a 00 00 01 0a 00   .0....@.f.......
0020  00 02 07 d2 00 50 00 00 03 e8 00 00 00 00 70 02   .....P........p.
0030  fa f0 60 9a 00 00 fe 08 12 34 01 02 03 04         .........4....
`);
const EXP_TFO = hexDump(`
0000  02 11 22 33 44 55 02 77 88 99 aa bb 08 00 45 00   .."3DU.w......E.
0010  00 34 00 01 00 00 40 06 66 c1 0a 00 00 01 0a 00   .4....@.f.......
0020  00 02 07 d3 00 50 00 00 03 e8 00 00 00 00 80 02   .....P..........
0030  fa f0 61 31 00 00 fe 0c f9 89 00 01 02 03 04 05   ..a1............
0040  06 07                                             ..
`);
const EXP_SHORT = hexDump(`
0000  02 11 22 33 44 55 02 77 88 99 aa bb 08 00 45 00   .."3DU.w......E.
0010  00 2c 00 01 00 00 40 06 66 c9 0a 00 00 01 0a 00   .,....@.f.......
0020  00 02 07 d4 00 50 00 00 03 e8 00 00 00 00 60 02   .....P..........
0030  fa f0 8e d9 00 00 fd 03 f9 01                     ..........
`);

// A CC.NEW option (kind 12) with connection count 6.
const CC_NEW = hexDump(`
0000  02 11 22 33 44 55 02 77 88 99 aa bb 08 00 45 00   .."3DU.w......E.
0010  00 30 00 01 00 00 40 06 66 c5 0a 00 00 01 0a 00   .0....@.f.......
0020  00 02 08 36 00 50 00 00 03 e8 00 00 00 00 70 02   ...6.P........p.
0030  fa f0 67 6c 00 00 0c 06 00 00 00 06 01 01         ..gl..........
`);

// A SYN with MSS and a TCP Authentication Option (kind 29, RFC 5925): KeyID 1, RNextKeyID 2, a
// 12-byte MAC.
const AO = hexDump(`
0000  02 11 22 33 44 55 02 77 88 99 aa bb 08 00 45 00  .."3DU.w......E.
0010  00 3c 00 01 00 00 40 06 66 b9 0a 00 00 01 0a 00  .<....@.f.......
0020  00 02 08 35 00 50 00 00 03 e8 00 00 00 00 a0 02  ...5.P..........
0030  fa f0 00 00 00 00 02 04 05 b4 1d 10 01 02 00 01  ................
0040  02 03 04 05 06 07 08 09 0a 0b                    ..........
`);

// An ACK with a TCP-AO option of length 3 (shorter than its 4-byte minimum).
const AO_SHORT = hexDump(`
0000  02 11 22 33 44 55 02 77 88 99 aa bb 08 00 45 00  .."3DU.w......E.
0010  00 2c 00 01 00 00 40 06 66 c9 0a 00 00 01 0a 00  .,....@.f.......
0020  00 02 08 36 00 50 00 00 03 e8 00 00 00 37 60 10  ...6.P.......7..
0030  fa f0 00 00 00 00 1d 03 01 00                    ..........
`);

// An ACK (ack 55) with NOP, then SACK of length 11: one block 48-64 and a stray byte.
const SACK_ODD = hexDump(`
0000  02 11 22 33 44 55 02 77 88 99 aa bb 08 00 45 00  .."3DU.w......E.
0010  00 38 00 01 00 00 40 06 66 bd 0a 00 00 01 0a 00  .8....@.f.......
0020  00 02 08 37 00 50 00 00 03 e8 00 00 00 37 90 10  ...7.P.......7..
0030  fa f0 00 00 00 00 01 05 0b 00 00 00 30 00 00 00  ............0...
0040  40 07 01 00 00 00                                @.....
`);

// An ACK (ack 55) with a SACK of length 7: a left edge (48) and no right edge.
const SACK_SHORT = hexDump(`
0000  02 11 22 33 44 55 02 77 88 99 aa bb 08 00 45 00  .."3DU.w......E.
0010  00 30 00 01 00 00 40 06 66 c5 0a 00 00 01 0a 00  .0....@.f.......
0020  00 02 08 38 00 50 00 00 03 e8 00 00 00 37 70 10  ...8.P.......7p.
0030  fa f0 00 00 00 00 05 07 00 00 00 30 01 01        ...........0..
`);

let installed: TcpStreamTracker | null = null;
beforeAll(() => {
  installed = tcpStreamTracker();
  setTcpStreamTracker(null);
});
afterEach(() => setTcpStreamTracker(null));
afterAll(() => setTcpStreamTracker(installed));

describe('TCP', () => {
  it('decodes every flag bit, the 12-bit flags field and its letters', () => {
    const p = dissect(ALL_FLAGS);
    expect(fieldsOf(p, [
      'tcp.srcport', 'tcp.dstport', 'tcp.port', 'tcp.seq', 'tcp.seq_raw', 'tcp.ack', 'tcp.ack_raw', 'tcp.nxtseq', 'tcp.len', 'tcp.hdr_len',
      'tcp.flags', 'tcp.flags.res', 'tcp.flags.ae', 'tcp.flags.cwr', 'tcp.flags.ece', 'tcp.flags.urg', 'tcp.flags.ack', 'tcp.flags.push',
      'tcp.flags.reset', 'tcp.flags.syn', 'tcp.flags.fin', 'tcp.flags.str', 'tcp.window_size_value', 'tcp.window_size', 'tcp.checksum',
      'tcp.checksum.status', 'tcp.urgent_pointer',
    ])).toEqual({
      'tcp.srcport': '2000', 'tcp.dstport': '80', 'tcp.port': '2000,80', 'tcp.seq': '1000', 'tcp.seq_raw': '1000', 'tcp.ack': '7',
      'tcp.ack_raw': '7', 'tcp.nxtseq': '1001', 'tcp.len': '0', 'tcp.hdr_len': '20', 'tcp.flags': '0x0fff', 'tcp.flags.res': '1',
      'tcp.flags.ae': '1', 'tcp.flags.cwr': '1', 'tcp.flags.ece': '1', 'tcp.flags.urg': '1', 'tcp.flags.ack': '1', 'tcp.flags.push': '1',
      'tcp.flags.reset': '1', 'tcp.flags.syn': '1', 'tcp.flags.fin': '1', 'tcp.flags.str': 'RRRACEUAPRSF', 'tcp.window_size_value': '64240',
      'tcp.window_size': '64240', 'tcp.checksum': '0x1234', 'tcp.checksum.status': '2', 'tcp.urgent_pointer': '5',
    });
    expect([p.protocol, p.info]).toEqual(['TCP', '2000 → 80 [FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE, Reserved] Seq=1000 Ack=7 Win=64240 Urg=5 Len=0']);
    const flags = findNodes(p.tree, 'tcp.flags')[0]!;
    expect(nodeLabel(flags)).toBe('Flags: 0xfff (FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE, Reserved)');
    expect(flags.children!.map((n) => nodeLabel(n)).slice(0, 3)).toEqual(['111. .... .... = Reserved: Set', '...1 .... .... = Accurate ECN: Set', '.... 1... .... = Congestion Window Reduced: Set']);
    expect(tcpFlagsText(0)).toBe('<None>');
    expect(tcpFlagsLetters(0x012)).toBe('\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7A\u00b7\u00b7S\u00b7');
    expect(tcpFlagsLetters(0x110)).toBe('\u00b7\u00b7\u00b7A\u00b7\u00b7\u00b7A\u00b7\u00b7\u00b7\u00b7');
  });

  it('lists the flags\' expert items in the order of their flag items in a reduced tree too (RST, SYN, FIN), as tshark -T fields', () => {
    const names = ['_ws.expert.message'];
    const reduced = new CaptureDissector().dissect({ num: 1, tsSec: 1, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: ALL_FLAGS.length }, ALL_FLAGS, new TreeInterest([fieldByName('_ws.expert.message')!.id]));
    const full = dissect(ALL_FLAGS);
    const order = (p: { tree: Parameters<typeof extractFields>[0] }) => extractFields(p.tree, names)[0]!.filter((m) => /^Connection /.test(m));
    expect(order(reduced)).toEqual(['Connection reset (RST)', 'Connection establish acknowledge (SYN+ACK): server port 2000', 'Connection finish (FIN)']);
    expect(order(full)).toEqual(order(reduced));
  });

  it('decodes SYN options and writes them into Info', () => {
    const p = dissect(SYN);
    expect(p.info).toBe('2003 → 80 [SYN] Seq=1000 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=1 TSecr=0 WS=128');
    expect(fieldsOrExperts(p, ['tcp.hdr_len', 'tcp.option_kind', 'tcp.option_len', 'tcp.options.mss_val', 'tcp.options.wscale.shift', 'tcp.options.wscale.multiplier', 'tcp.options.timestamp.tsval', 'tcp.options.timestamp.tsecr', 'tcp.options', 'tcp.connection.syn'])).toEqual({
      'tcp.hdr_len': '40', 'tcp.option_kind': '2,4,8,1,3', 'tcp.option_len': '4,2,10,3', 'tcp.options.mss_val': '1460', 'tcp.options.wscale.shift': '7',
      'tcp.options.wscale.multiplier': '128', 'tcp.options.timestamp.tsval': '1', 'tcp.options.timestamp.tsecr': '0',
      'tcp.options': '020405b40402080a000000010000000001030307', 'tcp.connection.syn': 'Connection establish request (SYN): server port 80',
    });
    const opts = findNodes(p.tree, 'tcp.options')[0]!;
    expect(nodeLabel(opts)).toBe('Options: (20 bytes), Maximum segment size, SACK permitted, Timestamps, No-Operation (NOP), Window scale');
    expect(opts.children!.map((n) => nodeLabel(n))).toEqual([
      'TCP Option - Maximum segment size: 1460 bytes', 'TCP Option - SACK permitted', 'TCP Option - Timestamps: TSval 1, TSecr 0',
      'TCP Option - No-Operation (NOP)', 'TCP Option - Window scale: 7 (multiply by 128)',
    ]);
  });

  it('decodes SACK blocks', () => {
    const p = dissect(SACK);
    expect(p.info).toBe('2004 → 80 [ACK] Seq=1000 Ack=55 Win=64240 Len=3 TSval=5 TSecr=6 SLE=100 SRE=200 SLE=300 SRE=400 [TCP segment of a reassembled PDU]');
    expect(fieldsOf(p, ['tcp.len', 'tcp.nxtseq', 'tcp.options.sack_le', 'tcp.options.sack_re', 'tcp.options.sack.count', 'tcp.payload'])).toEqual({
      'tcp.len': '3', 'tcp.nxtseq': '1003', 'tcp.options.sack_le': '100,300', 'tcp.options.sack_re': '200,400', 'tcp.options.sack.count': '2',
      'tcp.payload': '616263',
    });
    expect(nodeLabel(findNodes(p.tree, 'tcp.options.sack')[0]!)).toBe('TCP Option - SACK 100-200 300-400');
  });

  it('hands the payload to the port table, the heuristics, then data', () => {
    // The same segment to port 9999 (nobody's): data.
    const b = SACK.slice();
    b[0x24] = 0x27;
    b[0x25] = 0x0f;
    const p = dissect(b);
    expect(fieldsOf(p, ['tcp.payload', 'data.data', 'frame.protocols'])).toEqual({ 'tcp.payload': '616263', 'data.data': '616263', 'frame.protocols': 'eth:ethertype:ip:tcp:data' });
    expect(p.protocol).toBe('TCP');
  });

  it('reports option length errors like Wireshark', () => {
    const bad = dissect(BAD_MSS);
    expect(bad.info).toBe('2005 → 80 [SYN] Seq=1000 Win=64240 Len=0');
    expect(fieldsOrExperts(bad, ['tcp.option_kind', 'tcp.option_len', 'tcp.options.mss_val', 'tcp.option.len.invalid'])).toEqual({
      'tcp.option_kind': '2', 'tcp.option_len': '3', 'tcp.options.mss_val': '', 'tcp.option.len.invalid': 'option length should be 4,Unknown (0xb4) (length byte past end of options)',
    });
    const pad = dissect(PADDING);
    expect(fieldsOrExperts(pad, ['tcp.option_kind', 'tcp.options.unknown.payload', 'tcp.non_zero_bytes_after_eol', 'tcp.options.mss.absent'])).toEqual({
      'tcp.option_kind': '99,0,0', 'tcp.options.unknown.payload': '0102', 'tcp.non_zero_bytes_after_eol': 'Non-zero header padding', 'tcp.options.mss.absent': '',
    });
    expect(nodeLabel(findNodes(pad.tree, 'tcp.options')[0]!)).toBe('Options: (8 bytes), Unknown (0x63), End of Option List (EOL), End of Option List (EOL)');
  });

  it('decodes TCP Fast Open: the cookie request, and a cookie whose SYN gets tcp.analysis.tfo_syn', () => {
    const fields = ['tcp.options.tfo.request', 'tcp.options.tfo.cookie', 'tcp.analysis.tfo_syn', '_ws.expert.message'];
    const request = dissect(TFO_REQUEST);
    expect(request.info).toBe('1234 → 80 [SYN] Seq=1000 Win=64240 Len=0 TFO=R');
    expect(fieldsOf(request, fields)).toEqual({
      'tcp.options.tfo.request': '1', 'tcp.options.tfo.cookie': '', 'tcp.analysis.tfo_syn': '',
      '_ws.expert.message': 'Connection establish request (SYN): server port 80,The SYN packet does not contain a MSS option',
    });
    expect(findNodes(request.tree, 'tcp.options.tfo.request')).toHaveLength(1);
    const syn = dissect(TFO_SYN_COOKIE);
    expect(fieldsOf(syn, fields)).toMatchObject({ 'tcp.options.tfo.cookie': '0001020304050607' });
    expect(findNodes(syn.tree, 'tcp.analysis.tfo_syn').map((n) => nodeLabel(n))).toEqual(['TCP SYN with TFO Cookie']);
    const synAck = dissect(TFO_SYNACK_COOKIE);
    expect(synAck.info).toBe('80 → 1234 [SYN, ACK] Seq=5000 Ack=1001 Win=64240 Len=0 TFO=C');
    expect(findNodes(synAck.tree, 'tcp.analysis.tfo_syn')).toEqual([]);
  });

  it('decodes experimental options by their identifier, as tshark 4.0', () => {
    const labels = (p: ReturnType<typeof dissect>) => findNodes(p.tree, 'tcp.options.experimental').flatMap((n) => [nodeLabel(n), ...(n.children ?? []).map((c) => nodeLabel(c))]);
    const tarr = dissect(EXP_TARR);
    expect(tarr.info).toBe('2011 → 80 [SYN] Seq=1000 Win=64240 Len=0 TARR=5');
    expect(labels(tarr)).toEqual(['TCP Option - Experimental: TCP ACK Rate Request 5', 'Kind: RFC3692-style Experiment 2 (254)', 'Length: 5',
      'Experiment Identifier: TCP ACK Rate Request (0x00ac)', '0000 101. = TARR Rate: 5', '.... ...1 = TARR Reserved: 1']);
    const unknown = dissect(EXP_UNKNOWN);
    expect(unknown.info).toBe('2002 → 80 [SYN] Seq=1000 Win=64240 Len=0 ExID=1234');
    expect(labels(unknown).slice(0, 1).concat(labels(unknown).slice(3))).toEqual(['TCP Option - Experimental: Unknown', 'Experiment Identifier: Unknown (0x1234)', 'Data: 01020304']);
    const tfo = dissect(EXP_TFO);
    expect(tfo.info).toBe('2003 → 80 [SYN] Seq=1000 Win=64240 Len=0 TFO=C');
    expect(fieldsOf(tfo, ['tcp.options.tfo.cookie', 'tcp.analysis.tfo_syn'])).toEqual({ 'tcp.options.tfo.cookie': '0001020304050607', 'tcp.analysis.tfo_syn': '1' });
    const short = dissect(EXP_SHORT);
    expect(fieldsOrExperts(short, ['tcp.options.experimental.exid', 'tcp.option.len.invalid'])).toEqual({
      'tcp.options.experimental.exid': '', 'tcp.option.len.invalid': 'option length 3 smaller than 4',
    });
  });

  it('shows CC.NEW as tshark 4.0 does: named so on the Options line, its item and Info those of CC', () => {
    const p = dissect(CC_NEW);
    expect(p.info).toBe('2102 → 80 [SYN] Seq=1000 Win=64240 Len=0 CC=6');
    expect(nodeLabel(findNodes(p.tree, 'tcp.options')[0]!)).toBe('Options: (8 bytes), CC.NEW, No-Operation (NOP), No-Operation (NOP)');
    expect(findNodes(p.tree, 'tcp.options.cc').map((n) => nodeLabel(n))).toEqual(['TCP Option - CC']);
    expect(fieldsOf(p, ['tcp.options.cc_value'])).toEqual({ 'tcp.options.cc_value': '6' });
  });

  it('stops after the sequence number on a bogus header length', () => {
    const p = dissect(BOGUS_HLEN);
    expect(p.info).toBe('2009 → 80 [PSH, ACK] Seq=1000 Ack=3 Win=64240, bogus TCP header length (16, must be at least 20)');
    expect(fieldsOrExperts(p, ['tcp.len', 'tcp.seq', 'tcp.hdr_len', 'tcp.ack', 'tcp.flags', 'tcp.bogus_header_length'])).toEqual({
      'tcp.len': '4', 'tcp.seq': '1000', 'tcp.hdr_len': '16', 'tcp.ack': '', 'tcp.flags': '', 'tcp.bogus_header_length': 'Bogus TCP header length (16, must be at least 20)',
    });
    expect(nodeLabel(findNodes(p.tree, 'tcp')[0]!)).toBe('Transmission Control Protocol, Src Port: 2009, Dst Port: 80, Seq: 1000');
  });

  it('names the options read before an exception, and shows a short segment as text with its expert, as tshark 4.0', () => {
    const d = new CaptureDissector();
    const meta = (num: number, origLen: number) => ({ num, tsSec: num, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen });
    const cut = d.dissect(meta(1, 70), CUT, true);
    expect(nodeLabel(findNodes(cut.tree, 'tcp.options')[0]!)).toBe('Options: (16 bytes), Maximum segment size, No-Operation (NOP), No-Operation (NOP)');
    // ALL_FLAGS with a data offset of 11 (44 bytes) in a 20-byte segment.
    const bytes = ALL_FLAGS.slice();
    bytes[0x2e] = 0xbf;
    const short = d.dissect(meta(2, bytes.length), bytes, true);
    const text = findNodes(short.tree, 'tcp')[0]!.children!.find((n) => n.label?.startsWith('Short segment. Segment/fragment does not contain a full TCP header'));
    expect(text && findNodes(text, 'tcp.short_segment')).toHaveLength(1);
    // -T fields -e _ws.malformed: the hidden items beside malformed-group experts print their name.
    expect(extractFields(short.tree, ['_ws.malformed'])[0]).toEqual(['_ws.malformed', '[Malformed Packet: TCP]', '_ws.malformed']);
  });

  it('marks who closes first right after the FIN flag, so a header cut before its checksum has it too, as tshark 4.0', () => {
    // A FIN, ACK whose IPv4 total length (36) leaves 16 of its 32 header bytes (from the mutation
    // fuzzing): malformed, so dissected with the dispatcher's catch on.
    const bytes = hexDump(`
0000  00 90 7f 3e 02 d0 00 50 43 01 4d d4 08 00 45 00   ...>...PC.M...E.
0010  00 24 3a b4 40 00 40 06 58 99 ac b1 85 84 62 8a   .$:.@.@.X.....b.
0020  13 58 ad 0c 00 50 3d 68 f8 5d d1 3c cf 24 80 11   .X...P=h.].<.$..
0030  00 17 7c 07 00 00 01 01 08 0a 07 d6 cc 6d 57 aa   ..|..........mW.
0040  a3 c4                                             ..
`);
    setTcpStreamTracker(installed);
    const p = new CaptureDissector().dissect({ num: 1, tsSec: 1, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: bytes.length }, bytes, true);
    // tshark 4.0.17's _ws.expert.message for these bytes.
    expect(extractFields(p.tree, ['_ws.expert.message'])[0]).toEqual([
      'Didn\'t find padding of zeros, and an undecoded trailer exists. There may be padding of non-zeros.',
      'Short segment. Segment/fragment does not contain a full TCP header (might be NMAP or someone else deliberately sending unusual packets)',
      'Connection finish (FIN)', 'This frame initiates the connection closing', 'Malformed Packet (Exception occurred)',
    ]);
  });

  it('shows the part of an option that runs past the segment, then a contained-bounds error, as tshark 4.0', () => {
    // A timestamps option of which the IPv4 total length (48) leaves 6 bytes (from the mutation fuzzing).
    const bytes = hexDump(`
0000  02 00 00 99 00 02 02 00 00 99 00 01 08 00 45 00   ..............E.
0010  00 30 1c cb 40 00 40 06 09 31 0a 63 00 01 0a 63   .0..@.@..1.c...c
0020  00 02 b1 b2 1f 90 e6 cc 8b 1e d1 1e 99 0a 80 10   ................
0030  00 4e 9b 04 00 00 01 01 08 0a 2a a3 1c 1d 1a dc   .N........*.....
0040  b7 ae                                             ..
`);
    const p = new CaptureDissector().dissect({ num: 1, tsSec: 1, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: bytes.length }, bytes, true);
    expect(p.info).toBe('45490 → 8080 [ACK] Seq=3872164638 Ack=3508443402 Win=78[Malformed Packet: length of contained item exceeds length of containing item]');
    expect(findNodes(p.tree, 'tcp.option_kind').length).toBe(3);
    expect(fieldsOf(p, ['tcp.options.timestamp.tsval', 'tcp.options.timestamp.tsecr'])).toEqual({ 'tcp.options.timestamp.tsval': '715332637', 'tcp.options.timestamp.tsecr': '' });
    expect(findNodes(p.tree, '_ws.malformed').map((n) => nodeLabel(n))).toContain('[Malformed Packet: TCP: length of contained item exceeds length of containing item]');
  });

  it('shows a RST\'s text as a C string with its controls escaped, as tshark 4.0 (tcp.reset_cause)', () => {
    // RST with "ok\r\nbye\0junk" after the header (the IPv4 total length grown to match).
    const text = [0x6f, 0x6b, 0x0d, 0x0a, 0x62, 0x79, 0x65, 0x00, 0x6a, 0x75, 0x6e, 0x6b];
    const bytes = new Uint8Array([...RST, ...text]);
    bytes[0x11] = 0x28 + text.length;
    const p = dissect(bytes);
    expect(fieldsOf(p, ['tcp.reset_cause'])).toEqual({ 'tcp.reset_cause': 'ok\r\nbye' });
    expect(findNodes(p.tree, 'tcp.reset_cause').map((n) => nodeLabel(n))).toEqual(['Reset cause: ok\\r\\nbye']);
  });

  it('writes [RST] and marks truncated options as packet size limited', () => {
    expect(dissect(RST).info).toBe('2011 → 80 [RST] Seq=1000 Win=64240 Len=0');
    let err: unknown;
    try {
      dissect(CUT, 1, 70);
    } catch (e) {
      err = e;
    }
    expect((err as { kind?: string }).kind).toBe('truncated');
  });

  it('lets a stream tracker replace the numbers shown and prefix the Info', () => {
    setTcpStreamTracker({
      segment(hdr, _pinfo, shown) {
        shown.seq = (hdr.seq - 999) >>> 0;
        shown.nxtseq = shown.seq + hdr.segLen;
        shown.window = hdr.win * 4;
        shown.infoPrefix = '[TCP Test] ';
        expect(hdr.sackCount).toBe(2);
        expect(hdr.tsval).toBe(5);
      },
    });
    const p = dissect(SACK);
    expect(p.info).toBe('[TCP Test] 2004 → 80 [ACK] Seq=1 Ack=55 Win=256960 Len=3 TSval=5 TSecr=6 SLE=100 SRE=200 SLE=300 SRE=400 [TCP segment of a reassembled PDU]');
    expect(fieldsOf(p, ['tcp.seq', 'tcp.seq_raw', 'tcp.nxtseq', 'tcp.window_size', 'tcp.window_size_value'])).toEqual({
      'tcp.seq': '1', 'tcp.seq_raw': '1000', 'tcp.nxtseq': '4', 'tcp.window_size': '256960', 'tcp.window_size_value': '64240',
    });
  });

  it('with the installed stream tracker: relative numbers, as tshark shows them by default', () => {
    expect(installed).not.toBeNull();
    setTcpStreamTracker(installed);
    expect(dissect(SYN).info).toBe('2003 → 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=1 TSecr=0 WS=128');
    const p = dissect(ALL_FLAGS);
    expect(p.info).toBe('2000 → 80 [FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE, Reserved] Seq=0 Ack=1 Win=64240 Urg=5 Len=0');
    expect(fieldsOf(p, ['tcp.seq', 'tcp.seq_raw', 'tcp.ack', 'tcp.ack_raw'])).toEqual({ 'tcp.seq': '0', 'tcp.seq_raw': '1000', 'tcp.ack': '1', 'tcp.ack_raw': '7' });
    expect(dissect(RST).info).toBe('2011 → 80 [RST] Seq=1 Win=64240 Len=0');
  });

  it('decodes the TCP Authentication Option, its name put in Info with no space as tshark 4.0 does', () => {
    const p = dissect(AO);
    expect(p.info).toBe('2101 → 80 [SYN] Seq=1000 Win=64240 Len=0 MSS=1460TCP AO');
    expect(fieldsOf(p, ['tcp.options.ao.keyid', 'tcp.options.ao.rnextkeyid', 'tcp.options.ao.mac'])).toEqual({
      'tcp.options.ao.keyid': '1', 'tcp.options.ao.rnextkeyid': '2', 'tcp.options.ao.mac': '000102030405060708090a0b',
    });
    expect(nodeLabel(findNodes(p.tree, 'tcp.options')[0]!)).toBe('Options: (20 bytes), Maximum segment size, TCP AO');
    const short = dissect(AO_SHORT);
    expect(short.info).toBe('2102 → 80 [ACK] Seq=1000 Ack=55 Win=64240 Len=0TCP AO');
    expect(fieldsOrExperts(short, ['tcp.option.len.invalid', 'tcp.options.ao.keyid'])).toEqual({ 'tcp.option.len.invalid': 'option length should be >= than 4', 'tcp.options.ao.keyid': '' });
  });

  it('a SACK whose length leaves a block short: "suboption would go past end of option", as tshark 4.0', () => {
    const odd = dissect(SACK_ODD);
    expect(odd.info).toBe('2103 → 80 [ACK] Seq=1000 Ack=55 Win=64240 Len=0 SLE=48 SRE=64');
    expect(fieldsOrExperts(odd, ['tcp.options.sack_le', 'tcp.options.sack_re', 'tcp.options.sack.count', 'tcp.suboption_malformed', 'tcp.options.sack.dsack_le'])).toEqual({
      'tcp.options.sack_le': '48', 'tcp.options.sack_re': '64', 'tcp.options.sack.count': '1', 'tcp.suboption_malformed': 'suboption would go past end of option', 'tcp.options.sack.dsack_le': '',
    });
    expect(nodeLabel(findNodes(odd.tree, 'tcp.options')[0]!)).toBe('Options: (16 bytes), No-Operation (NOP), SACK, No-Operation (NOP), End of Option List (EOL), End of Option List (EOL), End of Option List (EOL)');
    // No block at all: Wireshark still tests its first block (edges 0, at or below the ACK) for
    // D-SACK and reads it again from the option, which has no right edge: the header is malformed.
    const d = new CaptureDissector();
    const p = d.dissect({ num: 1, tsSec: 1, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: SACK_SHORT.length }, SACK_SHORT, true);
    expect(p.info).toBe('2104 → 80 [ACK] Seq=1000 Ack=55 Win=64240 Len=0[Malformed Packet]');
    expect(fieldsOrExperts(p, ['tcp.options.sack_le', 'tcp.options.sack.count', 'tcp.suboption_malformed', 'tcp.options.sack.dsack_le', 'tcp.options.sack.dsack_re'])).toEqual({
      'tcp.options.sack_le': '48', 'tcp.options.sack.count': '0', 'tcp.suboption_malformed': 'suboption would go past end of option', 'tcp.options.sack.dsack_le': '48', 'tcp.options.sack.dsack_re': '',
    });
    expect(extractFields(p.tree, ['_ws.malformed'])[0]).toEqual(['_ws.malformed', '[Malformed Packet: TCP]', '_ws.malformed']);
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    for (const f of [ALL_FLAGS, SYN, SACK, BAD_MSS, PADDING, BOGUS_HLEN, RST, TFO_REQUEST, TFO_SYN_COOKIE, TFO_SYNACK_COOKIE, EXP_TARR, EXP_UNKNOWN, EXP_TFO, EXP_SHORT, CC_NEW, AO, AO_SHORT, SACK_ODD, SACK_SHORT]) checkTruncations(f);
    checkTruncations(CUT, { origLen: 70 });
    setTcpStreamTracker(installed);
    for (const f of [ALL_FLAGS, SYN, SACK, BAD_MSS, PADDING, BOGUS_HLEN, RST]) checkTruncations(f);
  });
});

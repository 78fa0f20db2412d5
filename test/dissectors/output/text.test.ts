/**
 * -V and -x text: tshark's hex dump layout, the tree printer's rules (indentation, generated and
 * hidden items, expert items, Data bytes, label truncation) and end-to-end output of a packet
 * whose dissectors are complete, compared with tshark 4.0.17's text.
 */
import '../../../dissectors/packet.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defineExpert } from '../../../dissectors/core/expert.js';
import { defineField, defineProtocol } from '../../../dissectors/core/fields.js';
import { PacketInfo } from '../../../dissectors/core/pinfo.js';
import { ProtoNode } from '../../../dissectors/core/tree.js';
import { Tvb } from '../../../dissectors/core/tvb.js';
import { cutAppendedLabel, hexDump, hexDumpLines, packetHexDump, treeText, truncateLabel } from '../../../dissectors/output/text.js';
import { runCli } from '../../electron/cli/run-cli.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));

// arkime-cloudshark-arp.pcap frame 1 (60 bytes):
// 0000  ff ff ff ff ff ff 00 1a 6b 6c 0c cc 08 06 00 01   ........kl......
// 0010  08 00 06 04 00 01 00 1a 6b 6c 0c cc 0a 0a 0a 02   ........kl......
// 0020  00 00 00 00 00 00 0a 0a 0a 01 00 00 00 00 00 00   ................
// 0030  00 00 00 00 00 00 00 00 00 00 00 00               ............
const ARP_FRAME = new Uint8Array([
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x1a, 0x6b, 0x6c, 0x0c, 0xcc, 0x08, 0x06, 0x00, 0x01,
  0x08, 0x00, 0x06, 0x04, 0x00, 0x01, 0x00, 0x1a, 0x6b, 0x6c, 0x0c, 0xcc, 0x0a, 0x0a, 0x0a, 0x02,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a, 0x0a, 0x0a, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
]);

// `tshark -n -r arkime-cloudshark-arp.pcap -x -c 1`, without the empty line that follows.
const ARP_HEX = `0000  ff ff ff ff ff ff 00 1a 6b 6c 0c cc 08 06 00 01   ........kl......
0010  08 00 06 04 00 01 00 1a 6b 6c 0c cc 0a 0a 0a 02   ........kl......
0020  00 00 00 00 00 00 0a 0a 0a 01 00 00 00 00 00 00   ................
0030  00 00 00 00 00 00 00 00 00 00 00 00               ............
`;

describe('hex dump (-x)', () => {
  it('lays the bytes out as tshark does', () => {
    expect(hexDump(ARP_FRAME)).toBe(ARP_HEX);
  });

  it('prints printable ASCII only, and nothing for no bytes', () => {
    expect(hexDumpLines(new Uint8Array([0x1f, 0x20, 0x41, 0x7e, 0x7f, 0x80, 0xff]))).toEqual([
      '0000  1f 20 41 7e 7f 80 ff                              . A~...',
    ]);
    expect(hexDump(new Uint8Array(0))).toBe('');
  });

  it('widens the offset column only when the data needs it', () => {
    expect(hexDumpLines(new Uint8Array(0x10000)).at(-1)!.slice(0, 6)).toBe('fff0  ');
    expect(hexDumpLines(new Uint8Array(0x10001)).at(-1)!.slice(0, 7)).toBe('10000  ');
  });

  it('names the data sources when a packet has more than one', () => {
    const two = packetHexDump([
      { name: 'Frame (2 bytes)', data: new Uint8Array([1, 2]) },
      { name: 'Reassembled IPv4 (1 byte)', data: new Uint8Array([0x41]) },
    ]);
    expect(two).toBe(
      'Frame (2 bytes):\n0000  01 02                                             ..\n' +
        'Reassembled IPv4 (1 byte):\n0000  41                                                A\n',
    );
    expect(packetHexDump([{ name: 'Frame (2 bytes)', data: new Uint8Array([1, 2]) }])).toBe(
      '0000  01 02                                             ..\n',
    );
  });
});

const pProto = defineProtocol('pltext', 'Text Test Protocol', 'PLTEXT');
const fPort = defineField('pltext.port', 'Port', 'uint16');
const fKind = defineField('pltext.kind', 'Kind', 'uint8', { vals: { 1: 'request', 2: 'reply' } });
const fLong = defineField('pltext.long', 'Long value', 'string');
const eiNote = defineExpert('pltext.note', 'protocol', 'warn', 'Something odd');
const pData = defineProtocol('data', 'Data', 'DATA');

describe('decode tree (-V)', () => {
  function tree(): { root: ProtoNode; bytes: Uint8Array } {
    const bytes = new Uint8Array([0x00, 0x50, 0x01, 0x41, 0x42, 0x43]);
    const tvb = Tvb.frame(bytes, bytes.length);
    const root = new ProtoNode(null, 0, bytes.length, null);
    const p = root.addProto(pProto, tvb, 0, 3, 'Text Test Protocol, Port 80');
    p.add(fPort, tvb, 0, 2);
    p.addHidden(fPort, tvb, 0, 2);
    const kind = p.add(fKind, tvb, 2, 1);
    kind.addGenerated(fPort, 8080);
    const pinfo = new PacketInfo();
    pinfo.reset({ num: 1, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: 6 }, bytes, root);
    pinfo.expert(kind, eiNote);
    root.addProto(pData, tvb, 3, 3, 'Data (3 bytes)');
    return { root, bytes };
  }

  it('indents by four spaces, brackets generated items, leaves hidden ones out, expands expert items', () => {
    const { root, bytes } = tree();
    expect(treeText(root, { hexForData: true, sourceData: (n) => (n === 0 ? bytes : undefined) })).toBe(
      [
        'Text Test Protocol, Port 80',
        '    Port: 80',
        '    Kind: request (1)',
        '        [Port: 8080]',
        '        [Expert Info (Warning/Protocol): Something odd]',
        '            [Something odd]',
        '            [Severity level: Warning]',
        '            [Group: Protocol]',
        'Data (3 bytes)',
        '',
        '0000  41 42 43                                          ABC',
        '',
      ].join('\n'),
    );
  });

  it('does not dump Data bytes when -x prints the packet anyway', () => {
    const { root } = tree();
    expect(treeText(root, { hexForData: false }).split('\n').slice(-2)).toEqual(['Data (3 bytes)', '']);
  });

  it("cuts labels that do not fit Wireshark's 240-byte buffer, marking them [truncated]", () => {
    const long = 'Long value: ' + 'x'.repeat(300);
    const cut = truncateLabel(long, 'Long value'.length);
    expect(cut.startsWith('Long value [truncated]: xxx')).toBe(true);
    // 238 bytes, as tshark 4.0 prints the long labels of pcpp-http-packets2.pcap and pcpp-frag_http_req.pcap.
    expect(Buffer.byteLength(cut)).toBe(238);
    expect(truncateLabel('y'.repeat(300), 0).startsWith(' [truncated]yyy')).toBe(true);
    // Never in the middle of a character.
    const euro = truncateLabel('€'.repeat(100), 0);
    expect(euro.endsWith('€')).toBe(true);
    expect(Buffer.byteLength(euro)).toBeLessThan(240);
    expect(truncateLabel('short', 0)).toBe('short');
    // Through the printer.
    const bytes = new Uint8Array(0);
    const root = new ProtoNode(null, 0, 0, null);
    root.add(fLong, Tvb.frame(bytes, 0), 0, 0, 'x'.repeat(300));
    expect(treeText(root)).toMatch(/^Long value \[truncated\]: x+\n$/);
  });

  it('cuts a label that text was appended to at 239 bytes, with no mark (proto_item_append_text)', () => {
    // tshark 4.0 on a 36-segment HTTP response (fixtures/own/tcp-analysis.pcap): the segment list
    // ends mid-entry, "…, #186]".
    expect(cutAppendedLabel('short')).toBe('short');
    expect(cutAppendedLabel('a'.repeat(239))).toBe('a'.repeat(239));
    expect(cutAppendedLabel('a'.repeat(300))).toBe('a'.repeat(239));
    const euro = cutAppendedLabel('€'.repeat(100));
    expect(euro).toBe('€'.repeat(79));
    const bytes = new Uint8Array(0);
    const root = new ProtoNode(null, 0, 0, null);
    const head = '36 Reassembled TCP Segments (50189 bytes): ';
    const list = Array.from({ length: 36 }, (_, k) => `#${160 + k}(1448)`).join(', ');
    root.add(fLong, Tvb.frame(bytes, 0), 0, 0, '').setLabel(head).appendLabel(list, () => head);
    const line = treeText(root).trimEnd();
    expect(line.length).toBe(239);
    expect(line.startsWith(head + '#160(1448), #161(1448)')).toBe(true);
    expect(line).not.toContain('[truncated]');
    // A label set at once is still marked.
    const set = new ProtoNode(null, 0, 0, null);
    set.add(fLong, Tvb.frame(bytes, 0), 0, 0, '').setLabel(head + list);
    expect(treeText(set)).toContain(' [truncated]36 Reassembled');
  });
});

describe('packetloom -V end to end', () => {
  it('prints the Ethernet and ARP layers of arkime-cloudshark-arp.pcap frame 1 as tshark does', async () => {
    const res = await runCli(['-n', '-r', join(CORPUS, 'arkime-cloudshark-arp.pcap'), '-V', '-c', '1']);
    expect(res.code).toBe(0);
    // From `tshark -n -r arkime-cloudshark-arp.pcap -V -c 1` (the Ethernet II and ARP parts).
    const tshark = `Ethernet II, Src: 00:1a:6b:6c:0c:cc, Dst: ff:ff:ff:ff:ff:ff
    Destination: ff:ff:ff:ff:ff:ff
        Address: ff:ff:ff:ff:ff:ff
        .... ..1. .... .... .... .... = LG bit: Locally administered address (this is NOT the factory default)
        .... ...1 .... .... .... .... = IG bit: Group address (multicast/broadcast)
    Source: 00:1a:6b:6c:0c:cc
        Address: 00:1a:6b:6c:0c:cc
        .... ..0. .... .... .... .... = LG bit: Globally unique address (factory default)
        .... ...0 .... .... .... .... = IG bit: Individual address (unicast)
    Type: ARP (0x0806)
    Padding: 000000000000000000000000000000000000
Address Resolution Protocol (request)
    Hardware type: Ethernet (1)
    Protocol type: IPv4 (0x0800)
    Hardware size: 6
    Protocol size: 4
    Opcode: request (1)
    Sender MAC address: 00:1a:6b:6c:0c:cc
    Sender IP address: 10.10.10.2
    Target MAC address: 00:00:00:00:00:00
    Target IP address: 10.10.10.1

`;
    expect(res.stdout.slice(res.stdout.indexOf('Ethernet II'))).toBe(tshark);
  });

  it('prints tree, empty line, hex, empty line with -V -x (tshark order)', async () => {
    const res = await runCli(['-n', '-r', join(CORPUS, 'arkime-cloudshark-arp.pcap'), '-V', '-x', '-c', '1']);
    expect(res.stdout.endsWith('    Target IP address: 10.10.10.1\n\n' + ARP_HEX + '\n')).toBe(true);
  });
});

describe('labels (dissectors/core/format.ts rules the tree printer relies on)', () => {
  const bytesField = defineField('pltext.bytes', 'Payload', 'bytes');
  const kindHex = defineField('pltext.kindhex', 'Kind', 'uint16', { base: 'hex', vals: { 1: 'one' } });
  const status = defineField('pltext.status', 'Checksum Status', 'uint8', { base: 'none', vals: { 0: 'Bad', 1: 'Good', 2: 'Unverified' } });
  const mac = defineField('pltext.mac', 'Source', 'ether');
  const label = (f: ReturnType<typeof defineField>, v: unknown, res?: object) => {
    const root = new ProtoNode(null, 0, 0, null);
    root.add(f, Tvb.frame(new Uint8Array(0), 0), 0, 0, v as never);
    return treeText(root, { resolver: res }).trimEnd();
  };

  it('cuts long byte strings after 36 bytes with an ellipsis, shows an empty one as <none>', () => {
    // tshark -V: "Data: 08090a0b…2a2b…" (36 bytes shown), "PadN: <none>"
    expect(label(bytesField, new Uint8Array(48).map((_, i) => i + 8))).toBe('Payload: 08090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b\u2026');
    expect(label(bytesField, new Uint8Array([0xde, 0xad]))).toBe('Payload: dead');
    expect(label(bytesField, new Uint8Array(0))).toBe('Payload: <none>');
  });

  it('names values, "Unknown" when there is no name, the name alone for BASE_NONE', () => {
    expect(label(fKind, 2)).toBe('Kind: reply (2)');
    expect(label(fKind, 9)).toBe('Kind: Unknown (9)');
    expect(label(kindHex, 1)).toBe('Kind: one (0x0001)');
    expect(label(kindHex, 0x3030)).toBe('Kind: Unknown (0x3030)');
    expect(label(status, 1)).toBe('Checksum Status: Good');
  });

  it('resolves MAC addresses in labels with -N m: "Name (address)"', () => {
    const res = { ether: (b: Uint8Array) => (b[0] === 0xff ? 'Broadcast' : undefined) };
    expect(label(mac, new Uint8Array([255, 255, 255, 255, 255, 255]), res)).toBe('Source: Broadcast (ff:ff:ff:ff:ff:ff)');
    // An address without a name still shows it in parentheses, as Wireshark's (address_with_resolution_to_str).
    expect(label(mac, new Uint8Array([0, 1, 2, 3, 4, 5]), res)).toBe('Source: 00:01:02:03:04:05 (00:01:02:03:04:05)');
    expect(label(mac, new Uint8Array([0, 1, 2, 3, 4, 5]))).toBe('Source: 00:01:02:03:04:05');
  });
});

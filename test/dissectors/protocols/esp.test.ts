/**
 * ESP (RFC 4303, dissectors/protocols/esp.ts) without keys, as tshark 4.0 shows it by default: the
 * SPI and sequence number, and the sequence analysis per SPI. Expected values: tshark 4.0.17 on the
 * same bytes.
 */
import { describe, expect, it } from 'vitest';
import { nodeLabel } from '../../../dissectors/core/format.js';
import { extractFields, findNodes } from '../../../dissectors/output/fields.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { checkTruncations, dissect, dissectFrames, fieldsOf, hexDump } from '../../helpers/corpus-net.js';

// Crafted: 192.0.2.1 → 192.0.2.2, ESP with SPI 0x1000, sequence number 1, 24 bytes of ciphertext.
const ESP = hexDump(`
0000  00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00   .."3DU.fw.....E.
0010  00 34 00 07 00 00 40 32 f6 8d c0 00 02 01 c0 00   .4....@2........
0020  02 02 00 00 10 00 00 00 00 01 00 07 0e 15 1c 23   ...............#
0030  2a 31 38 3f 46 4d 54 5b 62 69 70 77 7e 85 8c 93   *18?FMT[bipw~...
0040  9a a1                                             ..
`);

/** ESP with another SPI and sequence number (the IPv4 checksum does not cover them). */
function esp(spi: number, seq: number): Uint8Array {
  const b = ESP.slice();
  new DataView(b.buffer).setUint32(34, spi);
  new DataView(b.buffer).setUint32(38, seq);
  return b;
}

const ANALYSIS = ['esp.sequence', 'esp.sequence-analysis.expected-sn', 'esp.sequence-analysis.previous-frame', '_ws.expert.message'];

describe('ESP', () => {
  it('shows the SPI and the sequence number, not the encrypted rest', () => {
    const p = dissect(ESP);
    expect([p.protocol, p.info]).toEqual(['ESP', 'ESP (SPI=0x00001000)']);
    expect(fieldsOf(p, ['esp.spi', 'esp.sequence', 'frame.protocols'])).toEqual({ 'esp.spi': '0x00001000', 'esp.sequence': '1', 'frame.protocols': 'eth:ethertype:ip:esp' });
    const e = findNodes(p.tree, 'esp')[0]!;
    expect(e.children!.map((n) => nodeLabel(n))).toEqual(['ESP SPI: 0x00001000 (4096)', 'ESP Sequence: 1']);
    expect([e.offset, e.length]).toEqual([34, 32]);
  });

  it('checks the sequence numbers of each SPI: missing, repeated, going back, wrapping', () => {
    const frames = [esp(0x1000, 1), esp(0x1000, 2), esp(0x2000, 10), esp(0x1000, 5), esp(0x1000, 5), esp(0x1000, 3), esp(0x3000, 0xffffffff), esp(0x3000, 0)];
    const rows = dissectFrames(frames.map((bytes) => ({ bytes })), ANALYSIS).map((f) => f.fields);
    expect(rows).toEqual([
      ['1', '', '', ''], ['2', '', '', ''], ['10', '', '', ''],
      ['5', '3', '2', 'Wrong Sequence Number for SPI 00001000 - 2 missing'],
      ['5', '6', '4', 'Wrong Sequence Number for SPI 00001000 - 5 repeated'],
      ['3', '6', '5', 'Wrong Sequence Number for SPI 00001000 - 3 less than expected'],
      ['4294967295', '', '', ''], ['0', '', '', ''],
    ]);
    // Dissected again (a click in the app): the same report, not a second analysis.
    const d = new CaptureDissector({ catchErrors: false });
    const meta = (i: number) => ({ num: i + 1, tsSec: 1_700_000_000 + i, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: frames[i]!.length });
    frames.forEach((f, i) => d.dissect(meta(i), f, false));
    d.pinfo.visited = true;
    const again = [4, 3].map((i) => extractFields(d.dissect(meta(i), frames[i]!, true).tree, ANALYSIS).map((v) => v.join(',')));
    expect(again).toEqual([rows[4], rows[3]]);
    const sn = findNodes(d.dissect(meta(3), frames[3]!, true).tree, 'esp.sequence-analysis.expected-sn')[0]!;
    expect(nodeLabel(sn)).toBe('Expected SN: 3 (2 SNs missing)');
  });

  it('never throws anything but bounds/malformed errors on truncations', () => {
    checkTruncations(ESP);
  });
});

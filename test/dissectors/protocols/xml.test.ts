/**
 * XML bodies: Wireshark 4.0's "eXtensible Markup Language" on a frame written out below (every
 * truncation of it too) and on crafted bodies compared with tshark on the spot (declarations,
 * DOCTYPE with and without a subset, comments, CDATA, attributes as written, text, closing tags
 * that close what is open, unrecognized text, and the media types XML takes).
 */
import { describe, expect, it } from 'vitest';
import { treeLines } from '../../../dissectors/output/text.js';
import { checkTruncations, dissect, fieldsOf, hexDump } from '../../helpers/corpus-link.js';
import { compareBodies, linesFrom } from '../../helpers/http-bodies.js';

// An HTTP POST of <?xml version="1.0"?>\n<a x="1"><b>hi</b><c/><!--n--></a> (httpPostFrame('text/xml', …)).
// 0000  00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00   .."3DU.fw.....E.
// 0010  00 a9 00 01 40 00 40 06 26 4c 0a 00 00 01 0a 00   ....@.@.&L......
// 0020  00 02 9c 40 00 50 00 00 00 01 00 00 00 01 50 18   ...@.P........P.
// 0030  fa f0 00 00 00 00 50 4f 53 54 20 2f 6a 20 48 54   ......POST /j HT
// 0040  54 50 2f 31 2e 31 0d 0a 48 6f 73 74 3a 20 68 0d   TP/1.1..Host: h.
// 0050  0a 43 6f 6e 74 65 6e 74 2d 54 79 70 65 3a 20 74   .Content-Type: t
// 0060  65 78 74 2f 78 6d 6c 0d 0a 43 6f 6e 74 65 6e 74   ext/xml..Content
// 0070  2d 4c 65 6e 67 74 68 3a 20 35 36 0d 0a 0d 0a 3c   -Length: 56....<
// 0080  3f 78 6d 6c 20 76 65 72 73 69 6f 6e 3d 22 31 2e   ?xml version="1.
// 0090  30 22 3f 3e 0a 3c 61 20 78 3d 22 31 22 3e 3c 62   0"?>.<a x="1"><b
// 00a0  3e 68 69 3c 2f 62 3e 3c 63 2f 3e 3c 21 2d 2d 6e   >hi</b><c/><!--n
// 00b0  2d 2d 3e 3c 2f 61 3e                              --></a>
const POST = hexDump(`
0000  00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00   .."3DU.fw.....E.
0010  00 a9 00 01 40 00 40 06 26 4c 0a 00 00 01 0a 00   ....@.@.&L......
0020  00 02 9c 40 00 50 00 00 00 01 00 00 00 01 50 18   ...@.P........P.
0030  fa f0 00 00 00 00 50 4f 53 54 20 2f 6a 20 48 54   ......POST /j HT
0040  54 50 2f 31 2e 31 0d 0a 48 6f 73 74 3a 20 68 0d   TP/1.1..Host: h.
0050  0a 43 6f 6e 74 65 6e 74 2d 54 79 70 65 3a 20 74   .Content-Type: t
0060  65 78 74 2f 78 6d 6c 0d 0a 43 6f 6e 74 65 6e 74   ext/xml..Content
0070  2d 4c 65 6e 67 74 68 3a 20 35 36 0d 0a 0d 0a 3c   -Length: 56....<
0080  3f 78 6d 6c 20 76 65 72 73 69 6f 6e 3d 22 31 2e   ?xml version="1.
0090  30 22 3f 3e 0a 3c 61 20 78 3d 22 31 22 3e 3c 62   0"?>.<a x="1"><b
00a0  3e 68 69 3c 2f 62 3e 3c 63 2f 3e 3c 21 2d 2d 6e   >hi</b><c/><!--n
00b0  2d 2d 3e 3c 2f 61 3e                              --></a>
`);

const XML_START = /^(eXtensible Markup Language|Line-based text data|Media Type|\[Malformed)/;
const FIELDS = ['xml.tag', 'xml.attribute', 'xml.cdata', 'xml.comment', 'xml.xmlpi.xml', 'xml.xmlpi', 'xml.cdatasection', 'xml.doctype', 'xml.dtdtag',
  'xml.unrecognized_text', 'xml.closing_unopened_tag', 'frame.protocols'];

describe('XML', () => {
  it('shows an XML body as tshark 4.0 does: HTTP/XML, Info untouched', () => {
    const p = dissect(1, POST);
    expect([p.protocol, p.info]).toEqual(['HTTP/XML', 'POST /j HTTP/1.1 ']);
    expect(linesFrom(treeLines(p.tree), XML_START)).toEqual([
      'eXtensible Markup Language',
      '    <?xml',
      '        version="1.0"',
      '        ?>',
      '    <a',
      '        x="1">',
      '        <b>',
      '            hi',
      '            </b>',
      '        <c/>',
      '        <!--n-->',
      '        </a>',
    ]);
    expect(fieldsOf(p, ['xml.tag', 'xml.attribute', 'xml.cdata', 'xml.xmlpi.xml'])).toEqual({
      'xml.tag': '<a x="1">,<b>,<c/>', 'xml.attribute': 'x="1"', 'xml.cdata': 'hi', 'xml.xmlpi.xml': '<?xml version="1.0"?>',
    });
    checkTruncations(1, POST);
  });

  it('agrees with tshark on the spot', () => {
    const bodies: [string, string][] = [
      ['text/xml', '<?xml version="1.0" encoding="UTF-8"?>\n<a x="1" y=\'2\'><b>text</b><c/><d k="v"/>\n<!-- a comment -->\n<e><![CDATA[raw <data>]]></e></a>\n'],
      ['text/xml', '<a>one\ntwo  </a>'], ['text/xml', '<!DOCTYPE html><html><body>hi &amp; bye</body></html>'], ['text/xml', 'not xml at all'],
      ['text/xml', '<a><b></a>'], ['text/xml', '<a>unterminated'], ['text/xml', '  <a/>  trailing'], ['text/xml', '<a b="c">t</a><second/>'],
      ['text/xml', '<ns:a xmlns:ns="u"><ns:b/></ns:a>'], ['text/xml', '<input disabled><x/>'], ['text/xml', '</x><y/>'], ['text/xml', '<?php echo 1; ?><z/>'],
      ['text/xml', '<a b=c>t</a>'], ['text/xml', '<!DOCTYPE x [ <!ELEMENT x ANY> ]><x/>'], ['text/xml', '< a>t</a>'], ['text/xml', '<a>1 > 0</a>'],
      ['text/xml', '<a\n  b = "1"\n c="2" >t</a >'], ['text/xml', '<a><!----></a>'], ['text/xml', '<?xml version="1.0"?>'], ['text/xml', '<a:b.c-d_e f:g="1"/>'],
      ['text/xml', '<a>\r\n  <b/>\r\n</a>\r\n'], ['text/xml', '<a>caf\u00e9 \u5317\u4eac</a>'],
      ['application/xml', '<a/>'], ['application/soap+xml', '<s:Envelope xmlns:s="x"><s:Body/></s:Envelope>'], ['image/svg+xml', '<svg width="1"/>'],
      ['application/rss+xml', '<doc/>'], ['application/atom+xml', '<feed/>'], ['text/html', '<a/>'], ['application/xhtml+xml', '<a/>'],
    ];
    expect(compareBodies(bodies, XML_START, FIELDS)).toEqual([]);
  });
});

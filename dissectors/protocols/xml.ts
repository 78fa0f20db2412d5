/**
 * eXtensible Markup Language (Wireshark 4.0's packet-xml.c, without DTDs): an HTTP body of an XML
 * media type as the tokens Wireshark's parser finds, nested by their tags: processing
 * instructions, DOCTYPE, comments, CDATA sections, start tags with their attributes, text, and
 * closing tags. The Protocol column gets `/XML`; Info is left alone.
 *
 * As in Wireshark 4.0 it is a forgiving tokenizer, not a validator:
 * - whitespace between tokens is skipped (so text starts at its first non-blank character and
 *   runs to the next `<`, trailing blanks included);
 * - a closing tag closes the element it is in, whatever its name; one with none open is shown
 *   with "Closing an unopened tag" (an error);
 * - what no token matches (`<input disabled>`, `<?php …`) is "Unrecognized text" (a warning) up to
 *   the next blank, and the tokenizer goes on after it;
 * - a tag's label is its own text up to its name, each attribute a line of its own as written,
 *   the last one ending with `>` or `/>`.
 *
 * Not done: Wireshark's DTDs. A document whose root element has one of the DTDs Wireshark ships
 * (RSS, presence, reginfo, watcherinfo, SMIL, …) gets per-DTD fields in tshark (`rss.version`,
 * `rss.channel` …) instead of `xml.tag` / `xml.attribute`; the tree reads the same.
 */
import type { ProtocolSpec } from '../core/dispatch.js';
import { defineExpert } from '../core/expert.js';
import { defineField, defineProtocol } from '../core/fields.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { registerMediaType } from './http/media.js';
import { formatText } from './http/text.js';

export const proto = defineProtocol('xml', 'eXtensible Markup Language', 'XML', 'application');
const hfXmlPi = defineField('xml.xmlpi', 'XMLPI', 'string');
const hfXmlPiXml = defineField('xml.xmlpi.xml', 'xml', 'string');
const hfCdataSection = defineField('xml.cdatasection', 'CDATASection', 'string');
const hfComment = defineField('xml.comment', 'Comment', 'string');
const hfAttribute = defineField('xml.attribute', 'Attribute', 'string');
const hfDoctype = defineField('xml.doctype', 'Doctype', 'string');
const hfDtdTag = defineField('xml.dtdtag', 'DTD Tag', 'string');
const hfCdata = defineField('xml.cdata', 'CDATA', 'string');
const hfTag = defineField('xml.tag', 'Tag', 'string');

const eiClosingUnopened = defineExpert('xml.closing_unopened_tag', 'malformed', 'error', 'Closing an unopened tag');
const eiUnrecognized = defineExpert('xml.unrecognized_text', 'protocol', 'warn', 'Unrecognized text');

const isBlank = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
/** Characters of a tag or attribute name (Wireshark's set: letters, digits, `.-_:`). */
const isNameChar = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d || c === 0x5f || c === 0x3a;

/** One attribute: where its text is. */
interface Attr {
  start: number;
  end: number;
}

/** A start tag or a processing instruction as parsed: where its name ends, its attributes, and how it closes. */
interface Tag {
  nameEnd: number;
  attrs: Attr[];
  /** Where the closing `>`, `/>` or `?>` starts, and the offset after it. */
  closeAt: number;
  end: number;
  empty: boolean;
}

/** Parses `name (attr)* ws* close` from `p` (just after `<` or `<?`); null when it is not one. */
function parseTag(d: Uint8Array, p: number, end: number, pi: boolean): Tag | null {
  if (!pi) while (p < end && isBlank(d[p]!)) p++;
  const nameStart = p;
  while (p < end && isNameChar(d[p]!)) p++;
  if (p === nameStart) return null;
  const nameEnd = p;
  const attrs: Attr[] = [];
  for (;;) {
    let q = p;
    while (q < end && isBlank(d[q]!)) q++;
    if (q >= end) return null;
    const c = d[q]!;
    if (!pi && c === 0x3e) return { nameEnd, attrs, closeAt: q, end: q + 1, empty: false };
    if (!pi && c === 0x2f && d[q + 1] === 0x3e) return { nameEnd, attrs, closeAt: q, end: q + 2, empty: true };
    if (pi && c === 0x3f && d[q + 1] === 0x3e) return { nameEnd, attrs, closeAt: q, end: q + 2, empty: true };
    // An attribute: a blank before it, a name, `=`, a quoted or bare value.
    if (q === p) return null;
    const aStart = q;
    while (q < end && isNameChar(d[q]!)) q++;
    if (q === aStart) return null;
    while (q < end && isBlank(d[q]!)) q++;
    if (d[q] !== 0x3d) return null;
    q++;
    while (q < end && isBlank(d[q]!)) q++;
    const quote = d[q];
    if (quote === 0x22 || quote === 0x27) {
      q++;
      while (q < end && d[q] !== quote) q++;
      if (q >= end) return null;
      q++;
    } else {
      const vStart = q;
      while (q < end && !isBlank(d[q]!) && d[q] !== 0x3e && d[q] !== 0x2f && d[q] !== 0x3f) q++;
      if (q === vStart) return null;
    }
    attrs.push({ start: aStart, end: q });
    p = q;
  }
}

/** The offset after `close` at or after `p`, or −1. */
function indexAfter(d: Uint8Array, p: number, end: number, close: string): number {
  outer: for (let i = p; i + close.length <= end; i++) {
    for (let k = 0; k < close.length; k++) if (d[i + k] !== close.charCodeAt(k)) continue outer;
    return i + close.length;
  }
  return -1;
}

function startsWith(d: Uint8Array, p: number, end: number, s: string): boolean {
  if (p + s.length > end) return false;
  for (let k = 0; k < s.length; k++) if (d[p + k] !== s.charCodeAt(k)) return false;
  return true;
}

export const xml: ProtocolSpec = {
  proto,
  dissect(tvb, pinfo, tree) {
    pinfo.setProtocol(pinfo.protocol ? `${pinfo.protocol}/XML` : 'XML');
    const t = tree.addProto(proto, tvb, 0, tvb.length);
    const d = tvb.data;
    const base = tvb.start;
    const end = tvb.capEnd;
    const at = (n: number) => n - base;
    const full = t.real;
    /** The open elements; the innermost last. */
    const open: ProtoNode[] = [t];
    const parent = () => open[open.length - 1]!;
    let p = base;
    for (;;) {
      while (p < end && isBlank(d[p]!)) p++;
      if (p >= end) break;
      const here = parent();
      if (d[p] !== 0x3c) {
        // Text, to the next tag.
        let q = p;
        while (q < end && d[q] !== 0x3c) q++;
        // Inside an element it is the element's CDATA; at the top, just text.
        if (full && here !== t) here.add(hfCdata, tvb, at(p), q - p, formatText(d, p, q)).setLabel(formatText(d, p, q));
        else if (full) here.addText(tvb, at(p), q - p, formatText(d, p, q));
        p = q;
        continue;
      }
      const line = (f: typeof hfComment, a: number, b: number) => {
        if (full) here.add(f, tvb, at(a), b - a, formatText(d, a, b)).setLabel(formatText(d, a, b));
      };
      if (startsWith(d, p, end, '<!--')) {
        const q = indexAfter(d, p + 4, end, '-->');
        if (q >= 0) {
          line(hfComment, p, q);
          p = q;
          continue;
        }
      } else if (startsWith(d, p, end, '<![CDATA[')) {
        const q = indexAfter(d, p + 9, end, ']]>');
        if (q >= 0) {
          line(hfCdataSection, p, q);
          p = q;
          continue;
        }
      } else if (startsWith(d, p, end, '<!DOCTYPE')) {
        const q = doctype(d, p, end);
        if (q >= 0) {
          if (full) addDoctype(here, tvb, d, p, q, at);
          p = q;
          continue;
        }
      } else if (startsWith(d, p, end, '</')) {
        let q = p + 2;
        while (q < end && isBlank(d[q]!)) q++;
        const nameStart = q;
        while (q < end && isNameChar(d[q]!)) q++;
        const named = q > nameStart;
        while (q < end && isBlank(d[q]!)) q++;
        if (named && d[q] === 0x3e) {
          q++;
          if (full) here.addText(tvb, at(p), q - p, formatText(d, p, q));
          if (open.length > 1) open.pop();
          else pinfo.expert(t.addText(tvb, at(p), q - p, 'Closing an unopened tag'), eiClosingUnopened, tvb, at(p), q - p);
          p = q;
          continue;
        }
      } else if (startsWith(d, p, end, '<?')) {
        const tag = parseTag(d, p + 2, end, true);
        if (tag) {
          if (full) {
            const isXml = tag.nameEnd - (p + 2) === 3 && startsWith(d, p + 2, end, 'xml');
            const n = here.add(isXml ? hfXmlPiXml : hfXmlPi, tvb, at(p), tag.end - p, formatText(d, p, tag.end)).setLabel(formatText(d, p, tag.nameEnd));
            for (const a of tag.attrs) n.addText(tvb, at(a.start), a.end - a.start, formatText(d, a.start, a.end));
            n.addText(tvb, at(tag.closeAt), tag.end - tag.closeAt, '?>');
          }
          p = tag.end;
          continue;
        }
      } else {
        const tag = parseTag(d, p + 1, end, false);
        if (tag) {
          const close = tag.empty ? '/>' : '>';
          let n: ProtoNode = here;
          if (full) {
            const whole = formatText(d, p, tag.end);
            if (tag.attrs.length === 0) n = here.add(hfTag, tvb, at(p), tag.end - p, whole).setLabel(`${formatText(d, p, tag.nameEnd)}${close}`);
            else {
              n = here.add(hfTag, tvb, at(p), tag.end - p, whole).setLabel(formatText(d, p, tag.nameEnd));
              tag.attrs.forEach((a, i) => {
                const label = formatText(d, a.start, a.end) + (i === tag.attrs.length - 1 ? close : '');
                n.add(hfAttribute, tvb, at(a.start), a.end - a.start, formatText(d, a.start, a.end)).setLabel(label);
              });
            }
          } else n = here.add(hfTag, tvb, at(p), tag.end - p);
          if (!tag.empty) open.push(n);
          p = tag.end;
          continue;
        }
      }
      // Nothing matched: unrecognized up to the next blank.
      let q = p;
      while (q < end && !isBlank(d[q]!)) q++;
      pinfo.expert(here.addText(tvb, at(p), q - p, 'Unrecognized text'), eiUnrecognized, tvb, at(p), q - p);
      p = q;
    }
  },
};

/** The end of a DOCTYPE at `p` (after its `>`, an internal subset in `[ ]` included), or −1. */
function doctype(d: Uint8Array, p: number, end: number): number {
  for (let q = p + 9; q < end; q++) {
    if (d[q] === 0x3e) return q + 1;
    if (d[q] === 0x5b) {
      const close = indexAfter(d, q + 1, end, ']');
      if (close < 0) return -1;
      let r = close;
      while (r < end && isBlank(d[r]!)) r++;
      return d[r] === 0x3e ? r + 1 : -1;
    }
  }
  return -1;
}

/**
 * A DOCTYPE: one line (an xml.dtdtag), or with an internal subset its opening (xml.doctype, the
 * name), each declaration (xml.dtdtag) and `]>`.
 */
function addDoctype(parent: ProtoNode, tvb: Tvb, d: Uint8Array, p: number, q: number, at: (n: number) => number): void {
  let open = -1;
  for (let i = p; i < q; i++) {
    if (d[i] === 0x5b) {
      open = i;
      break;
    }
  }
  if (open < 0) {
    parent.add(hfDtdTag, tvb, at(p), q - p, formatText(d, p, q)).setLabel(formatText(d, p, q));
    return;
  }
  let nameStart = p + 9;
  while (nameStart < open && isBlank(d[nameStart]!)) nameStart++;
  let nameEnd = nameStart;
  while (nameEnd < open && !isBlank(d[nameEnd]!)) nameEnd++;
  const n = parent.add(hfDoctype, tvb, at(p), q - p, formatText(d, nameStart, nameEnd)).setLabel(formatText(d, p, open + 1));
  let i = open + 1;
  for (;;) {
    while (i < q && isBlank(d[i]!)) i++;
    if (i >= q || d[i] === 0x5d) break;
    let j = i;
    while (j < q && d[j] !== 0x3e) j++;
    j = Math.min(q, j + 1);
    n.add(hfDtdTag, tvb, at(i), j - i, formatText(d, i, j)).setLabel(formatText(d, i, j));
    i = j;
  }
  n.addText(tvb, at(i), q - i, formatText(d, i, q));
}

// packet-xml.c's media types (4.0) that HTTP bodies carry.
for (const type of ['text/xml', 'application/xml', 'application/soap+xml', 'image/svg+xml', 'application/rss+xml', 'application/atom+xml']) {
  registerMediaType(type, xml);
}

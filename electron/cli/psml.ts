/**
 * `-T psml`: tshark's Packet Summary Markup Language — the summary columns of each packet as XML
 * (epan/print.c write_psml_preamble / proto_tree_write_psml / write_psml_finale):
 *
 *   <?xml version="1.0" encoding="utf-8"?>
 *   <psml version="0" creator="packetloom/0.1.0">
 *   <structure>
 *   <section>No.</section> … <section>Info</section>
 *   </structure>
 *
 *   <packet>
 *   <section>1</section> … <section>61541 → 80 [SYN] Seq=0 …</section>
 *   </packet>
 *
 *   </psml>
 */
import { COLUMN_TITLES, type SummaryColumns } from './columns.js';

const ORDER: readonly (keyof SummaryColumns)[] = ['no', 'time', 'source', 'destination', 'protocol', 'length', 'info'];

/** Wireshark's xml_escape: the five markup characters, and control characters as \xN (XML has no way to carry them). */
export function xmlEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    switch (ch) {
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '&': out += '&amp;'; break;
      case '\'': out += '&#x27;'; break;
      case '"': out += '&quot;'; break;
      case '\t': case '\n': case '\r': out += ch; break;
      default: {
        const c = ch.charCodeAt(0);
        out += c < 0x20 || c === 0x7f ? `\\x${c.toString(16)}` : ch;
      }
    }
  }
  return out;
}

export function psmlPreamble(creator: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<psml version="0" creator="${xmlEscape(creator)}">\n<structure>\n${ORDER.map((k) => `<section>${COLUMN_TITLES[k]}</section>\n`).join('')}</structure>\n\n`;
}

export function psmlPacket(cols: SummaryColumns): string {
  return `<packet>\n${ORDER.map((k) => `<section>${xmlEscape(cols[k])}</section>\n`).join('')}</packet>\n\n`;
}

export const PSML_FINALE = '</psml>\n';

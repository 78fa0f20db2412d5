/**
 * File › Export Packet Dissections (Wireshark's "As Plain Text / As CSV / As JSON"): the packets
 * of the capture, or those the view shows (in packet order), written as
 * - `text`: each packet's details as `tshark -2 -V` prints them (every item expanded; MAC
 *   addresses named when the app names them, as `-N m`);
 * - `csv`: the packet list's columns, "No.","Time","Source","Destination","Protocol","Length",
 *   "Info", then the custom columns (by field name), Time as seconds since the first packet;
 * - `json`: the `tshark -2 -T json` array (`_source.layers`).
 * The details are those the app shows (after the first pass). Written under a temporary name and
 * renamed at the end (output-file.ts: a failure never leaves half a file), in 20 ms slices
 * (sliced.ts) so the grid stays live while a large capture is written.
 */
import { writeSync } from 'node:fs';
import { JsonArrayWriter, packetJson } from '../../dissectors/output/json.js';
import { treeText } from '../../dissectors/output/text.js';
import { F_NO_TS } from './index-flags.js';
import { ouiResolver } from './oui.js';
import { abandonOutput, openEngineOutput } from './output-file.js';
import type { Session } from './session.js';
import { forEachSliced } from './sliced.js';

export type DissectionFormat = 'text' | 'csv' | 'json';

/** One CSV field, quoted as Wireshark writes them (every field in quotes, a quote doubled). */
const csvField = (v: string | number): string => `"${String(v).replaceAll('"', '""')}"`;

/** Written to the file in pieces of about this many characters. */
const FLUSH_CHARS = 1 << 20;

export async function exportDissections(s: Session, path: string, format: DissectionFormat, displayedOnly: boolean): Promise<{ packets: number; path: string }> {
  const list = displayedOnly ? s.viewPackets() : null;
  const n = list ? list.length : s.count;
  const out = openEngineOutput('exportDissections', path);
  let buf = '';
  const write = (t: string) => {
    buf += t;
    if (buf.length >= FLUSH_CHARS) {
      writeSync(out.fd, buf);
      buf = '';
    }
  };
  try {
    const json = format === 'json' ? new JsonArrayWriter(write) : null;
    if (format === 'csv') write(['No.', 'Time', 'Source', 'Destination', 'Protocol', 'Length', 'Info', ...s.columnFields].map(csvField).join(',') + '\n');
    await forEachSliced(s, 'exportDissections', n, (k) => {
      const i = list ? list[k]! : k;
      if (format === 'csv') {
        const r = s.row(i);
        write([r.no, r.time.toFixed(6), r.source, r.destination, r.protocol, r.length, r.info, ...(r.custom ?? [])].map(csvField).join(',') + '\n');
        return;
      }
      const pi = s.details(i);
      if (json) json.element(packetJson(pi.tree, s.index.flags[i]! & F_NO_TS ? 0 : s.index.tsSecOf(i), 1));
      else {
        const resolver = s.resolver ? { resolver: s.resolver } : {};
        write(treeText(pi.tree, { ...resolver, hexForData: true, sourceData: (src) => (src === 0 ? pi.data : pi.sources[src - 1]?.data) }) + '\n');
      }
    });
    json?.end();
    if (buf) writeSync(out.fd, buf);
    out.commit();
  } catch (e) {
    abandonOutput(out, 'exportDissections', path, e);
  }
  return { packets: n, path };
}

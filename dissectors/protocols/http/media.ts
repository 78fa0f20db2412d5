/**
 * Where an HTTP body goes, by its Content-Type (Wireshark's "media_type" dissector table): text
 * types to "Line-based text data" (packet-text-media.c), application/octet-stream to plain data,
 * anything else with a type to "Media Type" (packet-media.c). Other protocols can claim a media
 * type with `registerMediaType`.
 */
import type { ProtocolSpec } from '../../core/dispatch.js';
import { defineField, defineProtocol } from '../../core/fields.js';
import { data } from '../data.js';
import { findLineEnd, formatText, type LineEnd } from './text.js';

/** What HTTP passes to a media-type dissector (Wireshark's media_content_info_t + match_string). */
export interface MediaContentInfo {
  /** The message the body belongs to. */
  messageType: 'request' | 'response' | 'notification' | 'other';
  /** The media type, lower-case, without parameters (`text/html`). */
  mediaType: string;
  /** The parameters after the `;` (`charset=UTF-8`), or null. */
  parameters: string | null;
  /** Set by a dissector that hands on what it could not read (JSON): the type is in Info already. */
  quiet?: boolean;
}

/** The MediaContentInfo a dissector was handed, if that is what it got. */
export function contentInfo(d: unknown): MediaContentInfo | undefined {
  return typeof d === 'object' && d !== null && typeof (d as MediaContentInfo).mediaType === 'string' ? (d as MediaContentInfo) : undefined;
}

export const textLinesProto = defineProtocol('data-text-lines', 'Line-based text data', 'Line-based text data', 'application');
export const mediaProto = defineProtocol('media', 'Media Type', 'Media', 'application');
const hfMediaType = defineField('media.type', 'Media type', 'bytes');

const le: LineEnd = { next: 0 };

/** Line-based text data: one tree line per text line, and `(type)` after the Info text. */
export const textLines: ProtocolSpec = {
  proto: textLinesProto,
  dissect(tvb, pinfo, tree, info) {
    const ci = contentInfo(info);
    const name = ci?.mediaType;
    if (name && !ci.quiet && pinfo.wantInfo) pinfo.appendInfoSep(' ', `(${name})`);
    if (!tree.real) return;
    const t = tree.addProto(textLinesProto, tvb, 0, tvb.length);
    // A tree reduced to a filter's fields keeps no text lines.
    if (t.reduced) return;
    const d = tvb.data;
    const end = tvb.capEnd;
    let off = tvb.start;
    let lines = 0;
    while (off < end) {
      findLineEnd(d, off, end, false, le);
      t.addText(tvb, off - tvb.start, le.next - off, formatText(d, off, le.next));
      lines++;
      off = le.next;
    }
    t.setLabel(`Line-based text data${name ? `: ${name}` : ''} (${lines} lines)`);
  },
};

/** A media type nothing else understands: its name and size. */
export const media: ProtocolSpec = {
  proto: mediaProto,
  dissect(tvb, pinfo, tree, info) {
    const ci = contentInfo(info);
    const name = ci?.mediaType ?? '';
    if (pinfo.wantInfo) pinfo.appendInfo(` (${name})`);
    const bytes = tvb.reportedLength;
    if (!tree.real || bytes === 0) return;
    const t = tree.addProto(mediaProto, tvb, 0, tvb.length);
    const what = ci?.parameters ? `${name}; ${ci.parameters}` : name;
    t.add(hfMediaType, tvb, 0, tvb.length, tvb.bytes(0, tvb.length)).setLabel(`Media type: ${what} (${bytes} byte${bytes === 1 ? '' : 's'})`);
  },
};

const table = new Map<string, ProtocolSpec>();

/** Makes `spec` the dissector for bodies of media type `type` (lower-case, no parameters). */
export function registerMediaType(type: string, spec: ProtocolSpec): void {
  table.set(type, spec);
}

/** The dissector registered for a media type, if any. */
export function mediaTypeDissector(type: string): ProtocolSpec | undefined {
  return table.get(type);
}

// packet-text-media.c's registrations (4.0).
for (const t of [
  'text/plain', 'text/richtext', 'text/enriched', 'text/parameters', 'text/html', 'text/css',
  'text/xml-external-parsed-entity', 'application/xml-external-parsed-entity', 'text/javascript',
  'application/x-javascript', 'application/x-tia-p25-issi', 'application/x-tia-p25-sndcp',
  'application/x-ns-proxy-autoconfig', 'text/vnd.sun.j2me.app-descriptor', 'application/vnd.poc.refer-to',
  'application/vnd.drm.message', 'application/x-wms-logplaystats', 'application/x-rtsp-udp-packetpair',
]) registerMediaType(t, textLines);
// packet-data.c takes application/octet-stream.
registerMediaType('application/octet-stream', data);

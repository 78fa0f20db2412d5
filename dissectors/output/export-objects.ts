/**
 * File › Export Objects › HTTP and tshark's `--export-objects http,DIR`: the bodies HTTP carried,
 * as Wireshark's http_eo tap lists them (http.ts `addHttpObjectTap`), and the file name each is
 * saved under, as Wireshark 4.0 names them (epan/export_object.c `eo_massage_str`, ui/cli's
 * tap-exportobject.c): the last path component of the request URI (GLib's g_path_get_basename),
 * or `object<frame>.<content type>` without one; every character Windows forbids in a file name
 * and every control character as `%xx`; at most 255 bytes, the extension kept; a name taken
 * already gets `(1)`, `(2)` … before its extension. Writing the files is the Node side's
 * (electron/engine/object-files.ts); this module has no file system.
 */
import type { HttpObject } from '../protocols/http.js';

/** Longest file name (bytes), Wireshark's EXPORT_OBJECT_MAXFILELEN. */
export const EXPORT_OBJECT_MAXFILELEN = 255;
/** How many `(N)` a name tries before the last one is overwritten (Wireshark's gui_max_export_objects default). */
export const MAX_EXPORT_DUPLICATES = 1000;

/** The protocols with objects to export (tshark also has dicom, ftp-data, imf, smb and tftp). */
export const EXPORT_OBJECT_PROTOCOLS = ['http'] as const;
export type ExportObjectProtocol = (typeof EXPORT_OBJECT_PROTOCOLS)[number];

/** One object: Wireshark's export_object_entry_t. */
export interface ExportObject {
  /** The frame that completed the message. */
  frame: number;
  hostname: string | null;
  contentType: string | null;
  /** The request URI's last path component (null: no request seen on the stream). */
  filename: string | null;
  payload: Uint8Array;
}

/** The entry Wireshark's http_eo_packet makes of what the tap handed over. */
export function httpExportObject(o: HttpObject): ExportObject {
  return { frame: o.frame, hostname: o.hostname, contentType: o.contentType, filename: o.requestUri === null ? null : pathBasename(o.requestUri), payload: o.payload };
}

/** GLib's g_path_get_basename: the last component, trailing slashes dropped ("/" for slashes only, "." for ""). */
export function pathBasename(p: string): string {
  if (p === '') return '.';
  let end = p.length;
  while (end > 0 && p[end - 1] === '/') end--;
  if (end === 0) return '/';
  return p.slice(p.lastIndexOf('/', end - 1) + 1, end);
}

/**
 * The name an object is saved under before massaging: its filename, or without one
 * `object<frame>.<content type>` (Wireshark's eo_ct2ext: the content type is the "extension").
 */
export function objectName(o: ExportObject): string {
  return o.filename ?? `object${o.frame}${o.contentType !== null ? `.${o.contentType}` : ''}`;
}

const REJECT = new Set([...'<>:"/\\|?*'].map((c) => c.charCodeAt(0)));
for (let c = 1; c < 0x20; c++) REJECT.add(c);

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8');

/**
 * The name an object is saved under, as bytes (UTF-8), for the `dupn`-th try: Wireshark's
 * eo_massage_str(name, maxlen, dupn).
 */
export function massageName(name: string, dupn: number, maxlen = EXPORT_OBJECT_MAXFILELEN): Uint8Array {
  const src = utf8.encode(name);
  const out: number[] = [];
  for (const b of src) {
    if (b === 0) break;
    if (REJECT.has(b)) out.push(0x25, ...utf8.encode(b.toString(16).padStart(2, '0')));
    else out.push(b);
  }
  if (dupn === 0 && out.length <= maxlen) return Uint8Array.from(out);
  // eo_rename: the extension (from the last '.') kept where it fits, "(N)" before it.
  const tag = dupn !== 0 ? [...utf8.encode(`(${dupn})`)] : [];
  const dot = out.lastIndexOf(0x2e);
  let stem: number[];
  let ext: number[] = [];
  if (dot >= 0 && out.length - dot + tag.length < maxlen) {
    stem = out.slice(0, dot);
    ext = out.slice(dot);
  } else {
    stem = out;
  }
  const room = maxlen - (tag.length + ext.length);
  if (stem.length >= room) stem = stem.slice(0, room);
  return Uint8Array.from([...stem, ...tag, ...ext]);
}

/** The name to save `o` under on the `dupn`-th try (0: the first), as text. */
export function objectFileName(o: ExportObject, dupn = 0): string {
  return fromUtf8.decode(massageName(objectName(o), dupn));
}

/** What File › Export Objects lists for an object (its Filename column: the name before any `(N)`). */
export function objectListName(o: ExportObject): string {
  return o.filename ?? '';
}

/**
 * Writing exported objects (dissectors/output/export-objects.ts) into a folder, as tshark 4.0's
 * `--export-objects` does (ui/cli/tap-exportobject.c `eo_draw`): the folder made with its parents
 * when missing (GLib's g_mkdir_with_parents), each object under its massaged name, `(1)`, `(2)` …
 * when the name is taken already (by an earlier object or a file that was there), in list order.
 * Names are bytes (Buffer paths): a name cut at 255 bytes stays what Wireshark writes. Shared by
 * the CLI and the engine (the app's Save All).
 */
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { MAX_EXPORT_DUPLICATES, massageName, objectName, type ExportObject } from '../../dissectors/output/export-objects.js';

/** The C library's words for an errno, as tshark prints them (g_strerror). */
export function strerror(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT': return 'No such file or directory';
    case 'ENOTDIR': return 'Not a directory';
    case 'EACCES': return 'Permission denied';
    case 'EPERM': return 'Operation not permitted';
    case 'EEXIST': return 'File exists';
    case 'EISDIR': return 'Is a directory';
    case 'EROFS': return 'Read-only file system';
    case 'ENOSPC': return 'No space left on device';
    case 'ENAMETOOLONG': return 'File name too long';
    default: return err.message ?? String(e);
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** g_mkdir_with_parents(dir, 0755): null when `dir` is a folder now, else tshark's error line. */
export function makeObjectFolder(dir: string): string | null {
  if (isDir(dir)) return null;
  const parts = dir.split('/');
  let p = dir.startsWith('/') ? '' : '.';
  try {
    for (const part of parts) {
      if (part === '') continue;
      p = p === '' ? `/${part}` : `${p}/${part}`;
      if (!existsSync(p)) {
        try {
          mkdirSync(p, 0o755);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        }
      } else if (!isDir(p)) {
        throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
      }
    }
  } catch (e) {
    return `Failed to create export objects output directory "${dir}": ${strerror(e)}`;
  }
  return null;
}

export interface SavedObjects {
  /** The files written (their names in the folder), in list order. */
  written: string[];
  /** One line per object that could not be written. */
  errors: string[];
}

/** Joins as g_build_filename does (no normalising: a name ".." stays a name, and exists). */
function pathIn(dir: Buffer, name: Uint8Array): Buffer {
  const sep = dir.length > 0 && dir[dir.length - 1] !== 0x2f ? [0x2f] : [];
  return Buffer.concat([dir, Buffer.from(sep), name]);
}

/** Writes `objects` into `dir` (made when missing), named as tshark names them. */
export function saveObjects(dir: string, objects: Iterable<ExportObject>): SavedObjects {
  const out: SavedObjects = { written: [], errors: [] };
  const made = makeObjectFolder(dir);
  if (made !== null) {
    out.errors.push(made);
    return out;
  }
  const d = Buffer.from(dir);
  // Per name (massaged, before any "(N)"), the count of the last file written under it: every
  // count below it was taken when that name was looked for, so the next look starts there (the
  // same name as tshark's count from 0, without its thousand lookups per object for a name
  // shared by thousands, "/" on a busy server).
  const last = new Map<string, number>();
  for (const o of objects) {
    const base = objectName(o);
    const key = Buffer.from(massageName(base, 0)).toString('latin1');
    let count = last.get(key) ?? 0;
    let name: Uint8Array;
    let path: Buffer;
    do {
      name = massageName(base, count);
      path = pathIn(d, name);
    } while (existsSync(path) && ++count < MAX_EXPORT_DUPLICATES);
    last.set(key, Math.min(count, MAX_EXPORT_DUPLICATES - 1));
    const shown = Buffer.from(name).toString('utf8');
    try {
      const fd = openSync(path, 'w', 0o644);
      try {
        for (let off = 0; off < o.payload.length;) off += writeSync(fd, o.payload, off, o.payload.length - off);
      } finally {
        closeSync(fd);
      }
      out.written.push(shown);
    } catch (e) {
      out.errors.push(`The object of frame ${o.frame} could not be written to "${dir}/${shown}": ${strerror(e)}.`);
    }
  }
  return out;
}

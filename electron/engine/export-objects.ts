/**
 * File › Export Objects › HTTP: the bodies HTTP carried (dissectors/output/export-objects.ts), as
 * Wireshark's dialog lists them (Packet, Hostname, Content Type, Size, Filename), one saved as a
 * download (its bytes) or all of them, or some, written into a folder on the engine's machine as
 * tshark's `--export-objects` writes them (object-files.ts).
 *
 * The list comes from a fresh pass over the file (packet-pass.ts, in slices: the grid stays live):
 * HTTP's object tap needs each stream's state as the first pass had it when the body was
 * complete (the last Host and request URI), which a revisit of a packet does not give. The list is
 * kept per session until the capture grows; the bodies are kept up to a budget (256 MiB) in all,
 * and the others found again by another pass when they are saved.
 */
import type { ExportObjectRow } from '../api/contract.js';
import { httpExportObject, objectFileName, objectListName, type ExportObject } from '../../dissectors/output/export-objects.js';
import { CaptureDissector } from '../../dissectors/packet.js';
import { addHttpObjectTap } from '../../dissectors/protocols/http.js';
import { EngineError } from './errors.js';
import { makeObjectFolder, saveObjects } from './object-files.js';
import { PacketPass } from './packet-pass.js';
import type { Session } from './session.js';

/** Bodies kept in memory per session, in bytes (the others are read again when saved). */
let bodyBudget = 256 << 20;

/** Sets the bytes of bodies a session's list keeps (tests: the path that reads bodies again). */
export function setBodyBudget(bytes: number): void {
  bodyBudget = bytes;
}
const SLICE_MS = 20;

interface Listed {
  /** Packets the list was made from (a live capture that grew makes it again). */
  count: number;
  objects: ExportObject[];
  /** Whether `objects[i].payload` is the body (false: dropped for the budget, read again when saved). */
  kept: boolean[];
  /** Each body's size. */
  sizes: number[];
}

const lists = new WeakMap<Session, Listed>();
const EMPTY = new Uint8Array(0);

/**
 * Every object of the session's packets, in order; `want(i)` says which bodies to keep (all, up
 * to the budget, when not given).
 */
async function pass(s: Session, want?: (i: number) => boolean): Promise<Listed> {
  if (!s.meta) throw new EngineError('busy', 'exportObjects: the file has not been read yet');
  const count = s.count;
  const d = new CaptureDissector({ ...s.dissectOptions, info: false });
  const out: Listed = { count, objects: [], kept: [], sizes: [] };
  let kept = 0;
  const untap = addHttpObjectTap((o) => {
    if (o.pinfo.ctx !== d.ctx) return;
    const e = httpExportObject(o);
    const i = out.objects.length;
    const keep = want ? want(i) : kept + e.payload.length <= bodyBudget;
    if (keep) kept += e.payload.length;
    out.objects.push(keep ? e : { ...e, payload: EMPTY });
    out.kept.push(keep);
    out.sizes.push(e.payload.length);
  });
  const p = new PacketPass(s.info.path, count);
  try {
    for (;;) {
      if (s.isClosed) throw new EngineError('no-session', `exportObjects: session ${s.info.id} was closed`);
      if (p.run(SLICE_MS, (meta, buf, start, end) => d.dissect(meta, buf, false, start, end))) break;
      await new Promise((r) => setImmediate(r));
    }
  } finally {
    untap();
    p.close();
  }
  return out;
}

async function listOf(s: Session): Promise<Listed> {
  const have = lists.get(s);
  if (have && have.count === s.count) return have;
  const l = await pass(s);
  lists.set(s, l);
  return l;
}

/** The objects as File › Export Objects lists them. */
export async function exportObjects(s: Session): Promise<ExportObjectRow[]> {
  const l = await listOf(s);
  return l.objects.map((o, index) => ({
    index,
    packet: o.frame,
    hostname: o.hostname ?? '',
    contentType: o.contentType ?? '',
    size: l.sizes[index]!,
    filename: objectListName(o),
    saveAs: objectFileName(o),
  }));
}

/** The objects `indexes` names (all when not given), with their bodies. */
async function withBodies(s: Session, indexes: readonly number[] | undefined): Promise<ExportObject[]> {
  const l = await listOf(s);
  const list = indexes ?? l.objects.map((_, i) => i);
  for (const i of list) {
    if (!Number.isInteger(i) || i < 0 || i >= l.objects.length) throw new EngineError('bad-request', `exportObjects: there is no object ${i} (the list has ${l.objects.length})`);
  }
  if (list.every((i) => l.kept[i])) return list.map((i) => l.objects[i]!);
  // Some bodies were dropped for the budget: a pass that keeps exactly these.
  const wanted = new Set(list);
  const again = await pass(s, (i) => wanted.has(i));
  return list.map((i) => again.objects[i]!);
}

/** One object's bytes (a download) and the name tshark would save it under. */
export async function exportObject(s: Session, index: number): Promise<{ name: string; bytes: string }> {
  const [o] = await withBodies(s, [index]);
  return { name: objectFileName(o!), bytes: Buffer.from(o!.payload.buffer, o!.payload.byteOffset, o!.payload.byteLength).toString('base64') };
}

/** Writes objects (all, or `indexes`) into the folder `dir`, named as tshark names them. */
export async function saveExportObjects(s: Session, dir: string, indexes?: readonly number[]): Promise<{ dir: string; written: string[]; errors: string[] }> {
  const objects = await withBodies(s, indexes);
  const cannot = makeObjectFolder(dir);
  if (cannot !== null) throw new EngineError('file', `exportObjects: ${cannot}`);
  return { dir, ...saveObjects(dir, objects) };
}

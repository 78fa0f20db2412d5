/**
 * Live capture in the `packetloom` CLI, as tshark does it:
 *
 *   packetloom -D                                   the interfaces, numbered (-i takes the number too)
 *   packetloom -i lo                                summary lines as packets arrive (same path as -r)
 *   packetloom -i lo -f 'tcp port 8080' -w out.pcapng -a duration:5
 *   packetloom -i lo -w ring.pcapng -b filesize:100 -b files:5
 *   packetloom -i eth0 -i lo -c 100 -V              -V, -x, -T fields/json, -Y, -q -z … all work live
 *
 * -a duration:N | packets:N | filesize:KB | files:N, -b filesize:KB | files:N | duration:N |
 * packets:N, -c N, -s snaplen, -B buffer (MiB). At the end, "N packets captured" on stderr (and
 * the drops the interfaces reported), as tshark. Without -w the packets are still written through
 * to a temporary pcapng; its path is printed at the end, so nothing captured is lost.
 *
 * The capture itself runs in the capture helper (electron/capture/); this file only turns flags
 * into a LiveCaptureOptions and feeds the arriving batches to the same per-packet printer as -r.
 */
import { createReader } from '../../dissectors/capture/open.js';
import { PcapngWriter } from '../../dissectors/capture/pcapng-writer.js';
import type { CaptureFileError, CaptureMeta, CaptureReader, PacketRecord } from '../../dissectors/capture/types.js';
import type { DisplayFilter } from '../../dissectors/filter/index.js';
import type { InterfaceDesc } from '../api/contract.js';
import {
  CaptureError, listInterfaces, startCapture,
  type CaptureStopped, type HelperLaunch, type LiveCapture, type LiveCaptureOptions,
} from '../capture/client.js';

/** The capture flags of the command line. */
export interface LiveArgs {
  /** -i, in order. */
  interfaces: string[];
  /** -D */
  list: boolean;
  /** -f */
  filter?: string;
  /** -s */
  snaplen?: number;
  /** -B (MiB) */
  bufferMB?: number;
  /** -a */
  autostop: { durationSec?: number; packets?: number; filesizeKB?: number; files?: number };
  /** -b */
  ring: { filesizeKB?: number; files?: number; durationSec?: number; packets?: number };
}

export function defaultLiveArgs(): LiveArgs {
  return { interfaces: [], list: false, autostop: {}, ring: {} };
}

/** True when the command line asks for a live capture or the interface list. */
export function isLive(l: LiveArgs): boolean {
  return l.list || l.interfaces.length > 0;
}

function positiveInt(v: string): number | null {
  if (!/^\d+$/.test(v.trim())) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** One `-a` value (tshark's message for a bad one). */
export function parseAutostop(l: LiveArgs, v: string): string | void {
  const [key, val = ''] = v.split(':', 2) as [string, string?];
  const n = positiveInt(val);
  if (n === null || !['duration', 'packets', 'filesize', 'files'].includes(key)) return `Invalid or unknown -a flag "${v}"`;
  if (key === 'duration') l.autostop.durationSec = n;
  else if (key === 'packets') l.autostop.packets = n;
  else if (key === 'filesize') l.autostop.filesizeKB = n;
  else l.autostop.files = n;
}

/** One `-b` value. */
export function parseRing(l: LiveArgs, v: string): string | void {
  const [key, val = ''] = v.split(':', 2) as [string, string?];
  const n = positiveInt(val);
  if (n === null || !['duration', 'packets', 'filesize', 'files'].includes(key)) return `Invalid or unknown -b arg "${v}"`;
  if (key === 'duration') l.ring.durationSec = n;
  else if (key === 'packets') l.ring.packets = n;
  else if (key === 'filesize') l.ring.filesizeKB = n;
  else l.ring.files = n;
}

export function parseSnaplen(l: LiveArgs, v: string): string | void {
  const n = positiveInt(v);
  if (n === null) return `The specified snapshot length "${v}" isn't a positive decimal number`;
  l.snaplen = Math.min(n, 65535);
}

export function parseBufferSize(l: LiveArgs, v: string): string | void {
  const n = positiveInt(v);
  if (n === null || n > 4096) return `The specified buffer size "${v}" isn't a number of MiB between 1 and 4096`;
  l.bufferMB = n;
}

/** Checks that only make sense across flags; returns tshark's message or null. */
export function liveProblem(l: LiveArgs, writeFile: string | undefined, readFile: string | undefined): string | null {
  if (readFile !== undefined && l.interfaces.length) return 'Only one of -r and -i may be given (read a file, or capture live).';
  const ringOn = Object.values(l.ring).some((x) => x !== undefined);
  if (ringOn && writeFile === undefined) return 'Ring buffer requested, but capture isn\'t being saved to a permanent file.';
  if (ringOn && l.ring.filesizeKB === undefined && l.ring.durationSec === undefined && l.ring.packets === undefined) {
    return 'Ring buffer requested, but no maximum capture file size, duration or number of packets were specified.';
  }
  if (writeFile === '-' && l.interfaces.length) return 'Writing a live capture to the standard output is not supported; give -w a file name.';
  return null;
}

/** `-D`: "1. eth0", "3. lo (Loopback)", as tshark. */
export function interfaceListText(list: InterfaceDesc[]): string {
  return list.map((d, i) => `${i + 1}. ${d.name}${d.description ? ` (${d.description})` : ''}\n`).join('');
}

/** tshark's "Capturing on 'Loopback: lo'" name. */
function captureName(name: string, list: InterfaceDesc[] | null): string {
  const d = list?.find((x) => x.name === name);
  return d?.loopback ? `Loopback: ${name}` : name;
}

export interface LiveIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The printer of main.ts: called with a feed, it dissects and prints what the feed hands it. */
/**
 * Feeds the arriving packets to `onPacket` (false: stop); `afterBatch` runs once a batch has been
 * fed (the printer writes its lines out then: they appear as the packets arrive, not when a
 * buffer fills).
 */
export type PacketFeed = (onPacket: (rec: PacketRecord, meta: CaptureMeta) => boolean, afterBatch?: () => void) => Promise<CaptureFileError | null>;
export type RunWithFeed = (feed: PacketFeed) => Promise<number>;

export interface LiveRunOptions {
  live: LiveArgs;
  writeFile?: string;
  count?: number;
  /** Print packets (false with -w and without -P: tshark prints nothing then). */
  printPackets: boolean;
  launch?: HelperLaunch;
}

const EXIT_OK = 0;
const EXIT_FAIL = 2;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Runs `-D` or a live capture. `run` is the same printer the file path uses (main.ts), handed a
 * feed of the arriving packets. Returns the exit status.
 */
export async function runLive(r: LiveRunOptions, io: LiveIO, run: RunWithFeed, program = 'packetloom'): Promise<number> {
  const err = (line: string) => io.stderr(`${program}: ${line}\n`);
  const launch = r.launch ?? {};
  let list: InterfaceDesc[] | null = null;
  const needList = r.live.list || r.live.interfaces.some((n) => /^\d+$/.test(n));
  if (needList || r.live.interfaces.length) {
    try {
      list = await listInterfaces(launch);
    } catch (e) {
      if (needList) {
        err(e instanceof Error ? e.message : String(e));
        return EXIT_FAIL;
      }
      list = null;
    }
  }
  if (r.live.list) {
    io.stdout(interfaceListText(list!));
    return EXIT_OK;
  }
  // -i 3: the third interface of -D, unless an interface is really called "3".
  const names: string[] = [];
  for (const n of r.live.interfaces) {
    if (/^\d+$/.test(n) && !list!.some((d) => d.name === n)) {
      const d = list![Number(n) - 1];
      if (!d) {
        err(`There is no interface with that adapter index (${n}); packetloom -D lists ${list!.length}.`);
        return EXIT_FAIL;
      }
      names.push(d.name);
    } else {
      names.push(n);
    }
  }

  const opts: LiveCaptureOptions = { interfaces: names, filter: r.live.filter ?? '' };
  if (r.writeFile !== undefined) opts.path = r.writeFile;
  if (r.live.snaplen !== undefined) opts.snaplen = r.live.snaplen;
  if (r.live.bufferMB !== undefined) opts.bufferMB = r.live.bufferMB;
  const a = r.live.autostop;
  const packets = r.count !== undefined && a.packets !== undefined ? Math.min(r.count, a.packets) : (r.count ?? a.packets);
  const stop: NonNullable<LiveCaptureOptions['stop']> = {};
  if (a.durationSec !== undefined) stop.durationSec = a.durationSec;
  if (packets !== undefined) stop.packets = packets;
  if (a.filesizeKB !== undefined) stop.filesizeKB = a.filesizeKB;
  opts.stop = stop;
  if (a.files !== undefined) opts.stopFiles = a.files;
  const b = r.live.ring;
  if (b.filesizeKB !== undefined || b.files !== undefined) {
    opts.ring = {};
    if (b.filesizeKB !== undefined) opts.ring.filesizeKB = b.filesizeKB;
    if (b.files !== undefined) opts.ring.files = b.files;
  }
  if (b.durationSec !== undefined) opts.ringDurationSec = b.durationSec;
  if (b.packets !== undefined) opts.ringPackets = b.packets;

  // Batches that arrive before the printer asks for them wait here (in order).
  const pending: Uint8Array[] = [];
  let deliver: ((blocks: Uint8Array) => void) | null = null;
  let capture: LiveCapture;
  try {
    capture = await startCapture(opts, {
      onPackets(batch) {
        if (deliver) deliver(batch.blocks);
        else if (r.printPackets) pending.push(batch.blocks);
      },
    }, launch);
  } catch (e) {
    err(e instanceof CaptureError ? e.message : `live capture failed: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT_FAIL;
  }
  io.stderr(`Capturing on ${names.map((n) => `'${captureName(n, list)}'`).join(' and ')}\n`);

  // Ctrl-C: the helper (same process group) stops on its own SIGINT; ask it too, for the
  // cases where it runs elsewhere (sudo, another group), and print the counts as tshark does.
  const onSignal = () => void capture.stop();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);

  let status = EXIT_OK;
  if (r.printPackets) {
    try {
      status = await run(feedFrom(capture, pending, (fn) => {
        deliver = fn;
      }));
    } finally {
      // The printer is done (its -c reached, or the capture ended): the capture ends with it.
      void capture.stop();
    }
  }
  // Otherwise (-w): the capture runs until a stop condition, Ctrl-C or its interface ends it.
  const s: CaptureStopped = await capture.stopped;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.off('SIGHUP', onSignal);
  io.stderr(`${plural(s.received, 'packet')} captured\n`);
  if (s.dropped > 0) io.stderr(`${plural(s.dropped, 'packet')} dropped from ${names.join(', ')}\n`);
  if (!s.dropsKnown) io.stderr('(the kernel\'s count of dropped packets is not available: the optional module packetloom-pcapstats is not built)\n');
  if (s.message && s.reason !== 'user') err(s.message);
  else if (s.message && s.reason === 'user' && !/went away/.test(s.message)) err(s.message);
  if (r.writeFile === undefined && s.files.length) io.stderr(`The capture is kept in ${s.files[s.files.length - 1]}\n`);
  if (s.reason === 'error' || s.reason === 'interface-gone') return EXIT_FAIL;
  return status;
}

/**
 * A feed over the capture: the batches' EPBs go through a real pcapng reader (header made from
 * the capture's interfaces), so the printer gets exactly the records and meta a file gives it.
 */
function feedFrom(capture: LiveCapture, pending: Uint8Array[], setDeliver: (fn: (b: Uint8Array) => void) => void): PacketFeed {
  return (onPacket, afterBatch) => new Promise<CaptureFileError | null>((resolve) => {
    const w = new PcapngWriter({ userAppl: 'Packetloom (capture helper)' });
    const head = [w.header(), ...capture.interfaces.map((i) => w.addInterface({ linkType: i.linkType, name: i.name, tsresol: 6 }))];
    const header = new Uint8Array(head.reduce((n, h) => n + h.length, 0));
    let off = 0;
    for (const h of head) {
      header.set(h, off);
      off += h.length;
    }
    const rd = createReader(header);
    if (!('push' in rd)) {
      resolve({ code: 'bad-record', message: rd.message, offset: 0, packetNumber: 1 });
      return;
    }
    const reader: CaptureReader = rd;
    let done = false;
    const drain = () => {
      let rec: PacketRecord | null;
      while (!done && (rec = reader.next()) !== null) {
        if (!onPacket(rec, reader.meta)) {
          done = true;
          void capture.stop();
        }
      }
    };
    const take = (blocks: Uint8Array) => {
      if (done) return;
      reader.push(blocks);
      drain();
      afterBatch?.();
    };
    drain();
    for (const b of pending.splice(0)) take(b);
    setDeliver(take);
    void capture.stopped.then(() => {
      done = true;
      resolve(null);
    });
  });
}

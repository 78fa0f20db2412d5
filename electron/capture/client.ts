/**
 * The live-capture client: what the engine (and the CLI) use to capture. It never loads `cap`:
 * every call runs the capture helper (helper.ts, built to dist/capture-helper.js) as a process
 * of its own and talks to it over pipes (protocol.ts).
 *
 *   listInterfaces(launch?)                      → InterfaceDesc[]   (name, description, addresses, up/running/loopback)
 *   captureAvailability(launch?)                 → { available, reason? }   (for hello.liveCapture)
 *   checkFilter(filter, iface?, launch?)         → { ok: true } | { ok: false, kind, message }   (libpcap's message)
 *   startCapture(opts, handlers, launch?)        → LiveCapture, once every device is open and the file exists
 *
 * startCapture resolves after the filter compiled and the devices opened; a wrong filter, a
 * missing privilege (the message names the setcap line), a missing device or a missing `cap`
 * rejects with a CaptureError and nothing is left running. The LiveCapture handle:
 *
 *   capture.path        the write-through pcapng (the first ring file with -b); "Save" is a copy of it
 *   capture.files       the files written so far (ring: the ones still on disk), updated as it runs
 *   capture.interfaces  [{ id, name, linkType }] — EPB interface ids and their LINKTYPE_* values
 *   capture.stop()      asks the helper to stop; resolves with the CaptureStopped summary
 *   capture.stopped     the same promise, also settled when a stop condition or the interface ends it
 *
 * handlers.onPackets({ packets, blocks }) gets every batch as it arrives (at most `flushMs`, 50 ms
 * by default, after its first packet): packets are { interfaceId, linkType, tsSec, tsNsec, origLen,
 * bytes } with bytes their own copy; blocks are the same packets as the pcapng EPBs the helper has
 * already written to the file. handlers.onStopped(s) gets { reason, message?, received, dropped,
 * dropsKnown, files } — reason 'user' | 'duration' | 'packets' | 'filesize' | 'files' |
 * 'interface-gone' | 'error'. `received` counts packets libpcap delivered; `dropped` the kernel
 * ring's drops (ps_drop, read by the pcapstats addon since `cap` 0.2.1 has no pcap_stats) plus the
 * interfaces' own drops (ps_ifdrop); dropsKnown is false where the ring's drops cannot be read.
 *
 * If the app or the engine dies, the helper sees its stdin end, closes the file and exits: the
 * file stays where capture.path says (the temporary folder is never deleted by the helper).
 *
 * HelperLaunch says how to run the helper: `prefix` runs it under another command (['pkexec'],
 * ['sudo', '-n'], ['ip', 'netns', 'exec', 'ns1']), `helperPath`/`nodePath` where it is (in
 * Electron, nodePath is the Electron binary and ELECTRON_RUN_AS_NODE is set for it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaptureOptions, InterfaceDesc } from '../api/contract.js';
import {
  FRAME_BATCH, FRAME_JSON, FrameReader, parseBatch,
  type CaptureRequest, type ErrorKind, type HelperInterface, type HelperMessage, type HelperRequest, type LivePacket, type StopReason,
} from './protocol.js';

export type { LivePacket, StopReason, HelperInterface, ErrorKind } from './protocol.js';

export class CaptureError extends Error {
  constructor(readonly kind: ErrorKind, message: string) {
    super(message);
    this.name = 'CaptureError';
  }
}

export interface HelperLaunch {
  helperPath?: string;
  nodePath?: string;
  /** A command to run the helper under (pkexec, sudo -n, ip netns exec NS). */
  prefix?: string[];
  /** Run the helper as this user/group (the client must be allowed to). */
  uid?: number;
  gid?: number;
  env?: NodeJS.ProcessEnv;
}

export interface LiveCaptureOptions extends CaptureOptions {
  /** Where to write (tshark's -w); default a new temporary folder. With a ring, the base name. */
  path?: string;
  /** libpcap's buffer in MiB (dumpcap's -B); default 64. */
  bufferMB?: number;
  /** Longest a packet waits in the helper before it is written and sent; default 50 ms. */
  flushMs?: number;
  /** tshark's -a files:N. */
  stopFiles?: number;
  /** Ring switch after N seconds / packets (tshark's -b duration / packets). */
  ringDurationSec?: number;
  ringPackets?: number;
}

export interface PacketBatch {
  packets: LivePacket[];
  /** The same packets as pcapng Enhanced Packet Blocks (what the file got). */
  blocks: Uint8Array;
}

export interface CaptureStopped {
  reason: StopReason;
  message?: string;
  /** Packets libpcap delivered. */
  received: number;
  /**
   * Packets dropped, as libpcap counts them: the kernel ring's drops (ps_drop) plus the
   * interfaces' own drops meanwhile (ps_ifdrop).
   */
  dropped: number;
  /** False when the ring's drops could not be read (the pcapstats addon is not built): `dropped` then holds only the interfaces' drops. */
  dropsKnown: boolean;
  /** The files written (ring: those still on disk), oldest first. */
  files: string[];
}

export interface CaptureHandlers {
  onPackets?(batch: PacketBatch): void;
  onStopped?(s: CaptureStopped): void;
  /** A ring buffer started a new file. */
  onFile?(path: string): void;
  /** About once a second. */
  onStats?(s: { received: number; dropped: number; dropsKnown: boolean }): void;
}

export interface LiveCapture {
  readonly path: string;
  readonly files: readonly string[];
  readonly interfaces: readonly HelperInterface[];
  /** The temporary folder made for the capture (absent when `path` was given). */
  readonly tempDir?: string;
  readonly pid: number;
  stop(): Promise<CaptureStopped>;
  readonly stopped: Promise<CaptureStopped>;
}

// ---------------------------------------------------------------------------------------------

/** Where the helper is: beside this bundle in dist/, or dist/ of the source tree. */
export function defaultHelperPath(): string {
  const env = process.env.PACKETLOOM_CAPTURE_HELPER;
  if (env) return env;
  const url = (import.meta as { url?: string }).url;
  const here = url ? dirname(fileURLToPath(url)) : typeof __dirname === 'string' ? __dirname : process.cwd();
  const candidates = [join(here, 'capture-helper.js'), join(here, '..', 'capture-helper.js'), join(here, '..', '..', 'dist', 'capture-helper.js')];
  return candidates.find((p) => existsSync(p)) ?? candidates[0]!;
}

interface Running {
  child: ChildProcess;
  /** Resolves with the exit code/signal once the helper ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

function runHelper(rq: HelperRequest, launch: HelperLaunch, onMessage: (m: HelperMessage) => void, onBatch: (b: Buffer) => void): Running {
  const helper = launch.helperPath ?? defaultHelperPath();
  if (!existsSync(helper)) throw new CaptureError('unavailable', `The capture helper is missing (${helper}); run \`npm run build\`.`);
  const node = launch.nodePath ?? process.execPath;
  const env: NodeJS.ProcessEnv = { ...(launch.env ?? process.env) };
  if (process.versions.electron && launch.nodePath === undefined) env.ELECTRON_RUN_AS_NODE = '1';
  const argv = [...(launch.prefix ?? []), node, helper, JSON.stringify(rq)];
  const opts: Parameters<typeof spawn>[2] = { stdio: ['pipe', 'pipe', 'pipe'], env };
  if (launch.uid !== undefined) opts.uid = launch.uid;
  if (launch.gid !== undefined) opts.gid = launch.gid;
  const child = spawn(argv[0]!, argv.slice(1), opts);
  let err = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => {
    if (err.length < 8192) err += s;
  });
  let bad: string | null = null;
  const frames = new FrameReader((type, payload) => {
    if (type === FRAME_JSON) {
      let m: HelperMessage;
      try {
        m = JSON.parse(payload.toString('utf8')) as HelperMessage;
      } catch {
        bad = 'capture helper sent a message that is not JSON';
        return;
      }
      onMessage(m);
    } else if (type === FRAME_BATCH) {
      onBatch(payload);
    }
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    if (bad !== null) return;
    bad = frames.push(chunk);
    if (bad !== null) child.kill('SIGTERM');
  });
  child.stdin!.on('error', () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    let spawnError: Error | null = null;
    child.on('error', (e) => {
      spawnError = e;
      err += `could not start ${argv[0]}: ${e.message}\n`;
      resolve({ code: -1, signal: null });
    });
    child.on('close', (code, signal) => {
      if (!spawnError) resolve({ code, signal });
    });
  });
  return { child, exited, stderr: () => (bad ? `${bad}\n` : '') + err };
}

function endedText(r: Running, ex: { code: number | null; signal: NodeJS.Signals | null }): string {
  const how = ex.signal ? `was killed by ${ex.signal}` : `exited with status ${ex.code}`;
  const err = r.stderr().trim();
  return `The capture helper ${how}${err ? `: ${err.split('\n').slice(-3).join(' ')}` : ''}`;
}

/** One request → one answer (list, check). */
async function ask(rq: HelperRequest, launch: HelperLaunch): Promise<HelperMessage> {
  let answer: HelperMessage | null = null;
  const r = runHelper(rq, launch, (m) => {
    answer ??= m;
  }, () => undefined);
  r.child.stdin!.end();
  const ex = await r.exited;
  if (answer === null) throw new CaptureError('capture', endedText(r, ex));
  return answer;
}

export async function listInterfaces(launch: HelperLaunch = {}): Promise<InterfaceDesc[]> {
  const m = await ask({ op: 'list' }, launch);
  if (m.t === 'interfaces') return m.list;
  if (m.t === 'error') throw new CaptureError(m.kind, m.message);
  throw new CaptureError('capture', `capture helper answered ${m.t} to list`);
}

/**
 * For the session API's `hello`: can this machine capture at all (helper present, `cap` built)?
 * Lists the interfaces to find out; a missing privilege still counts as available (the message
 * comes when a capture starts, with the remedy).
 */
export async function captureAvailability(launch: HelperLaunch = {}): Promise<{ available: boolean; reason?: string }> {
  try {
    await listInterfaces(launch);
    return { available: true };
  } catch (e) {
    if (e instanceof CaptureError && e.kind === 'privilege') return { available: true };
    return { available: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

export type FilterCheck = { ok: true } | { ok: false; kind: ErrorKind; message: string };

/** Compiles a BPF filter with libpcap for `iface` (default: Linux's "any"). */
export async function checkFilter(filter: string, iface?: string, launch: HelperLaunch = {}): Promise<FilterCheck> {
  const m = await ask(iface === undefined ? { op: 'check', filter } : { op: 'check', filter, iface }, launch);
  if (m.t === 'filter-ok') return { ok: true };
  if (m.t === 'error') return { ok: false, kind: m.kind, message: m.message };
  return { ok: false, kind: 'capture', message: `capture helper answered ${m.t} to check` };
}

/** A temporary write-through file name like Wireshark's: packetloom_lo_20261122013500.pcapng. */
function tempCapturePath(interfaces: string[]): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'packetloom-'));
  const d = new Date();
  const p2 = (x: number) => String(x).padStart(2, '0');
  const stamp = `${d.getFullYear()}${p2(d.getMonth() + 1)}${p2(d.getDate())}${p2(d.getHours())}${p2(d.getMinutes())}${p2(d.getSeconds())}`;
  const names = interfaces.map((n) => n.replace(/[^A-Za-z0-9._-]/g, '_')).join('-').slice(0, 64);
  return { dir, path: join(dir, `packetloom_${names}_${stamp}.pcapng`) };
}

/** Checks the options a caller may get wrong; returns a message or null. */
export function optionsProblem(o: LiveCaptureOptions): string | null {
  if (!Array.isArray(o.interfaces) || o.interfaces.length === 0) return 'No capture interface given.';
  if (o.interfaces.some((n) => typeof n !== 'string' || n === '' || n.length > 256)) return 'Bad interface name.';
  if (typeof o.filter !== 'string') return 'The capture filter must be text.';
  const pos = (v: number | undefined, what: string) =>
    v !== undefined && (!Number.isFinite(v) || v <= 0) ? `${what} must be a positive number` : null;
  return (
    pos(o.snaplen, 'snaplen') ?? pos(o.bufferMB, 'The buffer size') ?? pos(o.stop?.durationSec, 'The duration') ??
    pos(o.stop?.packets, 'The packet count') ?? pos(o.stop?.filesizeKB, 'The file size') ?? pos(o.ring?.filesizeKB, 'The ring file size') ??
    pos(o.ring?.files, 'The number of ring files') ?? pos(o.stopFiles, 'The number of files') ?? pos(o.ringDurationSec, 'The ring duration') ??
    pos(o.ringPackets, 'The ring packet count') ?? pos(o.flushMs, 'flushMs')
  );
}

export async function startCapture(o: LiveCaptureOptions, handlers: CaptureHandlers = {}, launch: HelperLaunch = {}): Promise<LiveCapture> {
  const problem = optionsProblem(o);
  if (problem) throw new CaptureError('capture', problem);
  const helper = launch.helperPath ?? defaultHelperPath();
  if (!existsSync(helper)) throw new CaptureError('unavailable', `The capture helper is missing (${helper}); run \`npm run build\`.`);
  let tempDir: string | undefined;
  let path = o.path;
  if (path === undefined) {
    const t = tempCapturePath(o.interfaces);
    tempDir = t.dir;
    path = t.path;
  }
  const stop: CaptureRequest['stop'] = {};
  if (o.stop?.durationSec !== undefined) stop.durationSec = o.stop.durationSec;
  if (o.stop?.packets !== undefined) stop.packets = o.stop.packets;
  if (o.stop?.filesizeKB !== undefined) stop.filesizeKB = o.stop.filesizeKB;
  if (o.stopFiles !== undefined) stop.files = o.stopFiles;
  const ring: NonNullable<CaptureRequest['ring']> = {};
  if (o.ring?.filesizeKB !== undefined) ring.filesizeKB = o.ring.filesizeKB;
  if (o.ring?.files !== undefined) ring.files = o.ring.files;
  if (o.ringDurationSec !== undefined) ring.durationSec = o.ringDurationSec;
  if (o.ringPackets !== undefined) ring.packets = o.ringPackets;
  const rq: CaptureRequest = {
    op: 'capture',
    interfaces: o.interfaces,
    filter: o.filter,
    snaplen: Math.min(o.snaplen ?? 65535, 65535),
    bufferSize: Math.round((o.bufferMB ?? 64) * 1024 * 1024),
    path,
    stop,
    flushMs: o.flushMs ?? 50,
  };
  if (Object.keys(ring).length) rq.ring = ring;

  let linkTypes: number[] = [];
  let final: CaptureStopped | null = null;
  let delivered = 0;
  const files: string[] = [];
  let onStart!: (m: HelperMessage) => void;
  const startMsg = new Promise<HelperMessage>((resolve) => {
    onStart = resolve;
  });
  const r = runHelper(rq, launch, (m) => {
    if (m.t === 'started') {
      linkTypes = m.interfaces.map((i) => i.linkType);
      files.push(m.path);
      onStart(m);
    } else if (m.t === 'error') {
      onStart(m);
    } else if (m.t === 'file') {
      files.push(m.path);
      handlers.onFile?.(m.path);
    } else if (m.t === 'stats') {
      handlers.onStats?.({ received: m.received, dropped: (m.dropped ?? 0) + m.ifDropped, dropsKnown: m.dropped !== null });
    } else if (m.t === 'stopped') {
      final = { reason: m.reason, received: m.received, dropped: (m.dropped ?? 0) + m.ifDropped, dropsKnown: m.dropped !== null, files: m.files };
      if (m.message !== undefined) final.message = m.message;
      files.splice(0, files.length, ...m.files);
    }
  }, (payload) => {
    const packets = parseBatch(payload, linkTypes);
    if (typeof packets === 'string') {
      r.child.kill('SIGTERM');
      return;
    }
    delivered += packets.length;
    handlers.onPackets?.({ packets, blocks: payload });
  });

  const first = await Promise.race([startMsg, r.exited.then(() => null)]);
  if (first === null || first.t !== 'started') {
    r.child.stdin!.end();
    const ex = await r.exited;
    if (tempDir !== undefined) {
      try {
        rmdirSync(tempDir); // only if empty: nothing was captured into it
      } catch {
        // not empty or already gone: keep it
      }
    }
    if (first?.t === 'error') throw new CaptureError(first.kind, first.message);
    throw new CaptureError('capture', endedText(r, ex));
  }

  const stopped = r.exited.then((ex): CaptureStopped => {
    const file = files[files.length - 1] ?? path;
    // cap 0.2.1 aborts (an assertion in its poll callback) when the capture socket reports an
    // error, which is what an interface going down or disappearing does: say that, not "SIGABRT".
    const deviceFailed = ex.signal === 'SIGABRT' && /cb_packets|status == 0/.test(r.stderr());
    const s: CaptureStopped = final ?? {
      reason: deviceFailed ? 'interface-gone' : 'error',
      message: deviceFailed
        ? `The interface ${o.interfaces.join(', ')} went down or disappeared; the capture has stopped. The packets captured until then are in ${file}.`
        : `${endedText(r, ex)}; the packets captured so far are in ${file}.`,
      received: delivered,
      dropped: 0,
      dropsKnown: false,
      files: [...files],
    };
    handlers.onStopped?.(s);
    return s;
  });

  let stopAsked = false;
  const handle: LiveCapture = {
    path: first.path,
    files,
    interfaces: first.interfaces,
    ...(tempDir !== undefined ? { tempDir } : {}),
    pid: r.child.pid ?? -1,
    stopped,
    stop() {
      if (!stopAsked && r.child.exitCode === null && r.child.signalCode === null) {
        stopAsked = true;
        r.child.stdin!.write('{"cmd":"stop"}\n');
        // A helper that does not answer within seconds is ended (it closes its file on SIGTERM).
        const t1 = setTimeout(() => r.child.kill('SIGTERM'), 10_000);
        const t2 = setTimeout(() => r.child.kill('SIGKILL'), 20_000);
        t1.unref();
        t2.unref();
        void stopped.then(() => {
          clearTimeout(t1);
          clearTimeout(t2);
        });
      }
      return stopped;
    },
  };
  return handle;
}

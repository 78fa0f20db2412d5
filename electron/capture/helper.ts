/**
 * The capture helper: a small process of its own, like Wireshark's dumpcap, and the only code in
 * Packetloom that loads `cap` (libpcap). It needs the capture privilege; the app does not.
 *
 *   node dist/capture-helper.js '{"op":"list"}'
 *   node dist/capture-helper.js '{"op":"check","filter":"tcp port 80","iface":"lo"}'
 *   node dist/capture-helper.js '{"op":"capture","interfaces":["lo"],"filter":"",…}'
 *
 * It answers on stdout in the framing of protocol.ts. A capture: every device is opened with the
 * filter compiled by libpcap first (a wrong filter is libpcap's message and nothing starts), then
 * each packet is copied out of `cap`'s buffer at once, timestamped, appended to the current batch
 * as a pcapng Enhanced Packet Block. What one wake-up drained from libpcap is written through to
 * the pcapng file right after (setImmediate), and the batch is sent to the client at most
 * `flushMs` after its first packet (or when it grows large). cap aborts the process when the
 * device fails under it (an interface that disappears); by then every packet it delivered is in
 * the file, and the client reports the interface as gone. Stop
 * conditions and the ring buffer are tshark's `-a`/`-b`. A stop request on stdin, the end of
 * stdin (the client died), SIGINT/SIGTERM/SIGHUP, or the interface disappearing all end the
 * capture the same way: the pending batch written, the file closed, `stopped` sent.
 *
 * What `cap` 0.2.1 does not give (see README "Live capture"): the kernel's timestamp (packets
 * are stamped when the helper copies them, µs) and libpcap's pcap_stats. The kernel ring's drops
 * (ps_drop) come from the small pcapstats addon beside this file, reading PACKET_STATISTICS on
 * cap's socket as pcap_stats does; the interface's own drops (ps_ifdrop) from sysfs.
 */
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { InterfaceDesc } from '../api/contract.js';
import { PcapngWriter } from '../../dissectors/capture/pcapng-writer.js';
import { CaptureFiles } from './files.js';
import { capUnavailableMessage, classify, linkTypeOf, wireLength } from './pcap-info.js';
import {
  encodeFrame, FRAME_BATCH, jsonFrame,
  type CaptureRequest, type ErrorKind, type HelperInterface, type HelperMessage, type HelperRequest, type StopReason,
} from './protocol.js';

// ---------------------------------------------------------------------------------------------
// cap, loaded lazily: a missing or unbuilt module is a message, not a crash.

interface CapDevice {
  name: string;
  description?: string;
  addresses: { addr: string; netmask?: string; broadaddr?: string }[];
  flags?: string;
}

interface CapInstance {
  open(device: string, filter: string, bufSize: number, buffer: Buffer): string;
  close(): void;
  on(ev: 'packet', cb: (nbytes: number, truncated: boolean) => void): void;
}

interface CapModule {
  Cap: { new (): CapInstance; deviceList(): CapDevice[] };
}

/**
 * libpcap's drop counts: `cap` has no pcap_stats, so the small addon in electron/capture/pcapstats
 * (an optional dependency like cap) reads PACKET_STATISTICS on cap's packet socket, as
 * pcap_stats does on Linux. Null where it is not built (or not Linux): drops then stay unknown.
 */
type StatsFn = (fd: number) => [packets: number, drops: number];

function loadStats(): StatsFn | null {
  if (process.platform !== 'linux') return null;
  try {
    const req = createRequire(import.meta.url);
    return (req('packetloom-pcapstats') as { stats: StatsFn }).stats;
  } catch {
    return null;
  }
}

/** This process's AF_PACKET socket descriptors (from /proc/self/net/packet's inodes). */
function packetSocketFds(): Set<number> {
  const out = new Set<number>();
  try {
    const inodes = new Set(readFileSync('/proc/self/net/packet', 'utf8').split('\n').slice(1).map((l) => l.trim().split(/\s+/)[8]).filter(Boolean));
    for (const f of readdirSync('/proc/self/fd')) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${f}`));
        if (m && inodes.has(m[1]!)) out.add(Number(f));
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    // no /proc: no fds, drops stay unknown
  }
  return out;
}

function loadCap(): CapModule {
  const req = createRequire(import.meta.url);
  return req('cap') as CapModule;
}

// ---------------------------------------------------------------------------------------------
// Output

let parentGone = false;

function send(m: HelperMessage): void {
  sendRaw(jsonFrame(m));
}

function sendRaw(b: Uint8Array): void {
  if (parentGone) return;
  try {
    process.stdout.write(b);
  } catch {
    parentGone = true;
  }
}

// ---------------------------------------------------------------------------------------------
// Interfaces

const IFF_UP = 0x1;
const IFF_LOOPBACK = 0x8;

/** The interface's flags from sysfs (Linux), or null where it has no entry (any, nflog, …). */
function sysFlags(name: string): number | null {
  if (process.platform !== 'linux' || name.includes('/') || name === '.' || name === '..') return null;
  try {
    return parseInt(readFileSync(`/sys/class/net/${name}/flags`, 'utf8').trim(), 16);
  } catch {
    return null;
  }
}

/** IFF_RUNNING as SIOCGIFFLAGS reports it: operational state up, or unknown (loopback, tun). */
function operRunning(name: string): boolean {
  try {
    const st = readFileSync(`/sys/class/net/${name}/operstate`, 'utf8').trim();
    return st === 'up' || st === 'unknown';
  } catch {
    return false;
  }
}

function sysCounter(name: string, counter: string): number {
  if (process.platform !== 'linux' || name.includes('/')) return 0;
  try {
    return Number(readFileSync(`/sys/class/net/${name}/statistics/${counter}`, 'utf8').trim()) || 0;
  } catch {
    return 0;
  }
}

function ifIndex(name: string): string | null {
  if (process.platform !== 'linux' || name.includes('/')) return null;
  try {
    return readFileSync(`/sys/class/net/${name}/ifindex`, 'utf8').trim();
  } catch {
    return null;
  }
}

export function describeDevices(devs: CapDevice[]): InterfaceDesc[] {
  return devs.map((d) => {
    const f = sysFlags(d.name);
    const loopback = d.flags === 'PCAP_IF_LOOPBACK' || (f !== null && (f & IFF_LOOPBACK) !== 0);
    const desc: InterfaceDesc = {
      name: d.name,
      addresses: (d.addresses ?? []).map((a) => a.addr).filter((a): a is string => typeof a === 'string' && a !== ''),
      // Pseudo-devices (any, nflog, dbus-system …) have no kernel flags; libpcap lists them as up.
      up: f === null ? true : (f & IFF_UP) !== 0,
      running: f === null ? true : (f & IFF_UP) !== 0 && operRunning(d.name),
      loopback,
    };
    const description = d.description ?? (loopback ? 'Loopback' : undefined);
    if (description !== undefined) desc.description = description;
    return desc;
  });
}

/**
 * Opens `iface` with `filter`, telling a filter error from a device or privilege error: cap's
 * open() activates the device before it compiles the filter, so when it fails with a filter, one
 * more open without a filter says which it was.
 */
function openDevice(cap: CapModule, iface: string, filter: string, bufSize: number, buffer: Buffer):
  { ok: true; c: CapInstance; linkTypeName: string } | { ok: false; kind: ErrorKind; message: string } {
  const c = new cap.Cap();
  try {
    return { ok: true, c, linkTypeName: c.open(iface, filter, bufSize, buffer) };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // No close(): when open() throws, cap has no poll handle yet and its close() would abort the
    // process (the half-open pcap_t goes with the helper, which exits after answering).
    if (filter.trim() !== '') {
      const probe = new cap.Cap();
      let deviceOk = false;
      try {
        probe.open(iface, '', 1 << 16, buffer);
        deviceOk = true;
        probe.close();
      } catch {
        deviceOk = false;
      }
      if (deviceOk) return { ok: false, kind: 'filter', message: msg };
    }
    return { ok: false, ...classify(iface, msg) };
  }
}

// ---------------------------------------------------------------------------------------------
// The capture

const SNAP_MAX = 65535;

/** A pcapng Interface Statistics Block (little-endian, µs timestamps as the helper's IDBs). */
export function interfaceStatsBlock(id: number, startUs: number, endUs: number, delivered: number, ifDrop: number, osDrop: number | null): Buffer {
  const u64 = (code: number, v: number) => {
    const b = Buffer.alloc(12);
    b.writeUInt16LE(code, 0);
    b.writeUInt16LE(8, 2);
    b.writeBigUInt64LE(BigInt(Math.max(0, Math.floor(v))), 4);
    return b;
  };
  const ts = (code: number, us: number) => {
    const b = Buffer.alloc(12);
    b.writeUInt16LE(code, 0);
    b.writeUInt16LE(8, 2);
    b.writeUInt32LE(Math.floor(us / 4294967296), 4);
    b.writeUInt32LE(us % 4294967296, 8);
    return b;
  };
  const opts = [ts(2, startUs), ts(3, endUs), u64(5, ifDrop), ...(osDrop === null ? [] : [u64(7, osDrop)]), u64(8, delivered), Buffer.alloc(4)];
  const body = Buffer.concat(opts);
  const len = 12 + 12 + body.length;
  const out = Buffer.alloc(len);
  out.writeUInt32LE(5, 0);
  out.writeUInt32LE(len, 4);
  out.writeUInt32LE(id, 8);
  out.writeUInt32LE(Math.floor(endUs / 4294967296), 12);
  out.writeUInt32LE(endUs % 4294967296, 16);
  body.copy(out, 20);
  out.writeUInt32LE(len, len - 4);
  return out;
}

function capture(cap: CapModule, rq: CaptureRequest): void {
  const snaplen = Math.min(Math.max(1, rq.snaplen | 0), SNAP_MAX);
  const opened: { c: CapInstance; name: string; linkType: number; buffer: Buffer; index: string | null; fd: number | null }[] = [];
  const statsFn = loadStats();
  const closeAll = () => {
    for (const o of opened) {
      try {
        o.c.close();
      } catch {
        // already closed
      }
    }
  };
  for (const name of rq.interfaces) {
    // One buffer per device, kept referenced for as long as the device is open: cap's native
    // code copies every packet into it.
    const buffer = Buffer.alloc(SNAP_MAX);
    const fdsBefore = statsFn ? packetSocketFds() : new Set<number>();
    const r = openDevice(cap, name, rq.filter, rq.bufferSize, buffer);
    if (!r.ok) {
      closeAll();
      send({ t: 'error', kind: r.kind, message: r.message });
      return;
    }
    const lt = linkTypeOf(r.linkTypeName);
    if (lt === null) {
      r.c.close();
      closeAll();
      send({ t: 'error', kind: 'capture', message: `The interface ${name} has a link type Packetloom cannot record (${r.linkTypeName}).` });
      return;
    }
    // The packet socket libpcap opened for this device: the one that was not there before.
    const fresh = statsFn ? [...packetSocketFds()].filter((fd) => !fdsBefore.has(fd)) : [];
    opened.push({ c: r.c, name, linkType: lt, buffer, index: ifIndex(name), fd: fresh.length === 1 ? fresh[0]! : null });
  }

  const w = new PcapngWriter({ os: `${process.platform}`, userAppl: 'Packetloom (capture helper)' });
  const headerParts = [w.header()];
  for (const o of opened) {
    const opts: Parameters<PcapngWriter['addInterface']>[0] = { linkType: o.linkType, snapLen: snaplen, name: o.name, tsresol: 6 };
    if (rq.filter !== '') opts.filter = rq.filter;
    headerParts.push(w.addInterface(opts));
  }
  const header = Buffer.concat(headerParts);
  const ringOn = rq.ring !== undefined && Object.values(rq.ring).some((v) => v !== undefined);
  const files = new CaptureFiles(rq.path, header, ringOn ? rq.ring! : null);
  try {
    files.open();
  } catch (e) {
    closeAll();
    send({ t: 'error', kind: 'file', message: `The capture file "${rq.path}" could not be created: ${(e as Error).message}.` });
    return;
  }

  // ---- the batch: EPBs appended to one growing buffer
  let batch = Buffer.allocUnsafe(1 << 20);
  let batchLen = 0;
  let batchPackets = 0;
  // The part of the batch already in the file: each drain of cap's buffer is written at once
  // (setImmediate runs right after the poll phase), the batch is sent to the client on a timer.
  let written = 0;
  let writtenPackets = 0;
  let writeScheduled = false;
  let flushTimer: NodeJS.Timeout | null = null;
  const BATCH_BYTES = 1 << 20;
  let received = 0;
  let stopping = false;
  const ifDrop0 = opened.map((o) => sysCounter(o.name, 'rx_dropped'));
  const ifDropOf = (i: number) => Math.max(0, sysCounter(opened[i]!.name, 'rx_dropped') - ifDrop0[i]!);
  const ifDropped = () => opened.reduce((n, _o, i) => n + ifDropOf(i), 0);
  // Kernel ring drops (libpcap's ps_drop), added up: the kernel resets the counters on each read.
  let ringDrops = 0;
  const ringBy = opened.map(() => 0);
  const receivedBy = opened.map(() => 0);
  const startUs = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  const ringKnown = statsFn !== null && opened.every((o) => o.fd !== null);
  const readRingDrops = (): number | null => {
    if (!ringKnown) return null;
    for (const o of opened) {
      try {
        const d = statsFn!(o.fd!)[1];
        ringDrops += d;
        ringBy[opened.indexOf(o)]! += d;
      } catch {
        // the socket went away with its interface: the last count stands
      }
    }
    return ringDrops;
  };

  const writeThrough = () => {
    if (batchLen > written) {
      files.write(batch.subarray(written, batchLen), batchPackets - writtenPackets);
      written = batchLen;
      writtenPackets = batchPackets;
    }
  };

  const flush = () => {
    if (flushTimer) {
      clearTimeout(flushTimer);
      flushTimer = null;
    }
    if (batchLen === 0) return;
    writeThrough();
    sendRaw(encodeFrame(FRAME_BATCH, batch.subarray(0, batchLen)));
    batchLen = 0;
    batchPackets = 0;
    written = 0;
    writtenPackets = 0;
  };

  const stop = (reason: StopReason, message?: string) => {
    if (stopping) return;
    stopping = true;
    const drops = readRingDrops(); // before close(): the socket must still be open
    closeAll();
    clearInterval(tick);
    let why = message;
    try {
      flush();
      // Interface Statistics Blocks, as dumpcap ends a file: start and end time, packets
      // delivered, dropped by the interface (isb_ifdrop) and by the kernel ring (isb_osdrop).
      const endUs = Math.floor((performance.timeOrigin + performance.now()) * 1000);
      const isbs = opened.map((_o, i) => interfaceStatsBlock(i, startUs, endUs, receivedBy[i]!, ifDropOf(i), drops === null ? null : ringBy[i]!));
      files.write(Buffer.concat(isbs), 0);
    } catch (e) {
      reason = 'error';
      why = `Writing the capture file failed: ${(e as Error).message}`;
    }
    try {
      files.close();
    } catch {
      // closing a file we wrote with writeSync: nothing more to lose
    }
    const m: HelperMessage = { t: 'stopped', reason, received, dropped: drops, ifDropped: ifDropped(), files: [...files.files] };
    if (why !== undefined) m.message = why;
    send(m);
    process.stdin.destroy();
    // Exit once stdout has taken the last frame (pipes may be asynchronous off Linux).
    if (parentGone) process.exit(0);
    process.stdout.write('', () => process.exit(0));
  };

  const afterPacket = () => {
    const st = rq.stop;
    if (st.packets !== undefined && received >= st.packets) return stop('packets');
    if (!files.ring && st.filesizeKB !== undefined && files.size + batchLen - written >= st.filesizeKB * 1000) return stop('filesize');
    if (files.ring) {
      // Ring switch conditions count the batch not written yet.
      const wants = (files.ring.filesizeKB !== undefined && files.size + batchLen - written >= files.ring.filesizeKB * 1000) ||
        (files.ring.packets !== undefined && files.packets + batchPackets - writtenPackets >= files.ring.packets);
      if (wants) switchFile();
    }
  };

  const switchFile = () => {
    flush();
    if (rq.stop.files !== undefined && files.started >= rq.stop.files) return stop('files');
    send({ t: 'file', path: files.next() });
  };

  const onPacket = (id: number, buffer: Buffer, nbytes: number, truncated: boolean) => {
    if (stopping) return;
    // Stamp first: the closest we get to the moment it arrived.
    const us = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    received++;
    receivedBy[id]!++;
    const caplen = Math.min(nbytes, snaplen);
    // cap cut it to its 65535-byte buffer: the IP header says how long it was; else cap has it whole.
    const origLen = truncated ? wireLength(opened[id]!.linkType, buffer, nbytes) : nbytes;
    const padded = (caplen + 3) & ~3;
    const blockLen = 32 + padded;
    if (batchLen + blockLen > batch.length) {
      const bigger = Buffer.allocUnsafe(Math.max(batch.length * 2, batchLen + blockLen));
      batch.copy(bigger, 0, 0, batchLen);
      batch = bigger;
    }
    const o = batchLen;
    const hi = Math.floor(us / 4294967296);
    batch.writeUInt32LE(6, o);
    batch.writeUInt32LE(blockLen, o + 4);
    batch.writeUInt32LE(id, o + 8);
    batch.writeUInt32LE(hi, o + 12);
    batch.writeUInt32LE(us - hi * 4294967296, o + 16);
    batch.writeUInt32LE(caplen, o + 20);
    batch.writeUInt32LE(origLen, o + 24);
    // The copy out of cap's buffer, which the next packet overwrites.
    buffer.copy(batch, o + 28, 0, caplen);
    batch.fill(0, o + 28 + caplen, o + 28 + padded);
    batch.writeUInt32LE(blockLen, o + 28 + padded);
    batchLen += blockLen;
    batchPackets++;
    if (!writeScheduled) {
      writeScheduled = true;
      setImmediate(() => {
        writeScheduled = false;
        if (stopping) return;
        try {
          writeThrough();
        } catch (e) {
          stop('error', `Writing the capture file failed: ${(e as Error).message}`);
        }
      });
    }
    if (batchLen >= BATCH_BYTES) {
      try {
        flush();
      } catch (e) {
        return stop('error', `Writing the capture file failed: ${(e as Error).message}`);
      }
    } else if (flushTimer === null) {
      flushTimer = setTimeout(() => {
        flushTimer = null;
        try {
          flush();
        } catch (e) {
          stop('error', `Writing the capture file failed: ${(e as Error).message}`);
        }
      }, rq.flushMs);
    }
    afterPacket();
  };

  opened.forEach((o, id) => o.c.on('packet', (nbytes, truncated) => onPacket(id, o.buffer, nbytes, truncated)));

  const t0 = Date.now();
  let lastStats = t0;
  const tick = setInterval(() => {
    if (stopping) return;
    const now = Date.now();
    // An interface that disappeared (or was replaced by another of the same name) ends the capture.
    for (const o of opened) {
      if (o.index === null) continue;
      const idx = ifIndex(o.name);
      if (idx === null || idx !== o.index) {
        return stop('interface-gone', `The interface ${o.name} disappeared; the capture has stopped.`);
      }
      const f = sysFlags(o.name);
      if (f !== null && (f & IFF_UP) === 0) {
        return stop('interface-gone', `The interface ${o.name} went down; the capture has stopped.`);
      }
    }
    if (rq.stop.durationSec !== undefined && now - t0 >= rq.stop.durationSec * 1000) return stop('duration');
    if (files.ring?.durationSec !== undefined && files.wantsSwitch(now)) {
      try {
        switchFile();
      } catch (e) {
        return stop('error', `Starting the next ring buffer file failed: ${(e as Error).message}`);
      }
    }
    if (now - lastStats >= 1000) {
      lastStats = now;
      send({ t: 'stats', received, dropped: readRingDrops(), ifDropped: ifDropped() });
    }
  }, 50);

  // The client: a line {"cmd":"stop"} stops; the end of stdin (the client died) stops too.
  let line = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (s: string) => {
    line += s;
    if (line.length > 1 << 16) line = line.slice(-4096);
    let nl: number;
    while ((nl = line.indexOf('\n')) >= 0) {
      const cmd = line.slice(0, nl).trim();
      line = line.slice(nl + 1);
      if (cmd === '') continue;
      try {
        if ((JSON.parse(cmd) as { cmd?: string }).cmd === 'stop') stop('user');
      } catch {
        // not JSON: ignored
      }
    }
  });
  process.stdin.on('end', () => stop('user', 'The application that started the capture went away; the capture was stopped and its file kept.'));
  process.stdin.on('error', () => undefined);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => stop('user'));

  send({ t: 'started', interfaces: opened.map((o, id): HelperInterface => ({ id, name: o.name, linkType: o.linkType })), path: files.current, snaplen });
}

// ---------------------------------------------------------------------------------------------
// Entry

function parseRequest(arg: string | undefined): HelperRequest | string {
  if (arg === undefined) return 'usage: capture-helper <request JSON>';
  let rq: unknown;
  try {
    rq = JSON.parse(arg);
  } catch {
    return 'the request is not JSON';
  }
  if (typeof rq !== 'object' || rq === null) return 'the request is not an object';
  const r = rq as Record<string, unknown>;
  if (r.op === 'list') return { op: 'list' };
  if (r.op === 'check') {
    if (typeof r.filter !== 'string') return 'check: filter must be a string';
    if (r.iface !== undefined && typeof r.iface !== 'string') return 'check: iface must be a string';
    return r.iface === undefined ? { op: 'check', filter: r.filter } : { op: 'check', filter: r.filter, iface: r.iface as string };
  }
  if (r.op === 'capture') {
    if (!Array.isArray(r.interfaces) || r.interfaces.length === 0 || !r.interfaces.every((x) => typeof x === 'string' && x !== '')) {
      return 'capture: interfaces must be a non-empty list of names';
    }
    if (typeof r.filter !== 'string' || typeof r.path !== 'string' || r.path === '') return 'capture: filter and path must be strings';
    return r as unknown as CaptureRequest;
  }
  return `unknown op ${JSON.stringify(r.op)}`;
}

function main(): void {
  process.stdout.on('error', () => {
    parentGone = true;
  });
  const rq = parseRequest(process.argv[2]);
  if (typeof rq === 'string') {
    send({ t: 'error', kind: 'capture', message: `capture helper: ${rq}` });
    return;
  }
  let cap: CapModule;
  try {
    cap = loadCap();
  } catch (e) {
    send({ t: 'error', kind: 'unavailable', message: capUnavailableMessage(e) });
    return;
  }
  if (rq.op === 'list') {
    try {
      send({ t: 'interfaces', list: describeDevices(cap.Cap.deviceList()) });
    } catch (e) {
      send({ t: 'error', kind: 'capture', message: `The interfaces could not be listed: ${(e as Error).message}` });
    }
    return;
  }
  if (rq.op === 'check') {
    const iface = rq.iface ?? (process.platform === 'linux' ? 'any' : cap.Cap.deviceList()[0]?.name ?? 'any');
    const r = openDevice(cap, iface, rq.filter, 1 << 16, Buffer.alloc(SNAP_MAX));
    if (r.ok) {
      r.c.close();
      send({ t: 'filter-ok' });
    } else {
      send({ t: 'error', kind: r.kind, message: r.message });
    }
    return;
  }
  capture(cap, rq);
}

main();

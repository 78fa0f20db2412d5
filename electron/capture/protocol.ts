/**
 * The wire between the capture helper (helper.ts, its own process) and the client (client.ts).
 *
 * Helper → client, on the helper's stdout: frames `[u32le length][u8 type][payload]` where
 * length counts type + payload.
 *   FRAME_JSON   payload is one UTF-8 JSON HelperMessage (rare: started, file, stats, stopped, error …)
 *   FRAME_BATCH  payload is a run of pcapng Enhanced Packet Blocks (little-endian, µs timestamps):
 *                the very bytes the helper has just written through to its pcapng file, so one copy
 *                of a packet serves the file and the client, and no JSON is made per packet.
 *
 * Client → helper: the request is the helper's one argument (JSON, see HelperRequest); during a
 * capture, stdin carries JSON lines ({"cmd":"stop"}), and its end (the client died) stops the
 * capture too, with the file closed properly. stdout/stdin pipes (not Node's IPC channel) so the
 * same framing works through `sudo`, `pkexec` or `ip netns exec`.
 */

import type { InterfaceDesc } from '../api/contract.js';

export const FRAME_JSON = 1;
export const FRAME_BATCH = 2;
/** Largest frame the client accepts (a batch is flushed well before this). */
export const MAX_FRAME = 64 << 20;

export interface CaptureRequest {
  op: 'capture';
  interfaces: string[];
  /** BPF capture filter ('' for none). */
  filter: string;
  /** Bytes kept per packet (≤ 65535: `cap` opens every device with snaplen 65535). */
  snaplen: number;
  /** libpcap buffer size in bytes. */
  bufferSize: number;
  /** The write-through file, or with a ring buffer the name the numbered files are made from. */
  path: string;
  stop: { durationSec?: number; packets?: number; filesizeKB?: number; files?: number };
  ring?: { filesizeKB?: number; files?: number; durationSec?: number; packets?: number };
  /** Longest time a packet waits in the helper before it is written and sent (ms). */
  flushMs: number;
}

export type HelperRequest =
  | { op: 'list' }
  | { op: 'check'; filter: string; iface?: string }
  | CaptureRequest;

export type StopReason =
  | 'user' // stop() or the client went away
  | 'duration' // -a duration
  | 'packets' // -a packets / -c
  | 'filesize' // -a filesize
  | 'files' // -a files
  | 'interface-gone' // the interface disappeared or went down
  | 'error'; // libpcap or the file failed

export type ErrorKind = 'filter' | 'privilege' | 'no-device' | 'unavailable' | 'file' | 'capture';

export interface HelperInterface {
  id: number;
  name: string;
  linkType: number;
}

export type HelperMessage =
  | { t: 'interfaces'; list: InterfaceDesc[] }
  | { t: 'filter-ok' }
  | { t: 'error'; kind: ErrorKind; message: string }
  | { t: 'started'; interfaces: HelperInterface[]; path: string; snaplen: number }
  | { t: 'file'; path: string }
  // dropped: the kernel ring's drops (libpcap's ps_drop), null where they cannot be read;
  // ifDropped: the interfaces' own drops meanwhile (ps_ifdrop).
  | { t: 'stats'; received: number; dropped: number | null; ifDropped: number }
  | { t: 'stopped'; reason: StopReason; message?: string; received: number; dropped: number | null; ifDropped: number; files: string[] };

export function encodeFrame(type: number, payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(5 + payload.length);
  out.writeUInt32LE(1 + payload.length, 0);
  out[4] = type;
  out.set(payload, 5);
  return out;
}

export function jsonFrame(m: HelperMessage): Buffer {
  return encodeFrame(FRAME_JSON, Buffer.from(JSON.stringify(m), 'utf8'));
}

/** Cuts a byte stream into frames; bytes may arrive in any pieces. */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);

  constructor(private readonly onFrame: (type: number, payload: Buffer) => void) {}

  /** Returns an error message when the stream is not made of valid frames. */
  push(chunk: Buffer): string | null {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    let off = 0;
    while (this.buf.length - off >= 5) {
      const len = this.buf.readUInt32LE(off);
      if (len < 1 || len > MAX_FRAME) return `capture helper sent a frame of ${len} bytes`;
      if (this.buf.length - off < 4 + len) break;
      this.onFrame(this.buf[off + 4]!, this.buf.subarray(off + 5, off + 4 + len));
      off += 4 + len;
    }
    this.buf = off === this.buf.length ? Buffer.alloc(0) : Buffer.from(this.buf.subarray(off));
    return null;
  }

  /** Bytes of an unfinished frame. */
  get pending(): number {
    return this.buf.length;
  }
}

/** One captured packet as the client hands it to the engine. `bytes` is the packet's own copy. */
export interface LivePacket {
  interfaceId: number;
  linkType: number;
  tsSec: number;
  tsNsec: number;
  origLen: number;
  bytes: Uint8Array;
}

/**
 * Reads the Enhanced Packet Blocks of a batch (µs timestamps, as the helper writes them).
 * Returns the packets, or an error message for a block that does not parse.
 */
export function parseBatch(payload: Uint8Array, linkTypes: readonly number[]): LivePacket[] | string {
  const v = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const out: LivePacket[] = [];
  let off = 0;
  while (off < payload.length) {
    if (payload.length - off < 32) return `batch ends inside a block at ${off}`;
    const type = v.getUint32(off, true);
    const len = v.getUint32(off + 4, true);
    if (type !== 6 || len < 32 || len % 4 !== 0 || off + len > payload.length) return `bad block at ${off} (type ${type}, length ${len})`;
    const ifId = v.getUint32(off + 8, true);
    const ts = v.getUint32(off + 12, true) * 2 ** 32 + v.getUint32(off + 16, true);
    const capLen = v.getUint32(off + 20, true);
    const origLen = v.getUint32(off + 24, true);
    if (28 + capLen + 4 > len) return `packet at ${off} is longer than its block`;
    const lt = linkTypes[ifId];
    if (lt === undefined) return `packet at ${off} names unknown interface ${ifId}`;
    const tsSec = Math.floor(ts / 1e6);
    out.push({
      interfaceId: ifId,
      linkType: lt,
      tsSec,
      tsNsec: (ts - tsSec * 1e6) * 1000,
      origLen,
      // A copy (Buffer#slice would be a view into the frame).
      bytes: Uint8Array.prototype.slice.call(payload, off + 28, off + 28 + capLen),
    });
    off += len;
  }
  return out;
}

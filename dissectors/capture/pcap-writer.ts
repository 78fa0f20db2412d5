/**
 * Classic pcap writer: little-endian, µs (magic a1b2c3d4) or ns (a1b23c4d) precision. Produces
 * one Uint8Array per call: the file header, then one per record. Timestamps that pcap cannot hold
 * (seconds outside 0..2^32-1) throw a RangeError; µs precision truncates the nanoseconds.
 */

import { MAX_SNAPLEN_STANDARD } from './linktypes.js';
import type { WritablePacket } from './types.js';

export interface PcapWriterOptions {
  linkType: number;
  /** Default 262144. */
  snapLen?: number;
  /** Default 'usec'. */
  precision?: 'usec' | 'nsec';
}

function checkU32(x: number, what: string): number {
  if (!Number.isInteger(x) || x < 0 || x > 0xffffffff) throw new RangeError(`pcap writer: ${what} ${x} does not fit 32 bits`);
  return x;
}

export class PcapWriter {
  private readonly nsec: boolean;

  constructor(private readonly opts: PcapWriterOptions) {
    this.nsec = opts.precision === 'nsec';
  }

  /** The 24-byte file header. */
  header(): Uint8Array {
    const out = new Uint8Array(24);
    const v = new DataView(out.buffer);
    v.setUint32(0, this.nsec ? 0xa1b23c4d : 0xa1b2c3d4, true);
    v.setUint16(4, 2, true);
    v.setUint16(6, 4, true);
    v.setUint32(16, checkU32(this.opts.snapLen ?? MAX_SNAPLEN_STANDARD, 'snaplen'), true);
    v.setUint32(20, checkU32(this.opts.linkType, 'link type'), true);
    return out;
  }

  /** One record: 16-byte header and the packet bytes. */
  packet(p: WritablePacket): Uint8Array {
    const hasTs = p.hasTs !== false;
    const sec = hasTs ? checkU32(p.tsSec, 'timestamp seconds') : 0;
    const ns = hasTs ? p.tsNsec : 0;
    if (!Number.isInteger(ns) || ns < 0 || ns >= 1e9) throw new RangeError(`pcap writer: nanoseconds ${ns} out of range`);
    const out = new Uint8Array(16 + p.data.length);
    const v = new DataView(out.buffer);
    v.setUint32(0, sec, true);
    v.setUint32(4, this.nsec ? ns : Math.floor(ns / 1000), true);
    v.setUint32(8, p.data.length, true);
    v.setUint32(12, checkU32(p.origLen, 'original length'), true);
    out.set(p.data, 16);
    return out;
  }
}

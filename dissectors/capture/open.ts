/** Picks the reader for a capture from its first bytes (the magic, never the file name). */

import { PcapReader, pcapVariant } from './pcap-reader.js';
import { PcapngReader } from './pcapng-reader.js';
import type { CaptureFileError, CaptureFormat, CaptureReader } from './types.js';

/** 'pcap' / 'pcapng' for the first 4+ bytes of a file, or null. */
export function sniffFormat(firstBytes: Uint8Array): CaptureFormat | null {
  if (firstBytes.length < 4) return null;
  const b = firstBytes;
  if (b[0] === 0x0a && b[1] === 0x0d && b[2] === 0x0d && b[3] === 0x0a) return 'pcapng';
  const magicLE = (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  return pcapVariant(magicLE) !== null ? 'pcap' : null;
}

/** A reader of the given format, to be fed from the first byte of the file. */
export function readerFor(format: CaptureFormat): CaptureReader {
  return format === 'pcap' ? new PcapReader() : new PcapngReader();
}

/**
 * Sniffs the magic in `firstBytes` (at least the first 4 bytes of the file) and returns a reader
 * that has ALREADY been fed `firstBytes`: push the bytes that follow them, then `end()`.
 * Unknown magic (or fewer than 4 bytes) gives a `not-a-capture` error saying what the bytes were.
 */
export function createReader(firstBytes: Uint8Array): CaptureReader | CaptureFileError {
  const format = sniffFormat(firstBytes);
  if (format === null) {
    const shown = Array.from(firstBytes.subarray(0, 8), (x) => x.toString(16).padStart(2, '0')).join(' ');
    const message =
      firstBytes.length < 4
        ? `not a capture file: only ${firstBytes.length} byte(s) to recognise the format from (${shown || 'empty'})`
        : `not a capture file (neither pcap nor pcapng): the first bytes are ${shown}`;
    return { code: 'not-a-capture', message, offset: 0, packetNumber: 1 };
  }
  const r = readerFor(format);
  r.push(firstBytes);
  return r;
}

/** True for the error branch of `createReader`. */
export function isCaptureFileError(x: CaptureReader | CaptureFileError): x is CaptureFileError {
  return 'code' in x && 'message' in x && !('next' in x);
}

/**
 * Packet bytes re-read from a capture file for the views (a tree, a filter that dissects packets
 * again, a stream replay): through a block of the file read ahead, so that going over many
 * packets in file order (a display filter over the whole capture, a stream's segments) costs one
 * system call per block instead of one per packet. Each packet is handed out as a copy of its own:
 * its tree and data sources may outlive the block.
 *
 * A file still being written (a live capture) only grows: bytes once read do not change, and a
 * packet past the end of the block read is read again from the file.
 */
import { readSync } from 'node:fs';

/** Bytes read ahead per block. */
export const BLOCK_BYTES = 256 * 1024;

export class PacketBytes {
  private block = new Uint8Array(BLOCK_BYTES);
  /** File offset of block[0], and bytes of the block that were read. */
  private blockStart = 0;
  private blockLen = 0;

  constructor(private readonly fd: number) {}

  /** `len` bytes at file offset `offset`, in a new array; null when the file no longer has them. */
  read(offset: number, len: number): Uint8Array | null {
    const at = offset - this.blockStart;
    if (at >= 0 && at + len <= this.blockLen) return this.block.slice(at, at + len);
    if (len > BLOCK_BYTES) return this.direct(offset, len);
    this.blockStart = offset;
    this.blockLen = 0;
    let n: number;
    while (this.blockLen < len && (n = readSync(this.fd, this.block, this.blockLen, BLOCK_BYTES - this.blockLen, offset + this.blockLen)) > 0) this.blockLen += n;
    if (this.blockLen < len) return null;
    return this.block.slice(0, len);
  }

  /** A packet bigger than a block: read on its own. */
  private direct(offset: number, len: number): Uint8Array | null {
    const out = new Uint8Array(len);
    let done = 0;
    while (done < len) {
      const n = readSync(this.fd, out, done, len - done, offset + done);
      if (n <= 0) return null;
      done += n;
    }
    return out;
  }
}

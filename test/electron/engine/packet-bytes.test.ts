/**
 * Packet bytes re-read through a block read ahead (electron/engine/packet-bytes.ts): every range
 * comes back as the file has it, as a copy of its own, whether it is in the block, across its end,
 * bigger than a block, past the end of the file, or written after the block was read.
 */
import { appendFileSync, closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BLOCK_BYTES, PacketBytes } from '../../../electron/engine/packet-bytes.js';

const dir = mkdtempSync(join(tmpdir(), 'pl-bytes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file of `n` bytes whose byte k is a hash of k (any misplaced byte shows). */
function content(from: number, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let k = 0; k < n; k++) b[k] = (Math.imul(from + k, 2654435761) >>> 24) & 255;
  return b;
}

describe('PacketBytes', () => {
  it('reads any range as the file has it, in file order and out of it', () => {
    const size = BLOCK_BYTES * 3 + 777;
    const path = join(dir, 'a.bin');
    writeFileSync(path, content(0, size));
    const fd = openSync(path, 'r');
    try {
      const r = new PacketBytes(fd);
      // In order (the filter's way), back and forth (clicks), across block ends, one bigger than a block.
      const ranges: [number, number][] = [];
      for (let off = 0; off + 1514 <= size; off += 1514 + 16) ranges.push([off, 1514]);
      ranges.push([BLOCK_BYTES - 10, 20], [5, 60], [size - 100, 100], [BLOCK_BYTES * 2 - 1, BLOCK_BYTES + 2], [0, size], [size - 1, 1], [100, 0]);
      for (const [off, len] of ranges) expect(r.read(off, len), `${off}+${len}`).toEqual(content(off, len));
      // A copy: changing it changes nothing the next read returns.
      const a = r.read(40, 8)!;
      a.fill(0);
      expect(r.read(40, 8)).toEqual(content(40, 8));
      // Past the end of the file: null (the session says which packet could not be read).
      expect(r.read(size - 10, 11)).toBeNull();
      expect(r.read(size + 5, 1)).toBeNull();
      expect(r.read(size - 10, BLOCK_BYTES + 5)).toBeNull();
    } finally {
      closeSync(fd);
    }
  });

  it('reads what a growing file got after its last block was read', () => {
    const path = join(dir, 'grow.bin');
    writeFileSync(path, content(0, 1000));
    const fd = openSync(path, 'r');
    try {
      const r = new PacketBytes(fd);
      expect(r.read(900, 100)).toEqual(content(900, 100));
      expect(r.read(950, 100)).toBeNull();
      appendFileSync(path, content(1000, 5000));
      expect(r.read(950, 100)).toEqual(content(950, 100));
      expect(r.read(5900, 100)).toEqual(content(5900, 100));
    } finally {
      closeSync(fd);
    }
  });
});

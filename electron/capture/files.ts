/**
 * The capture helper's output files: one pcapng file written through as packets arrive, or a ring
 * buffer of numbered files like tshark's `-b`: `out.pcapng` becomes `out_00001_20261122013500.pcapng`,
 * `out_00002_…` and so on (number, then the local time the file was started); with `files:N`
 * only the newest N are kept. Every file starts with the same section and interface blocks, so
 * each opens on its own.
 *
 * Writes are synchronous (`writeSync`): when a batch has been handed to write() it is in the
 * kernel's page cache, and neither the helper nor the app dying can lose it.
 */
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

export interface RingOptions {
  /** Switch to the next file once this one holds at least this many kB (1000 bytes, as dumpcap). */
  filesizeKB?: number;
  /** Keep only the newest N files (ring buffer); 0 or absent keeps them all. */
  files?: number;
  /** Switch to the next file after this many seconds. */
  durationSec?: number;
  /** Switch to the next file after this many packets. */
  packets?: number;
}

/** tshark's ring buffer file name: `<stem>_<NNNNN>_<YYYYmmddHHMMSS><ext>`. */
export function ringFileName(base: string, n: number, when: Date): string {
  const ext = extname(base);
  const stem = basename(base, ext);
  const p2 = (x: number) => String(x).padStart(2, '0');
  const stamp = `${when.getFullYear()}${p2(when.getMonth() + 1)}${p2(when.getDate())}${p2(when.getHours())}${p2(when.getMinutes())}${p2(when.getSeconds())}`;
  return join(dirname(base), `${stem}_${String(n).padStart(5, '0')}_${stamp}${ext}`);
}

export class CaptureFiles {
  /** Files written and still on disk, oldest first (the last is the one being written). */
  readonly files: string[] = [];
  /** Bytes in the current file (header included). */
  size = 0;
  /** Packets in the current file. */
  packets = 0;
  /** Files started so far (numbers of the ring). */
  started = 0;
  /** When the current file was started (ms, for the duration switch). */
  startedAt = 0;
  private fd = -1;

  constructor(
    private readonly base: string,
    private readonly header: Uint8Array,
    readonly ring: RingOptions | null,
  ) {}

  /** Creates the first file (throws the fs error when it cannot be created). */
  open(): string {
    return this.next();
  }

  get current(): string {
    return this.files[this.files.length - 1] ?? this.base;
  }

  write(bytes: Uint8Array, packets: number): void {
    if (bytes.length === 0) return;
    let off = 0;
    while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off);
    this.size += bytes.length;
    this.packets += packets;
  }

  /** True when the ring's switch condition is met for the current file. */
  wantsSwitch(now: number): boolean {
    const r = this.ring;
    if (!r) return false;
    if (r.filesizeKB !== undefined && this.size >= r.filesizeKB * 1000) return true;
    if (r.packets !== undefined && this.packets >= r.packets) return true;
    if (r.durationSec !== undefined && now - this.startedAt >= r.durationSec * 1000) return true;
    return false;
  }

  /** Closes the current file and starts the next one (deleting the oldest beyond `files`). */
  next(): string {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    this.started++;
    const now = Date.now();
    const path = this.ring ? ringFileName(this.base, this.started, new Date(now)) : this.base;
    // 'wx' on the first plain file would refuse to overwrite; tshark -w overwrites, so 'w'.
    this.fd = openSync(path, 'w', 0o644);
    this.files.push(path);
    this.size = 0;
    this.packets = 0;
    this.startedAt = now;
    this.write(this.header, 0);
    const keep = this.ring?.files ?? 0;
    while (keep > 0 && this.files.length > keep) {
      const old = this.files.shift()!;
      try {
        unlinkSync(old);
      } catch {
        // Already gone (the user moved it): nothing to delete.
      }
    }
    return path;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

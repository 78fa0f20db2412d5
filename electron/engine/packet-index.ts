/**
 * The per-packet index of an open capture: one row per packet, stored column by column in typed
 * arrays (struct of arrays), so that a million packets cost a few tens of MB and no objects. The
 * summary pass fills it; the packet list, filters and re-reads (by file offset) use it.
 *
 * File offsets are Float64 so offsets past 4 GiB (up to 2^53) are exact. Columns grow together
 * (by half); `trim()` gives back the slack once the file has been read. More columns can be
 * added later with `addColumn` (they grow with the others).
 */

export type ColumnArray = Float64Array | Float32Array | Uint32Array | Int32Array | Uint16Array | Int16Array | Uint8Array | Int8Array;
type ColumnCtor = { new (length: number): ColumnArray; readonly BYTES_PER_ELEMENT: number };

/** No expert item in the packet (severity column). */
export const EXPERT_NONE = 0;

export class PacketIndex {
  /** Number of packets in the index. */
  count = 0;
  /** Rows allocated in every column. */
  private cap: number;

  /** File offset of the packet's data (to re-read it). */
  offset: Float64Array;
  /** Timestamp: seconds since the epoch (Float64: exact, and negative/large values fit). */
  tsSec: Float64Array;
  /** Timestamp: nanoseconds 0..999,999,999. */
  tsNsec: Uint32Array;
  /** Captured and on-the-wire lengths. */
  capLen: Uint32Array;
  origLen: Uint32Array;
  /** pcapng interface id (0 for pcap). */
  interfaceId: Uint16Array;
  /** pcap LINKTYPE_ of the packet's interface. */
  linkType: Uint16Array;
  /** Field-registry id of the highest protocol in the packet (the Protocol column's protocol). */
  protocol: Uint16Array;
  /** Highest expert severity + 1 (EXPERT_NONE = 0 when the packet has none). */
  expert: Uint8Array;
  /** Flag bits (bit 0: malformed/truncated; others free for later: marked, ignored, …). */
  flags: Uint8Array;

  private extra = new Map<string, ColumnArray>();

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, Math.ceil(initialCapacity));
    this.cap = n;
    this.offset = new Float64Array(n);
    this.tsSec = new Float64Array(n);
    this.tsNsec = new Uint32Array(n);
    this.capLen = new Uint32Array(n);
    this.origLen = new Uint32Array(n);
    this.interfaceId = new Uint16Array(n);
    this.linkType = new Uint16Array(n);
    this.protocol = new Uint16Array(n);
    this.expert = new Uint8Array(n);
    this.flags = new Uint8Array(n);
  }

  /**
   * An index sized for a capture of `bytes` bytes: one row per 128 file bytes (more than most
   * captures need, so the summary pass rarely grows it; the untouched tail of a fresh typed array
   * costs address space, not memory, and `trim()` returns it).
   */
  static forFileSize(bytes: number): PacketIndex {
    return new PacketIndex(Math.min(1 << 26, Math.max(1024, Math.ceil(bytes / 128))));
  }

  get capacity(): number {
    return this.cap;
  }

  /** Appends one row; returns its index (packet number − 1). */
  push(offset: number, tsSec: number, tsNsec: number, capLen: number, origLen: number, interfaceId: number, linkType: number, protocol: number, expert: number, flags: number): number {
    const i = this.count;
    if (i === this.cap) this.grow(i + 1);
    this.offset[i] = offset;
    this.tsSec[i] = tsSec;
    this.tsNsec[i] = tsNsec;
    this.capLen[i] = capLen;
    this.origLen[i] = origLen;
    this.interfaceId[i] = interfaceId;
    this.linkType[i] = linkType;
    this.protocol[i] = protocol;
    this.expert[i] = expert;
    this.flags[i] = flags;
    this.count = i + 1;
    return i;
  }

  /**
   * Adds a column (e.g. a stream index or a column-text id) that grows with the others; returns
   * its name's array. Re-read it with `column(name)` after pushes: growing replaces the arrays.
   */
  addColumn(name: string, ctor: ColumnCtor): ColumnArray {
    if (this.extra.has(name)) throw new Error(`column ${name} exists`);
    const a = new ctor(this.cap);
    this.extra.set(name, a);
    return a;
  }

  column(name: string): ColumnArray | undefined {
    return this.extra.get(name);
  }

  /** Ensures room for `rows` rows (growing by half: at most 50% slack before `trim()`). */
  reserve(rows: number): void {
    if (rows > this.cap) this.grow(rows);
  }

  private grow(min: number): void {
    this.resize(Math.max(min, Math.ceil(this.cap * 1.5)));
  }

  /** Drops the unused capacity (after the file was read). */
  trim(): void {
    if (this.cap > this.count) this.resize(Math.max(this.count, 1));
  }

  private resize(n: number): void {
    const keep = Math.min(this.count, n);
    const re = <T extends ColumnArray>(a: T): T => {
      const b = new (a.constructor as ColumnCtor)(n) as T;
      b.set(a.subarray(0, keep) as never);
      return b;
    };
    this.offset = re(this.offset);
    this.tsSec = re(this.tsSec);
    this.tsNsec = re(this.tsNsec);
    this.capLen = re(this.capLen);
    this.origLen = re(this.origLen);
    this.interfaceId = re(this.interfaceId);
    this.linkType = re(this.linkType);
    this.protocol = re(this.protocol);
    this.expert = re(this.expert);
    this.flags = re(this.flags);
    for (const [k, a] of this.extra) this.extra.set(k, re(a));
    this.cap = n;
  }

  /** Bytes of one row over all columns. */
  get bytesPerRow(): number {
    const cols: ColumnArray[] = [this.offset, this.tsSec, this.tsNsec, this.capLen, this.origLen, this.interfaceId, this.linkType, this.protocol, this.expert, this.flags, ...this.extra.values()];
    let n = 0;
    for (const a of cols) n += a.BYTES_PER_ELEMENT;
    return n;
  }

  /** Bytes held by the typed arrays (allocated capacity, not just the rows in use). */
  get byteLength(): number {
    return this.bytesPerRow * this.cap;
  }

  /** Bytes held per packet (typed-array bytes / packets). */
  get bytesPerPacket(): number {
    return this.count === 0 ? 0 : this.byteLength / this.count;
  }
}

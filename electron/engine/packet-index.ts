/**
 * The per-packet index of an open capture: one row per packet, stored column by column in typed
 * arrays (struct of arrays), so that a million packets cost a few tens of MB and no objects. The
 * summary pass fills it; the packet list, filters and re-reads (by file offset) use it.
 *
 * Three values are stored narrower than they are, with the rare value that does not fit kept
 * aside (read them with offsetOf, tsSecOf, linkTypeOf):
 * - the file offset as its low 32 bits, with the packets where the high part changes in a short
 *   list (offsets grow through a file: one entry per 4 GiB), so offsets up to 2^53 are exact;
 * - the timestamp's seconds as a 32-bit difference from the first packet's (±68 years), a value
 *   outside that (or not a whole number) in a map;
 * - the link type not at all: it is the packet's interface's (learned from the first packet of
 *   each interface), a packet whose link type differs from its interface's in a map;
 * - the captured length in 16 bits and the interface id in 8 until a value needs more;
 * - the on-the-wire length only once a packet has one other than its captured length (a capture
 *   cut to a snapshot length): until then origLenOf is the captured length.
 * An added column can be made wider later (`widen`) when a value outgrows its type.
 * Columns grow together (by half); `trim()` gives back the slack once the file has been read.
 * More columns can be added later with `addColumn` (they grow with the others).
 */

export type ColumnArray = Float64Array | Float32Array | Uint32Array | Int32Array | Uint16Array | Int16Array | Uint8Array | Int8Array;
type ColumnCtor = { new (length: number): ColumnArray; readonly BYTES_PER_ELEMENT: number };

/** No expert item in the packet (severity column). */
export const EXPERT_NONE = 0;

/** tsDelta of a packet whose seconds are in `tsAside`. */
const TS_ASIDE = -0x80000000;

export class PacketIndex {
  /** Number of packets in the index. */
  count = 0;
  /** Rows allocated in every column. */
  private cap: number;

  /** Low 32 bits of the file offset of the packet's data (offsetOf gives the offset). */
  offsetLo: Uint32Array;
  /** Packets from which on the offset's high part (offset / 2^32) is `hiVal` (ascending). */
  private hiFrom: number[] = [];
  private hiVal: number[] = [];
  /** Timestamp seconds − tsBase (TS_ASIDE: in tsAside); tsSecOf gives the seconds. */
  tsDelta: Int32Array;
  private tsBase = NaN;
  private readonly tsAside = new Map<number, number>();
  /** Timestamp: nanoseconds 0..999,999,999. */
  tsNsec: Uint32Array;
  /** Captured length (16-bit until a packet is longer: then 32-bit). */
  capLen: Uint16Array | Uint32Array;
  /** On-the-wire length; null while every packet's is its captured length (origLenOf gives it). */
  origLen: Uint32Array | null = null;
  /** pcapng interface id (0 for pcap; 8-bit until a file has more interfaces: then 32-bit). */
  interfaceId: Uint8Array | Uint32Array;
  /** The link type of each interface (−1: not seen yet), and of packets that differ from theirs. */
  private readonly ifaceLinkType: number[] = [];
  private readonly linkTypeAside = new Map<number, number>();
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
    this.offsetLo = new Uint32Array(n);
    this.tsDelta = new Int32Array(n);
    this.tsNsec = new Uint32Array(n);
    this.capLen = new Uint16Array(n);
    this.interfaceId = new Uint8Array(n);
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
    // ToUint32 is the offset modulo 2^32 (exact for integers up to 2^53).
    const lo = offset >>> 0;
    this.offsetLo[i] = lo;
    if (offset !== lo || this.hiVal.length > 0) this.pushHigh(i, (offset - lo) / 0x1_0000_0000);
    if (i === 0) this.tsBase = tsSec;
    const d = tsSec - this.tsBase;
    if (d === (d | 0) && d !== TS_ASIDE) this.tsDelta[i] = d;
    else {
      this.tsDelta[i] = TS_ASIDE;
      this.tsAside.set(i, tsSec);
    }
    this.tsNsec[i] = tsNsec;
    if (capLen > 0xffff && this.capLen instanceof Uint16Array) this.capLen = this.wider(this.capLen);
    this.capLen[i] = capLen;
    if (this.origLen !== null) this.origLen[i] = origLen;
    else if (origLen !== capLen) this.firstCut(i, origLen);
    if (interfaceId > 0xff && this.interfaceId instanceof Uint8Array) this.interfaceId = this.wider(this.interfaceId);
    this.interfaceId[i] = interfaceId;
    const lt = this.ifaceLinkType;
    if (interfaceId >= lt.length || lt[interfaceId]! < 0) {
      while (lt.length <= interfaceId) lt.push(-1);
      lt[interfaceId] = linkType;
    } else if (lt[interfaceId] !== linkType) this.linkTypeAside.set(i, linkType);
    this.protocol[i] = protocol;
    this.expert[i] = expert;
    this.flags[i] = flags;
    this.count = i + 1;
    return i;
  }

  /** Records that the high part of the offset is `hi` from packet `i` on, when that is a change. */
  private pushHigh(i: number, hi: number): void {
    const n = this.hiVal.length;
    if (hi === (n > 0 ? this.hiVal[n - 1]! : 0)) return;
    this.hiFrom.push(i);
    this.hiVal.push(hi);
  }

  /** The file offset of packet `i`'s data. */
  offsetOf(i: number): number {
    const from = this.hiFrom;
    if (from.length === 0 || i < from[0]!) return this.offsetLo[i]!;
    // The last change of the high part at or before i.
    let lo = 0;
    let hi = from.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (from[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.hiVal[lo]! * 0x1_0000_0000 + this.offsetLo[i]!;
  }

  /** Packet `i`'s timestamp: seconds. */
  tsSecOf(i: number): number {
    const d = this.tsDelta[i]!;
    return d === TS_ASIDE ? this.tsAside.get(i)! : this.tsBase + d;
  }

  /** A 32-bit copy of a column (the rows so far) for a value that outgrew it. */
  private wider(a: Uint8Array | Uint16Array): Uint32Array {
    const b = new Uint32Array(this.cap);
    b.set(a.subarray(0, this.count));
    return b;
  }

  /** The first packet cut shorter than it was on the wire: from now on the index keeps origLen. */
  private firstCut(i: number, origLen: number): void {
    const a = new Uint32Array(this.cap);
    a.set(this.capLen.subarray(0, i));
    a[i] = origLen;
    this.origLen = a;
  }

  /** Packet `i`'s length on the wire. */
  origLenOf(i: number): number {
    return this.origLen !== null ? this.origLen[i]! : this.capLen[i]!;
  }

  /** Packet `i`'s link type (LINKTYPE_). */
  linkTypeOf(i: number): number {
    if (this.linkTypeAside.size > 0) {
      const x = this.linkTypeAside.get(i);
      if (x !== undefined) return x;
    }
    return this.ifaceLinkType[this.interfaceId[i]!]!;
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

  /**
   * Replaces added column `name` with an array of a wider type holding the same values (for a
   * column that starts narrow and outgrows it); returns the new array.
   */
  widen(name: string, ctor: ColumnCtor): ColumnArray {
    const a = this.extra.get(name);
    if (!a) throw new Error(`no column ${name}`);
    const b = new ctor(this.cap);
    b.set(a.subarray(0, this.count) as never);
    this.extra.set(name, b);
    return b;
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
    this.offsetLo = re(this.offsetLo);
    this.tsDelta = re(this.tsDelta);
    this.tsNsec = re(this.tsNsec);
    this.capLen = re(this.capLen);
    if (this.origLen !== null) this.origLen = re(this.origLen);
    this.interfaceId = re(this.interfaceId);
    this.protocol = re(this.protocol);
    this.expert = re(this.expert);
    this.flags = re(this.flags);
    for (const [k, a] of this.extra) this.extra.set(k, re(a));
    this.cap = n;
  }

  /** Bytes of one row over all columns. */
  get bytesPerRow(): number {
    const cols: ColumnArray[] = [this.offsetLo, this.tsDelta, this.tsNsec, this.capLen, this.interfaceId, this.protocol, this.expert, this.flags, ...this.extra.values()];
    if (this.origLen !== null) cols.push(this.origLen);
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

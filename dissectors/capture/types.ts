/**
 * The contract between capture-file readers/writers and the rest of Packetloom. Readers are pure
 * code over byte chunks: the caller feeds chunks (of any size) and pulls records; nothing needs
 * the whole file in memory, and file offsets are plain numbers (exact up to 2^53, so past 4 GiB).
 */

export type CaptureFormat = 'pcap' | 'pcapng';

/** One packet read from a file. Readers may reuse one object per call to `next()`: copy what you keep. */
export interface PacketRecord {
  /** Packet number in the file, from 1. */
  num: number;
  /** Link type (pcap LINKTYPE_* value) of the packet's interface. */
  linkType: number;
  /** pcapng interface id (0 for pcap); with several sections, ids are global across sections. */
  interfaceId: number;
  /** Timestamp: whole seconds since the epoch and nanoseconds (0..999,999,999). */
  tsSec: number;
  tsNsec: number;
  /** False for records without a timestamp (pcapng Simple Packet Block). */
  hasTs: boolean;
  /** Bytes on the wire. */
  origLen: number;
  /** Captured bytes (a view; valid until the next call to `next()` or `push()`). */
  data: Uint8Array;
  /** File offset of the first byte of `data` (to re-read the packet later). */
  dataOffset: number;
  /** File offset of the record/block that holds the packet. */
  recordOffset: number;
  /** pcapng opt_comment values of the packet, if any. */
  comments?: string[];
  /** pcapng epb_flags, when present. */
  flags?: number;
}

/**
 * Where the bytes of the record just handed out lie: `buf[start .. end)` (the reader's current
 * chunk or carry buffer), valid exactly as long as the record's `data`. With the reader's `views`
 * off, this is the only way to reach them: a typed-array view per packet costs more than the rest
 * of reading the record, and a summary pass can dissect the bytes in place.
 */
export interface RecordBytes {
  buf: Uint8Array;
  start: number;
  end: number;
}

export interface InterfaceInfo {
  /** Global interface id. */
  id: number;
  linkType: number;
  snapLen: number;
  name?: string;
  description?: string;
  /** if_tsresol as given (e.g. 6 for µs, 9 for ns, 0x80|n for 2^-n). */
  tsresol: number;
  /** if_tsoffset seconds. */
  tsoffset: number;
  filter?: string;
  os?: string;
  /** Section index the interface belongs to. */
  section: number;
  /** Its id within its section (what the section's packet blocks say, and tshark's frame.interface_id). */
  localId?: number;
  /** opt_comment values of the Interface Description Block, if any. */
  comments?: string[];
}

export interface SectionInfo {
  index: number;
  byteOrder: 'little' | 'big';
  majorVersion: number;
  minorVersion: number;
  hardware?: string;
  os?: string;
  userAppl?: string;
  comments: string[];
  offset: number;
}

export interface InterfaceStats {
  interfaceId: number;
  tsSec: number;
  tsNsec: number;
  /** isb_ifrecv, isb_ifdrop, isb_filteraccept, isb_osdrop, isb_usrdeliv where present. */
  received?: bigint;
  dropped?: bigint;
  filterAccept?: bigint;
  osDropped?: bigint;
  delivered?: bigint;
  /** isb_starttime / isb_endtime, where present (same resolution rules as packet timestamps). */
  startSec?: number;
  startNsec?: number;
  endSec?: number;
  endNsec?: number;
  comments: string[];
}

export interface NameResolutionEntry {
  kind: 'ipv4' | 'ipv6' | 'eui48' | 'eui64';
  address: Uint8Array;
  names: string[];
}

export interface DecryptionSecrets {
  /** Secrets type (e.g. 0x544c534b TLS key log). */
  type: number;
  data: Uint8Array;
}

/** Why reading stopped early. Everything before `offset` was read and handed out. */
export interface CaptureFileError {
  code:
    | 'not-a-capture' // unknown magic
    | 'truncated' // the file ends in the middle of a record/block
    | 'bad-record' // a record/block header makes no sense (length, version, …)
    | 'unsupported'; // a valid file we cannot read (e.g. pcapng major version 2)
  message: string;
  /** File offset of the record/block where reading stopped. */
  offset: number;
  /** Number the next packet would have had. */
  packetNumber: number;
}

/** File-level facts collected while reading (capinfos-like). */
export interface CaptureMeta {
  format: CaptureFormat;
  /** pcap: 'usec' | 'nsec'; pcapng: per interface in `interfaces`. */
  precision?: 'usec' | 'nsec';
  byteOrder: 'little' | 'big';
  versionMajor: number;
  versionMinor: number;
  snapLen?: number;
  sections: SectionInfo[];
  interfaces: InterfaceInfo[];
  stats: InterfaceStats[];
  names: NameResolutionEntry[];
  secrets: DecryptionSecrets[];
  /** Custom/unknown blocks skipped (pcapng). */
  skippedBlocks: number;
}

/**
 * A pull reader fed with chunks. Typical loop:
 *
 *   const r = createReader(firstChunk)   // sniffs the magic
 *   r.push(chunk) … ; let rec; while ((rec = r.next())) use(rec)
 *   at end of input: r.end(); drain next(); r.error tells why it stopped (null if clean)
 */
export interface CaptureReader {
  readonly meta: CaptureMeta;
  /** Adds bytes (the next bytes of the file, in order). */
  push(chunk: Uint8Array): void;
  /** Says no more bytes will come. */
  end(): void;
  /** The next packet, or null when more input is needed (or at the end / after an error). */
  next(): PacketRecord | null;
  /** Set once reading cannot go on (the records handed out before it stay valid). */
  readonly error: CaptureFileError | null;
  /** True once end() was called and every record was handed out, or an error stopped reading. */
  readonly done: boolean;
  /** File offset of the first byte not consumed yet. */
  readonly offset: number;
  /** Where the last record's bytes lie (see RecordBytes). */
  readonly bytes?: RecordBytes;
  /**
   * Whether records get a `data` view (default true). Off, `data` is an empty array and the bytes
   * are only in `bytes`.
   */
  views?: boolean;
  /**
   * True while the reader still holds unread bytes of `chunk`, which the caller must then not
   * overwrite. Once false, the caller may reuse the chunk's memory for the next read (records
   * handed out from it are no longer valid then, as the PacketRecord contract says).
   */
  retains?(chunk: Uint8Array): boolean;
}

/** What the capture writers need of a packet (a PacketRecord fits). */
export interface WritablePacket {
  tsSec: number;
  tsNsec: number;
  origLen: number;
  data: Uint8Array;
  /** False: no timestamp (written as 0, since pcap and EPB always carry one). */
  hasTs?: boolean;
  /** pcapng writer: interface id as returned by addInterface (default 0). */
  interfaceId?: number;
  /** pcapng writer: written as opt_comment options. */
  comments?: string[];
  /** pcapng writer: written as epb_flags. */
  flags?: number;
}

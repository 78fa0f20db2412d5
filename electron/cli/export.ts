/**
 * The CLI's exports of a capture file read (-r):
 *
 *   -w out [-F pcap|pcapng]                 the packets read (with -Y: only those it matches), as tshark
 *   --export-conversation tcp:N|udp:N [-o f] one conversation as JSON (dissectors/output/conversation-export.ts)
 *
 * Writing goes through the pure writers of dissectors/capture; this file only opens files.
 */
import type { DecodeAsEntry } from '../../dissectors/decode-as.js';
import type { EnabledProtocols } from '../../dissectors/enabled-protocols.js';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { PcapWriter } from '../../dissectors/capture/pcap-writer.js';
import { PcapngWriter } from '../../dissectors/capture/pcapng-writer.js';
import type { CaptureMeta, PacketRecord } from '../../dissectors/capture/types.js';
import type { ProtoNode } from '../../dissectors/core/tree.js';
import { exportConversation, ExportError } from '../../dissectors/output/conversation-export.js';
import { lookupVendor } from '../engine/oui.js';
import { CaptureOpenError, readCaptureFile } from '../engine/read-capture.js';

export type WriteFormat = 'pcap' | 'pcapng';

/** `-F`: tshark's names for the two formats we write. */
export function parseWriteFormat(v: string): WriteFormat | string {
  if (v === 'pcap' || v === 'libpcap') return 'pcap';
  if (v === 'pcapng') return 'pcapng';
  return `"${v}" isn't a capture file type Packetloom can write; use -F pcap or -F pcapng`;
}

/** `--export-conversation tcp:N` / `udp:N`. */
export interface ConversationSpec {
  proto: 'tcp' | 'udp';
  stream: number;
}

export function parseConversationSpec(v: string): ConversationSpec | string {
  const m = /^(tcp|udp):(\d{1,9})$/.exec(v.trim());
  if (!m) return `invalid conversation "${v}": use tcp:N or udp:N (N is tcp.stream / udp.stream)`;
  return { proto: m[1] as 'tcp' | 'udp', stream: Number(m[2]) };
}

/**
 * Writes packets to a pcap or pcapng file as they come. pcap holds one link type and one time
 * precision (the first packet's interface decides them); pcapng keeps every source interface
 * with its name and time resolution.
 */
export class CaptureFileWriter {
  private fd: number;
  private pcap: PcapWriter | null = null;
  private pcapng: PcapngWriter | null = null;
  private pcapLinkType = -1;
  /** Source interface id → interface id in the output. */
  private readonly ifMap = new Map<number, number>();
  written = 0;

  constructor(readonly path: string, readonly format: WriteFormat) {
    this.fd = openSync(path, 'w');
  }

  write(rec: PacketRecord, meta: CaptureMeta): void {
    if (this.format === 'pcap') {
      if (!this.pcap) {
        const iface = meta.interfaces[rec.interfaceId];
        const nsec = meta.format === 'pcap' ? meta.precision === 'nsec' : iface?.tsresol === 9;
        this.pcap = new PcapWriter({ linkType: rec.linkType, snapLen: meta.snapLen ?? iface?.snapLen ?? 262144, precision: nsec ? 'nsec' : 'usec' });
        this.pcapLinkType = rec.linkType;
        this.out(this.pcap.header());
      }
      if (rec.linkType !== this.pcapLinkType) {
        throw new WriteError(`packet ${rec.num} has another link type than the first: a pcap file holds one, use -F pcapng`);
      }
      this.out(this.pcap.packet(rec));
    } else {
      if (!this.pcapng) {
        this.pcapng = new PcapngWriter({ userAppl: 'Packetloom' });
        this.out(this.pcapng.header());
      }
      let id = this.ifMap.get(rec.interfaceId);
      if (id === undefined) {
        id = this.ifMap.size;
        this.ifMap.set(rec.interfaceId, id);
        const i = meta.interfaces[rec.interfaceId];
        const tsresol = meta.format === 'pcap' ? (meta.precision === 'nsec' ? 9 : 6) : i?.tsresol ?? 6;
        const opts: Parameters<PcapngWriter['addInterface']>[0] = { linkType: rec.linkType, snapLen: i?.snapLen ?? meta.snapLen ?? 0, tsresol };
        if (i?.name !== undefined) opts.name = i.name;
        if (i?.description !== undefined) opts.description = i.description;
        if (i?.filter !== undefined) opts.filter = i.filter;
        if (i?.os !== undefined) opts.os = i.os;
        this.out(this.pcapng.addInterface(opts));
      }
      const p: Parameters<PcapngWriter['packet']>[0] = { tsSec: rec.tsSec, tsNsec: rec.tsNsec, origLen: rec.origLen, data: rec.data, hasTs: rec.hasTs, interfaceId: id };
      if (rec.comments) p.comments = rec.comments;
      if (rec.flags !== undefined) p.flags = rec.flags;
      this.out(this.pcapng.packet(p));
    }
    this.written++;
  }

  /** Finishes the file (a file without packets still gets its header). */
  close(meta: CaptureMeta | null): void {
    if (this.written === 0) {
      // No packet matched (or none was read): a valid empty file, as tshark writes it.
      if (this.format === 'pcapng') this.out(new PcapngWriter({ userAppl: 'Packetloom' }).header());
      else this.out(new PcapWriter({ linkType: meta?.interfaces[0]?.linkType ?? 1, precision: meta?.precision === 'nsec' ? 'nsec' : 'usec' }).header());
    }
    closeSync(this.fd);
  }

  private out(b: Uint8Array): void {
    let off = 0;
    while (off < b.length) off += writeSync(this.fd, b, off, b.length - off);
  }
}

export class WriteError extends Error {}

/** The outcome of an export: an exit status and what to say. */
export interface ExportOutcome {
  code: number;
  stdout?: string;
  error?: string;
}

/**
 * `--export-conversation`: the conversation's JSON document, to `outPath` or (without it) as the
 * returned stdout text.
 */
export function exportConversationFile(path: string, spec: ConversationSpec, outPath: string | undefined, generator: string, decodeAs?: readonly DecodeAsEntry[], protocols?: EnabledProtocols): ExportOutcome {
  let format: 'pcap' | 'pcapng' = 'pcap';
  let doc;
  try {
    doc = exportConversation(
      (visit) => {
        const r = readCaptureFile(path, (rec, m) => {
          format = m.format;
          visit(rec);
        });
        format = r.meta.format;
      },
      { file: basename(path), format, fileSize: statSync(path).size },
      { proto: spec.proto, stream: spec.stream, vendor: (mac) => lookupVendor(mac)?.name, generator, decodeAs, protocols },
    );
  } catch (e) {
    if (e instanceof ExportError) return { code: 2, error: e.message };
    if (e instanceof CaptureOpenError) return { code: 2, error: e.message };
    throw e;
  }
  doc.capture.format = format;
  const json = JSON.stringify(doc, null, 2) + '\n';
  if (outPath === undefined || outPath === '-') return { code: 0, stdout: json };
  try {
    const fd = openSync(outPath, 'w');
    try {
      writeSync(fd, json);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    return { code: 2, error: `cannot write "${outPath}": ${(e as Error).message}` };
  }
  return { code: 0 };
}

/** Checks of the export flags against the rest of the command line (null when fine). */
export function exportProblem(o: { readFile?: string; writeFile?: string; writeFormat?: WriteFormat; exportConversation?: ConversationSpec; outputFile?: string; format: string; states: boolean }): string | null {
  if (o.outputFile !== undefined && o.exportConversation === undefined) return '-o names the file for --export-conversation, which was not given';
  if (o.exportConversation !== undefined && o.readFile === undefined) return '--export-conversation needs a capture file: -r <file>';
  if (o.writeFormat !== undefined && o.writeFile === undefined) return '-F gives the format of the -w file, but -w was not given';
  if (o.writeFile === '-' && o.readFile !== undefined) return 'writing packets to the standard output is not supported; give -w a file name';
  if (o.states && o.format !== 'text') return '--states adds a column to summary lines (-T text)';
  return null;
}

/** `[client ESTABLISHED server SYN-RECEIVED]` from a packet's tree (tcp.state.*), or '' when it has none. */
export function statesColumn(root: ProtoNode): string {
  let client = '';
  let server = '';
  const walk = (n: ProtoNode): boolean => {
    for (const k of n.children ?? []) {
      const a = k.field?.abbrev;
      if (a === 'tcp.state.client' && !client) client = String(k.value);
      else if (a === 'tcp.state.server' && !server) server = String(k.value);
      if (client && server) return true;
      if (walk(k)) return true;
    }
    return false;
  };
  walk(root);
  return client && server ? `[client ${client} server ${server}]` : '';
}

/**
 * Progress of a long read on stderr (only when stderr is a terminal): packets and percent of the
 * file, redrawn at most five times a second, erased at the end.
 */
export class Progress {
  private last = 0;
  private shown = false;
  private n = 0;

  constructor(private readonly write: (s: string) => void, private readonly total: number, private readonly enabled: boolean) {}

  update(packets: number, offset: number): void {
    if (!this.enabled || (++this.n & 1023) !== 0) return;
    this.show(packets, offset);
  }

  /** Shows where reading is (at most five times a second). */
  show(packets: number, offset: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const pct = this.total > 0 ? Math.min(100, Math.floor((offset / this.total) * 100)) : 0;
    this.write(`\r${packets} packets read (${pct}%)`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.write('\r\x1b[K');
    this.shown = false;
  }
}

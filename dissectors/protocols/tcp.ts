/*
 * Transmission Control Protocol (RFC 9293), the header and options as Wireshark 4.0's
 * packet-tcp.c shows them, without reassembly and without stream tracking (both come later).
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |          Source Port          |       Destination Port        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                        Sequence Number                        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Acknowledgment Number                      |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Data |     |A|C|E|U|A|P|R|S|F|                               |
 *   | Offset| Res |E|W|C|R|C|S|S|Y|I|            Window             |
 *   |       |     | |R|E|G|K|H|T|N|N|                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           Checksum            |         Urgent Pointer        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Options                    |    Padding    |
 *
 * Sequence numbers are shown as they are on the wire (tcp.seq = tcp.seq_raw, like tshark with
 * `tcp.relative_sequence_numbers:FALSE`) and the window unscaled, until a stream tracker is
 * installed with `setTcpStreamTracker` (see TcpStreamTracker below): it gets every header this
 * dissector reads and decides what tcp.seq/ack/nxtseq, the calculated window and the Info prefix
 * show, and adds its own items (tcp.stream, tcp.analysis…).
 *
 * The payload goes to the `tcp.port` table (lower port first), then the `tcp` heuristics, then
 * data, unreassembled. Checksums are not verified (tshark's default).
 */
import { callByPorts, claimedBy, heuristicTable, table, type ProtocolSpec } from '../core/dispatch.js';
import { defineExpert } from '../core/expert.js';
import { eiTrailingStray, hasStrayAfterNul } from '../core/string-item.js';
import { defineField, defineOptionProtocol, defineProtocol, type ProtocolDef } from '../core/fields.js';
import { bitPattern, uint32Text } from '../core/format.js';
import type { PacketInfo } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import { Tvb } from '../core/tvb.js';
import { callData, CHECKSUM_STATUS_VALS, CHECKSUM_UNVERIFIED, proto as ipProto } from './ipv4.js';
import { proto as icmpProto } from './icmp.js';
import { portsText } from './udp.js';
import { seqLE, seqLT } from '../tcp/seq.js';

export const proto = defineProtocol('tcp', 'Transmission Control Protocol', 'TCP', 'transport');

export const TH_FIN = 0x001;
export const TH_SYN = 0x002;
export const TH_RST = 0x004;
export const TH_PUSH = 0x008;
export const TH_ACK = 0x010;
export const TH_URG = 0x020;
export const TH_ECE = 0x040;
export const TH_CWR = 0x080;
export const TH_AE = 0x100;
export const TH_RES = 0xe00;

const hfSrcPort = defineField('tcp.srcport', 'Source Port', 'uint16', { base: 'pt_tcp' });
const hfDstPort = defineField('tcp.dstport', 'Destination Port', 'uint16', { base: 'pt_tcp' });
const hfPort = defineField('tcp.port', 'Source or Destination Port', 'uint16', { base: 'pt_tcp' });
const hfLen = defineField('tcp.len', 'TCP Segment Len', 'uint32');
const hfSeq = defineField('tcp.seq', 'Sequence Number', 'uint32');
const hfSeqRaw = defineField('tcp.seq_raw', 'Sequence Number (raw)', 'uint32', { blurb: 'This shows the raw value of the sequence number' });
const hfNxtSeq = defineField('tcp.nxtseq', 'Next Sequence Number', 'uint32');
const hfAck = defineField('tcp.ack', 'Acknowledgment Number', 'uint32');
const hfAckRaw = defineField('tcp.ack_raw', 'Acknowledgment number (raw)', 'uint32', { blurb: 'This shows the raw value of the acknowledgment number' });
const hfHdrLen = defineField('tcp.hdr_len', 'Header Length', 'uint8', { blurb: 'Data offset in 32-bit words' });
const hfFlags = defineField('tcp.flags', 'Flags', 'uint16', { base: 'hex', mask: 0x0fff, blurb: 'Flags (12 bits)' });
const hfFlagRes = defineField('tcp.flags.res', 'Reserved', 'boolean', { mask: TH_RES, bits: 12, blurb: 'Three reserved bits (must be zero)' });
const hfFlagAe = defineField('tcp.flags.ae', 'Accurate ECN', 'boolean', { mask: TH_AE, bits: 12 });
const hfFlagCwr = defineField('tcp.flags.cwr', 'Congestion Window Reduced', 'boolean', { mask: TH_CWR, bits: 12 });
const hfFlagEce = defineField('tcp.flags.ece', 'ECN-Echo', 'boolean', { mask: TH_ECE, bits: 12 });
const hfFlagUrg = defineField('tcp.flags.urg', 'Urgent', 'boolean', { mask: TH_URG, bits: 12 });
const hfFlagAck = defineField('tcp.flags.ack', 'Acknowledgment', 'boolean', { mask: TH_ACK, bits: 12 });
const hfFlagPush = defineField('tcp.flags.push', 'Push', 'boolean', { mask: TH_PUSH, bits: 12 });
const hfFlagReset = defineField('tcp.flags.reset', 'Reset', 'boolean', { mask: TH_RST, bits: 12 });
const hfFlagSyn = defineField('tcp.flags.syn', 'Syn', 'boolean', { mask: TH_SYN, bits: 12 });
const hfFlagFin = defineField('tcp.flags.fin', 'Fin', 'boolean', { mask: TH_FIN, bits: 12 });
const hfFlagStr = defineField('tcp.flags.str', 'TCP Flags', 'string');
const hfWindowValue = defineField('tcp.window_size_value', 'Window', 'uint16', { blurb: 'The window size value from the TCP header' });
const hfWindow = defineField('tcp.window_size', 'Calculated window size', 'uint32', { blurb: 'The scaled window size (if scaling has been used)' });
const hfWindowScale = defineField('tcp.window_size_scalefactor', 'Window size scaling factor', 'int32', { blurb: 'The window size scaling factor (-1 when unknown, -2 when no scaling is used)' });
const hfChecksum = defineField('tcp.checksum', 'Checksum', 'uint16', { base: 'hex', blurb: 'Details at: https://www.wireshark.org/docs/wsug_html_chunked/ChAdvChecksums.html' });
const hfChecksumStatus = defineField('tcp.checksum.status', 'Checksum Status', 'uint8', { base: 'none', vals: CHECKSUM_STATUS_VALS });
const hfUrgent = defineField('tcp.urgent_pointer', 'Urgent Pointer', 'uint16');
const hfOptions = defineField('tcp.options', 'TCP Options', 'bytes');
const hfPayload = defineField('tcp.payload', 'TCP payload', 'bytes', { blurb: 'The TCP payload of this packet' });
const hfSegmentData = defineField('tcp.segment_data', 'TCP segment data', 'bytes', { blurb: 'A data segment used in reassembly of a lower-level protocol' });
const hfResetCause = defineField('tcp.reset_cause', 'Reset cause', 'string');

const OPTION_KINDS: Record<number, string> = {
  0: 'End of Option List', 1: 'No-Operation', 2: 'Maximum Segment Size', 3: 'Window Scale', 4: 'SACK Permitted', 5: 'SACK',
  6: 'Echo', 7: 'Echo Reply', 8: 'Time Stamp Option', 9: 'Partial Order Connection Permitted', 10: 'Partial Order Service Profile',
  11: 'CC', 12: 'CC.NEW', 13: 'CC.ECHO', 14: 'TCP Alternate Checksum Request', 15: 'TCP Alternate Checksum Data', 16: 'Skeeter',
  17: 'Bubba', 18: 'Trailer Checksum Option', 19: 'MD5 Signature Option', 20: 'SCPS Capabilities',
  21: 'Selective Negative Acknowledgements', 22: 'Record Boundaries', 23: 'Corruption experienced', 24: 'SNAP', 25: 'Unassigned',
  26: 'TCP Compression Filter', 27: 'Quick-Start Response', 28: 'User Timeout Option', 29: 'The TCP Authentication Option',
  30: 'Multipath TCP', 34: 'TCP Fast Open Cookie', 76: 'Riverbed Probe', 78: 'Riverbed Transparency',
  172: 'Accurate ECN Order 0', 174: 'Accurate ECN Order 1', 253: 'RFC3692-style Experiment 1', 254: 'RFC3692-style Experiment 2',
};
const hfOptKind = defineField('tcp.option_kind', 'Kind', 'uint8', { vals: OPTION_KINDS, blurb: "This TCP option's kind" });
const hfOptLen = defineField('tcp.option_len', 'Length', 'uint8', { blurb: 'Length of this TCP option in bytes (including kind and length fields)' });
const hfMssVal = defineField('tcp.options.mss_val', 'MSS Value', 'uint16');
const hfWsShift = defineField('tcp.options.wscale.shift', 'Shift count', 'uint8', { blurb: 'Logarithmically encoded power of 2 scale factor' });
const hfWsMultiplier = defineField('tcp.options.wscale.multiplier', 'Multiplier', 'uint16', { blurb: 'Multiply segment window size by this for scaled window size' });
const hfSackLe = defineField('tcp.options.sack_le', 'TCP SACK Left Edge', 'uint32');
const hfSackRe = defineField('tcp.options.sack_re', 'TCP SACK Right Edge', 'uint32');
const hfSackCount = defineField('tcp.options.sack.count', 'TCP SACK Count', 'uint8');
const hfDsackLe = defineField('tcp.options.sack.dsack_le', 'TCP D-SACK Left Edge', 'uint32', { blurb: 'Duplicate SACK Left Edge' });
const hfDsackRe = defineField('tcp.options.sack.dsack_re', 'TCP D-SACK Right Edge', 'uint32', { blurb: 'Duplicate SACK Right Edge' });
const hfTsVal = defineField('tcp.options.timestamp.tsval', 'Timestamp value', 'uint32', { blurb: 'Value of sending machine\'s timestamp clock' });
const hfTsEcr = defineField('tcp.options.timestamp.tsecr', 'Timestamp echo reply', 'uint32', { blurb: 'Echoed timestamp from remote machine' });
const hfEcho = defineField('tcp.options.echo_value', 'TCP Echo Option', 'uint32', { blurb: 'TCP Sack Echo' });
const hfCc = defineField('tcp.options.cc_value', 'TCP CC Option', 'uint32');
const hfMd5 = defineField('tcp.options.md5.digest', 'MD5 digest', 'bytes');
const hfUserToGranularity = defineField('tcp.options.user_to_granularity', 'Granularity', 'boolean', { mask: 0x8000, bits: 16, tfs: ['Minutes', 'Seconds'], blurb: 'TCP User Timeout Granularity' });
const hfUserToVal = defineField('tcp.options.user_to_val', 'User Timeout', 'uint16', { mask: 0x7fff, blurb: 'TCP User Timeout Value' });
const hfAoKeyId = defineField('tcp.options.ao.keyid', 'AO KeyID', 'uint8');
const hfAoRNextKeyId = defineField('tcp.options.ao.rnextkeyid', 'AO RNextKeyID', 'uint8');
const hfAoMac = defineField('tcp.options.ao.mac', 'AO MAC', 'bytes');
const hfTfoRequest = defineField('tcp.options.tfo.request', 'Fast Open Cookie Request', 'none');
const hfTfoCookie = defineField('tcp.options.tfo.cookie', 'Fast Open Cookie', 'bytes');
const hfExpData = defineField('tcp.options.experimental.data', 'Data', 'bytes');
/** RFC 6994 experiment identifiers Wireshark 4.0 names (tcp_exid_vs). */
const EXP_TFO = 0xf989;
const EXP_TARR = 0x00ac;
const hfExpExid = defineField('tcp.options.experimental.exid', 'Experiment Identifier', 'uint16', {
  base: 'hex',
  vals: {
    0xac: 'TCP ACK Rate Request', 0x348: 'Host ID', 0xa0d: 'Autonomous System Compensation', 0xca0: 'Capability Option', 0xed0: 'Extended Data Offset',
    0x454e: 'Encryption Negotiation', 0x5323: 'Service Number', 0x75ec: 'Timestamp Interval', 0xacc0: 'Accurate ECN - Order 0',
    0xacc1: 'Accurate ECN - Order 1', 0xacce: 'Accurate ECN', 0xe2d4: 'Shared Memory communications over RMDA protocol', 0xf989: 'Fast Open',
    0xf990: 'Low Latency',
  },
});
const hfTarrRate = defineField('tcp.options.tarr.rate', 'TARR Rate', 'uint8', { mask: 0xfe });
const hfTarrReserved = defineField('tcp.options.tar.reserved', 'TARR Reserved', 'uint8', { mask: 0x01 });
const hfUnknownPayload = defineField('tcp.options.unknown.payload', 'Payload', 'bytes');

const eiBogusHeaderLength = defineExpert('tcp.bogus_header_length', 'protocol', 'error', 'Bogus TCP Header length');
const eiShortSegment = defineExpert('tcp.short_segment', 'malformed', 'warn', 'Short segment');
const eiAckNonzero = defineExpert('tcp.ack.nonzero', 'protocol', 'note', 'The acknowledgment number field is nonzero while the ACK flag is not set');
const eiSynAck = defineExpert('tcp.connection.synack', 'sequence', 'chat', 'Connection establish acknowledge (SYN+ACK)');
const eiSyn = defineExpert('tcp.connection.syn', 'sequence', 'chat', 'Connection establish request (SYN)');
const eiFin = defineExpert('tcp.connection.fin', 'sequence', 'chat', 'Connection finish (FIN)');
const eiRst = defineExpert('tcp.connection.rst', 'sequence', 'warn', 'Connection reset (RST)');
const eiUrgNonzero = defineExpert('tcp.urgent_pointer.non_zero', 'protocol', 'note', 'The urgent pointer field is nonzero while the URG flag is not set');
const eiOptLenInvalid = defineExpert('tcp.option.len.invalid', 'sequence', 'note', 'Invalid length for option');
const eiNop = defineExpert('tcp.nop', 'protocol', 'warn', '4 NOP in a row - a router may have removed some options');
const eiNonZeroAfterEol = defineExpert('tcp.non_zero_bytes_after_eol', 'protocol', 'error', 'Non-zero header padding');
const eiWsShift = defineExpert('tcp.options.wscale.shift.invalid', 'protocol', 'warn', 'Window scale shift exceeds 14');
const eiMssAbsent = defineExpert('tcp.options.mss.absent', 'protocol', 'note', 'The SYN packet does not contain a MSS option');
const eiMssPresent = defineExpert('tcp.options.mss.present', 'protocol', 'warn', 'The non-SYN packet does contain a MSS option');
const eiTfoSyn = defineExpert('tcp.analysis.tfo_syn', 'sequence', 'note', 'TCP SYN with TFO Cookie');
const eiTfoAck = defineExpert('tcp.analysis.tfo_ack', 'sequence', 'note', 'TCP SYN-ACK accepting TFO data');
const eiTfoIgnored = defineExpert('tcp.analysis.tfo_ignored', 'sequence', 'note', 'TCP SYN-ACK ignoring TFO data');
/** TcpShown.tfo: the SYN-ACK acknowledges data of the SYN, or a SYN carried data it does not acknowledge. */
export const TFO_ACCEPTED = 1;
export const TFO_IGNORED = 2;
const eiDsack = defineExpert('tcp.options.sack.dsack', 'sequence', 'warn', 'D-SACK Sequence');
const eiSuboptionMalformed = defineExpert('tcp.suboption_malformed', 'malformed', 'error', 'suboption would go past end of option');

// Each option is shown as a protocol of its own ("TCP Option - Maximum segment size").
const optEol = defineOptionProtocol('tcp.options.eol', 'TCP Option - End of Option List (EOL)', 'End of Option List (EOL)');
const optNop = defineOptionProtocol('tcp.options.nop', 'TCP Option - No-Operation (NOP)', 'No-Operation (NOP)');
const optMss = defineOptionProtocol('tcp.options.mss', 'TCP Option - Maximum segment size', 'Maximum segment size');
const optWscale = defineOptionProtocol('tcp.options.wscale', 'TCP Option - Window scale', 'Window scale');
const optSackPerm = defineOptionProtocol('tcp.options.sack_perm', 'TCP Option - SACK permitted', 'SACK permitted');
const optSack = defineOptionProtocol('tcp.options.sack', 'TCP Option - SACK', 'SACK');
const optEcho = defineOptionProtocol('tcp.options.echo', 'TCP Option - Echo', 'Echo');
const optEchoReply = defineOptionProtocol('tcp.options.echoreply', 'TCP Option - Echo reply', 'Echo reply');
const optTimestamp = defineOptionProtocol('tcp.options.timestamp', 'TCP Option - Timestamps', 'Timestamps');
const optCc = defineOptionProtocol('tcp.options.cc', 'TCP Option - CC', 'CC');
const optCcNew = defineOptionProtocol('tcp.options.ccnew', 'TCP Option - CC.NEW', 'CC.NEW');
const optCcEcho = defineOptionProtocol('tcp.options.ccecho', 'TCP Option - CC.ECHO', 'CC.ECHO');
const optMd5 = defineProtocol('tcp.options.md5', 'TCP Option - TCP MD5 signature', 'TCP MD5 signature');
const optUserTo = defineOptionProtocol('tcp.options.user_to', 'TCP Option - User Timeout', 'User Timeout');
const optAo = defineOptionProtocol('tcp.options.ao', 'TCP Option - TCP AO', 'TCP AO');
const optTfo = defineOptionProtocol('tcp.options.tfo', 'TCP Option - TCP Fast Open', 'TCP Fast Open');
const optExperimental = defineOptionProtocol('tcp.options.experimental', 'TCP Option - Experimental', 'Experimental');
const optUnknown = defineOptionProtocol('tcp.options.unknown', 'TCP Option - Unknown', 'Unknown');

/** The summary pass's view of the option being read (re-pointed per option: nothing keeps it). */
const optView = new Tvb(new Uint8Array(0), 0, 0, 0, 'tcp');

/**
 * Option kinds with a known fixed length `len` or a least length `min` (Wireshark checks them; a
 * wrong one only gets a note).
 */
const OPTIONS = new Map<number, { p: ProtocolDef; len: number; min?: number }>([
  [2, { p: optMss, len: 4 }], [3, { p: optWscale, len: 3 }], [4, { p: optSackPerm, len: 2 }], [5, { p: optSack, len: 0 }],
  [6, { p: optEcho, len: 6 }], [7, { p: optEchoReply, len: 6 }], [8, { p: optTimestamp, len: 10 }], [11, { p: optCc, len: 6 }],
  [12, { p: optCcNew, len: 6 }], [13, { p: optCcEcho, len: 6 }], [19, { p: optMd5, len: 18 }], [28, { p: optUserTo, len: 4 }], [29, { p: optAo, len: 0 }],
  [34, { p: optTfo, len: 0 }], [253, { p: optExperimental, len: 0, min: 4 }], [254, { p: optExperimental, len: 0, min: 4 }],
]);
/** OPTIONS by kind as an array (looked up for every option of every segment). */
const OPTION_BY_KIND: ({ p: ProtocolDef; len: number; min?: number } | undefined)[] = Array.from({ length: 256 }, (_, k) => OPTIONS.get(k));

/** What the dissector read from one TCP header. One object, reused for every header. */
export class TcpHeader {
  srcPort = 0;
  dstPort = 0;
  /** Sequence and acknowledgment numbers as on the wire (unsigned 32-bit). */
  seq = 0;
  ack = 0;
  /** The 12 flag bits. */
  flags = 0;
  /** Window field as on the wire. */
  win = 0;
  /** Header length in bytes (data offset × 4). */
  hdrLen = 0;
  /** Payload length (tcp.len), −1 when not known (IP fragment, ICMP error, short segment). */
  segLen = -1;
  /** Window scale shift of a WS option (capped at 14), −1 when there is none. */
  wscale = -1;
  /** MSS option value, −1 when there is none. */
  mss = -1;
  /** SACK blocks (raw edges; at most 4 kept). */
  sackCount = 0;
  readonly sackLe = new Uint32Array(4);
  readonly sackRe = new Uint32Array(4);
  /** Timestamps option (−1 when there is none). */
  tsval = -1;
  tsecr = -1;
  /** The options were read to their end (false when the capture cut them short or a length was bad). */
  optionsComplete = true;
  /** A SACK Permitted option was read. */
  sackPerm = false;
  /** A TCP Fast Open cookie was read (option 34, or experiment 0xf989, with cookie bytes). */
  tfoCookie = false;
  /** Header bytes captured (at most hdrLen): the options before a snap-length cut are still read. */
  hdrCaptured = 0;
  /** Inside an ICMP error's quoted packet. */
  inErrorPkt = false;
}

/** What the header fields and Info show for the sequence numbers and window. Reused. */
export class TcpShown {
  /** tcp.seq / tcp.ack / tcp.nxtseq as shown (raw until a tracker makes them relative). */
  seq = 0;
  ack = 0;
  nxtseq = 0;
  /** tcp.window_size (the calculated window). */
  window = 0;
  /** tcp.window_size_scalefactor (−1 unknown, −2 none); shown only when `showScaleFactor`. */
  scaleFactor = -1;
  showScaleFactor = false;
  /** tcp.seq/nxtseq and tcp.ack are relative (their labels say so). */
  seqRelative = false;
  ackRelative = false;
  /** Text put before the ports in Info, e.g. "[TCP Retransmission] ". */
  infoPrefix = '';
  /** Subtracted from SACK edges (the peer's base sequence number when they are relative). */
  sackBase = 0;
  /** SACK edges are relative (labelled "(relative)"). */
  sackRelative = false;
  /** A SYN-ACK's verdict on TCP Fast Open data: TFO_ACCEPTED, TFO_IGNORED or 0. */
  tfo = 0;
  /**
   * Sequence-analysis flags of the segment (dissectors/tcp/analysis.ts A_*): as in Wireshark's
   * desegment_tcp, the data of a (spurious) retransmission is not handed on again.
   */
  analysisFlags = 0;
}

/**
 * The hook for TCP stream tracking (relative sequence numbers, window scaling, tcp.stream,
 * tcp.analysis.*). Install one with `setTcpStreamTracker`; without one the raw numbers are shown.
 */
export interface TcpStreamTracker {
  /**
   * Called for every TCP header (also in the summary pass and for quoted headers in ICMP errors,
   * see `hdr.inErrorPkt`), after the header and options were read and before Info and the tree are
   * written. `shown` holds the raw values; change what should be shown instead.
   */
  segment(hdr: TcpHeader, pinfo: PacketInfo, shown: TcpShown): void;
  /**
   * Adds the tracker's items under the TCP subtree `tcpTree` (full tree only): called right after
   * the ports, where Wireshark puts tcp.stream. `tvb` is the TCP header's view.
   */
  addStreamItems?(hdr: TcpHeader, pinfo: PacketInfo, tcpTree: ProtoNode, tvb: Tvb): void;
  /**
   * Who closes first (tcp.connection.fin_active / fin_passive) on the flags string `flagsStr`,
   * right after the FIN flag's expert item, as Wireshark adds it (before the checksum and options
   * can throw); in the summary pass (`tcpTree` not real) only the expert item.
   */
  addFinRole?(pinfo: PacketInfo, tcpTree: ProtoNode, tvb: Tvb, flagsStr: ProtoNode): void;
  /** Adds the stream's timestamps (tshark adds them before the options), after the Options item. */
  addTimeItems?(hdr: TcpHeader, pinfo: PacketInfo, tcpTree: ProtoNode, tvb: Tvb): void;
  /**
   * Adds the items tshark adds after the options (the SEQ/ACK analysis; our endpoint states); in
   * the summary pass only raises their expert items, in the same order. Called only when the
   * options were dissected without an error (a SYN's window scaling is verified here, as
   * Wireshark verifies it after the options).
   */
  addAnalysisItems?(hdr: TcpHeader, pinfo: PacketInfo, tcpTree: ProtoNode, tvb: Tvb): void;
}

let tracker: TcpStreamTracker | null = null;

/**
 * The payload path (TCP desegmentation, dissectors/tcp/desegment.ts), installed with
 * `setTcpPayloadHandler`; without one the payload goes straight to the port table.
 */
export interface TcpPayloadHandler {
  /** Every header, right after the stream tracker. */
  seen(hdr: TcpHeader, pinfo: PacketInfo, shown: TcpShown, tvb: Tvb): void;
  /** Before the payload (also without one): true when the segment has been fully handled. */
  before(tvb: Tvb, hlen: number, hdr: TcpHeader, pinfo: PacketInfo, tree: ProtoNode, tcpTree: ProtoNode): boolean;
  /** The payload (`next` starts at its first byte), outside ICMP errors. */
  payload(next: Tvb, hdr: TcpHeader, pinfo: PacketInfo, tree: ProtoNode, tcpTree: ProtoNode): void;
}

let payloadHandler: TcpPayloadHandler | null = null;

/** Installs (or, with null, removes) the payload handler. */
export function setTcpPayloadHandler(p: TcpPayloadHandler | null): void {
  payloadHandler = p;
}

/** Installs (or, with null, removes) the stream tracker. */
export function setTcpStreamTracker(t: TcpStreamTracker | null): void {
  tracker = t;
}

/** The stream tracker installed (null: raw numbers, no analysis). */
export function tcpStreamTracker(): TcpStreamTracker | null {
  return tracker;
}

/* Sequence-analysis flags that keep the payload from being handed on (dissectors/tcp/analysis.ts). */
const A_RETRANSMISSION = 0x0001;
const A_SPURIOUS_RETRANSMISSION = 0x4000;

const hdr = new TcpHeader();
const shown = new TcpShown();

export const tcpPorts = table('tcp.port', 'TCP port');
const tcpHeuristics = heuristicTable('tcp');

const FLAG_NAMES = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'AE'];
const FLAG_LETTERS = 'RRRACEUAPRSF';

/** `SYN, ACK` — the names of the set flags, as in Info and the Flags label; `<None>` for none. */
export function tcpFlagsText(flags: number): string {
  if (flags >= 0 && flags < 4096) return (FLAGS_TEXT[flags] ??= flagsText(flags));
  return flagsText(flags);
}

/** tcpFlagsText by the 12 flag bits, made once per value. */
const FLAGS_TEXT: (string | undefined)[] = new Array<string | undefined>(4096).fill(undefined);

function flagsText(flags: number): string {
  let s = '';
  for (let i = 0; i < 9; i++) {
    if (flags & (1 << i)) s += s ? `, ${FLAG_NAMES[i]}` : FLAG_NAMES[i];
  }
  if (flags & TH_RES) s += s ? ', Reserved' : 'Reserved';
  return s || '<None>';
}

/** `·······AP···` — tcp.flags.str. */
export function tcpFlagsLetters(flags: number): string {
  let s = '';
  for (let i = 11; i >= 0; i--) s += flags & (1 << i) ? FLAG_LETTERS[11 - i] : '\u00b7';
  return s;
}

/*
 * `80 → 49152 [ACK] Seq=`: the start of every TCP Info, the same for every segment of a direction
 * with the same flags, kept in a small direct-mapped cache (no concatenations per packet).
 */
const HEAD_CACHE_BITS = 10;
const headKeys = new Float64Array(1 << HEAD_CACHE_BITS).fill(-1);
const headTexts: string[] = new Array<string>(1 << HEAD_CACHE_BITS).fill('');

function infoHead(ports: string, sport: number, dport: number, flags: number, flagsText: string): string {
  const key = (sport * 65536 + dport) * 4096 + (flags & 0xfff);
  const slot = Math.imul(((sport << 16) | dport) ^ Math.imul(flags, 0x9e3779b1), 0x85ebca6b) >>> (32 - HEAD_CACHE_BITS);
  if (headKeys[slot] === key) return headTexts[slot]!;
  const text = `${ports} [${flagsText}] Seq=`;
  headKeys[slot] = key;
  headTexts[slot] = text;
  return text;
}

export const tcp: ProtocolSpec = {
  proto,
  bind: [['ip.proto', 6]],
  dissect(tvb, pinfo, tree) {
    const full = tree.real;
    const sport = tvb.u16(0);
    const dport = tvb.u16(2);
    pinfo.setProtocol('TCP');
    const wantInfo = pinfo.wantInfo;
    const ports = wantInfo ? portsText(sport, dport) : '';
    if (wantInfo) pinfo.setInfo(ports);
    // The ports go into the label at once (as Wireshark appends them): a header cut short after them keeps it.
    const t = tree.addProto(proto, tvb, 0, tvb.length, tree.protocolLabels ? `Transmission Control Protocol, Src Port: ${sport}, Dst Port: ${dport}` : undefined);
    // A full tree's field labels (a reduced tree keeps values only).
    const det = t.detailed;
    t.add(hfSrcPort, tvb, 0, 2, sport);
    t.add(hfDstPort, tvb, 2, 2, dport);
    t.addHidden(hfPort, tvb, 0, 2, sport);
    t.addHidden(hfPort, tvb, 2, 2, dport);
    // A header quoted by an ICMP error usually stops after the sequence number: show it now.
    const icmpQuote = pinfo.inErrorPkt && pinfo.layerCount >= 3 && isIcmpQuote(pinfo);
    if (icmpQuote && full && tvb.has(4, 4)) t.add(hfSeq, tvb, 4, 4, tvb.u32(4));
    if (!pinfo.inErrorPkt) {
      pinfo.srcPort = sport;
      pinfo.dstPort = dport;
    }
    const h = hdr;
    h.srcPort = sport;
    h.dstPort = dport;
    // i32 then >>> 0 here: a u32 above 2^31 returned from a call is a heap number (most ISNs are).
    h.seq = tvb.i32(4) >>> 0;
    h.ack = tvb.i32(8) >>> 0;
    h.hdrLen = (tvb.u8(12) >> 4) * 4;
    h.flags = tvb.u16(12) & 0x0fff;
    h.win = tvb.u16(14);
    h.inErrorPkt = pinfo.inErrorPkt;
    h.segLen = -1;
    h.wscale = -1;
    h.mss = -1;
    h.sackCount = 0;
    h.tsval = -1;
    h.tsecr = -1;
    h.optionsComplete = true;
    h.sackPerm = false;
    h.tfoCookie = false;
    const flags = h.flags;
    const hlen = h.hdrLen;
    h.hdrCaptured = tvb.length < hlen ? tvb.length : hlen;
    const reportedLen = tvb.reportedLength;
    let shortSegment = false;
    if (!pinfo.fragmented && !pinfo.inErrorPkt) {
      if (reportedLen < hlen) shortSegment = true;
      else h.segLen = reportedLen - hlen;
    }
    if (hlen > 20) {
      // Up to the snap length: Wireshark acts on the options it read before the cut.
      const optCap = tvb.remaining(20) < hlen - 20 ? tvb.remaining(20) : hlen - 20;
      scanOptions(tvb, optCap, h);
      if (optCap < hlen - 20) h.optionsComplete = false;
    }

    const sh = shown;
    sh.seq = h.seq;
    sh.ack = h.ack;
    sh.nxtseq = h.segLen >= 0 ? (h.seq + h.segLen + (flags & (TH_SYN | TH_FIN) ? 1 : 0)) >>> 0 : 0;
    sh.window = h.win;
    sh.scaleFactor = -1;
    sh.showScaleFactor = false;
    sh.seqRelative = false;
    sh.ackRelative = false;
    sh.infoPrefix = '';
    sh.sackBase = 0;
    sh.sackRelative = false;
    sh.analysisFlags = 0;
    sh.tfo = 0;
    tracker?.segment(h, pinfo, sh);
    payloadHandler?.seen(h, pinfo, sh, tvb);
    if (full) tracker?.addStreamItems?.(h, pinfo, t, tvb);
    if (shortSegment) {
      // A text item with the expert under it (Wireshark's proto_tree_add_expert_format).
      const msg = 'Short segment. Segment/fragment does not contain a full TCP header (might be NMAP or someone else deliberately sending unusual packets)';
      pinfo.expert(t.real ? t.addText(tvb, 0, 0, msg) : t, eiShortSegment, tvb, 0, 0, pinfo.wantExpertText ? msg : undefined);
    } else if (h.segLen >= 0) {
      t.addGenerated(hfLen, h.segLen, tvb, 12, 0);
    }
    const flagsText = wantInfo || full ? tcpFlagsText(flags) : '';
    if (wantInfo) {
      let info = `${sh.infoPrefix}${infoHead(ports, sport, dport, flags, flagsText)}${sh.seq}`;
      if (flags & TH_ACK) info += ` Ack=${sh.ack}`;
      info += ` Win=${sh.window}`;
      pinfo.setInfo(info);
    }
    let label = t.protocolLabels ? `Transmission Control Protocol, Src Port: ${sport}, Dst Port: ${dport}, Seq: ${sh.seq}` : '';
    if (!icmpQuote) {
      const sn = t.add(hfSeq, tvb, 4, 4, sh.seq);
      if (det && sh.seqRelative) sn.setLabel(`Sequence Number: ${sh.seq}    (relative sequence number)`);
      // With relative numbers off (-o tcp.relative_sequence_numbers:FALSE) Wireshark hides the raw item.
      if (pinfo.ctx.options.tcpAbsoluteSeq) t.addHidden(hfSeqRaw, tvb, 4, 4, h.seq);
      else t.add(hfSeqRaw, tvb, 4, 4, h.seq);
    }
    if (hlen < 20) {
      if (wantInfo) pinfo.appendInfo(`, bogus TCP header length (${hlen}, must be at least 20)`);
      if (full) {
        t.setLabel(label);
        const n = t.add(hfHdrLen, tvb, 12, 1, hlen).setLabel(`${bitPattern(0xf0, 8, hlen >> 2)}Header Length: ${hlen} bytes (${hlen >> 2})`);
        pinfo.expert(n, eiBogusHeaderLength, tvb, 12, 1, `Bogus TCP header length (${hlen}, must be at least 20)`);
      } else {
        pinfo.expert(t, eiBogusHeaderLength);
      }
      return;
    }
    if (full) {
      if (t.protocolLabels) {
        if (flags & TH_ACK) label += `, Ack: ${sh.ack}`;
        if (h.segLen >= 0) label += `, Len: ${h.segLen}`;
        t.setLabel(label);
      }
      t.setLength(hlen);
      if (h.segLen >= 0) {
        const nn = t.addGenerated(hfNxtSeq, sh.nxtseq, tvb, 0, 0);
        if (det && sh.seqRelative) nn.setLabel(`Next Sequence Number: ${sh.nxtseq}    (relative sequence number)`);
      }
    }
    const an = t.add(hfAck, tvb, 8, 4, sh.ack);
    if (det && sh.ackRelative) an.setLabel(`Acknowledgment Number: ${sh.ack}    (relative ack number)`);
    // (Hidden too with relative numbers off, when ACK is set.)
    if (pinfo.ctx.options.tcpAbsoluteSeq && flags & TH_ACK) t.addHidden(hfAckRaw, tvb, 8, 4, h.ack);
    else t.add(hfAckRaw, tvb, 8, 4, h.ack);
    if (!(flags & TH_ACK) && h.ack !== 0) pinfo.expert(an, eiAckNonzero, tvb, 8, 4);
    if (sh.tfo !== 0) pinfo.expert(an, sh.tfo === TFO_ACCEPTED ? eiTfoAck : eiTfoIgnored, tvb, 8, 4);
    let synNode = t;
    let finNode = t;
    let rstNode = t;
    // Where who closes first goes (tracker's addFinRole), as in Wireshark: the flags string.
    let flagsStr = t;
    if (full) {
      const hn = t.add(hfHdrLen, tvb, 12, 1, hlen);
      if (det) hn.setLabel(`${bitPattern(0xf0, 8, hlen >> 2)}Header Length: ${hlen} bytes (${hlen >> 2})`);
      const fn = t.add(hfFlags, tvb, 12, 2, flags);
      if (det) fn.setLabel(`Flags: 0x${flags.toString(16).padStart(3, '0')} (${flagsText})`);
      const res = fn.add(hfFlagRes, tvb, 12, 1, (flags & TH_RES) !== 0 ? 1 : 0);
      if (det) res.setLabel(`${bitPattern(TH_RES, 12, (flags & TH_RES) >> 9)}Reserved: ${flags & TH_RES ? 'Set' : 'Not set'}`);
      fn.add(hfFlagAe, tvb, 12, 1, (flags >> 8) & 1);
      fn.add(hfFlagCwr, tvb, 13, 1, (flags >> 7) & 1);
      fn.add(hfFlagEce, tvb, 13, 1, (flags >> 6) & 1);
      fn.add(hfFlagUrg, tvb, 13, 1, (flags >> 5) & 1);
      fn.add(hfFlagAck, tvb, 13, 1, (flags >> 4) & 1);
      fn.add(hfFlagPush, tvb, 13, 1, (flags >> 3) & 1);
      rstNode = fn.add(hfFlagReset, tvb, 13, 1, (flags >> 2) & 1);
      synNode = fn.add(hfFlagSyn, tvb, 13, 1, (flags >> 1) & 1);
      finNode = fn.add(hfFlagFin, tvb, 13, 1, flags & 1);
      flagsStr = fn.addGenerated(hfFlagStr, fn.wants(hfFlagStr) ? tcpFlagsLetters(flags) : '', tvb, 12, 2);
      t.add(hfWindowValue, tvb, 14, 2, h.win);
      t.addGenerated(hfWindow, sh.window, tvb, 14, 2);
      if (sh.showScaleFactor) {
        const what = sh.scaleFactor === -1 ? ' (unknown)' : sh.scaleFactor === -2 ? ' (no window scaling used)' : '';
        const ws = t.addGenerated(hfWindowScale, sh.scaleFactor, tvb, 14, 2);
        if (det) ws.setLabel(`Window size scaling factor: ${sh.scaleFactor}${what}`);
      }
    }
    // In the order of their flag items (a tree without them, -T fields's, keeps this order).
    if (flags & TH_RST) pinfo.expert(rstNode, eiRst, tvb, 13, 1);
    if (flags & TH_SYN) {
      if (flags & TH_ACK) pinfo.expert(synNode, eiSynAck, tvb, 13, 1, pinfo.wantExpertText ? `Connection establish acknowledge (SYN+ACK): server port ${sport}` : undefined);
      else pinfo.expert(synNode, eiSyn, tvb, 13, 1, pinfo.wantExpertText ? `Connection establish request (SYN): server port ${dport}` : undefined);
    }
    if (flags & TH_FIN) pinfo.expert(finNode, eiFin, tvb, 13, 1);
    // Who closes first, right after the FIN (before the checksum and options can throw).
    tracker?.addFinRole?.(pinfo, t, tvb, flagsStr);

    const sum = tvb.u16(16);
    const cn = t.add(hfChecksum, tvb, 16, 2, sum);
    if (full) {
      if (det) cn.setLabel(`Checksum: 0x${sum.toString(16).padStart(4, '0')} [unverified]`);
      t.addGenerated(hfChecksumStatus, CHECKSUM_UNVERIFIED, tvb, 16, 0);
    }
    const urp = tvb.u16(18);
    const un = t.add(hfUrgent, tvb, 18, 2, urp);
    if (flags & TH_URG) {
      if (wantInfo) pinfo.appendInfo(` Urg=${urp}`);
    } else if (urp) pinfo.expert(un, eiUrgNonzero, tvb, 18, 2);
    if (h.segLen >= 0 && wantInfo) pinfo.appendInfo(` Len=${h.segLen}`);

    const optlen = hlen - 20;
    if (optlen) {
      const bc = tvb.remaining(20);
      const on = full ? t.add(hfOptions, tvb, 20, Math.min(bc, optlen), t.wants(hfOptions) ? tvb.bytes(20, Math.min(bc, optlen)) : null) : t;
      if (det) on.setLabel(`Options: (${optlen} bytes)`);
      tracker?.addTimeItems?.(h, pinfo, t, tvb);
      dissectOptions(tvb, optlen, pinfo, on, flags);
    } else {
      tracker?.addTimeItems?.(h, pinfo, t, tvb);
    }
    // After the options, as tshark's tcp_print_sequence_number_analysis: their expert items come first.
    tracker?.addAnalysisItems?.(h, pinfo, t, tvb);

    // The payload: what a later issue will reassemble; for now handed on as it is. In a quoted
    // header (ICMP error) it is shown but not dissected.
    const cap = tvb.remaining(hlen);
    if (payloadHandler?.before(tvb, hlen, h, pinfo, tree, t)) return;
    if (cap <= 0) return;
    if (flags & TH_RST) {
      // RFC 1122: a RST may carry text explaining the cause; Wireshark shows it as such.
      const text = tvb.bytes(hlen, cap);
      const rn = t.add(hfResetCause, tvb, hlen, cap, t.wants(hfResetCause) ? asciiText(text) : '');
      // Characters after the string's NUL: Wireshark's note on such a string.
      if (hasStrayAfterNul(text)) pinfo.expert(rn, eiTrailingStray, tvb, hlen, cap);
      return;
    }
    if (full) {
      // The label counts the bytes the segment had (tvb_reported_length_remaining), the item the captured ones.
      const rep = tvb.reportedRemaining(hlen);
      const pn = t.add(hfPayload, tvb, hlen, cap, t.wants(hfPayload) ? tvb.bytes(hlen, cap) : null);
      if (det) pn.setLabel(`TCP payload (${rep} byte${rep === 1 ? '' : 's'})`);
    }
    if (pinfo.inErrorPkt) return;
    if (payloadHandler) {
      payloadHandler.payload(tvb.sub(hlen), h, pinfo, tree, t);
      return;
    }
    if (sh.analysisFlags & A_SPURIOUS_RETRANSMISSION) return;
    if (sh.analysisFlags & A_RETRANSMISSION) {
      if (full) {
        const sd = t.add(hfSegmentData, tvb, hlen, cap, t.wants(hfSegmentData) ? tvb.bytes(hlen, cap) : null);
        if (det) sd.setLabel(`Retransmitted TCP segment data (${tvb.reportedRemaining(hlen)} byte${tvb.reportedRemaining(hlen) === 1 ? '' : 's'})`);
      }
      return;
    }
    const next = tvb.sub(hlen);
    if (sport && dport) {
      if (claimedBy(callByPorts(tcpPorts, sport, dport, next, pinfo, tree), pinfo)) return;
    } else if (sport || dport) {
      if (claimedBy(tcpPorts.call(sport || dport, next, pinfo, tree), pinfo)) return;
    }
    if (tcpHeuristics.call(next, pinfo, tree)) return;
    callData(next, pinfo, tree);
  },
};

/** Bytes as ASCII text, as Wireshark's ENC_ASCII decodes them (other bytes become U+FFFD). */
function asciiText(b: Uint8Array): string {
  let s = '';
  // A C string: it ends at the first NUL, as Wireshark's value does.
  for (let i = 0; i < b.length && b[i] !== 0; i++) s += b[i]! < 0x80 ? String.fromCharCode(b[i]!) : '\ufffd';
  return s;
}

/** True when the layers just below are IP inside ICMP (a quoted header). */
function isIcmpQuote(pinfo: PacketInfo): boolean {
  const n = pinfo.layerCount;
  // layers: … icmp, ip, tcp (this one is already entered).
  const ip = pinfo.layers[n - 2];
  const icmp = pinfo.layers[n - 3];
  return ip === IP_ID && icmp === ICMP_ID;
}

const IP_ID = ipProto.id;
const ICMP_ID = icmpProto.id;

/** Reads what the stream tracker needs from the options, without touching the tree or Info. */
function scanOptions(tvb: Tvb, length: number, h: TcpHeader): void {
  let off = 20;
  const end = 20 + length;
  while (off < end) {
    const kind = tvb.u8(off);
    if (kind === 0) return;
    if (kind === 1) { off++; continue; }
    if (off + 1 >= end) { h.optionsComplete = false; return; }
    const len = tvb.u8(off + 1);
    if (len < 2 || off + len > end) { h.optionsComplete = false; return; }
    if (kind === 2 && len === 4) h.mss = tvb.u16(off + 2);
    else if (kind === 3 && len === 3) h.wscale = Math.min(tvb.u8(off + 2), 14);
    else if (kind === 8 && len === 10) { h.tsval = tvb.i32(off + 2) >>> 0; h.tsecr = tvb.i32(off + 6) >>> 0; }
    else if (kind === 4 && len === 2) h.sackPerm = true;
    else if ((kind === 34 && len > 2) || ((kind === 253 || kind === 254) && len > 4 && tvb.u16(off + 2) === EXP_TFO)) h.tfoCookie = true;
    else if (kind === 5 && len >= 10) {
      for (let o = off + 2; o + 8 <= off + len && h.sackCount < 4; o += 8) {
        h.sackLe[h.sackCount] = tvb.i32(o) >>> 0;
        h.sackRe[h.sackCount] = tvb.i32(o + 4) >>> 0;
        h.sackCount++;
      }
    }
    off += len;
  }
}

/**
 * Options Wireshark 4.0 has a dissector for and Packetloom does not decode yet (their bytes show
 * as an unknown option's): their names, for the Options line and the length errors.
 */
const UNDECODED_OPTION_NAMES: Readonly<Record<number, string>> = {
  20: 'SCPS capabilities', 21: 'Selective Negative Acknowledgment', 22: 'SCPS record boundary',
  23: 'SCPS corruption experienced', 27: 'Quick-Start', 30: 'MPTCP', 76: 'Riverbed Probe', 78: 'Riverbed Transparency',
  172: 'Accurate ECN', 174: 'Accurate ECN',
};

function optionName(kind: number): string {
  const o = OPTIONS.get(kind);
  if (kind === 0) return optEol.short;
  if (kind === 1) return optNop.short;
  return o ? o.p.short : UNDECODED_OPTION_NAMES[kind] ?? `Unknown (0x${kind.toString(16).padStart(2, '0')})`;
}

/**
 * Wireshark's tcp_dissect_options: each option in turn; a length below 2 or past the end of the
 * options stops there (with an expert item). After an EOL the rest is padding, which must be zero.
 */
function dissectOptions(tvb: Tvb, length: number, pinfo: PacketInfo, optTree: ProtoNode, flags: number): void {
  let off = 20;
  let nopCount = 0;
  let summary = '';
  let sawMss = false;
  let complete = true;
  let afterEol = false;
  const real = optTree.real;
  const optLabel = optTree.label;
  // The "Options: (n bytes), NOP, …" label of a full tree.
  const det = optTree.detailed;
  while (length > 0) {
    const kind = tvb.u8(off);
    length--;
    if (afterEol && kind !== 0) {
      pinfo.expert(optTree.real ? optTree.addText(tvb, off, length + 1, 'Non-zero header padding') : optTree, eiNonZeroAfterEol, tvb, off, length + 1);
      complete = false;
      break;
    }
    if (kind === 0 || kind === 1) {
      if (kind === 1) {
        if (nopCount === 0 || off % 4) {
          nopCount++;
          if (nopCount === 4) pinfo.expert(optTree, eiNop);
        } else {
          nopCount = 0;
        }
      } else {
        afterEol = true;
      }
      const p = kind === 0 ? optEol : optNop;
      if (real) {
        const n = optTree.addProto(p, tvb, off, 1, p.name);
        n.add(hfOptKind, tvb, off, 1, kind);
        if (det) {
          summary += `, ${p.short}`;
          optTree.setLabel(`${optLabel}${summary}`);
        }
      }
      off++;
      continue;
    }
    if (length === 0) {
      const name = optionName(kind);
      pinfo.expert(optTree.real ? optTree.addText(tvb, off, 1, `${name} (length byte past end of options)`) : optTree, eiOptLenInvalid, tvb, off, 1, `${name} (length byte past end of options)`);
      complete = false;
      break;
    }
    const optlen = tvb.u8(off + 1);
    length--;
    if (optlen < 2) {
      const name = optionName(kind);
      const msg = `${name} (with too-short option length = ${optlen} byte${optlen === 1 ? '' : 's'})`;
      pinfo.expert(optTree.real ? optTree.addText(tvb, off, 2, msg) : optTree, eiOptLenInvalid, tvb, off, 2, msg);
      complete = false;
      break;
    }
    if (optlen - 2 > length) {
      const name = optionName(kind);
      const msg = `${name} (option length = ${optlen} byte${optlen === 1 ? '' : 's'} says option goes past end of options)`;
      pinfo.expert(optTree.real ? optTree.addText(tvb, off, length + 2, msg) : optTree, eiOptLenInvalid, tvb, off, length + 2, msg);
      complete = false;
      break;
    }
    if (kind === 2) sawMss = true;
    // tvb_new_subset_length: an option running past the segment's end shows what is there first.
    dissectOption(kind, real ? tvb.subContained(off, optlen) : optView.resubContained(tvb, off, optlen), pinfo, optTree, flags);
    // Each option's name as soon as it is done (Wireshark appends them one by one: an exception
    // on the next option leaves the names so far).
    if (det) {
      summary += `, ${optionName(kind)}`;
      optTree.setLabel(`${optLabel}${summary}`);
    }
    off += optlen;
    length -= optlen - 2;
  }
  if (complete) {
    if ((flags & TH_SYN) && !sawMss) pinfo.expert(optTree, eiMssAbsent);
  }
}

/** A text item with the malformed-suboption expert under it (proto_tree_add_expert). */
function suboptionMalformed(t: ProtoNode, tvb: Tvb, pinfo: PacketInfo, off: number, len: number): void {
  pinfo.expert(t.real ? t.addText(tvb, off, len, eiSuboptionMalformed.summary) : t, eiSuboptionMalformed, tvb, off, len);
}

/**
 * The option's header (kind, length) and its length check (`want` exactly, or at least `min`):
 * the length item, or null when the length is wrong.
 */
function optionHeader(t: ProtoNode, tvb: Tvb, pinfo: PacketInfo, want: number, min = 0): ProtoNode | null {
  t.add(hfOptKind, tvb, 0, 1, tvb.u8(0));
  const len = tvb.reportedLength;
  const ln = t.add(hfOptLen, tvb, 1, 1, tvb.u8(1));
  if (want && len !== want) {
    pinfo.expert(ln, eiOptLenInvalid, tvb, 1, 1, `option length should be ${want}`);
    return null;
  }
  if (len < min) {
    pinfo.expert(ln, eiOptLenInvalid, tvb, 1, 1, `option length ${len} smaller than ${min}`);
    return null;
  }
  return ln;
}

/**
 * TCP Fast Open (option 34, or experiment 0xf989 at `off`): `len` bytes from `off`, a cookie
 * request when that is all (2), else a cookie.
 */
function tfoPayload(t: ProtoNode, tvb: Tvb, pinfo: PacketInfo, flags: number, off: number, len: number): void {
  if (len === 2) {
    // A cookie request: Wireshark 4.0 raises no expert item for it.
    t.add(hfTfoRequest, tvb, off, 2, null);
    pinfo.appendInfo(' TFO=R');
  } else if (len > 2) {
    const n = t.add(hfTfoCookie, tvb, off + 2, len - 2);
    // A cookie on a SYN (a client sending data with it), not on the SYN-ACK that hands it out.
    if ((flags & (TH_SYN | TH_ACK)) === TH_SYN) pinfo.expert(n, eiTfoSyn, tvb, off + 2, len - 2);
    pinfo.appendInfo(' TFO=C');
  }
}

function dissectOption(kind: number, tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, flags: number): void {
  const o = OPTION_BY_KIND[kind];
  const len = tvb.reportedLength;
  if (!o) {
    const t = tree.addProto(optUnknown, tvb, 0, len, optUnknown.name);
    optionHeader(t, tvb, pinfo, 0);
    if (len > 2) t.add(hfUnknownPayload, tvb, 2, len - 2);
    return;
  }
  // Wireshark 4.0 registers CC.NEW, CC.ECHO and Echo reply (their names in the Options line) but
  // shows them as "TCP Option - CC" (tcp.options.cc) and "TCP Option - Echo" (tcp.options.echo).
  const p = kind === 12 || kind === 13 ? optCc : kind === 7 ? optEcho : o.p;
  const t = tree.addProto(p, tvb, 0, len, p.name);
  // An MSS outside a SYN: on the option itself, before its kind (Wireshark's MSS dissector).
  if (kind === 2 && !(flags & TH_SYN)) pinfo.expert(t, eiMssPresent);
  const ln = optionHeader(t, tvb, pinfo, o.len, o.min);
  if (!ln) return;
  switch (kind) {
    case 2: {
      const mss = tvb.u16(2);
      if (t.protocolLabels) t.setLabel(`${p.name}: ${mss} bytes`);
      t.add(hfMssVal, tvb, 2, 2, mss);
      if (pinfo.wantInfo) pinfo.appendInfo(` MSS=${mss}`);
      return;
    }
    case 3: {
      const shift = tvb.u8(2);
      const sn = t.add(hfWsShift, tvb, 2, 1, shift);
      const eff = shift > 14 ? 14 : shift;
      if (shift > 14) pinfo.expert(sn, eiWsShift, tvb, 2, 1);
      const mult = 1 << eff;
      t.addGenerated(hfWsMultiplier, mult, tvb, 2, 1);
      if (t.protocolLabels) t.setLabel(`${p.name}: ${shift} (multiply by ${mult})`);
      if (pinfo.wantInfo) pinfo.appendInfo(` WS=${mult}`);
      return;
    }
    case 4:
      pinfo.appendInfo(' SACK_PERM');
      return;
    case 5: {
      // Wireshark's loop: a left edge needs 4 bytes left, its right edge 4 more; what is short of
      // that is "suboption would go past end of option" (a malformed expert, then on).
      let label = p.name;
      let count = 0;
      let off = 2;
      let optlen = len - 2;
      const base = shown.sackBase;
      const rel = shown.sackRelative ? ' (relative)' : '';
      let re0 = 0, le1 = 0, re1 = 0;
      while (optlen > 0) {
        if (optlen < 4) {
          suboptionMalformed(t, tvb, pinfo, off, optlen);
          break;
        }
        const le = (tvb.u32(off) - base) >>> 0;
        if (t.real) {
          const ln = t.add(hfSackLe, tvb, off, 4, le);
          if (ln.detailed) ln.setLabel(`left edge = ${le}${rel}`);
        }
        optlen -= 4;
        if (optlen < 4) {
          // At the left edge's offset, as Wireshark adds it.
          suboptionMalformed(t, tvb, pinfo, off, optlen);
          break;
        }
        const re = (tvb.u32(off + 4) - base) >>> 0;
        optlen -= 4;
        if (t.real) {
          const rn = t.add(hfSackRe, tvb, off + 4, 4, re);
          if (rn.detailed) rn.setLabel(`right edge = ${re}${rel}`);
          if (t.protocolLabels) label += ` ${le}-${re}`;
        }
        if (pinfo.wantInfo) pinfo.appendInfo(` SLE=${le} SRE=${re}`);
        if (count === 0) re0 = re;
        else if (count === 1) { le1 = le; re1 = re; }
        count++;
        off += 8;
      }
      t.addGenerated(hfSackCount, count, tvb, 0, 0);
      if (t.protocolLabels) t.setLabel(label);
      // RFC 2883 D-SACK: the first block lies below the ACK, or inside the second block. Wireshark
      // tests its first block's edges even when the option had none (they are 0 then) and reads
      // that block again from the option: one too short to hold it ends the TCP header malformed.
      const ack = shown.ack;
      if (seqLE(re0, ack) || (count > 1 && seqLT(le1, re0) && seqLE(re0, re1))) {
        const dle = (tvb.u32(2) - base) >>> 0;
        if (t.real) {
          const ln = t.addGenerated(hfDsackLe, dle, tvb, 2, 4);
          if (ln.detailed) ln.setLabel(`D-SACK Left Edge = ${dle}${rel}`);
        }
        const dre = (tvb.u32(6) - base) >>> 0;
        if (t.real) {
          const rn = t.addGenerated(hfDsackRe, dre, tvb, 6, 4);
          if (rn.detailed) rn.setLabel(`D-SACK Right Edge = ${dre}${rel}`);
        }
        pinfo.expert(t.real ? t.addText(tvb, 2, 8, eiDsack.summary) : t, eiDsack, tvb, 2, 8);
      }
      return;
    }
    case 6: case 7: {
      const v = tvb.u32(2);
      t.add(hfEcho, tvb, 2, 4, v);
      if (t.protocolLabels) t.setLabel(`${p.name}: ${v}`);
      if (pinfo.wantInfo) pinfo.appendInfo(` ECHO=${v}`);
      return;
    }
    case 8: {
      // One item at a time: an option cut short shows its TSval.
      const tsval = tvb.i32(2) >>> 0;
      t.add(hfTsVal, tvb, 2, 4, tsval);
      const tsecr = tvb.i32(6) >>> 0;
      t.add(hfTsEcr, tvb, 6, 4, tsecr);
      if (t.protocolLabels) t.setLabel(`${p.name}: TSval ${tsval}, TSecr ${tsecr}`);
      if (pinfo.wantInfo) pinfo.appendInfo(` TSval=${uint32Text(tsval)} TSecr=${uint32Text(tsecr)}`);
      return;
    }
    case 11: case 12: case 13: {
      const v = tvb.u32(2);
      t.add(hfCc, tvb, 2, 4, v);
      if (pinfo.wantInfo) pinfo.appendInfo(` CC=${v}`);
      return;
    }
    case 19:
      tvb.check(2, 16);
      t.add(hfMd5, tvb, 2, 16);
      return;
    case 28: {
      const v = tvb.u16(2);
      t.add(hfUserToGranularity, tvb, 2, 2, v >> 15);
      t.add(hfUserToVal, tvb, 2, 2, v & 0x7fff);
      if (pinfo.wantInfo) pinfo.appendInfo(` USER_TO=${v & 0x7fff}`);
      return;
    }
    case 29:
      // TCP Authentication Option (RFC 5925): key IDs, then the MAC. Wireshark 4.0 appends its
      // name to Info with no space before it, whatever the length says.
      pinfo.appendInfo('TCP AO');
      if (len < 4) {
        pinfo.expert(ln, eiOptLenInvalid, tvb, 1, 1, 'option length should be >= than 4');
        return;
      }
      t.add(hfAoKeyId, tvb, 2, 1, tvb.u8(2));
      t.add(hfAoRNextKeyId, tvb, 3, 1, tvb.u8(3));
      if (len > 4) {
        tvb.check(4, len - 4);
        t.add(hfAoMac, tvb, 4, len - 4);
      }
      return;
    case 34:
      tfoPayload(t, tvb, pinfo, flags, 0, len);
      return;
    case 253: case 254: {
      // RFC 6994: an experiment identifier, then what that experiment says.
      const exid = tvb.u16(2);
      t.add(hfExpExid, tvb, 2, 2, exid);
      const name = hfExpExid.vals!.get(exid) ?? 'Unknown';
      if (t.protocolLabels) t.setLabel(`${p.name}: ${name}`);
      if (exid === EXP_TFO) {
        tfoPayload(t, tvb, pinfo, flags, 2, len - 2);
      } else if (exid === EXP_TARR) {
        // TCP ACK Rate Request: nothing more, or a 7-bit rate and a reserved bit.
        if (len === 4) {
          pinfo.appendInfo(' TARR');
        } else if (len === 5) {
          const rate = tvb.u8(4) >> 1;
          t.add(hfTarrRate, tvb, 4, 1);
          t.add(hfTarrReserved, tvb, 4, 1);
          if (t.protocolLabels) t.setLabel(`${p.name}: ${name} ${rate}`);
          if (pinfo.wantInfo) pinfo.appendInfo(` TARR=${rate}`);
        } else {
          pinfo.expert(ln, eiOptLenInvalid, tvb, 1, 1, `option length should be 4 or 5 instead of ${len}`);
        }
      } else {
        if (len > 4) {
          tvb.check(4, len - 4);
          t.add(hfExpData, tvb, 4, len - 4);
        }
        if (pinfo.wantInfo) pinfo.appendInfo(` ExID=${exid.toString(16).toUpperCase()}`);
      }
      return;
    }
    default:
      return;
  }
}


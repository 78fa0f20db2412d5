/**
 * The session API: the one typed contract between the engine and every face (the desktop app
 * through the preload bridge, the browser mode over a WebSocket, the CLI in-process).
 *
 * Everything here is plain data that survives JSON (no Uint8Array, no bigint, no Map): packet
 * bytes travel as base64 strings, so the same messages cross Electron IPC and a WebSocket.
 *
 * Calls are request → result. A result is never thrown across the API: every call resolves to
 * `ApiResult<T>` — `{ ok: true, value }` or `{ ok: false, error }` with a stable `code` and a
 * message a user can read. Every argument is validated at runtime by the engine (see
 * electron/api/validate.ts) before it is used.
 *
 * Events (progress while indexing, rows arriving during a live capture, the capture stopping)
 * are pushed to the face that opened the session.
 */

export const API_VERSION = 1;

/** An opaque session handle ("s1", "s2" …). */
export type SessionId = string;

// ---------------------------------------------------------------------------------------------
// Results and errors

export type ErrorCode =
  | 'bad-request' // an argument failed validation (type, range, size)
  | 'unknown-method'
  | 'no-session' // the session id is not open (closed, or never was)
  | 'file' // the file cannot be opened or is not a capture
  | 'filter' // a display or capture filter does not compile
  | 'capture' // live capture could not start or failed (privilege, interface gone …)
  | 'busy' // the operation needs indexing to have finished
  | 'cancelled'
  | 'internal'; // a bug: the engine caught it and kept running

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** For filter errors: where in the filter text (0-based, half-open). */
  start?: number;
  end?: number;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

// ---------------------------------------------------------------------------------------------
// Sessions and rows

export type SessionKind = 'file' | 'live';

export interface SessionInfo {
  id: SessionId;
  kind: SessionKind;
  /** File path (for a live capture: its write-through temporary pcapng). */
  path: string;
  /** Display name (file base name, or the interface names). */
  name: string;
}

export type SessionState = 'indexing' | 'capturing' | 'done' | 'cancelled' | 'error';

export interface SessionStatus {
  id: SessionId;
  state: SessionState;
  /** File bytes read so far and the file size (for a live capture: bytes written so far, both). */
  bytesDone: number;
  bytesTotal: number;
  /** Packets indexed so far (total). */
  packets: number;
  /** Packets in the current view (= packets when no display filter is applied). */
  displayed: number;
  /** The applied display filter ('' when none). */
  filter: string;
  /** Why reading stopped early (file cut short or damaged), or why the capture stopped. */
  message?: string;
  /** Live capture only: packets received and dropped, as libpcap reports them. */
  received?: number;
  dropped?: number;
}

/** The packet list's columns (Wireshark's defaults). */
export type ColumnId = 'no' | 'time' | 'source' | 'destination' | 'protocol' | 'length' | 'info';
/** What a view sorts by: a built-in column, or a custom column (`sort`'s `field`). */
export type SortColumn = ColumnId | 'custom';

/** One row of the packet grid. */
export interface Row {
  /** Packet number (from 1). */
  no: number;
  /** Seconds since the first packet, since the previous packet (in file order), and since the epoch. */
  time: number;
  delta: number;
  epoch: number;
  source: string;
  destination: string;
  protocol: string;
  length: number;
  info: string;
  /** Name of the first Wireshark default coloring rule that matches ('' for none), e.g. "TCP SYN/FIN". */
  color: string;
  /** Highest expert severity in the packet: '', 'chat', 'note', 'warning', 'error'. */
  expert: '' | 'chat' | 'note' | 'warning' | 'error';
  /** tcp.stream / udp.stream of the packet, when it has one (for "follow", "handshake view"). */
  tcpStream?: number;
  udpStream?: number;
  /**
   * The custom columns' values (setColumns), one text per column: every occurrence of the field in
   * the packet details, comma-joined, as `tshark -T fields -E occurrence=a` prints it.
   */
  custom?: string[];
}

export interface RowsResult {
  /** Index in the view of rows[0]. */
  start: number;
  rows: Row[];
  /** Rows in the view now (grows while indexing or capturing). */
  displayed: number;
  /** True when no more rows will be added (indexing done / capture stopped). */
  complete: boolean;
}

export type SortDir = 'asc' | 'desc';

// ---------------------------------------------------------------------------------------------
// One packet: the decode tree and its bytes

export type Severity = 'chat' | 'note' | 'warning' | 'error';

export interface TreeNode {
  /** The text Wireshark shows for the node ("Source Port: 51234", "Transmission Control Protocol, …"). */
  label: string;
  /** Display-filter field name ("tcp.srcport"), or the protocol name for protocol nodes; '' for text-only nodes. */
  field: string;
  /** The value as a filter would write it (for "Apply as filter"), when the node has one. */
  filterValue?: string;
  /** Data source index (0 = the frame) and the bytes the node covers there (for the hex pane). */
  source: number;
  offset: number;
  length: number;
  /** For protocol nodes: the TCP/IP layer. */
  layer?: 'link' | 'network' | 'transport' | 'application';
  /** Generated (not in the packet: Wireshark's [brackets]). */
  generated?: boolean;
  /**
   * For a frame-number field ("[Response in frame: 25]", "[Reassembled PDU in frame: 66]", "[This
   * is an ACK to the segment in frame: 2]"): the packet it points to, which the UI can go to.
   */
  goTo?: number;
  /** For expert items. */
  severity?: Severity;
  children?: TreeNode[];
}

export interface DataSource {
  /** "Frame (74 bytes)", "Reassembled TCP (1234 bytes)", "De-chunked entity body (…)". */
  name: string;
  /** The bytes, base64. */
  bytes: string;
}

export interface PacketDetail {
  no: number;
  tree: TreeNode[];
  sources: DataSource[];
}

// ---------------------------------------------------------------------------------------------
// Tables: conversations, endpoints, expert info, capture properties

export type ConvKind = 'eth' | 'ipv4' | 'ipv6' | 'tcp' | 'udp';

export interface ConversationRow {
  kind: ConvKind;
  /** Address A / B (and ports for tcp/udp), A being the side seen first. */
  addressA: string;
  portA?: number;
  addressB: string;
  portB?: number;
  /** MAC vendor names (eth) where known. */
  vendorA?: string;
  vendorB?: string;
  /** Host names of IP addresses where known, while network names are on (setNameResolution). */
  nameA?: string;
  nameB?: string;
  packets: number;
  bytes: number;
  packetsAtoB: number;
  bytesAtoB: number;
  packetsBtoA: number;
  bytesBtoA: number;
  /** Seconds since the first packet of the capture, and duration in seconds. */
  relStart: number;
  duration: number;
  /** tcp.stream / udp.stream. */
  stream?: number;
  /** TCP only: Zeek-style outcome code (SF, S0, REJ …) and its words, history, handshake RTT (s). */
  outcome?: string;
  outcomeText?: string;
  history?: string;
  handshakeRtt?: number;
  /** A display filter that selects this conversation. */
  filter: string;
}

export interface EndpointRow {
  kind: ConvKind;
  address: string;
  port?: number;
  vendor?: string;
  /** The IP address's host name where known, while network names are on. */
  name?: string;
  packets: number;
  bytes: number;
  txPackets: number;
  txBytes: number;
  rxPackets: number;
  rxBytes: number;
}

/**
 * Edit › Find Packet, as Wireshark's search bar: the next (or previous) packet of the view after
 * packet `from` (0: from the first, or the last going backward) that matches, wrapping around at
 * the end; the packet `from` itself is tried last.
 * - `filter`: a display filter; `hex`: bytes ("00:1b:21", "001b21") in the packet's bytes;
 * - `string` / `regex`: text in `in` — the packet list's columns (No., Source, Destination,
 *   Protocol, Length, Info and the custom columns), the packet details' labels, or the packet bytes (a string as UTF-8
 *   "narrow", UTF-16 "wide" or both, `charset`; a regular expression over the bytes as Latin-1);
 *   case-insensitive unless `caseSensitive`.
 */
export interface FindParams {
  session: SessionId;
  from: number;
  backward?: boolean;
  by: 'filter' | 'hex' | 'string' | 'regex';
  in?: 'list' | 'details' | 'bytes';
  text: string;
  caseSensitive?: boolean;
  charset?: 'both' | 'narrow' | 'wide';
  /** false: stop at the end (or the start) instead of going on at the other end (Go › Next Packet in Conversation). */
  wrap?: boolean;
}

export interface FindResult {
  /** The packet found, or null when none matches. */
  no: number | null;
  /** The search went past the end (or the start, going backward) and went on from the other end. */
  wrapped: boolean;
  /** In the packet details: the matching item, as child indexes from the top of the packet's tree. */
  path?: number[];
  /** In the packet bytes: where the match is in the frame's bytes. */
  offset?: number;
  length?: number;
}

/** Statistics › I/O Graphs: one graph per display filter ('' is every packet). */
export interface IoGraphSpec {
  filter: string;
}

/**
 * Per interval of `interval` seconds since the first packet (interval k covers [k·interval,
 * (k+1)·interval)), the packets each graph's filter matches, their bytes (frame.len) and the first
 * of them (its number, 0 where none), over the packets indexed so far.
 */
export interface IoGraphResult {
  interval: number;
  /** Intervals: up to the last packet's. */
  buckets: number;
  /** Packets looked at (a live capture's so far). */
  packets: number;
  graphs: { filter: string; packets: number[]; bytes: number[]; first: number[] }[];
}

/** A level of Statistics › Protocol Hierarchy: a protocol (or reassembly item) under its parent. */
export interface PhsRow {
  /** Filter name: `eth`, `ip`, `tcp`, `http`, `tcp.segments`. */
  name: string;
  /** What Wireshark calls it: "Ethernet II", "Transmission Control Protocol", "Reassembled TCP Segments". */
  title: string;
  frames: number;
  bytes: number;
  /** Packets whose last protocol this is (Wireshark's "End Packets"), and their bytes. */
  framesLast: number;
  bytesLast: number;
  children: PhsRow[];
}

/** A stats tree laid out as tshark prints it: rows in its order, each with its depth and the columns' values. */
export interface StatsTreeResult {
  /** "HTTP/Packet Counter". */
  title: string;
  /** "Count", "Average", "Min Val", "Max Val", "Rate (ms)", "Percent", "Burst Rate", "Burst Start". */
  columns: string[];
  rows: { depth: number; name: string; values: string[] }[];
}

export interface ProtocolHierarchyResult {
  /** Packets counted (a live capture's so far) and their bytes. */
  frames: number;
  bytes: number;
  roots: PhsRow[];
}

export interface ExpertRow {
  severity: Severity;
  group: string;
  protocol: string;
  summary: string;
  count: number;
  /** Up to the first 1000 packet numbers carrying it. */
  packets: number[];
}

/** Capture file properties, like `capinfos`. */
export interface CaptureProperties {
  path: string;
  format: 'pcap' | 'pcapng';
  fileSize: number;
  encapsulations: string[];
  packets: number;
  firstTime: number | null;
  lastTime: number | null;
  duration: number;
  dataBytes: number;
  averagePacketSize: number;
  averageBytesPerSecond: number;
  averagePacketsPerSecond: number;
  interfaces: { name: string; description?: string; linkType: string; snapLen: number; filter?: string }[];
  comments: string[];
  /** Why reading stopped early, when it did. */
  truncated?: string;
}

// ---------------------------------------------------------------------------------------------
// One TCP connection (the handshake view) and follow stream

export type TcpState =
  | 'CLOSED' | 'LISTEN' | 'SYN-SENT' | 'SYN-RECEIVED' | 'ESTABLISHED' | 'FIN-WAIT-1' | 'FIN-WAIT-2'
  | 'CLOSING' | 'TIME-WAIT' | 'CLOSE-WAIT' | 'LAST-ACK';

export interface ConnectionPacket {
  no: number;
  /** Seconds since the connection's first packet. */
  time: number;
  /** 'c2s' client → server, 's2c' server → client. */
  dir: 'c2s' | 's2c';
  flags: string; // "SYN", "SYN, ACK", "FIN, ACK", "RST" …
  seq: number; // relative
  ack: number; // relative (0 when ACK not set)
  len: number;
  win: number;
  /** Both endpoints' states after this packet, and the transition text ("SYN-SENT → ESTABLISHED"). */
  client: TcpState;
  server: TcpState;
  transition: string;
  /** True while states are inferred (handshake not captured). */
  inferred: boolean;
  /** Wireshark analysis flags on this packet: "retransmission", "out-of-order", "lost-segment", "zero-window" … */
  analysis: string[];
  /** SACK blocks of this packet's options, relative like `seq` (tcp.options.sack_le/re): [left, right, left, right …]. */
  sack?: number[];
  /** The RTT to ACK the segment this packet acknowledges, seconds (tcp.analysis.ack_rtt). */
  ackRtt?: number;
  /** Bytes in flight after this segment (tcp.analysis.bytes_in_flight). */
  inFlight?: number;
}

export interface ConnectionView {
  stream: number;
  client: { address: string; port: number; isn?: number; mss?: number; windowScale?: number; sack?: boolean; timestamps?: boolean };
  server: { address: string; port: number; isn?: number; mss?: number; windowScale?: number; sack?: boolean; timestamps?: boolean };
  /** The client/server roles come from a heuristic (no SYN seen). */
  roleHeuristic: boolean;
  outcome: string;
  outcomeText: string;
  history: string;
  /** SYN → SYN/ACK, SYN/ACK → ACK (seconds). */
  rttSynToSynAck?: number;
  rttSynAckToAck?: number;
  closedBy?: 'client' | 'server';
  closedWith?: 'FIN' | 'RST';
  duration: number;
  packets: ConnectionPacket[];
  /** True when more packets may still come (live capture). */
  live: boolean;
}

/** How to cut a byte stream into application messages for the "sticky packet" view. */
export type Framing =
  | { kind: 'auto' } // HTTP messages, DNS-over-TCP messages, as the dissectors found them
  | { kind: 'length'; bytes: 1 | 2 | 4; endian: 'big' | 'little' }
  | { kind: 'delimiter'; delimiter: string };

export interface FollowChunk {
  dir: 'c2s' | 's2c';
  /** Packet that carried these bytes. */
  no: number;
  /** Offset of these bytes in their direction's stream. */
  streamOffset: number;
  /** base64 */
  bytes: string;
  /** The packet's absolute time as tshark's yaml follow writes it ("1258133614.621200085"; "0.000000000" when it has none). */
  time: string;
}

export interface FollowMessage {
  dir: 'c2s' | 's2c';
  /** [start, end) in the direction's stream. */
  start: number;
  end: number;
  /** "GET /index.html", "HTTP/1.1 200 OK", "DNS query 0x1a2b", "message 3" … */
  label: string;
}

/** One row of Tools › Credentials (tshark's -z credentials columns). */
export interface CredentialRow {
  packet: number;
  protocol: string;
  username: string;
  info: string;
}

/** One named address of Statistics › Resolved Addresses. */
export interface ResolvedAddress {
  kind: 'ipv4' | 'ipv6';
  /** The address as text (`192.0.2.1`, `2001:db8::1`). */
  address: string;
  name: string;
}

/** One row of File › Export Objects › HTTP (Wireshark's columns), and the name Save gives it. */
export interface ExportObjectRow {
  /** Its place in the list (what exportObject and saveExportObjects take). */
  index: number;
  /** The frame that completed the message. */
  packet: number;
  hostname: string;
  contentType: string;
  /** Bytes of the body (de-chunked and decompressed). */
  size: number;
  /** The request URI's last path component ('' without a request). */
  filename: string;
  /** The file name tshark's `--export-objects` gives it in an empty folder. */
  saveAs: string;
}

export interface FollowResult {
  /** tcp: the stream's bytes; udp: its datagrams; http: each HTTP message's headers, then its body de-chunked and decompressed (in TCP stream `stream`). */
  proto: 'tcp' | 'udp' | 'http';
  stream: number;
  client: string; // "10.0.0.1:51234"
  server: string;
  /** Segments in capture order (what Wireshark's Follow shows). */
  chunks: FollowChunk[];
  /** Message boundaries (from the framing asked for). */
  messages: FollowMessage[];
  bytesC2S: number;
  bytesS2C: number;
}

// ---------------------------------------------------------------------------------------------
// Live capture

export interface InterfaceDesc {
  name: string;
  description?: string;
  addresses: string[];
  up: boolean;
  running: boolean;
  loopback: boolean;
}

export interface CaptureOptions {
  interfaces: string[];
  /** BPF capture filter ('' for none). */
  filter: string;
  snaplen?: number;
  promiscuous?: boolean;
  /** Stop conditions (tshark's -a). */
  stop?: { durationSec?: number; packets?: number; filesizeKB?: number };
  /** Ring buffer (tshark's -b). */
  ring?: { filesizeKB?: number; files?: number };
  /** Decode As for the captured packets (as openFile's). */
  decodeAs?: DecodeAsEntry[];
  /** Protocols and heuristics switched off for the captured packets (as openFile's). */
  protocols?: EnabledProtocols;
}

/**
 * Analyze › Enabled Protocols (tshark's --disable-protocol / --disable-heuristic): protocols by
 * filter name ("http", "tcp") and heuristics by short name ("http_tcp", "dns_udp") switched off for
 * every packet of a session; a disabled protocol's bytes show as data. What may be named:
 * `protocolChoices`.
 */
export interface EnabledProtocols {
  disabled?: string[];
  disabledHeuristics?: string[];
}

export interface ProtocolChoice {
  /** Filter name ("http") and full name. */
  name: string;
  description: string;
  /** False for Data, which cannot be switched off. */
  toggle: boolean;
  /** Its heuristics ("http_tcp", looking at "tcp" payloads). */
  heuristics: { name: string; table: string; description: string }[];
}

/**
 * Decode As (Wireshark's Analyze › Decode As…, tshark's -d): keys `from`..`to` of dissector table
 * `table` ("tcp.port", "udp.port", "ethertype", "ip.proto", "gre.proto") go to protocol `proto`
 * ("dns", "http", "data" …). What may be chosen: `decodeAsChoices`.
 */
export interface DecodeAsEntry {
  table: string;
  from: number;
  to: number;
  proto: string;
}

export interface DecodeAsTableChoice {
  /** "tcp.port", and "TCP port". */
  name: string;
  description: string;
  /** The protocols this table may hand its keys to ("dns" and "Domain Name System"). */
  protocols: { name: string; description: string }[];
}

// ---------------------------------------------------------------------------------------------
// Methods: name → [params, result]

export interface Methods {
  /** API version and what this engine can do (live capture available? why not?). */
  hello: [{}, { version: number; liveCapture: { available: boolean; reason?: string } }];
  /** Opens a capture file; `decodeAs` applies to every packet of the session (a change means opening it again). */
  openFile: [{ path: string; decodeAs?: DecodeAsEntry[]; protocols?: EnabledProtocols }, SessionInfo];
  /** Opens the small sample capture shipped in fixtures/. */
  openSample: [{ decodeAs?: DecodeAsEntry[]; protocols?: EnabledProtocols }, SessionInfo];
  /** The tables and protocols Decode As offers. */
  decodeAsChoices: [{}, { tables: DecodeAsTableChoice[] }];
  /** The protocols and heuristics Enabled Protocols can switch off. */
  protocolChoices: [{}, { protocols: ProtocolChoice[] }];
  close: [{ session: SessionId }, {}];
  /** Stops indexing (rows indexed so far stay usable). */
  cancel: [{ session: SessionId }, {}];
  status: [{ session: SessionId }, SessionStatus];
  /** Rows `start .. start+count` of the current view (count ≤ 1000). */
  rows: [{ session: SessionId; start: number; count: number }, RowsResult];
  /** Position in the current view of packet number `no` (-1 when filtered out). */
  rowOf: [{ session: SessionId; no: number }, { index: number }];
  packet: [{ session: SessionId; no: number }, PacketDetail];
  /** Checks a display filter without applying it (for the filter bar as the user types). */
  checkFilter: [{ filter: string }, { ok: boolean; message?: string; start?: number; end?: number }];
  /** Applies a display filter ('' clears it). */
  setFilter: [{ session: SessionId; filter: string }, { displayed: number }];
  /**
   * MAC names (`Universa_6c:0c:cc`, `Broadcast`) in the Source and Destination columns and the
   * packet details: on when a session opens, as in Wireshark (View → Name Resolution). `network`:
   * IP addresses by name (`web.example.com`, `name (192.0.2.1)` in the details): names of the
   * personal Wireshark hosts file, of the capture's name resolution blocks and of its DNS answers,
   * every name known so far (off when a session opens, as in Wireshark; unchanged when absent).
   */
  setNameResolution: [{ session: SessionId; mac: boolean; network?: boolean }, {}];
  /**
   * Custom columns (Wireshark's "Apply as Column"): the fields whose values the rows carry in
   * Row.custom, in this order ([] for none). An unknown field name is an error.
   */
  setColumns: [{ session: SessionId; fields: string[] }, {}];
  /** Sorts the view by a column (null restores packet-number order). */
  /**
   * Sorts the view by a column (null: packet order), or with `column: 'custom'` by the custom
   * column of `field` (setColumns; numbers as numbers). Info and custom columns need each row's
   * details: views of up to 100,000 rows.
   */
  sort: [{ session: SessionId; column: SortColumn | null; dir: SortDir; field?: string }, {}];
  /** Field names of the registry starting with a prefix (filter completion), with their descriptions. */
  /** `label`: the field's name as its tree items and a custom column's title show it ("Time to Live"). */
  fields: [{ prefix: string; limit?: number }, { name: string; description: string; label: string }[]];
  conversations: [{ session: SessionId; kind: ConvKind }, ConversationRow[]];
  endpoints: [{ session: SessionId; kind: ConvKind }, EndpointRow[]];
  connection: [{ session: SessionId; stream: number }, ConnectionView];
  follow: [{ session: SessionId; proto: 'tcp' | 'udp' | 'http'; stream: number; framing?: Framing }, FollowResult];
  expert: [{ session: SessionId }, ExpertRow[]];
  ioGraph: [{ session: SessionId; interval: number; graphs: IoGraphSpec[] }, IoGraphResult];
  /** Edit › Find Packet (in slices: the grid goes on meanwhile; a newer search replaces an older one). */
  findPacket: [FindParams, FindResult];
  /** Statistics › Protocol Hierarchy, from each packet's decode tree as the packet details show it. */
  protocolHierarchy: [{ session: SessionId }, ProtocolHierarchyResult];
  /**
   * Statistics › HTTP › Packet Counter ("http"), HTTP › Requests ("http_req"), HTTP › Load Distribution ("http_srv"), Packet Lengths
   * ("plen"), IP Protocol Types ("ptype"): Wireshark's stats trees (tshark's -z <name>,tree), over
   * the packets a display filter matches when one is given.
   */
  statsTree: [{ session: SessionId; name: string; filter?: string }, StatsTreeResult];
  properties: [{ session: SessionId }, CaptureProperties];
  /**
   * File › Export Objects › HTTP: every HTTP body (de-chunked and decompressed), as Wireshark
   * lists them; `exportObject` gives one's bytes (base64, a download), `saveExportObjects` writes
   * them (all, or `indexes`) into a folder on the engine's machine, named as tshark names them.
   */
  exportObjects: [{ session: SessionId; proto: 'http' }, ExportObjectRow[]];
  exportObject: [{ session: SessionId; proto: 'http'; index: number }, { name: string; bytes: string }];
  saveExportObjects: [{ session: SessionId; proto: 'http'; dir: string; indexes?: number[] }, { dir: string; written: string[]; errors: string[] }];
  /**
   * Statistics › Resolved Addresses: the IP addresses with a name (the personal Wireshark hosts
   * file's, the capture's name resolution blocks', its DNS answers'), as `tshark -z hosts` lists them.
   */
  resolvedAddresses: [{ session: SessionId }, ResolvedAddress[]];
  /**
   * Tools › Credentials: the users that packets send in the clear (HTTP Basic authentication, and
   * other Authorization schemes as "n.a."), as `tshark -z credentials` lists them.
   */
  credentials: [{ session: SessionId }, CredentialRow[]];
  /** Writes the packets (all, or the current view) to a file. */
  save: [{ session: SessionId; path: string; format: 'pcap' | 'pcapng'; displayedOnly?: boolean }, { packets: number }];
  /**
   * File › Export Packet Dissections: every packet (or the view's, in packet order) as the
   * details' text (`tshark -2 -V`), the packet list's columns as CSV, or `tshark -2 -T json`.
   */
  exportDissections: [{ session: SessionId; path: string; format: 'text' | 'csv' | 'json'; displayedOnly?: boolean }, { packets: number; path: string }];
  /** The conversation export (JSON document; see dissectors/output/conversation.schema.json). */
  exportConversation: [{ session: SessionId; proto: 'tcp' | 'udp'; stream: number; path?: string }, { json: string; path?: string }];
  interfaces: [{}, InterfaceDesc[]];
  checkCaptureFilter: [{ filter: string; iface?: string }, { ok: boolean; message?: string }];
  startCapture: [CaptureOptions, SessionInfo];
  stopCapture: [{ session: SessionId }, SessionStatus];
  /** Stops a live capture and starts another with the same options (`decodeAs`, when given, replaces theirs). */
  restartCapture: [{ session: SessionId; decodeAs?: DecodeAsEntry[]; protocols?: EnabledProtocols }, SessionInfo];
}

export type Method = keyof Methods;
export type Params<M extends Method> = Methods[M][0];
export type Result<M extends Method> = Methods[M][1];

export const METHODS: readonly Method[] = [
  'hello', 'openFile', 'openSample', 'decodeAsChoices', 'protocolChoices', 'close', 'cancel', 'status', 'rows', 'rowOf', 'packet', 'checkFilter',
  'setFilter', 'setNameResolution', 'setColumns', 'sort', 'fields', 'conversations', 'endpoints', 'connection', 'follow', 'expert', 'ioGraph', 'findPacket', 'protocolHierarchy', 'statsTree', 'properties',
  'exportObjects', 'exportObject', 'saveExportObjects', 'resolvedAddresses', 'credentials', 'save', 'exportDissections', 'exportConversation', 'interfaces', 'checkCaptureFilter', 'startCapture', 'stopCapture', 'restartCapture',
];

// ---------------------------------------------------------------------------------------------
// Events

export interface Events {
  /** Indexing / capture progress (at most ~10 per second per session). */
  status: SessionStatus;
  /** A live capture stopped (stop condition, user, interface gone, error). */
  captureStopped: { session: SessionId; reason: string; received: number; dropped: number };
}

export type EventName = keyof Events;

/** What a face holds: one call function and one event subscription. */
export interface SessionApi {
  call<M extends Method>(method: M, params: Params<M>): Promise<ApiResult<Result<M>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

// ---------------------------------------------------------------------------------------------
// Wire messages (IPC and WebSocket)

export interface RequestMessage {
  type: 'request';
  id: number;
  method: string;
  params: unknown;
}

export interface ResponseMessage {
  type: 'response';
  id: number;
  result: ApiResult<unknown>;
}

export interface EventMessage {
  type: 'event';
  event: EventName;
  payload: unknown;
}

/** Largest request a face may send (bytes of JSON); larger ones are refused. */
export const MAX_REQUEST_BYTES = 64 * 1024;

/*
 * Hypertext Transfer Protocol 1.x (RFC 9110/9112) over TCP, as Wireshark 4.0's packet-http.c
 * shows it:
 *
 *   HTTP-message = start-line CRLF *( field-line CRLF ) CRLF [ message-body ]
 *   start-line   = request-line / status-line
 *   request-line = method SP request-target SP HTTP-version
 *   status-line  = HTTP-version SP status-code SP [ reason-phrase ]
 *
 * TCP hands us a view that starts at a message boundary. We loop over the messages in it
 * (pipelining). When one is incomplete and `pinfo.canDesegment`, we set `pinfo.desegmentOffset`
 * (where it starts) and `pinfo.desegmentLen` (bytes still missing for a Content-Length body,
 * DESEGMENT_UNTIL_FIN for a response body delimited by the end of the connection, else
 * DESEGMENT_ONE_MORE_SEGMENT) and return: TCP calls again with the reassembled bytes. Without
 * `canDesegment` we show what is there, as Wireshark does with desegmentation off.
 *
 * Requests and responses are paired per TCP stream, responses answering requests in order (a
 * request whose answer the client acknowledged but the capture lost waits no more: see
 * dropAnsweredUnseen), in one pass (http.response_in on a request is only known to a later pass; like tshark we show
 * what the first pass knew, also when the packet is dissected again).
 *
 * Deliberate differences from tshark 4.0 (each has a test):
 * - a chunked body whose last bytes (`0\r\n\r\n` and any trailer) are split across segments is
 *   complete when they have all arrived (4.0 throws on `0\r\n\r` + `\n`: Malformed Packet);
 * - the trailer section is waited for up to its empty line (4.0 stops after one line);
 * - pipelined responses answer the oldest unanswered request (4.0 pairs every response with the
 *   latest request, so the first of two pipelined responses gets the second request);
 * - http.response_for.uri is the URI of the request the response answers (4.0: the last request
 *   seen on the connection);
 * - responses to HEAD, 1xx, 204 and 304 responses never have a body, whatever Content-Length says
 *   (4.0 takes up to Content-Length bytes that happen to follow as the body); a 2xx answer to
 *   CONNECT has none either, and what follows it is the tunnel's.
 * Not done here (other dissectors in Wireshark): XML/JSON/image/form/IPP bodies are shown as
 * Media (Info `(type)`), NTLMSSP/Kerberos/Digest authorization, HTTP/2 upgrade, brotli.
 */
import { callDissector, heuristicTable, isEnabled, table, type ProtocolSpec } from '../core/dispatch.js';
import { payloadInfo, streamKey, type TcpPayloadInfo } from '../tcp/payload-info.js';
import type { FollowTvb } from '../output/follow-text.js';
import { Tap } from '../core/taps.js';
import { defineExpert } from '../core/expert.js';
import { defineField, defineProtocol, type ProtocolDef } from '../core/fields.js';
import { DESEGMENT_ONE_MORE_SEGMENT, DESEGMENT_UNTIL_FIN, type CaptureContext, type PacketInfo } from '../core/pinfo.js';
import { NULL_TREE, type FieldValue, type ProtoNode } from '../core/tree.js';
import { Tvb } from '../core/tvb.js';
import { data } from './data.js';
import { notePdu } from '../tcp/desegment.js';
import { seqAdd, seqGT } from '../tcp/seq.js';
import { inflateBody, inflateProbe, isInflatable } from './http/body-decode.js';
import { CHUNKED_BAD, CHUNKED_NEED_MORE, scanChunked } from './http/chunked.js';
import { media, mediaTypeDissector, textLines, type MediaContentInfo } from './http/media.js';
import { printableText } from '../core/printable-text.js';
import { asciiItem, eiTrailingStray, strayAfterNul } from '../core/string-item.js';
import { clearRecord, MsgRecords, newRecord, RecordLink, type MsgRecord } from './http/records.js';
import { asciiLower, asciiString, cStrip, findLineEnd, formatText, isPrint, isSpace, parseHex, utf8CString, type LineEnd } from './http/text.js';

export const proto = defineProtocol('http', 'Hypertext Transfer Protocol', 'HTTP', 'application');

/** The pure message parser (follow-stream boundaries, conversation export). */
export { parseHttpConversation, parseHttpStream, type HttpExchange, type HttpHeaderField, type HttpMessage, type HttpParseOptions, type HttpStreamParse } from './http/messages.js';

export type { TcpPayloadInfo } from '../tcp/payload-info.js';

// --- Fields (Wireshark 4.0 names and types) ---------------------------------------------------

const hfNotification = defineField('http.notification', 'Notification', 'boolean', { tfs: ['True', 'False'], blurb: 'TRUE if HTTP notification' });
const hfResponse = defineField('http.response', 'Response', 'boolean', { tfs: ['True', 'False'], blurb: 'TRUE if HTTP response' });
const hfRequest = defineField('http.request', 'Request', 'boolean', { tfs: ['True', 'False'], blurb: 'TRUE if HTTP request' });
const hfResponseNumber = defineField('http.response_number', 'Response number', 'uint32');
const hfRequestNumber = defineField('http.request_number', 'Request number', 'uint32');
const hfBasic = defineField('http.authbasic', 'Credentials', 'string');
const hfResponseLine = defineField('http.response.line', 'Response line', 'string');
const hfRequestLine = defineField('http.request.line', 'Request line', 'string');
const hfMethod = defineField('http.request.method', 'Request Method', 'string', { blurb: 'HTTP Request Method' });
const hfUri = defineField('http.request.uri', 'Request URI', 'string', { blurb: 'HTTP Request-URI' });
const hfUriPath = defineField('http.request.uri.path', 'Request URI Path', 'string', { blurb: 'HTTP Request-URI Path' });
const hfUriQuery = defineField('http.request.uri.query', 'Request URI Query', 'string', { blurb: 'HTTP Request-URI Query' });
const hfUriQueryParam = defineField('http.request.uri.query.parameter', 'Request URI Query Parameter', 'string', { blurb: 'HTTP Request-URI Query Parameter' });
const hfRequestVersion = defineField('http.request.version', 'Request Version', 'string', { blurb: 'HTTP Request HTTP-Version' });
const hfResponseVersion = defineField('http.response.version', 'Response Version', 'string', { blurb: 'HTTP Response HTTP-Version' });
const hfFullUri = defineField('http.request.full_uri', 'Full request URI', 'string', { blurb: 'The full requested URI (including host name)' });
const hfCode = defineField('http.response.code', 'Status Code', 'uint16', { blurb: 'HTTP Response Status Code' });
const hfCodeDesc = defineField('http.response.code.desc', 'Status Code Description', 'string', { blurb: 'HTTP Response Status Code Description' });
const hfResponseForUri = defineField('http.response_for.uri', 'Request URI', 'string', { blurb: 'HTTP Response For-URI' });
const hfPhrase = defineField('http.response.phrase', 'Response Phrase', 'string', { blurb: 'HTTP Response Reason Phrase' });
const hfAuthorization = defineField('http.authorization', 'Authorization', 'string', { blurb: 'HTTP Authorization header' });
const hfProxyAuthenticate = defineField('http.proxy_authenticate', 'Proxy-Authenticate', 'string', { blurb: 'HTTP Proxy-Authenticate header' });
const hfProxyAuthorization = defineField('http.proxy_authorization', 'Proxy-Authorization', 'string', { blurb: 'HTTP Proxy-Authorization header' });
const hfProxyConnectHost = defineField('http.proxy_connect_host', 'Proxy-Connect-Hostname', 'string', { blurb: 'HTTP Proxy Connect Hostname' });
const hfProxyConnectPort = defineField('http.proxy_connect_port', 'Proxy-Connect-Port', 'uint16', { blurb: 'HTTP Proxy Connect Port' });
const hfWwwAuthenticate = defineField('http.www_authenticate', 'WWW-Authenticate', 'string', { blurb: 'HTTP WWW-Authenticate header' });
const hfContentType = defineField('http.content_type', 'Content-Type', 'string', { blurb: 'HTTP Content-Type header' });
const hfContentLengthHeader = defineField('http.content_length_header', 'Content-Length', 'string', { blurb: 'HTTP Content-Length header' });
const hfContentLength = defineField('http.content_length', 'Content length', 'uint64');
const hfContentEncoding = defineField('http.content_encoding', 'Content-Encoding', 'string', { blurb: 'HTTP Content-Encoding header' });
const hfTransferEncoding = defineField('http.transfer_encoding', 'Transfer-Encoding', 'string', { blurb: 'HTTP Transfer-Encoding header' });
const hfUpgrade = defineField('http.upgrade', 'Upgrade', 'string', { blurb: 'HTTP Upgrade header' });
const hfUserAgent = defineField('http.user_agent', 'User-Agent', 'string', { blurb: 'HTTP User-Agent header' });
const hfHost = defineField('http.host', 'Host', 'string', { blurb: 'HTTP Host' });
const hfConnection = defineField('http.connection', 'Connection', 'string', { blurb: 'HTTP Connection' });
const hfCookie = defineField('http.cookie', 'Cookie', 'string', { blurb: 'HTTP Cookie' });
const hfCookiePair = defineField('http.cookie_pair', 'Cookie pair', 'string', { blurb: 'A name/value HTTP cookie pair' });
const hfAccept = defineField('http.accept', 'Accept', 'string', { blurb: 'HTTP Accept' });
const hfReferer = defineField('http.referer', 'Referer', 'string', { blurb: 'HTTP Referer' });
const hfAcceptLanguage = defineField('http.accept_language', 'Accept-Language', 'string', { blurb: 'HTTP Accept Language' });
const hfAcceptEncoding = defineField('http.accept_encoding', 'Accept Encoding', 'string', { blurb: 'HTTP Accept Encoding' });
const hfDate = defineField('http.date', 'Date', 'string', { blurb: 'HTTP Date' });
const hfCacheControl = defineField('http.cache_control', 'Cache-Control', 'string', { blurb: 'HTTP Cache Control' });
const hfServer = defineField('http.server', 'Server', 'string', { blurb: 'HTTP Server' });
const hfLocation = defineField('http.location', 'Location', 'string', { blurb: 'HTTP Location' });
const hfWsAccept = defineField('http.sec_websocket_accept', 'Sec-WebSocket-Accept', 'string');
const hfWsExtensions = defineField('http.sec_websocket_extensions', 'Sec-WebSocket-Extensions', 'string');
const hfWsKey = defineField('http.sec_websocket_key', 'Sec-WebSocket-Key', 'string');
const hfWsProtocol = defineField('http.sec_websocket_protocol', 'Sec-WebSocket-Protocol', 'string');
const hfWsVersion = defineField('http.sec_websocket_version', 'Sec-WebSocket-Version', 'string');
const hfSetCookie = defineField('http.set_cookie', 'Set-Cookie', 'string', { blurb: 'HTTP Set Cookie' });
const hfLastModified = defineField('http.last_modified', 'Last-Modified', 'string', { blurb: 'HTTP Last Modified' });
const hfXForwardedFor = defineField('http.x_forwarded_for', 'X-Forwarded-For', 'string', { blurb: 'HTTP X-Forwarded-For' });
const hfHttp2Settings = defineField('http.http2_settings', 'HTTP2-Settings', 'string');
const hfRequestIn = defineField('http.request_in', 'Request in frame', 'framenum', { blurb: 'This packet is a response to the packet with this number' });
const hfResponseIn = defineField('http.response_in', 'Response in frame', 'framenum', { blurb: 'This packet will be responded in the packet with this number' });
const hfNextRequestIn = defineField('http.next_request_in', 'Next request in frame', 'framenum', { blurb: 'The next HTTP request starts in packet number' });
const hfNextResponseIn = defineField('http.next_response_in', 'Next response in frame', 'framenum', { blurb: 'The next HTTP response starts in packet number' });
const hfPrevRequestIn = defineField('http.prev_request_in', 'Prev request in frame', 'framenum', { blurb: 'The previous HTTP request starts in packet number' });
const hfPrevResponseIn = defineField('http.prev_response_in', 'Prev response in frame', 'framenum', { blurb: 'The previous HTTP response starts in packet number' });
const hfTime = defineField('http.time', 'Time since request', 'rel_time', { unit: ' seconds', blurb: 'Time since the request was sent' });
const hfTrailer = defineField('http.chunked_trailer_part', 'trailer-part', 'string', { blurb: 'Optional trailer in a chunked body' });
const hfChunkBoundary = defineField('http.chunk_boundary', 'Chunk boundary', 'bytes');
const hfChunkSize = defineField('http.chunk_size', 'Chunk size', 'uint32');
const hfChunkData = defineField('http.chunk_data', 'Chunk data', 'bytes');
const hfFileData = defineField('http.file_data', 'File Data', 'string');
const hfUnknownHeader = defineField('http.unknown_header', 'Unknown header', 'string');

const eiChat = defineExpert('http.chat', 'sequence', 'chat', 'Formatted text');
const eiSubdissectorFailed = defineExpert('http.subdissector_failed', 'malformed', 'note', 'HTTP body subdissector failed, trying heuristic subdissector');
const eiTeAndLength = defineExpert('http.te_and_length', 'malformed', 'warn', 'The Content-Length and Transfer-Encoding header must not be set together');
const eiTeUnknown = defineExpert('http.te_unknown', 'undecoded', 'warn', 'Unknown transfer coding name in Transfer-Encoding header');
const eiTlsPort = defineExpert('http.tls_port', 'security', 'warn', 'Unencrypted HTTP protocol detected over encrypted port, could indicate a dangerous misconfiguration.');
const eiLeadingCrlf = defineExpert('http.leading_crlf', 'malformed', 'error', 'Leading CRLF previous message in the stream may have extra CRLF');
const eiBadHeaderName = defineExpert('http.bad_header_name', 'protocol', 'warn', 'Illegal characters found in header name');
const eiDecompressionFailed = defineExpert('http.decompression_failed', 'undecoded', 'warn', 'Decompression failed');

/** Wireshark 4.0's vals_http_status_code. */
export const HTTP_STATUS_CODES: ReadonlyMap<number, string> = new Map([
  [100, 'Continue'], [101, 'Switching Protocols'], [102, 'Processing'], [103, 'Early Hints'], [199, 'Informational - Others'],
  [200, 'OK'], [201, 'Created'], [202, 'Accepted'], [203, 'Non-authoritative Information'], [204, 'No Content'],
  [205, 'Reset Content'], [206, 'Partial Content'], [207, 'Multi-Status'], [208, 'Already Reported'], [226, 'IM Used'],
  [299, 'Success - Others'],
  [300, 'Multiple Choices'], [301, 'Moved Permanently'], [302, 'Found'], [303, 'See Other'], [304, 'Not Modified'],
  [305, 'Use Proxy'], [307, 'Temporary Redirect'], [308, 'Permanent Redirect'], [399, 'Redirection - Others'],
  [400, 'Bad Request'], [401, 'Unauthorized'], [402, 'Payment Required'], [403, 'Forbidden'], [404, 'Not Found'],
  [405, 'Method Not Allowed'], [406, 'Not Acceptable'], [407, 'Proxy Authentication Required'], [408, 'Request Time-out'],
  [409, 'Conflict'], [410, 'Gone'], [411, 'Length Required'], [412, 'Precondition Failed'], [413, 'Request Entity Too Large'],
  [414, 'Request-URI Too Long'], [415, 'Unsupported Media Type'], [416, 'Requested Range Not Satisfiable'],
  [417, 'Expectation Failed'], [418, "I'm a teapot"], [421, 'Misdirected Request'], [422, 'Unprocessable Entity'],
  [423, 'Locked'], [424, 'Failed Dependency'], [425, 'Too Early'], [426, 'Upgrade Required'], [428, 'Precondition Required'],
  [429, 'Too Many Requests'], [431, 'Request Header Fields Too Large'], [451, 'Unavailable For Legal Reasons'],
  [499, 'Client Error - Others'],
  [500, 'Internal Server Error'], [501, 'Not Implemented'], [502, 'Bad Gateway'], [503, 'Service Unavailable'],
  [504, 'Gateway Time-out'], [505, 'HTTP Version not supported'], [506, 'Variant Also Negotiates'], [507, 'Insufficient Storage'],
  [508, 'Loop Detected'], [510, 'Not Extended'], [511, 'Network Authentication Required'], [599, 'Server Error - Others'],
]);

/** The TCP ports Wireshark 4.0 gives HTTP by default (its own range plus IPP, DAAP). */
export const HTTP_TCP_PORTS: readonly number[] = [80, 631, 1900, 2710, 2869, 3128, 3132, 3689, 5985, 8080, 8088, 11371];

// --- Start lines -------------------------------------------------------------------------------

const enum MsgType {
  Request = 0,
  Response = 1,
  Notification = 2,
  Others = 3,
}

/** Methods Wireshark 4.0 recognises (is_http_request_or_reply), by length. NOTIFY etc. are notifications. */
const METHODS = new Map<string, MsgType>();
for (const m of [
  'GET', 'PUT', 'COPY', 'HEAD', 'LOCK', 'MOVE', 'POLL', 'POST', 'BCOPY', 'BMOVE', 'MKCOL', 'TRACE', 'PATCH', 'LABEL', 'MERGE',
  'DELETE', 'SEARCH', 'UNLOCK', 'REPORT', 'UPDATE', 'BDELETE', 'CONNECT', 'OPTIONS', 'CHECKIN', 'PROPFIND', 'CHECKOUT',
  'CCM_POST', 'PROPPATCH', 'BPROPFIND', 'BPROPPATCH', 'UNCHECKOUT', 'MKACTIVITY', 'MKWORKSPACE', 'RPC_CONNECT',
  'RPC_IN_DATA', 'RPC_OUT_DATA', 'VERSION-CONTROL', 'BASELINE-CONTROL', 'SSTP_DUPLEX_POST',
]) METHODS.set(m, MsgType.Request);
for (const m of ['NOTIFY', 'SUBSCRIBE', 'UNSUBSCRIBE']) METHODS.set(m, MsgType.Notification);
/** METHODS by length with their bytes: every line is classified, so no string per line. */
const METHODS_BY_LEN: { name: Uint8Array; text: string; type: MsgType }[][] = [];
for (const [m, type] of METHODS) (METHODS_BY_LEN[m.length] ??= []).push({ name: Uint8Array.from(m, (c) => c.charCodeAt(0)), text: m, type });

/** Result of `classifyLine` for a request: its method (the same bytes, so no string is built). */
let methodText = '';

/**
 * Wireshark's is_http_request_or_reply on `d[start, start+len)`: Response for `HTTP/…` or `ICY…`,
 * Request/Notification for a known method followed by a space (or the end of the line), else
 * Others. An `M-` prefix (RFC 2774 mandatory extension) is skipped.
 */
function classifyLine(d: Uint8Array, start: number, len: number): MsgType {
  if (len >= 2 && d[start] === 0x4d && d[start + 1] === 0x2d) {
    start += 2;
    len -= 2;
  }
  if (len >= 5 && d[start] === 0x48 && d[start + 1] === 0x54 && d[start + 2] === 0x54 && d[start + 3] === 0x50 && d[start + 4] === 0x2f) return MsgType.Response;
  if (len >= 3 && d[start] === 0x49 && d[start + 1] === 0x43 && d[start + 2] === 0x59) return MsgType.Response;
  let i = 0;
  while (i < len && d[start + i] !== 0x20) i++;
  if (i < 3 || i > 16) return MsgType.Others;
  const bucket = METHODS_BY_LEN[i];
  if (bucket) {
    for (let b = 0; b < bucket.length; b++) {
      const n = bucket[b]!.name;
      let k = 0;
      while (k < i && d[start + k] === n[k]) k++;
      if (k === i) {
        methodText = bucket[b]!.text;
        return bucket[b]!.type;
      }
    }
  }
  return MsgType.Others;
}

/** get_token_len: a token ends at a space, CR or LF; the spaces after it are skipped (`tokNext`). */
let tokNext = 0;
function tokenLen(d: Uint8Array, p: number, end: number): number {
  const s = p;
  while (p < end && d[p] !== 0x20 && d[p] !== 0x0d && d[p] !== 0x0a) p++;
  const n = p - s;
  while (p < end && d[p] === 0x20) p++;
  tokNext = p;
  return n;
}

/** parse_http_status_code: the status of a status line when its second token is exactly 3 digits, else 0. */
function statusOfLine(d: Uint8Array, start: number, end: number): number {
  if (tokenLen(d, start, end) === 0) return 0;
  const p = tokNext;
  if (tokenLen(d, p, end) !== 3) return 0;
  let v = 0;
  for (let i = p; i < p + 3; i++) {
    const c = d[i]!;
    if (c < 0x30 || c > 0x39) return 0;
    v = v * 10 + c - 0x30;
  }
  return v;
}

/** strtoul(…, 10) of three characters: the leading digits' value. */
function strtoul3(d: Uint8Array, p: number): number {
  let v = 0;
  let i = p;
  while (i < p + 3 && isSpace(d[i]!)) i++;
  if (i < p + 3 && d[i] === 0x2b) i++;
  for (; i < p + 3; i++) {
    const c = d[i]!;
    if (c < 0x30 || c > 0x39) break;
    v = v * 10 + c - 0x30;
  }
  return v;
}

// --- Per-stream state --------------------------------------------------------------------------

/** One request/response exchange (Wireshark's http_req_res_t). */
interface ReqRes {
  number: number;
  reqFrame: number;
  reqSec: number;
  reqNsec: number;
  resFrame: number;
  method: string | null;
  uri: string | null;
  fullUri: string | null;
  /** Neighbours, kept only while this exchange still needs them (see `finish`). */
  prev: ReqRes | null;
  next: ReqRes | null;
  /** The next request without a response yet (Conv.pendingHead's queue). */
  nextPending: ReqRes | null;
  /** The message records of the request and the response (−1: none, or not remembered). */
  reqRow: number;
  resRow: number;
  /** The request's TCP acknowledgment number, relative (−1: unknown). */
  ack: number;
}

/** Per TCP stream (Wireshark's http_conv_t). */
interface Conv {
  /** Numbers the stream's records share (MsgRecords.setTotal); −1 for the frozen records of released streams. */
  id: number;
  /** Records of responses shown before any request URI was known: they get the stream's latest. */
  uriless: number[] | null;
  /**
   * Per direction: the captured length of a message start in which the last call found no line
   * end (0: none), for the next call on the same message grown by a segment (PacketInfo.pduSeenLen).
   */
  noEol0: number;
  noEol1: number;
  /** Last request URI and method on the stream (a request was seen: the stream is HTTP). */
  requestUri: string | null;
  requestMethod: string | null;
  fullUri: string | null;
  /** The last Host header's value on the stream (Wireshark's conv_data->http_host: Export Objects' hostname). */
  httpHost: string | null;
  responseCode: number;
  reqResNum: number;
  tail: ReqRes | null;
  /** Requests without a response yet, oldest first: a queue through ReqRes.nextPending (no array per stream). */
  pendingHead: ReqRes | null;
  pendingTail: ReqRes | null;
  pendingCount: number;
  /** Relative TCP sequence number just past the last response paired (−1: none yet). */
  resEnd: number;
  /** Frame from which the heuristic took this stream (0: never). */
  heurFrame: number;
  /** After a 101 upgrade or a CONNECT tunnel: data from here on is not HTTP. */
  switchFrame: number;
  switchOffset: number;
  /** CONNECT tunnel target (http.proxy_connect_host / _port). */
  tunnelHost: string | null;
  tunnelPort: number;
}

interface HttpState {
  convs: Map<number, Conv>;
  /** What the first pass decided for each message, replayed when the packet is dissected again. */
  records: MsgRecords;
  /** The next Conv.id. */
  nextConv: number;
}

/** Bounds on the state kept per capture. */
const MAX_CONVS = 100_000;
const MAX_PENDING = 64;
const MAX_RECORDS = 500_000;

/** A module-level function, not a closure per call (a call per HTTP message would allocate one). */
const newHttpState = (): HttpState => ({ convs: new Map(), records: new MsgRecords(MAX_RECORDS), nextConv: 0 });

function httpState(pinfo: PacketInfo): HttpState {
  return pinfo.ctx.state<HttpState>(proto, newHttpState);
}

/**
 * The end of the last pass (no packet comes any more): what only the first pass pairs and numbers
 * with goes — each stream's last exchange and its queue of requests waiting for a response, with
 * their URIs, and the record of every plain stream (on the 1M bench file some 10 bytes per packet).
 * A frame dissected again reads its message records, and of the stream only whether it had a
 * request, the method, the heuristic's and the protocol switch's frames and a tunnel's target,
 * which stay.
 */
export function releaseHttpState(ctx: CaptureContext): void {
  const st = ctx.existingState<HttpState>(proto);
  if (st === undefined) return;
  st.records.trim();
  for (const [key, c] of st.convs) {
    // Most streams are plain HTTP: one shared, frozen record each way instead of an object per stream.
    if (c.heurFrame === 0 && c.switchFrame === 0 && c.tunnelHost === null && c.tunnelPort === 0) {
      st.convs.set(key, c.requestUri !== null ? RELEASED_SEEN : RELEASED_UNSEEN);
      continue;
    }
    c.tail = null;
    c.pendingHead = null;
    c.pendingTail = null;
    c.pendingCount = 0;
    c.resEnd = -1;
    c.fullUri = null;
    c.uriless = null;
    // Only "a request was seen" is read again (a message's haveSeenHttp); the URI itself is not.
    if (c.requestUri !== null) c.requestUri = '';
  }
}

/** What releaseHttpState leaves of a plain stream, with and without a request seen (frozen: a revisit writes nothing). */
const RELEASED_SEEN: Conv = Object.freeze(newConv(''));
const RELEASED_UNSEEN: Conv = Object.freeze(newConv(null));

function newConv(requestUri: string | null): Conv {
  return {
    id: -1, uriless: null, noEol0: 0, noEol1: 0, requestUri, requestMethod: null, fullUri: null, httpHost: null, responseCode: 0, reqResNum: 0, tail: null, pendingHead: null, pendingTail: null, pendingCount: 0, resEnd: -1,
    heurFrame: 0, switchFrame: 0, switchOffset: 0, tunnelHost: null, tunnelPort: 0,
  };
}

function convOf(st: HttpState, key: number): Conv {
  let c = st.convs.get(key);
  if (!c) {
    if (st.convs.size >= MAX_CONVS) {
      const oldest = st.convs.keys().next().value;
      if (oldest !== undefined) st.convs.delete(oldest);
    }
    c = newConv(null);
    c.id = st.nextConv++;
    st.convs.set(key, c);
  }
  return c;
}

function newReqRes(conv: Conv): ReqRes {
  const r: ReqRes = { number: ++conv.reqResNum, reqFrame: 0, reqSec: 0, reqNsec: 0, resFrame: 0, method: null, uri: null, fullUri: null, prev: conv.tail, next: null, nextPending: null, reqRow: -1, resRow: -1, ack: -1 };
  if (conv.tail) conv.tail.next = r;
  conv.tail = r;
  return r;
}

function pendingPush(conv: Conv, r: ReqRes): void {
  r.nextPending = null;
  if (conv.pendingTail) conv.pendingTail.nextPending = r;
  else conv.pendingHead = r;
  conv.pendingTail = r;
  conv.pendingCount++;
}

/** The oldest request without a response, taken off the queue (null if none). */
function pendingShift(conv: Conv): ReqRes | null {
  const r = conv.pendingHead;
  if (!r) return null;
  conv.pendingHead = r.nextPending;
  if (!conv.pendingHead) conv.pendingTail = null;
  r.nextPending = null;
  conv.pendingCount--;
  return r;
}

/**
 * Before request `ack` is queued: the oldest waiting requests whose answer the client has
 * received although the capture shows none. A client that sent a request, then received server
 * data past both that request's own acknowledgment number and the end of every response shown,
 * got (at least part of) that request's response: it was lost from the capture, or cut by a gap.
 * Without this, one lost response would pair every later response of a keep-alive connection
 * with the request before its own. Pipelined requests are sent before their answers arrive (the
 * same acknowledgment number), so they stay queued.
 */
function dropAnsweredUnseen(conv: Conv, ack: number): void {
  if (ack < 0) return;
  for (let r = conv.pendingHead; r !== null && r.ack >= 0 && seqGT(ack, r.ack) && (conv.resEnd < 0 || seqGT(ack, conv.resEnd)); r = conv.pendingHead) {
    finish(pendingShift(conv)!);
  }
}

/** An exchange whose request and response have both been shown no longer needs its neighbours. */
function finish(r: ReqRes): void {
  r.prev = null;
  r.next = null;
}

function setNoEol(conv: Conv, dir: 0 | 1, n: number): void {
  if (dir === 0) conv.noEol0 = n;
  else conv.noEol1 = n;
}

/** Records the values shown for the current exchange. */
function fillRecord(rec: MsgRecord, conv: Conv, r: ReqRes, isResponse: boolean, pinfo: PacketInfo): void {
  rec.number = r.number;
  rec.total = conv.reqResNum;
  rec.conv = conv.id;
  rec.prevReq = r.prev?.reqFrame ?? 0;
  rec.prevRes = r.prev?.resFrame ?? 0;
  rec.reqIn = r.reqFrame;
  rec.resIn = r.resFrame;
  rec.nextReq = r.next?.reqFrame ?? 0;
  rec.nextRes = r.next?.resFrame ?? 0;
  if (isResponse && r.reqFrame) {
    let s = pinfo.meta.tsSec - r.reqSec;
    let n = pinfo.meta.tsNsec - r.reqNsec;
    if (s > 0 && n < 0) { s--; n += 1e9; } else if (s < 0 && n > 0) { s++; n -= 1e9; }
    rec.timeSec = s;
    rec.timeNsec = n;
    rec.hasTime = true;
  }
  if (isResponse) rec.forUri = r.reqFrame ? r.fullUri ?? r.uri : conv.fullUri ?? conv.requestUri;
}

// --- Headers -----------------------------------------------------------------------------------

const enum Special {
  None, Authorization, Authenticate, ContentType, ContentLength, ContentEncoding, TransferEncoding, Host, Upgrade, Cookie,
}

const HEADERS = new Map<string, { hf: typeof hfHost; special: Special }>([
  ['authorization', { hf: hfAuthorization, special: Special.Authorization }],
  ['proxy-authorization', { hf: hfProxyAuthorization, special: Special.Authorization }],
  ['proxy-authenticate', { hf: hfProxyAuthenticate, special: Special.Authenticate }],
  ['www-authenticate', { hf: hfWwwAuthenticate, special: Special.Authenticate }],
  ['content-type', { hf: hfContentType, special: Special.ContentType }],
  ['content-length', { hf: hfContentLengthHeader, special: Special.ContentLength }],
  ['content-encoding', { hf: hfContentEncoding, special: Special.ContentEncoding }],
  ['transfer-encoding', { hf: hfTransferEncoding, special: Special.TransferEncoding }],
  ['upgrade', { hf: hfUpgrade, special: Special.Upgrade }],
  ['user-agent', { hf: hfUserAgent, special: Special.None }],
  ['host', { hf: hfHost, special: Special.Host }],
  ['connection', { hf: hfConnection, special: Special.None }],
  ['cookie', { hf: hfCookie, special: Special.Cookie }],
  ['accept', { hf: hfAccept, special: Special.None }],
  ['referer', { hf: hfReferer, special: Special.None }],
  ['accept-language', { hf: hfAcceptLanguage, special: Special.None }],
  ['accept-encoding', { hf: hfAcceptEncoding, special: Special.None }],
  ['date', { hf: hfDate, special: Special.None }],
  ['cache-control', { hf: hfCacheControl, special: Special.None }],
  ['server', { hf: hfServer, special: Special.None }],
  ['location', { hf: hfLocation, special: Special.None }],
  ['sec-websocket-accept', { hf: hfWsAccept, special: Special.None }],
  ['sec-websocket-extensions', { hf: hfWsExtensions, special: Special.None }],
  ['sec-websocket-key', { hf: hfWsKey, special: Special.None }],
  ['sec-websocket-protocol', { hf: hfWsProtocol, special: Special.None }],
  ['sec-websocket-version', { hf: hfWsVersion, special: Special.None }],
  ['set-cookie', { hf: hfSetCookie, special: Special.None }],
  ['last-modified', { hf: hfLastModified, special: Special.None }],
  ['x-forwarded-for', { hf: hfXForwardedFor, special: Special.None }],
  ['http2-settings', { hf: hfHttp2Settings, special: Special.None }],
]);

/** HEADERS by name length, with the lower-case name's bytes: looked up from the packet bytes without a string. */
const HEADERS_BY_LEN: { name: Uint8Array; entry: { hf: typeof hfHost; special: Special } }[][] = [];
for (const [name, entry] of HEADERS) {
  (HEADERS_BY_LEN[name.length] ??= []).push({ name: Uint8Array.from(name, (c) => c.charCodeAt(0)), entry });
}

/** The known header whose name is `d[start, start + len)` (any case), or undefined. */
function knownHeader(d: Uint8Array, start: number, len: number): { hf: typeof hfHost; special: Special } | undefined {
  const bucket = HEADERS_BY_LEN[len];
  if (!bucket) return undefined;
  for (let k = 0; k < bucket.length; k++) {
    const n = bucket[k]!.name;
    let i = 0;
    for (; i < len; i++) {
      const c = d[start + i]!;
      if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) !== n[i]) break;
    }
    if (i === len) return bucket[k]!.entry;
  }
  return undefined;
}

const enum Te {
  None, Compress, Deflate, Gzip, Identity, Unknown,
}

/** What the headers said about the body (Wireshark's headers_t). */
interface Headers {
  contentType: string | null;
  contentTypeParams: string | null;
  haveContentLength: boolean;
  contentLength: number;
  contentEncoding: string | null;
  chunked: boolean;
  te: Te;
  upgrade: string | null;
}

/** tchar (RFC 9110 §5.6.2) as Wireshark 4.0 spells it: its list has `\` and `:`, not `'`. */
function isTokenChar(c: number): boolean {
  return TOKEN_CHARS[c] === 1;
}
const TOKEN_CHARS = Uint8Array.from({ length: 256 }, (_, c) =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || '!#$%&\\:*+-.^_`|~'.includes(String.fromCharCode(c)) ? 1 : 0);

/** http_parse_transfer_coding: false when a coding name is not understood. */
function parseTransferCoding(v: string, h: Headers): boolean {
  let ok = true;
  h.te = Te.Unknown;
  let i = 0;
  while (i < v.length) {
    while (i < v.length && (v[i] === ' ' || v[i] === '\t' || v[i] === ',')) i++;
    if (i >= v.length) break;
    const rest = v.slice(i);
    if (rest.startsWith('chunked')) {
      h.chunked = true;
      i += 7;
      continue;
    }
    if (h.te !== Te.Unknown) {
      ok = false;
      break;
    }
    const names: [string, Te][] = [['compress', Te.Compress], ['deflate', Te.Deflate], ['gzip', Te.Gzip], ['identity', Te.Identity], ['x-compress', Te.Compress], ['x-gzip', Te.Gzip]];
    const hit = names.find(([n]) => rest.startsWith(n));
    if (hit) {
      h.te = hit[1];
      i += hit[0].length;
    } else {
      ok = false;
      const comma = v.indexOf(',', i);
      if (comma < 0) break;
      i = comma;
    }
  }
  return ok;
}

/** g_ascii_strtoll(value, 10) validity as Wireshark checks a Content-Length: a number, then nothing or a space. */
function contentLengthOf(v: string): number {
  let i = 0;
  while (i < v.length && isSpace(v.charCodeAt(i))) i++;
  let neg = false;
  if (v[i] === '+' || v[i] === '-') {
    neg = v[i] === '-';
    i++;
  }
  const s = i;
  let n = 0;
  while (i < v.length && v.charCodeAt(i) >= 0x30 && v.charCodeAt(i) <= 0x39) n = n * 10 + v.charCodeAt(i++) - 0x30;
  if (i === s) return -1;
  if (i < v.length && !isSpace(v.charCodeAt(i))) return -1;
  if (n > 9223372036854775807) return -1; // ERANGE
  return neg && n !== 0 ? -1 : n;
}

// --- Desegmentation decision (req_resp_hdrs_do_reassembly) --------------------------------------

const le: LineEnd = { next: 0 };
const le2: LineEnd = { next: 0 };

function lineIs(d: Uint8Array, start: number, len: number, name: string): boolean {
  if (len < name.length) return false;
  for (let i = 0; i < name.length; i++) {
    let c = d[start + i]!;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== name.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Whether the message at `offset` is all there; if not (and TCP can hold bytes back), sets the
 * desegmentation request and returns false.
 */
function doReassembly(tvb: Tvb, offset: number, pinfo: PacketInfo, desegBody: boolean, untilFin: boolean, firstResume = 0): boolean {
  if (!pinfo.canDesegment) return true;
  const d = tvb.data;
  const base = tvb.start;
  const capEnd = tvb.capEnd;
  let next = offset;
  let contentLength = -1;
  let chunked = false;
  let rpc = false;
  for (;;) {
    const rep = tvb.reportedRemaining(next);
    if (rep < 1) return desegment(pinfo, offset, DESEGMENT_ONE_MORE_SEGMENT);
    const cap = tvb.remaining(next);
    const start = base + next;
    // The first line's search may go on from where the caller knows it found no line end.
    const skip = next === offset ? firstResume : 0;
    let len = findLineEnd(d, start + skip, start + cap, true, le);
    if (len >= 0) len += skip;
    if (len < 0) {
      if (cap >= rep) return desegment(pinfo, offset, DESEGMENT_ONE_MORE_SEGMENT);
      return true; // the rest was not captured: waiting cannot help
    }
    next = le.next - base;
    if (len === 0) break;
    if (!desegBody) continue;
    const c = d[start]! | 0x20;
    if (c !== 0x63 && c !== 0x74) continue;
    if (lineIs(d, start, len, 'content-length:')) {
      contentLength = reassemblyLength(d, start + 15, start + len);
    } else if (lineIs(d, start, len, 'content-type:')) {
      let p = start + 13;
      while (p < start + len && d[p] === 0x20) p++;
      rpc = bytesAre(d, p, start + len, 'application/rpc');
    } else if (lineIs(d, start, len, 'transfer-encoding:')) {
      let p = start + 18;
      while (p < start + len && (d[p] === 0x20 || d[p] === 0x09)) p++;
      if (lineIs(d, p, start + len - p, 'chunked')) chunked = true;
    }
  }
  if (!desegBody) return true;
  const bodyStart = base + next;
  if (chunked) {
    const end = scanChunked(d, bodyStart, capEnd);
    if (end === CHUNKED_BAD) return true;
    if (end === CHUNKED_NEED_MORE) {
      if (tvb.remaining(next) < tvb.reportedRemaining(next)) return true;
      return desegment(pinfo, offset, DESEGMENT_ONE_MORE_SEGMENT);
    }
    return true;
  }
  if (contentLength >= 0) {
    // MS-RPCH: RPC_IN_DATA / RPC_OUT_DATA announce a meaningless huge length.
    if (contentLength >= 128 * 1024 && (rpc || bytesAre(d, base, capEnd, 'RPC_IN_DATA') || bytesAre(d, base, capEnd, 'RPC_OUT_DATA'))) return true;
    if (!tvb.has(next, contentLength)) {
      const cap = tvb.remaining(next);
      if (cap < tvb.reportedRemaining(next)) return true;
      return desegment(pinfo, offset, contentLength - cap);
    }
    return true;
  }
  if (untilFin) {
    if (tvb.remaining(next) < tvb.reportedRemaining(next)) return true;
    return desegment(pinfo, offset, DESEGMENT_UNTIL_FIN);
  }
  return true;
}

/**
 * The Content-Length that req_resp_hdrs_do_reassembly reads from the value bytes `d[s, e)`: up to
 * a NUL, C whitespace around an optional sign and digits, 0 to 2^31−1; else −1.
 */
function reassemblyLength(d: Uint8Array, s: number, e: number): number {
  let end = s;
  while (end < e && d[end] !== 0) end++;
  let i = s;
  while (i < end && isSpace(d[i]!)) i++;
  while (end > i && isSpace(d[end - 1]!)) end--;
  let neg = false;
  if (i < end && (d[i] === 0x2b || d[i] === 0x2d)) {
    neg = d[i] === 0x2d;
    i++;
  }
  if (i >= end) return -1;
  let n = 0;
  for (; i < end; i++) {
    const c = d[i]!;
    if (c < 0x30 || c > 0x39) return -1;
    n = n * 10 + c - 0x30;
  }
  if (neg && n !== 0) return -1;
  return n <= 0x7fffffff ? n : -1;
}

/** `d[start, end)` starts with `s` (case-sensitive). */
function bytesAre(d: Uint8Array, start: number, end: number, s: string): boolean {
  if (end - start < s.length) return false;
  for (let i = 0; i < s.length; i++) if (d[start + i] !== s.charCodeAt(i)) return false;
  return true;
}

function desegment(pinfo: PacketInfo, offset: number, len: number): false {
  pinfo.desegmentOffset = offset;
  pinfo.desegmentLen = len;
  return false;
}

// --- The dissector -----------------------------------------------------------------------------

const followTap = new Tap<FollowTvb>();

/**
 * Calls `fn` with what Follow HTTP Stream shows, as Wireshark's http_follow tap: each message's
 * start line and headers, its body once de-chunked and decompressed, binary continuation data.
 * Returns its removal.
 */
export function addHttpFollowTap(fn: (d: FollowTvb) => void): () => void {
  return followTap.add(fn);
}

/** One body as Wireshark's http_eo tap hands it to File › Export Objects › HTTP. */
export interface HttpObject {
  frame: number;
  /** The stream's last Host header and request URI when the body was complete (null: none seen). */
  hostname: string | null;
  requestUri: string | null;
  /** The message's Content-Type, lower case, without parameters (null: none). */
  contentType: string | null;
  /** The body, de-chunked and decompressed (a copy: the listener may keep it). */
  payload: Uint8Array;
  pinfo: PacketInfo;
}

const objectTap = new Tap<HttpObject>();

/**
 * Calls `fn` with each message body as Wireshark's http_eo tap does (File › Export Objects ›
 * HTTP, tshark's `--export-objects http,DIR`): after de-chunking and decompression, with the
 * stream's last Host and request URI. Returns its removal.
 */
export function addHttpObjectTap(fn: (o: HttpObject) => void): () => void {
  return objectTap.add(fn);
}

/** A body for Export Objects, with the stream's last Host and request URI (a copy of its bytes). */
function tapObject(call: Call, pinfo: PacketInfo, contentType: string | null, tvb: Tvb, offset: number, len: number): void {
  const payload = tvb.bytes(offset, Math.max(0, Math.min(len, tvb.remaining(offset)))).slice();
  objectTap.emit({ frame: pinfo.meta.num, hostname: call.conv.httpHost, requestUri: call.conv.requestUri, contentType, payload, pinfo });
}

function tapFollow(call: Call, pinfo: PacketInfo, tvb: Tvb, offset: number, len: number): void {
  if (pinfo.inErrorPkt || call.stream < 0) return;
  followTap.emit({ frame: pinfo.meta.num, stream: call.stream, payload: tvb.bytes(offset, Math.max(0, Math.min(len, tvb.remaining(offset)))), pinfo });
}

/**
 * What Wireshark 4.0's taps get from a payload on an HTTP port that is not HTTP (a first line that
 * is no request, response or header, on a stream without a request): its dissect_http_message
 * reads on before the payload ends up as TCP's alone, so Follow HTTP Stream gets an empty header
 * chunk (the leading CRLF, if any) and then the bytes as a body, and Export Objects the bytes as an
 * object with the stream's Host, if any, and no URI or content type (its http tap too: counted in
 * pinfo.httpRefused).
 */
function tapRefused(tvb: Tvb, orig: number, offset: number, pinfo: PacketInfo, call: Call): void {
  if (followTap.active) tapFollow(call, pinfo, tvb, orig, offset - orig);
  const n = tvb.remaining(offset);
  if (n <= 0) return;
  if (objectTap.active) tapObject(call, pinfo, null, tvb, offset, n);
  if (followTap.active) tapFollow(call, pinfo, tvb, offset, n);
}

/** State of one call: the Info "fence" (col_set_fence after each message). */
interface Call {
  /** The protocol the messages are shown as, and its Protocol column: HTTP, or SSDP (HTTP over UDP). */
  proto: ProtocolDef;
  col: string;
  conv: Conv;
  st: HttpState;
  fin: boolean;
  /** Direction: 0 from the client, 1 from the server. */
  dir: 0 | 1;
  /** tcp.stream of the segment (−1: not TCP). */
  stream: number;
  /** TCP's relative sequence number of the first byte (−1: not TCP) and the segment's relative ACK (−1: none). */
  seq: number;
  ack: number;
  /** Length of Info that later messages keep (−1: the first message replaces TCP's Info). */
  fence: number;
  /** The headers of the message being dissected (one object per nesting depth, reset per message). */
  h: Headers;
  /** The record of the message being dissected (copied in and out of HttpState.records). */
  rec: MsgRecord;
}

function newHeaders(): Headers {
  return { contentType: null, contentTypeParams: null, haveContentLength: false, contentLength: 0, contentEncoding: null, chunked: false, te: Te.None, upgrade: null };
}

function resetHeaders(h: Headers): void {
  h.contentType = null;
  h.contentTypeParams = null;
  h.haveContentLength = false;
  h.contentLength = 0;
  h.contentEncoding = null;
  h.chunked = false;
  h.te = Te.None;
  h.upgrade = null;
}


function setInfo(pinfo: PacketInfo, call: Call, s: string): void {
  pinfo.setInfo(call.fence < 0 ? s : pinfo.info.slice(0, call.fence) + s);
}

/** HTTP on a TCP payload; false when it is not HTTP at all (nothing was added for it). */
function dissectStream(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, info: TcpPayloadInfo | undefined): boolean {
  const st = httpState(pinfo);
  const conv = convOf(st, streamKey(pinfo, info));
  // One Call per nesting depth, reused (HTTP in a CONNECT tunnel can nest).
  const call = callAt(conv, st);
  call.proto = proto;
  call.col = 'HTTP';
  call.conv = conv;
  call.st = st;
  call.fin = info?.fin === true;
  call.dir = info?.fromClient === false ? 1 : 0;
  call.stream = info?.stream ?? -1;
  call.seq = info?.seq !== undefined && info.stream >= 0 ? info.seq : -1;
  call.ack = info?.hasAck === true && info.stream >= 0 ? info.ack ?? -1 : -1;
  call.fence = -1;
  callDepth++;
  try {
    return dissectCalls(tvb, pinfo, tree, call);
  } finally {
    callDepth--;
    // The reused Call must not keep a finished capture's state alive.
    call.conv = IDLE_CONV;
    call.st = IDLE_STATE;
  }
}

/** The Call of the current nesting depth (made once per depth). */
function callAt(conv: Conv, st: HttpState): Call {
  return callDepth < calls.length ? calls[callDepth]! : (calls[callDepth] = { proto, col: 'HTTP', conv, st, fin: false, dir: 0, stream: -1, seq: -1, ack: -1, fence: -1, h: newHeaders(), rec: newRecord() });
}

/**
 * One HTTP message in a datagram, shown as protocol `p` with Protocol column `col` (Wireshark's
 * dissect_ssdp: SSDP is HTTP over UDP). `conversation` numbers the datagram's conversation
 * (udp.stream), in which requests and responses are numbered and paired. Nothing is held back:
 * a datagram is one message, complete or cut; bytes after it are not looked at. False when the
 * datagram is not HTTP: its first line is no request, response or notification (nothing was added
 * for it).
 */
export function dissectHttpDatagram(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, p: ProtocolDef, col: string, conversation: number): boolean {
  const st = httpState(pinfo);
  // Keys above every tcp.stream (and the pseudo-streams' negative keys).
  const conv = convOf(st, 2 ** 32 + conversation);
  const call = callAt(conv, st);
  call.proto = p;
  call.col = col;
  call.conv = conv;
  call.st = st;
  call.fin = false;
  call.dir = 0;
  call.seq = -1;
  call.ack = -1;
  call.fence = -1;
  // Only a datagram whose first line is a request, a response or a notification is HTTP's (as
  // tshark: text without one, with a line end or not, leaves no layer and no data).
  const d = tvb.data;
  let start = tvb.start;
  const end = start + tvb.remaining(0);
  // (After a leading CRLF, which the message's dissection skips too.)
  if (tvb.reportedRemaining(0) > 3 && end - start >= 2 && d[start] === 0x0d && d[start + 1] === 0x0a) start += 2;
  let eol = start;
  while (eol < end && d[eol] !== 0x0a && d[eol] !== 0x0d) eol++;
  if (classifyLine(d, start, eol - start) === MsgType.Others) return false;
  callDepth++;
  try {
    return dissectMessage(tvb, 0, pinfo, tree, call) !== NOT_HTTP;
  } finally {
    callDepth--;
    call.conv = IDLE_CONV;
    call.st = IDLE_STATE;
  }
}

/** Heuristic dissectors of HTTP bodies (Wireshark's "http" heuristic list: images by their signature). */
const bodyHeuristics = heuristicTable('http');

const IDLE_STATE: HttpState = { convs: new Map(), records: new MsgRecords(0), nextConv: 0 };
const IDLE_CONV: Conv = newConv(null);
const calls: Call[] = [];
let callDepth = 0;

/** Dissects the messages of a payload; false when it is not HTTP at all (nothing was added for it). */
function dissectCalls(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, call: Call): boolean {
  const conv = call.conv;
  const num = pinfo.meta.num;
  let offset = 0;
  while (tvb.reportedRemaining(offset) > 0) {
    if (conv.switchFrame && (num > conv.switchFrame || (num === conv.switchFrame && offset >= conv.switchOffset))) {
      switched(tvb, offset, pinfo, tree, call);
      return true;
    }
    const len = dissectMessage(tvb, offset, pinfo, tree, call);
    if (len === NOT_HTTP && offset === 0) return false;
    if (len <= 0) break;
    notePdu(pinfo, tree, tvb, offset, len, 'http');
    offset += len;
    call.fence = pinfo.info.length;
  }
  return true;
}

/** Data after a protocol switch (101 Switching Protocols) or through a CONNECT tunnel. */
function switched(tvb: Tvb, offset: number, pinfo: PacketInfo, tree: ProtoNode, call: Call): void {
  const rest = tvb.sub(offset);
  const port = call.conv.tunnelPort;
  if (port) {
    const t = tree.addProto(proto, rest, 0, rest.length);
    if (tree.real) {
      t.addGenerated(hfProxyConnectHost, call.conv.tunnelHost ?? '', rest, 0, 0);
      t.addGenerated(hfProxyConnectPort, port, rest, 0, 0);
    }
    if (!HTTP_TCP_PORTS.includes(port) && table('tcp.port').call(port, rest, pinfo, tree) >= 0) return;
  }
  callDissector(data, rest, pinfo, tree);
}

/** A ':' in d[from, to) (a header line's). */
function hasColon(d: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (d[i] === 0x3a) return true;
  return false;
}

/** dissectMessage's answer for bytes that are not HTTP at all (the stream has shown none yet). */
const NOT_HTTP = -2;

/**
 * Dissects the message at `orig`; returns its length, −1 to stop (more data needed, or the rest
 * is not a message), or NOT_HTTP.
 */
function dissectMessage(tvb: Tvb, orig: number, pinfo: PacketInfo, tree: ProtoNode, call: Call): number {
  const reported = tvb.reportedRemaining(orig);
  if (reported < 1) return -1;
  const d = tvb.data;
  const base = tvb.start;
  const conv = call.conv;
  const full = tree.real;
  let offset = orig;
  let leadingCrlf = false;
  if (reported > 3 && tvb.u16(offset) === 0x0d0a) {
    leadingCrlf = true;
    offset += 2;
  }

  // What the first pass knew when it got here.
  const at = recordAt(tvb, orig, pinfo);
  const records = call.st.records;
  const rec = call.rec;
  const oldRow = pinfo.visited ? records.find(pinfo.meta.num, at) : -1;
  const oldRec = oldRow >= 0;
  if (oldRec) {
    records.load(oldRow, rec);
    rec.total = records.totalOf(rec);
  } else {
    clearRecord(rec, conv.requestUri !== null, at);
  }
  const haveSeenHttp = rec.haveSeenHttp;
  // The first pass remembers what it knew here (completed below for requests and responses).
  const row = pinfo.visited ? -1 : records.remember(pinfo.meta.num, at);
  if (row >= 0) records.store(row, rec);

  if (!isPrint(tvb.u8(offset))) {
    if (!haveSeenHttp) return NOT_HTTP;
    pinfo.setProtocol(call.col);
    setInfo(pinfo, call, 'Continuation');
    const t = tree.addProto(call.proto, tvb, offset, tvb.length - offset);
    if (followTap.active) tapFollow(call, pinfo, tvb, orig, tvb.length - orig);
    callDissector(data, tvb.sub(orig), pinfo, t);
    return -1;
  }

  let cap = tvb.remaining(offset);
  // The same message grown by a segment, after no line end was found in what the last call saw:
  // the search goes on from there (the same answer, without reading a growing line again and again).
  const noEol = call.dir === 0 ? conv.noEol0 : conv.noEol1;
  if (noEol !== 0 && !pinfo.visited) setNoEol(conv, call.dir, 0);
  const resume = offset === 0 && noEol > 0 && pinfo.pduSeenLen === noEol && noEol <= cap ? noEol - 1 : 0;
  let firstLen = findLineEnd(d, base + offset + resume, base + offset + cap, true, le);
  if (firstLen >= 0) firstLen += resume;
  if (firstLen < 0) {
    if (offset === 0 && !pinfo.visited && pinfo.canDesegment) setNoEol(conv, call.dir, cap);
    if (!doReassembly(tvb, offset, pinfo, true, false, resume)) return -1;
  }
  const firstType = firstLen < 0 ? MsgType.Others : classifyLine(d, base + offset, firstLen);
  const isReqOrReply = firstType !== MsgType.Others;
  if (firstType === MsgType.Response && !oldRec) {
    rec.pairedMethod = conv.pendingHead?.method ?? null;
    if (row >= 0) records.store(row, rec);
  }
  const pairedMethod = rec.pairedMethod;
  if (isReqOrReply) {
    if (pinfo.wantInfo) setInfo(pinfo, call, formatText(d, base + offset, base + offset + firstLen) + ' ');
    let desegBody = !call.fin;
    if (desegBody && firstType === MsgType.Response) {
      const code = statusOfLine(d, base + offset, base + offset + firstLen);
      if (noBody(code, pairedMethod)) desegBody = false;
    }
    if (!doReassembly(tvb, offset, pinfo, desegBody, firstType === MsgType.Response)) return -1;
  } else if (haveSeenHttp) {
    setInfo(pinfo, call, 'Continuation');
  } else if (firstLen >= 0 && !hasColon(d, base + offset, base + offset + firstLen)) {
    // A first line that is neither a request nor a response nor a header (no colon), on a stream
    // where no HTTP was seen: not HTTP (as tshark, which then shows the payload as TCP's alone: no
    // HTTP and no Data in frame.protocols). Header lines without a start line (a capture that
    // begins inside a message's headers) are HTTP, as in Wireshark, without Protocol or Info.
    // Without a line end in what was captured, tshark goes on (and shows the bytes as data).
    if (firstLen > 0 && !pinfo.inErrorPkt) {
      pinfo.httpRefused++;
      if (followTap.active || objectTap.active) tapRefused(tvb, orig, offset, pinfo, call);
    }
    return NOT_HTTP;
  }

  let ht: ProtoNode = NULL_TREE;
  let haveTree = false;
  if (isReqOrReply || haveSeenHttp) {
    pinfo.setProtocol(call.col);
    ht = httpTree(call.proto, tvb, offset, orig, leadingCrlf, pinfo, tree);
    haveTree = true;
  }

  // The lines.
  let type = MsgType.Others;
  const h = call.h;
  resetHeaders(h);
  let sawLine = false;
  let firstLoop = true;
  let requestUri: string | null = null;
  let requestMethod: string | null = null;
  let hostRaw: string | null = null;
  let responseCode = 0;
  while (tvb.has(offset, 1)) {
    cap = tvb.remaining(offset);
    const start = base + offset;
    const linelen = findLineEnd(d, start, start + cap, false, le);
    const next = le.next - base;
    const lineType = classifyLine(d, start, linelen);
    let colon = -1;
    if (lineType === MsgType.Others && linelen !== 0) {
      for (let i = start; i < start + linelen; i++) {
        if (d[i] === 0x3a) {
          colon = i - start;
          break;
        }
      }
      if (colon < 0) {
        // Not a header: more of a line cut short (an exception, as in Wireshark), or the end.
        if (sawLine) tvb.check(offset, linelen + 1);
        break;
      }
    }
    if (!haveTree) {
      ht = httpTree(call.proto, tvb, orig, orig, leadingCrlf, pinfo, tree);
      haveTree = true;
    }
    if (firstLoop && (pinfo.srcPort === 443 || pinfo.dstPort === 443)) pinfo.expert(ht, eiTlsPort);
    firstLoop = false;
    if (linelen === 0) {
      if (full) ht.addText(tvb, offset, next - offset, ht.detailed ? formatText(d, start, le.next) : '');
      offset = next;
      break;
    }
    sawLine = true;
    if (lineType !== MsgType.Others) {
      type = lineType;
      const text = pinfo.wantExpertText ? formatText(d, start, le.next) : '';
      const lt = full ? ht.addText(tvb, offset, next - offset, text) : ht;
      pinfo.expert(lt, eiChat, tvb, offset, next - offset, pinfo.wantExpertText ? text : undefined);
      if (lineType === MsgType.Response) {
        responseCode = responseLine(tvb, offset, start + linelen, lt, responseCode);
        // A revisit (visited) changes nothing that a later packet's first pass reads.
        if (responseCode && !pinfo.visited) conv.responseCode = responseCode;
      } else {
        requestMethod = methodText;
        if (!pinfo.visited) conv.requestMethod = requestMethod;
        requestUri = requestLine(tvb, offset, start + linelen, lt);
        if (requestUri !== null && !pinfo.visited) conv.requestUri = requestUri;
      }
    } else {
      const hv = header(tvb, offset, next, start + linelen, base + colon + offset, pinfo, ht, h, type);
      if (hv !== null) {
        hostRaw = hv;
        if (!pinfo.visited) conv.httpHost = hv;
      }
    }
    offset = next;
  }

  // Full URI of a request.
  let fullUri: string | null = null;
  if (requestUri !== null && hostRaw !== null) {
    if (startsWithLower(requestUri, 'http://') || startsWithLower(requestUri, 'https://') || (requestMethod ?? conv.requestMethod ?? '').startsWith('CONNECT')) fullUri = requestUri;
    else fullUri = `http://${cStrip(hostRaw)}${requestUri}`;
    if (!pinfo.visited) conv.fullUri = fullUri;
    if (full) ht.addGenerated(hfFullUri, fullUri);
  }

  // Pairing (first pass) and the generated items. A frame dissected again shows what its record
  // says; a message the first pass did not see here (it saw it desegmented, in another frame) shows
  // no pairing: the stream's state now is the end of the capture's, not this message's.
  let pairedResponse = false;
  if (!oldRec && !pinfo.visited && (type === MsgType.Request || type === MsgType.Response)) {
    const num = pinfo.meta.num;
    if (type === MsgType.Request) {
      const r = newReqRes(conv);
      r.reqFrame = num;
      r.reqSec = pinfo.meta.tsSec;
      r.reqNsec = pinfo.meta.tsNsec;
      r.method = requestMethod;
      r.uri = requestUri;
      r.fullUri = fullUri;
      r.ack = call.ack;
      dropAnsweredUnseen(conv, call.ack);
      if (conv.pendingCount >= MAX_PENDING) {
        const dropped = pendingShift(conv);
        if (dropped) finish(dropped);
      }
      pendingPush(conv, r);
      fillRecord(rec, conv, r, false, pinfo);
      if (row >= 0) records.store(row, rec);
      // What this request completes in the records of earlier messages.
      r.reqRow = row;
      if (r.prev) {
        records.setLink(r.prev.reqRow, RecordLink.NextReq, num);
        records.setLink(r.prev.resRow, RecordLink.NextReq, num);
      }
      if (conv.uriless) for (const u of conv.uriless) records.setForUri(u, conv.fullUri ?? conv.requestUri);
    } else {
      const r = pendingShift(conv) ?? newReqRes(conv);
      r.resFrame = num;
      fillRecord(rec, conv, r, true, pinfo);
      if (row >= 0) records.store(row, rec);
      r.resRow = row;
      if (rec.forUri === null && row >= 0) (conv.uriless ??= []).push(row);
      records.setLink(r.reqRow, RecordLink.ResIn, num);
      if (r.prev) records.setLink(r.prev.resRow, RecordLink.NextRes, num);
      if (r.next) {
        records.setLink(r.next.reqRow, RecordLink.PrevRes, num);
        records.setLink(r.next.resRow, RecordLink.PrevRes, num);
      }
      finish(r);
      pairedResponse = true;
    }
    records.setTotal(conv.id, conv.reqResNum);
  }
  if (full) generatedItems(ht, tvb, offset, type, secondPass(pinfo, at, rec));
  if (type === MsgType.Notification) ht.addHidden(hfNotification, tvb, offset, 0, 1);

  if (followTap.active) tapFollow(call, pinfo, tvb, orig, offset - orig);

  // The body.
  let reportedDatalen = tvb.reportedRemaining(offset);
  let datalen = tvb.remaining(offset);
  const pm = pairedMethod;
  if (type === MsgType.Response && noBody(responseCode, pm)) {
    datalen = 0;
  } else if (h.haveContentLength && h.te === Te.None) {
    if (datalen > h.contentLength) datalen = h.contentLength;
    if (reportedDatalen > h.contentLength) reportedDatalen = h.contentLength;
  } else if (type === MsgType.Request && h.te === Te.None) {
    datalen = 0;
  }
  const bodyStart = offset;
  bodyTaken = false;
  if (datalen > 0) {
    datalen = body(tvb, offset, datalen, reportedDatalen, pinfo, tree, ht, h, type, call);
    offset += datalen;
  }

  if (pairedResponse && call.seq >= 0 && pinfo.desegmentLen === 0) conv.resEnd = seqAdd(call.seq, offset);

  // A protocol switch takes effect after this response.
  if (type === MsgType.Response && conv.requestMethod !== null && pinfo.desegmentLen === 0 && !pinfo.visited) {
    if (h.upgrade !== null && responseCode === 101) {
      conv.switchFrame = pinfo.meta.num;
      conv.switchOffset = offset;
    } else if (pm !== null && pm.startsWith('CONNECT') && responseCode >= 200 && responseCode < 300) {
      conv.switchFrame = pinfo.meta.num;
      conv.switchOffset = offset;
      const uri = conv.requestUri ?? '';
      const colon = uri.indexOf(':');
      conv.tunnelHost = colon >= 0 ? uri.slice(0, colon) : null;
      conv.tunnelPort = colon >= 0 ? (parseInt(uri.slice(colon + 1), 10) || 0) & 0xffff : 0;
    }
  }
  // The HTTP item runs to the end of the data (Wireshark adds it with length -1: a message
  // followed by another in the same segment covers both), but when a dissector took the body (a
  // media type's, or a heuristic one): then it ends where the body starts — measured, as
  // Wireshark's proto_item_set_len(ti, offset), from the start of the segment's data.
  if (haveTree && full && bodyTaken) ht.setLength(bodyStart);
  return offset - orig;
}

const EMPTY = new Uint8Array(0);

/** The last body() call handed the body to a dissector that took it (not media, not data). */
let bodyTaken = false;

/** The HTTP (or SSDP) subtree of a message (from `at`), with the leading-CRLF item if there was one. */
function httpTree(p: ProtocolDef, tvb: Tvb, at: number, orig: number, leadingCrlf: boolean, pinfo: PacketInfo, tree: ProtoNode): ProtoNode {
  const ht = tree.addProto(p, tvb, at, tvb.length - at);
  if (leadingCrlf) pinfo.expert(tree.real ? ht.add(eiLeadingCrlf.field, tvb, orig, 2, null) : ht, eiLeadingCrlf, tvb, orig, 2);
  return ht;
}

/** `s` starts with `lower` (lower-case ASCII) ignoring the case of ASCII letters (no string built). */
function startsWithLower(s: string, lower: string): boolean {
  if (s.length < lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** RFC 9110 §6.4.1: responses that never have content. */
function noBody(code: number, method: string | null): boolean {
  return method === 'HEAD' || ((code / 100 | 0) === 2 && (method === 'CONNECT' || method === 'SSTP_DUPLEX_POST')) ||
    (code / 100 | 0) === 1 || code === 204 || code === 304;
}

/**
 * A message's place in its packet, the same in every pass: the data source (the frame, or a
 * reassembled buffer) and the offset in it — frame-relative, so a frame dissected in place in a
 * reader's chunk and one dissected again in a view of its own agree.
 */
function recordAt(tvb: Tvb, off: number, pinfo: PacketInfo): number {
  const src = tvb.source;
  const rel = src === 0 ? tvb.start + off - pinfo.frameStart : tvb.start + off;
  return rel * 256 + (src < 255 ? src : 255);
}

/** Record of the first pass of the same frames (a replay's), read for what only its end knows. */
const hindsightRecord = newRecord();

/**
 * The record whose links a message's tree shows: its own, or — in a pass that has the finished
 * first pass of the same frames beside it (CaptureContext.hindsight: a replayed stream) — that
 * pass's record of the message, which later messages completed, as Wireshark's second pass shows.
 */
function secondPass(pinfo: PacketInfo, at: number, rec: MsgRecord): MsgRecord {
  const hs = pinfo.ctx.hindsight?.existingState<HttpState>(proto);
  if (hs === undefined) return rec;
  const row = hs.records.find(pinfo.meta.num, at);
  if (row < 0) return rec;
  hs.records.load(row, hindsightRecord);
  hindsightRecord.total = hs.records.totalOf(hindsightRecord);
  return hindsightRecord;
}

function generatedItems(ht: ProtoNode, tvb: Tvb, offset: number, type: MsgType, rec: MsgRecord): void {
  const fr = (f: typeof hfRequestIn, v: number) => {
    if (v) ht.addGenerated(f, v);
  };
  if (type === MsgType.Response) {
    ht.addHidden(hfResponse, tvb, offset, 0, 1);
    if (rec.number) {
      ht.addGenerated(hfResponseNumber, rec.number).setLabel(`HTTP response ${rec.number}/${rec.total}`);
      if (rec.hasTime) ht.addGenerated(hfTime, { sec: rec.timeSec, nsec: rec.timeNsec });
    }
    fr(hfPrevRequestIn, rec.prevReq);
    fr(hfPrevResponseIn, rec.prevRes);
    fr(hfRequestIn, rec.reqIn);
    fr(hfNextRequestIn, rec.nextReq);
    fr(hfNextResponseIn, rec.nextRes);
    if (rec.forUri !== null) ht.addGenerated(hfResponseForUri, rec.forUri);
  } else if (type === MsgType.Request) {
    ht.addHidden(hfRequest, tvb, offset, 0, 1);
    if (rec.number) ht.addGenerated(hfRequestNumber, rec.number).setLabel(`HTTP request ${rec.number}/${rec.total}`);
    fr(hfPrevRequestIn, rec.prevReq);
    fr(hfResponseIn, rec.resIn);
    fr(hfNextRequestIn, rec.nextReq);
  }
}

/** basic_request_dissector: method, URI (with path and query) and version. Returns the URI. */
function requestLine(tvb: Tvb, offset: number, lineEnd: number, t: ProtoNode): string | null {
  const d = tvb.data;
  const base = tvb.start;
  let p = base + offset;
  const mlen = tokenLen(d, p, lineEnd);
  if (mlen === 0) return null;
  if (t.real) t.add(hfMethod, tvb, offset, mlen, asciiString(d, p, p + mlen));
  let nt = tokNext;
  if (nt - p > 2 && d[nt - 1] === 0x20 && d[nt - 2] === 0x20) nt--; // two spaces: an empty URI
  p = nt;
  const ulen = tokenLen(d, p, lineEnd);
  const uri = asciiString(d, p, p + ulen);
  const un = t.add(hfUri, tvb, p - base, ulen, uri);
  if (t.real) {
    const q = uri.indexOf('?');
    if (q >= 0 && uri.length - q > 1) {
      un.add(hfUriPath, tvb, p - base, q, uri.slice(0, q));
      const query = uri.slice(q + 1);
      const qn = un.add(hfUriQuery, tvb, p - base + q + 1, query.length, query);
      let qo = p - base + q + 1;
      for (const param of query.split('&')) {
        if (param) qn.add(hfUriQueryParam, tvb, qo, param.length, param);
        qo += param.length + 1;
      }
    }
  }
  p = tokNext;
  if (t.real) t.add(hfRequestVersion, tvb, p - base, lineEnd - p, asciiString(d, p, lineEnd));
  return uri;
}

/** basic_response_dissector: version, status code (+ description) and phrase. Returns the code (0 if none). */
function responseLine(tvb: Tvb, offset: number, lineEnd: number, t: ProtoNode, prev: number): number {
  const d = tvb.data;
  const base = tvb.start;
  let p = base + offset;
  const vlen = tokenLen(d, p, lineEnd);
  if (vlen === 0) return prev;
  if (t.real) t.add(hfResponseVersion, tvb, offset, vlen, asciiString(d, p, p + vlen));
  p = tokNext;
  const clen = tokenLen(d, p, lineEnd);
  if (clen < 3) return prev;
  const code = strtoul3(d, p);
  t.add(hfCode, tvb, p - base, 3, code);
  if (t.real) t.addGenerated(hfCodeDesc, HTTP_STATUS_CODES.get(code) ?? `Unknown (${code})`, tvb, p - base, 3);
  p = tokNext;
  if (t.real && lineEnd - p >= 1) t.add(hfPhrase, tvb, p - base, lineEnd - p, asciiString(d, p, lineEnd));
  return code;
}

/**
 * process_header: one `name: value` line. Returns the Host value as raw text (UTF-8, up to a NUL)
 * when this was a Host header, else null.
 */
function header(tvb: Tvb, offset: number, next: number, lineEnd: number, colon: number, pinfo: PacketInfo, t: ProtoNode,
  h: Headers, type: MsgType): string | null {
  const d = tvb.data;
  const base = tvb.start;
  const start = base + offset;
  const len = next - offset;
  const full = t.real;
  const nameLen = colon - start;
  let valid = nameLen !== 0;
  for (let i = start; valid && i < colon; i++) {
    if (d[i] === 0 || !isTokenChar(d[i]!)) valid = false;
  }
  const lineField = type === MsgType.Request ? hfRequestLine : type === MsgType.Response ? hfResponseLine : null;
  if (!valid) {
    const f = lineField ?? hfUnknownHeader;
    const it = full ? t.add(f, tvb, offset, len, t.wants(f) ? asciiString(d, start, base + next) : '') : t;
    if (it.detailed) it.setLabel(formatText(d, start, base + next));
    if (strayAfterNul(d, start, base + next)) pinfo.expert(it, eiTrailingStray, tvb, offset, len);
    pinfo.expert(it, eiBadHeaderName, tvb, offset, len);
    return null;
  }
  // Known names are at most 24 characters; look up the lower-cased name only then.
  let known: { hf: typeof hfHost; special: Special } | undefined;
  if (nameLen <= 24) known = knownHeader(d, start, nameLen);
  let vs = colon + 1;
  while (vs < lineEnd && (d[vs] === 0x20 || d[vs] === 0x09)) vs++;
  // The summary pass needs only the values that steer the dissection. A value of printable
  // ASCII (`plain`) is its bytes one for one: parts of it are taken from the bytes too.
  let value = '';
  let plain = false;
  // (A reduced tree needs the value of a plain header only when it keeps that field.)
  if (known !== undefined && (known.special !== Special.None || (full && (t.detailed || t.wants(known.hf))))) {
    const p = printableText(d, vs, lineEnd);
    plain = p !== null;
    value = p ?? asciiString(d, vs, lineEnd);
  }
  if (!known) {
    let item = t;
    if (full) {
      // Values and labels only where the tree keeps them (a reduced tree: values of its fields).
      if (lineField) {
        const n = t.add(lineField, tvb, offset, len, t.wants(lineField) ? asciiString(d, start, base + next) : '');
        if (n.detailed) n.setLabel(formatText(d, start, base + next));
        item = n;
      } else {
        const s = t.detailed || t.wants(hfUnknownHeader) ? formatText(d, start, base + next) : '';
        const n = t.add(hfUnknownHeader, tvb, offset, len, s);
        if (n.detailed) n.setLabel(s);
        item = n;
      }
    }
    // Added as an FT_STRING item: proto.c's check for bytes after a NUL.
    if (strayAfterNul(d, start, base + next)) pinfo.expert(item, eiTrailingStray, tvb, offset, len);
    return null;
  }
  let item = t;
  if (full) {
    item = t.add(known.hf, tvb, offset, len, value);
    if (item.detailed) item.setLabel(formatText(d, start, base + next));
    if (lineField) t.addHidden(lineField, tvb, offset, len, t.wants(lineField) ? asciiString(d, start, base + next) : '');
  }
  switch (known.special) {
    case Special.Authorization:
      if (full && value.startsWith('Basic ')) basicAuth(item, value.slice(6));
      break;
    case Special.ContentType: {
      let i = 0;
      while (i < value.length && value[i] !== ';' && !isSpace(value.charCodeAt(i))) i++;
      h.contentType = asciiLower(plain ? printableText(d, vs, vs + i)! : value.slice(0, i));
      i++;
      while (i < value.length && (value[i] === ';' || isSpace(value.charCodeAt(i)))) i++;
      h.contentTypeParams = i < value.length ? (plain ? printableText(d, vs + i, lineEnd)! : value.slice(i)) : null;
      break;
    }
    case Special.ContentLength: {
      const n = contentLengthOf(value);
      if (n < 0) {
        h.haveContentLength = false;
      } else {
        h.haveContentLength = true;
        h.contentLength = n;
        if (full) item.addGenerated(hfContentLength, n <= Number.MAX_SAFE_INTEGER ? n : BigInt(/\d+/.exec(value)?.[0] ?? '0') as FieldValue, tvb, offset, len);
        if (h.te !== Te.None) pinfo.expert(item, eiTeAndLength, tvb, offset, len);
      }
      break;
    }
    case Special.ContentEncoding:
      h.contentEncoding = value;
      break;
    case Special.TransferEncoding:
      if (h.haveContentLength) pinfo.expert(item, eiTeAndLength, tvb, offset, len);
      if (!parseTransferCoding(value, h)) pinfo.expert(item, eiTeUnknown, tvb, offset, len);
      break;
    case Special.Host:
      return plain ? value : utf8CString(d, vs, lineEnd);
    case Special.Upgrade:
      h.upgrade = asciiLower(value);
      break;
    case Special.Cookie:
      if (full) cookiePairs(tvb, vs - base, value, item);
      break;
    default:
      break;
  }
  return null;
}

/** The `name=value` pairs of a Cookie header. */
function cookiePairs(tvb: Tvb, valueOffset: number, value: string, item: ProtoNode): void {
  let i = 0;
  while (i < value.length) {
    while (i < value.length && (value[i] === ';' || isSpace(value.charCodeAt(i)))) i++;
    if (i >= value.length) break;
    const semi = value.indexOf(';', i);
    const end = semi < 0 ? value.length : semi;
    item.add(hfCookiePair, tvb, valueOffset + i, end - i, value.slice(i, end));
    i = end;
  }
}

const fromUtf8 = new TextDecoder();

/**
 * Basic credentials, base64-decoded (http.authbasic): the bytes up to a NUL (Wireshark's C
 * string), read as UTF-8 (a byte that is not UTF-8 shows as U+FFFD; tshark prints it raw).
 */
function basicAuth(item: ProtoNode, b64: string): void {
  let out = b64;
  if (b64.length > 1) {
    const clean = b64.replace(/[^A-Za-z0-9+/]/g, '');
    let bits = 0;
    let acc = 0;
    const bytes: number[] = [];
    for (const ch of clean) {
      const v = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.indexOf(ch);
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        const c = (acc >> bits) & 0xff;
        if (c === 0) break;
        bytes.push(c);
      }
    }
    out = fromUtf8.decode(Uint8Array.from(bytes));
  }
  item.addGenerated(hfBasic, out);
}

/**
 * The body: transfer coding, content coding, File Data, then the media-type dissector. Returns
 * how many bytes of the message it took.
 */
function body(tvb: Tvb, offset: number, datalen: number, reportedDatalen: number, pinfo: PacketInfo, tree: ProtoNode,
  ht: ProtoNode, h: Headers, type: MsgType, call: Call): number {
  const full = tree.real;
  const a = tvb.start + offset;
  // A pooled view in the summary pass (pinfo.views, as frameView takes one): nothing keeps the body's view.
  const bodyRep = reportedDatalen < 0 ? tvb.repEnd : a + reportedDatalen;
  const views = pinfo.views;
  let next = views !== null ? views.take(tvb.data, a, a + datalen, bodyRep, 'http') : new Tvb(tvb.data, a, a + datalen, bodyRep, 'http');
  next.source = tvb.source;
  if (h.chunked) {
    const r = dechunk(next, pinfo, ht);
    if (r.consumed === 0) return datalen;
    datalen = r.consumed;
    next = r.tvb;
  }
  if (h.te === Te.Compress || h.te === Te.Deflate || h.te === Te.Gzip) {
    callDissector(data, next, pinfo, ht);
    return datalen;
  }
  if (h.contentEncoding !== null && h.contentEncoding.toLowerCase() !== 'identity') {
    const comp = next.bytes(0, next.length);
    const can = isInflatable(h.contentEncoding);
    const et = full ? ht.addText(next, 0, next.length, `Content-encoded entity body (${h.contentEncoding}): ${next.length} bytes`) : ht;
    let ok: boolean;
    // The summary pass only needs to know whether the body inflates, and to nothing or not, when
    // what comes next only writes columns (text lines, media, data): the compressed bytes stand in.
    const handler = h.contentType === null ? data : mediaTypeDissector(h.contentType) ?? media;
    if (full || followTap.active || objectTap.active || !(handler === textLines || handler === media || handler === data)) {
      const un = can ? inflateBody(comp) : null;
      ok = un !== null;
      if (un) {
        if (full) et.setLabel(`${et.label} -> ${un.length} bytes`);
        const src = pinfo.addDataSource('Uncompressed entity body', un);
        next = pinfo.frameView(un, un.length, 'http');
        next.source = src;
      }
    } else {
      const probe = can ? inflateProbe(comp) : -1;
      ok = probe >= 0;
      if (probe === 0) next = pinfo.frameView(EMPTY, 0, 'http');
    }
    if (!ok) {
      pinfo.expert(et, eiDecompressionFailed, next, 0, next.length);
      callDissector(data, next, pinfo, et);
      return datalen;
    }
  }
  const n = next.length;
  if (objectTap.active && !pinfo.inErrorPkt) tapObject(call, pinfo, h.contentType, next, 0, n);
  if (followTap.active) tapFollow(call, pinfo, next, 0, n);
  if (full) {
    const fd = ht.add(hfFileData, next, 0, n, ht.wants(hfFileData) ? asciiString(next.data, next.start, next.capEnd) : '');
    if (fd.detailed) fd.setLabel(`File Data: ${n} bytes`);
  }
  if (n === 0) return datalen;
  if (h.contentType !== null) {
    const info: MediaContentInfo = {
      messageType: type === MsgType.Request ? 'request' : type === MsgType.Response ? 'response' : type === MsgType.Notification ? 'notification' : 'other',
      mediaType: h.contentType,
      parameters: h.contentTypeParams,
    };
    // A media-type dissector that refuses the body (a GIF that is not one) leaves it to the
    // heuristics of HTTP bodies (what the bytes say they are), then to "Media Type".
    const spec = mediaTypeDissector(h.contentType);
    // (A disabled one refuses, as Wireshark's call_dissector_only.)
    if (!spec || !isEnabled(spec, pinfo) || callDissector(spec, next, pinfo, tree, info) === 0) {
      if (spec) pinfo.expert(ht, eiSubdissectorFailed);
      if (!bodyHeuristics.call(next, pinfo, tree, info)) callDissector(media, next, pinfo, tree, info);
      else bodyTaken = true;
    } else bodyTaken = true;
  } else if (!bodyHeuristics.call(next, pinfo, tree)) {
    callDissector(data, next, pinfo, ht);
  } else bodyTaken = true;
  return datalen;
}

/**
 * chunked_encoding_dissector: the chunks in the tree, their data put together as a new data
 * source. Returns the chunked body's length in the message (0 when nothing was found).
 */
function dechunk(tvb: Tvb, pinfo: PacketInfo, ht: ProtoNode): { consumed: number; tvb: Tvb } {
  const d = tvb.data;
  const base = tvb.start;
  const full = ht.real;
  let datalen = tvb.reportedRemaining(0);
  const orig = datalen;
  const ct = full ? ht.addText(tvb, 0, datalen, 'HTTP chunked response') : ht;
  const parts: Uint8Array[] = [];
  let size = 0;
  let offset = 0;
  while (datalen > 0) {
    const start = base + offset;
    const linelen = findLineEnd(d, start, tvb.capEnd, true, le);
    if (linelen <= 0) break;
    const chunkOffset = le.next - base;
    let stop = start;
    while (stop < start + linelen && d[stop] !== 0x3b) stop++;
    const hx = parseHex(d, start, stop);
    let chunkSize = hx.digits === 0 ? 0 : hx.negative ? (hx.value === 0 ? 0 : 0xffffffff) : Math.min(hx.value, 0xffffffff);
    if (chunkSize > datalen) chunkSize = datalen;
    parts.push(tvb.bytes(chunkOffset, chunkSize));
    size += chunkSize;
    if (full) {
      const len = chunkOffset - offset + chunkSize + 2;
      const c = ct.addText(tvb, offset, len, chunkSize === 0 ? 'End of chunked encoding' : `Data chunk (${chunkSize} octets)`);
      c.add(hfChunkSize, tvb, offset, chunkOffset - offset, chunkSize).setLabel(`Chunk size: ${chunkSize} octet${chunkSize === 1 ? '' : 's'}`);
      if (chunkSize > 0) {
        c.add(hfChunkData, tvb, chunkOffset, chunkSize, tvb.bytes(chunkOffset, chunkSize));
        c.add(hfChunkBoundary, tvb, chunkOffset + chunkSize, 2);
      }
    }
    offset = chunkOffset + chunkSize;
    if (chunkSize > 0) offset += 2;
    datalen = tvb.reportedRemaining(offset);
    if (chunkSize === 0) {
      // trailer-part CRLF
      let trailerOffset = offset;
      let trailerLen: number;
      let fieldLen: number;
      do {
        trailerLen = trailerOffset - offset;
        const s = base + trailerOffset;
        const lim = Math.min(tvb.capEnd, s + Math.max(0, datalen - trailerLen));
        fieldLen = findLineEnd(d, s, lim, true, le2);
        if (fieldLen >= 0) trailerOffset = le2.next - base;
      } while (fieldLen > 0);
      if (trailerLen > 0) {
        // An ENC_ASCII item: a C string, with the stray-characters expert after a NUL (both passes).
        asciiItem(ct, hfTrailer, tvb, offset, trailerLen, pinfo);
        offset += trailerLen;
        datalen -= trailerLen;
      }
      if (fieldLen === 0) {
        if (full) ct.addText(tvb, offset, trailerOffset - offset, formatText(d, base + offset, base + trailerOffset));
        datalen -= trailerOffset - offset;
      }
      break;
    }
  }
  if (datalen >= orig) return { consumed: 0, tvb };
  if (full) ct.setLength(orig - datalen);
  const raw = new Uint8Array(size);
  let p = 0;
  for (const part of parts) {
    raw.set(part, p);
    p += part.length;
  }
  const src = pinfo.addDataSource('De-chunked entity body', raw);
  const out = pinfo.frameView(raw, raw.length, 'http');
  out.source = src;
  return { consumed: orig - datalen, tvb: out };
}

// --- Registration -------------------------------------------------------------------------------

/** Wireshark's dissect_http_heur_tcp: a first line that starts or ends with `HTTP/1.`. */
function heuristic(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, dataArg?: unknown): boolean {
  const info = payloadInfo(dataArg);
  const st = httpState(pinfo);
  const key = streamKey(pinfo, info);
  const known = st.convs.get(key);
  if (known && known.heurFrame && pinfo.meta.num >= known.heurFrame) return claim(tvb, pinfo, tree, info);
  const d = tvb.data;
  const len = findLineEnd(d, tvb.start, tvb.capEnd, true, le);
  if (len < 0 || len <= 8) return false;
  if (!lineIs(d, tvb.start + len - 8, 8, 'http/1.') && !lineIs(d, tvb.start, len, 'http/1.')) return false;
  const conv = convOf(st, key);
  if (!conv.heurFrame && !pinfo.visited) conv.heurFrame = pinfo.meta.num;
  return claim(tvb, pinfo, tree, info);
}

/**
 * A payload the heuristic took: the stream is HTTP's and keeps it, but one that is not HTTP at all
 * leaves no HTTP layer, as on the HTTP ports (where callDissector drops the layer of a refusal).
 */
function claim(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, info: TcpPayloadInfo | undefined): true {
  const layers = pinfo.layerCount;
  if (!dissectStream(tvb, pinfo, tree, info)) pinfo.layerCount = layers - 1;
  return true;
}

export const http: ProtocolSpec = {
  proto,
  bind: HTTP_TCP_PORTS.map((p) => ['tcp.port', p] as const),
  heuristics: [{ table: 'tcp', name: 'http_tcp', fn: heuristic }],
  dissect(tvb, pinfo, tree, dataArg) {
    // Not HTTP: refused (0), so the payload stays TCP's alone, as in tshark.
    return dissectStream(tvb, pinfo, tree, payloadInfo(dataArg)) ? tvb.reportedLength : 0;
  },
};


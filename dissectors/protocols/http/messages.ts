/**
 * HTTP/1.x messages in one direction of a TCP connection, from its reassembled bytes: where each
 * message starts, where its header section and its body end, its start line, header fields and
 * body (de-chunked, and decompressed when gzip/deflate). For the follow-stream view's message
 * boundaries and the conversation export.
 *
 * This follows RFC 9112 §6 for message framing (not Wireshark's display quirks): responses to
 * HEAD, 1xx, 204 and 304 responses and 2xx answers to CONNECT have no body; Transfer-Encoding with
 * chunked last wins over Content-Length; a response without either runs to the end of the
 * connection; a request without either has no body. After 101 (Switching Protocols) or a
 * successful CONNECT the bytes are no longer HTTP and parsing stops. Pure: no Tvb, no state.
 */
import { inflateBody, isInflatable } from './body-decode.js';
import { CHUNKED_BAD, CHUNKED_NEED_MORE, decodeChunked, scanChunked } from './chunked.js';
import { findLineEnd, type LineEnd } from './text.js';

export interface HttpHeaderField {
  name: string;
  /** The value with surrounding whitespace removed (folded lines joined with a space). */
  value: string;
}

export interface HttpMessage {
  kind: 'request' | 'response';
  /** Offset of the start line (empty lines before it are skipped, RFC 9112 §2.2). */
  start: number;
  /** Offset just after the empty line that ends the header section. */
  headerEnd: number;
  /** Offset just after the message. */
  bodyEnd: number;
  /** The whole message was there (false: the data ended inside it). */
  complete: boolean;
  /** Request line. */
  method?: string;
  uri?: string;
  /** Status line. */
  status?: number;
  reason?: string;
  /** `HTTP/1.1`. */
  version: string;
  headers: HttpHeaderField[];
  /** How the body's end was found. */
  framing: 'none' | 'content-length' | 'chunked' | 'close';
  /** The body without its transfer coding (de-chunked). */
  body: Uint8Array;
  /** The body without its content coding when it is gzip/deflate and inflates, else `body`. */
  decodedBody: Uint8Array;
  /** Media type from Content-Type, lower-case, without parameters (null if none). */
  contentType: string | null;
  /** Content-Encoding as sent (null if none). */
  contentEncoding: string | null;
  /** Trailer fields of a chunked body. */
  trailers: HttpHeaderField[];
  /** What went wrong, if anything (`bad chunk size`, `decompression failed`, …). */
  problems: string[];
}

export interface HttpStreamParse {
  messages: HttpMessage[];
  /**
   * Where parsing stopped: the end of the data, or the first byte that does not start an HTTP
   * message (or that follows a protocol switch).
   */
  end: number;
  /** The connection switched protocols (101 or CONNECT) at `end`. */
  switched: boolean;
}

export interface HttpParseOptions {
  /**
   * The data is the whole direction, up to the connection's end: a body that runs to the end of
   * the connection is complete. Default true.
   */
  closed?: boolean;
  /**
   * For responses: the methods of the requests they answer, in order (from the other direction).
   * A response to HEAD has no body; a 2xx response to CONNECT opens a tunnel.
   */
  requestMethods?: readonly string[];
  /** Stop after this many messages (default: no limit). */
  maxMessages?: number;
  /** Inflate gzip/deflate bodies into `decodedBody` (default true). */
  decode?: boolean;
}

const le: LineEnd = { next: 0 };

function text(d: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(d[i]!);
  return s;
}

const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** The start line: request, response, or null when it is not HTTP. */
function startLine(line: string): Pick<HttpMessage, 'kind' | 'method' | 'uri' | 'status' | 'reason' | 'version'> | null {
  if (line.startsWith('HTTP/')) {
    const m = /^(HTTP\/\d(?:\.\d)?) +(\d{3})(?: (.*))?$/.exec(line);
    if (!m) return null;
    return { kind: 'response', version: m[1]!, status: Number(m[2]), reason: m[3] ?? '' };
  }
  const sp1 = line.indexOf(' ');
  if (sp1 <= 0) return null;
  const method = line.slice(0, sp1);
  if (!TCHAR.test(method)) return null;
  const sp2 = line.lastIndexOf(' ');
  const version = line.slice(sp2 + 1);
  if (sp2 <= sp1 || !/^HTTP\/\d(?:\.\d)?$/.test(version)) return null;
  return { kind: 'request', method, uri: line.slice(sp1 + 1, sp2).trim(), version };
}

function header(headers: HttpHeaderField[], name: string): string | undefined {
  const n = name.toLowerCase();
  for (const h of headers) if (h.name.toLowerCase() === n) return h.value;
  return undefined;
}

/** Parses the messages in `data` (one direction of a connection, from a message boundary). */
export function parseHttpStream(data: Uint8Array, opts: HttpParseOptions = {}): HttpStreamParse {
  const closed = opts.closed ?? true;
  const max = opts.maxMessages ?? Infinity;
  const decode = opts.decode ?? true;
  const methods = opts.requestMethods ?? [];
  let answered = 0;
  const messages: HttpMessage[] = [];
  const n = data.length;
  let off = 0;
  while (off < n && messages.length < max) {
    // Empty lines before a start line.
    while (off < n && (data[off] === 0x0d || data[off] === 0x0a)) off++;
    if (off >= n) break;
    const start = off;
    let len = findLineEnd(data, off, n, true, le);
    const sl = startLine(text(data, off, len < 0 ? n : off + len));
    if (!sl) return { messages, end: start, switched: false };
    const msg: HttpMessage = {
      ...sl, start, headerEnd: n, bodyEnd: n, complete: false, headers: [], framing: 'none', body: new Uint8Array(0),
      decodedBody: new Uint8Array(0), contentType: null, contentEncoding: null, trailers: [], problems: [],
    };
    messages.push(msg);
    if (len < 0) return { messages, end: n, switched: false };
    off = le.next;
    // Header section.
    let ended = false;
    for (;;) {
      len = findLineEnd(data, off, n, true, le);
      if (len < 0) break;
      const lineStart = off;
      off = le.next;
      if (len === 0) {
        ended = true;
        break;
      }
      const line = text(data, lineStart, lineStart + len);
      if ((line[0] === ' ' || line[0] === '\t') && msg.headers.length) {
        const last = msg.headers[msg.headers.length - 1]!;
        last.value = `${last.value} ${line.trim()}`.trim();
        continue;
      }
      const colon = line.indexOf(':');
      if (colon <= 0) {
        msg.problems.push(`not a header field: ${JSON.stringify(line.slice(0, 40))}`);
        continue;
      }
      msg.headers.push({ name: line.slice(0, colon), value: line.slice(colon + 1).trim() });
    }
    if (!ended) return { messages, end: n, switched: false };
    msg.headerEnd = off;
    const ct = header(msg.headers, 'content-type');
    msg.contentType = ct === undefined ? null : ct.split(';')[0]!.trim().toLowerCase();
    msg.contentEncoding = header(msg.headers, 'content-encoding') ?? null;

    // Body framing (RFC 9112 §6.3).
    let method: string | undefined;
    let noBody = false;
    let tunnel = false;
    if (msg.kind === 'response') {
      const st = msg.status!;
      if (st >= 200 || st === 101) method = methods[answered++];
      noBody = (st >= 100 && st < 200) || st === 204 || st === 304 || method === 'HEAD';
      if (method === 'CONNECT' && st >= 200 && st < 300) {
        noBody = true;
        tunnel = true;
      }
      if (st === 101) tunnel = true;
    }
    const te = header(msg.headers, 'transfer-encoding');
    const cl = header(msg.headers, 'content-length');
    let bodyEnd = off;
    let complete = true;
    if (noBody) {
      msg.framing = 'none';
    } else if (te !== undefined && /(^|,)\s*chunked\s*$/i.test(te)) {
      msg.framing = 'chunked';
      const end = scanChunked(data, off, n);
      const dc = decodeChunked(data, off, n);
      msg.body = dc.body;
      msg.trailers = dc.trailers.map((t) => {
        const c = t.indexOf(':');
        return c > 0 ? { name: t.slice(0, c), value: t.slice(c + 1).trim() } : { name: t, value: '' };
      });
      if (dc.error) msg.problems.push(dc.error);
      if (end === CHUNKED_BAD) {
        bodyEnd = dc.end;
        complete = false;
      } else if (end === CHUNKED_NEED_MORE) {
        bodyEnd = n;
        complete = false;
      } else {
        bodyEnd = end;
      }
    } else if (te === undefined && cl !== undefined && /^\d+$/.test(cl)) {
      msg.framing = 'content-length';
      const want = Number(cl);
      bodyEnd = Math.min(n, off + want);
      complete = off + want <= n;
      msg.body = data.subarray(off, bodyEnd);
    } else if (msg.kind === 'request' && te === undefined) {
      msg.framing = 'none';
      if (cl !== undefined) msg.problems.push('bad Content-Length');
    } else {
      msg.framing = 'close';
      bodyEnd = n;
      complete = closed;
      msg.body = data.subarray(off, n);
    }
    msg.bodyEnd = bodyEnd;
    msg.complete = complete;
    msg.decodedBody = msg.body;
    if (decode && msg.contentEncoding !== null && msg.body.length > 0) {
      const codings = msg.contentEncoding.split(',').map((c) => c.trim()).filter((c) => c && c.toLowerCase() !== 'identity');
      if (codings.length === 1 && isInflatable(codings[0]!)) {
        const out = inflateBody(msg.body);
        if (out) msg.decodedBody = out;
        else msg.problems.push('decompression failed');
      } else if (codings.length) {
        msg.problems.push(`content coding not decoded: ${msg.contentEncoding}`);
      }
    }
    off = bodyEnd;
    if (!complete) return { messages, end: off, switched: false };
    if (tunnel) return { messages, end: off, switched: true };
  }
  return { messages, end: off, switched: false };
}

export interface HttpExchange {
  request: HttpMessage | null;
  /** Final response; interim (1xx) responses before it are in `interim`. */
  response: HttpMessage | null;
  interim: HttpMessage[];
}

/**
 * Both directions of a connection: requests from the client's bytes, responses from the server's
 * (their bodies delimited knowing the request methods), paired in order — each final response
 * answers the oldest unanswered request.
 */
export function parseHttpConversation(client: Uint8Array, server: Uint8Array, opts: Omit<HttpParseOptions, 'requestMethods'> = {}): {
  requests: HttpStreamParse;
  responses: HttpStreamParse;
  exchanges: HttpExchange[];
} {
  const requests = parseHttpStream(client, opts);
  const methods = requests.messages.filter((m) => m.kind === 'request').map((m) => m.method!);
  const responses = parseHttpStream(server, { ...opts, requestMethods: methods });
  const exchanges: HttpExchange[] = requests.messages.map((m) => ({ request: m, response: null, interim: [] }));
  let i = 0;
  let interim: HttpMessage[] = [];
  for (const r of responses.messages) {
    if (r.kind !== 'response') continue;
    if (r.status! < 200 && r.status !== 101) {
      interim.push(r);
      continue;
    }
    const ex = exchanges[i] ?? (exchanges[i] = { request: null, response: null, interim: [] });
    ex.response = r;
    ex.interim = interim;
    interim = [];
    i++;
  }
  if (interim.length) {
    const ex = exchanges[i] ?? (exchanges[i] = { request: null, response: null, interim: [] });
    ex.interim = interim;
  }
  return { requests, responses, exchanges };
}

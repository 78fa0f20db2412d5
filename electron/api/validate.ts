/**
 * Runtime validation of every argument that crosses the session API (electron/api/contract.ts).
 * A face is untrusted: whatever arrives over IPC or a WebSocket is checked here — types, integer
 * ranges, string lengths, array sizes, and no keys the contract does not name — before the engine
 * touches it. A refusal is an ApiError with code 'bad-request' and a message that names the
 * argument ("rows: count must be an integer from 0 to 1000 (got 5000)").
 *
 * The schemas are data (one per method); `validateParams` returns the params typed, or the error.
 */
import { METHODS, type ApiError, type Method, type Params } from './contract.js';

/** Longest path, filter text, etc. accepted. */
export const MAX_PATH = 4096;
export const MAX_FILTER = 8192;
export const MAX_ROWS = 1000;
export const MAX_PREFIX = 256;
export const MAX_FIELDS_LIMIT = 5000;
/** Most custom columns a packet list has. */
export const MAX_CUSTOM_COLUMNS = 32;
export const MAX_DELIMITER = 64;
export const MAX_INTERFACES = 64;
export const MAX_IFACE_NAME = 256;
/** Packet numbers and positions: a 32-bit index. */
export const MAX_INDEX = 0xffffffff;
/** Graphs an I/O graph call may ask for at once. */
export const MAX_IO_GRAPHS = 8;

type Spec =
  | { t: 'string'; max: number; min?: number; pattern?: RegExp; what?: string }
  | { t: 'int'; min: number; max: number }
  | { t: 'number'; min: number; max: number }
  | { t: 'bool' }
  | { t: 'enum'; values: readonly (string | number | null)[] }
  | { t: 'array'; of: Spec; min: number; max: number }
  | { t: 'object'; props: Record<string, Spec>; optional?: readonly string[] }
  | { t: 'union'; key: string; variants: Record<string, Spec> };

const str = (max: number, min = 0, pattern?: RegExp, what?: string): Spec => ({ t: 'string', max, min, ...(pattern ? { pattern } : {}), ...(what ? { what } : {}) });
const int = (min: number, max: number): Spec => ({ t: 'int', min, max });
const num = (min: number, max: number): Spec => ({ t: 'number', min, max });
const bool: Spec = { t: 'bool' };
const oneOf = (...values: (string | number | null)[]): Spec => ({ t: 'enum', values });
const obj = (props: Record<string, Spec>, optional: string[] = []): Spec => ({ t: 'object', props, optional });

const session = str(32, 1, /^s[1-9][0-9]{0,9}$/, 'a session id such as "s1"');
const path = str(MAX_PATH, 1);
const convKind = oneOf('eth', 'ipv4', 'ipv6', 'tcp', 'udp');
const stream = int(0, 0x7fffffff);

const framing: Spec = {
  t: 'union',
  key: 'kind',
  variants: {
    auto: obj({ kind: oneOf('auto') }),
    length: obj({ kind: oneOf('length'), bytes: oneOf(1, 2, 4), endian: oneOf('big', 'little') }),
    delimiter: obj({ kind: oneOf('delimiter'), delimiter: str(MAX_DELIMITER, 1) }),
  },
};

/** Decode As entries a call may carry (Wireshark's dialog holds a handful). */
export const MAX_DECODE_AS = 64;
const decodeAs: Spec = {
  t: 'array',
  of: obj({ table: str(32, 1), from: int(0, 0xffff), to: int(0, 0xffff), proto: str(64, 1) }),
  min: 0,
  max: MAX_DECODE_AS,
};

/** Names a call may switch off (Wireshark has some 3,000 protocols). */
export const MAX_DISABLED = 256;
const protocols: Spec = obj(
  {
    disabled: { t: 'array', of: str(64, 1), min: 0, max: MAX_DISABLED },
    disabledHeuristics: { t: 'array', of: str(64, 1), min: 0, max: MAX_DISABLED },
  },
  ['disabled', 'disabledHeuristics'],
);

const captureOptions = obj(
  {
    interfaces: { t: 'array', of: str(MAX_IFACE_NAME, 1), min: 1, max: MAX_INTERFACES },
    filter: str(MAX_FILTER),
    snaplen: int(1, 262144),
    promiscuous: bool,
    stop: obj({ durationSec: num(0.001, 1e7), packets: int(1, 1e9), filesizeKB: int(1, 1e9) }, ['durationSec', 'packets', 'filesizeKB']),
    ring: obj({ filesizeKB: int(1, 1e9), files: int(1, 100000) }, ['filesizeKB', 'files']),
    decodeAs,
    protocols,
  },
  ['snaplen', 'promiscuous', 'stop', 'ring', 'decodeAs', 'protocols'],
);

/** Each method's params. */
export const PARAM_SPECS: Readonly<Record<Method, Spec>> = {
  hello: obj({}),
  openFile: obj({ path, decodeAs, protocols }, ['decodeAs', 'protocols']),
  openSample: obj({ decodeAs, protocols }, ['decodeAs', 'protocols']),
  decodeAsChoices: obj({}),
  protocolChoices: obj({}),
  close: obj({ session }),
  cancel: obj({ session }),
  status: obj({ session }),
  rows: obj({ session, start: int(0, MAX_INDEX), count: int(0, MAX_ROWS) }),
  rowOf: obj({ session, no: int(1, MAX_INDEX) }),
  packet: obj({ session, no: int(1, MAX_INDEX) }),
  checkFilter: obj({ filter: str(MAX_FILTER) }),
  setFilter: obj({ session, filter: str(MAX_FILTER) }),
  setNameResolution: obj({ session, mac: bool, network: bool }, ['network']),
  setColumns: obj({ session, fields: { t: 'array', of: str(MAX_PREFIX, 1), min: 0, max: MAX_CUSTOM_COLUMNS } }),
  sort: obj({ session, column: oneOf('no', 'time', 'source', 'destination', 'protocol', 'length', 'info', 'custom', null), dir: oneOf('asc', 'desc'), field: str(256, 1) }, ['field']),
  fields: obj({ prefix: str(MAX_PREFIX), limit: int(1, MAX_FIELDS_LIMIT) }, ['limit']),
  conversations: obj({ session, kind: convKind }),
  endpoints: obj({ session, kind: convKind }),
  connection: obj({ session, stream }),
  follow: obj({ session, proto: oneOf('tcp', 'udp', 'http'), stream, framing }, ['framing']),
  expert: obj({ session }),
  ioGraph: obj({ session, interval: num(0.0001, 86400), graphs: { t: 'array', of: obj({ filter: str(MAX_FILTER) }), min: 1, max: MAX_IO_GRAPHS } }),
  findPacket: obj(
    {
      session, from: int(0, MAX_INDEX), backward: bool, by: oneOf('filter', 'hex', 'string', 'regex'), in: oneOf('list', 'details', 'bytes'),
      text: str(MAX_FILTER), caseSensitive: bool, charset: oneOf('both', 'narrow', 'wide'), wrap: bool,
    },
    ['backward', 'in', 'caseSensitive', 'charset', 'wrap'],
  ),
  protocolHierarchy: obj({ session }),
  statsTree: obj({ session, name: str(32, 1), filter: str(MAX_FILTER) }, ['filter']),
  properties: obj({ session }),
  exportObjects: obj({ session, proto: oneOf('http') }),
  resolvedAddresses: obj({ session }),
  credentials: obj({ session }),
  exportObject: obj({ session, proto: oneOf('http'), index: int(0, MAX_INDEX) }),
  saveExportObjects: obj({ session, proto: oneOf('http'), dir: path, indexes: { t: 'array', of: int(0, MAX_INDEX), min: 0, max: 100_000 } }, ['indexes']),
  save: obj({ session, path, format: oneOf('pcap', 'pcapng'), displayedOnly: bool }, ['displayedOnly']),
  exportDissections: obj({ session, path, format: oneOf('text', 'csv', 'json'), displayedOnly: bool }, ['displayedOnly']),
  exportConversation: obj({ session, proto: oneOf('tcp', 'udp'), stream, path }, ['path']),
  interfaces: obj({}),
  checkCaptureFilter: obj({ filter: str(MAX_FILTER), iface: str(MAX_IFACE_NAME, 1) }, ['iface']),
  startCapture: captureOptions,
  stopCapture: obj({ session }),
  restartCapture: obj({ session, decodeAs, protocols }, ['decodeAs', 'protocols']),
};

const METHOD_SET: ReadonlySet<string> = new Set(METHODS);

export function isMethod(m: unknown): m is Method {
  return typeof m === 'string' && METHOD_SET.has(m);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'string') return v.length > 40 ? `a string of ${v.length} characters` : JSON.stringify(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

/** Checks `v` against `s`; returns an error text naming `where`, or null. */
function check(s: Spec, v: unknown, where: string): string | null {
  switch (s.t) {
    case 'string': {
      if (typeof v !== 'string') return `${where} must be a string (got ${describe(v)})`;
      if (v.length > s.max) return `${where} is too long (${v.length} characters; at most ${s.max})`;
      if (v.length < (s.min ?? 0)) return `${where} must not be empty`;
      if (v.includes('\u0000')) return `${where} must not contain a NUL character`;
      if (s.pattern && !s.pattern.test(v)) return `${where} must be ${s.what ?? `a string matching ${s.pattern}`} (got ${describe(v)})`;
      return null;
    }
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < s.min || v > s.max) {
        return `${where} must be an integer from ${s.min} to ${s.max} (got ${describe(v)})`;
      }
      return null;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v) || v < s.min || v > s.max) {
        return `${where} must be a number from ${s.min} to ${s.max} (got ${describe(v)})`;
      }
      return null;
    case 'bool':
      return typeof v === 'boolean' ? null : `${where} must be true or false (got ${describe(v)})`;
    case 'enum':
      return s.values.includes(v as string) ? null : `${where} must be one of ${s.values.map((x) => JSON.stringify(x)).join(', ')} (got ${describe(v)})`;
    case 'array': {
      if (!Array.isArray(v)) return `${where} must be an array (got ${describe(v)})`;
      if (v.length < s.min || v.length > s.max) return `${where} must have ${s.min} to ${s.max} elements (got ${v.length})`;
      for (let i = 0; i < v.length; i++) {
        const e = check(s.of, v[i], `${where}[${i}]`);
        if (e) return e;
      }
      return null;
    }
    case 'object': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${where} must be an object (got ${describe(v)})`;
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return `${where} must be a plain object`;
      const rec = v as Record<string, unknown>;
      for (const k of Object.keys(rec)) {
        if (!Object.prototype.hasOwnProperty.call(s.props, k)) {
          return `${where} has an unknown argument "${k.length > 40 ? k.slice(0, 40) + '…' : k}"`;
        }
      }
      for (const [k, ps] of Object.entries(s.props)) {
        const present = Object.prototype.hasOwnProperty.call(rec, k) && rec[k] !== undefined;
        if (!present) {
          if (s.optional?.includes(k)) continue;
          return `${where === 'params' ? '' : where + '.'}${k} is missing`;
        }
        const e = check(ps, rec[k], where === 'params' ? k : `${where}.${k}`);
        if (e) return e;
      }
      return null;
    }
    case 'union': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${where} must be an object (got ${describe(v)})`;
      const tag = (v as Record<string, unknown>)[s.key];
      const variant = typeof tag === 'string' && Object.prototype.hasOwnProperty.call(s.variants, tag) ? s.variants[tag] : undefined;
      if (!variant) return `${where}.${s.key} must be one of ${Object.keys(s.variants).map((x) => JSON.stringify(x)).join(', ')} (got ${describe(tag)})`;
      return check(variant, v, where);
    }
  }
}

export type Validated<M extends Method> = { ok: true; params: Params<M> } | { ok: false; error: ApiError };

/**
 * Validates the params of a call. `method` must already be known (see isMethod). `undefined`
 * params are read as `{}` (a method without arguments may be called without them).
 */
export function validateParams<M extends Method>(method: M, params: unknown): Validated<M> {
  const spec = PARAM_SPECS[method];
  const e = check(spec, params === undefined ? {} : params, 'params');
  if (e) return { ok: false, error: { code: 'bad-request', message: `${method}: ${e}` } };
  return { ok: true, params: (params ?? {}) as Params<M> };
}

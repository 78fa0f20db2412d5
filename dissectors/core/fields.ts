/**
 * The field registry: every field a dissector adds to the tree is declared once here, with the
 * display-filter name Wireshark uses (`tcp.srcport`), its type, label and display base. The same
 * declaration drives the decode tree labels, `-T fields`, JSON output and (later) display filters.
 */

export type FieldType =
  | 'none' // a label only (text nodes, expert items)
  | 'protocol'
  | 'uint8' | 'uint16' | 'uint24' | 'uint32' | 'uint64'
  | 'int8' | 'int16' | 'int32'
  | 'boolean' // a bit (or bits) under a mask; value is 0/1
  | 'ether' // 6 bytes
  | 'eui64' // 8 bytes (FT_EUI64)
  | 'ipv4' // value is the address as an unsigned 32-bit number
  | 'ipv6' // 16 bytes
  | 'string'
  | 'bytes'
  | 'framenum'
  | 'abs_time' // value: Timestamp
  | 'rel_time' // value: Timestamp (a duration)
  | 'double'
  | 'float'; // single precision (FT_FLOAT): shown with six significant digits, as C's %g

/**
 * How an integer is shown: Wireshark's BASE_*. `pt_tcp`/`pt_udp` are ports (a name with port
 * resolution on), `oui` an OUI (its vendor beside it) and `custom` a value whose label the
 * dissector writes: all three print as decimal numbers in filters and `-T fields`.
 */
export type Base = 'dec' | 'hex' | 'dec_hex' | 'hex_dec' | 'oct' | 'none' | 'unix' | 'utc' | 'pt_tcp' | 'pt_udp' | 'oui' | 'custom' | 'netmask';

/** The TCP/IP layer a protocol belongs to (shown on its tree node: 链路层 Link, 网络层 Network …). */
export type Layer = 'link' | 'network' | 'transport' | 'application';

/** Seconds and nanoseconds: exact for nanosecond captures, unlike a double. */
export interface Timestamp {
  sec: number;
  nsec: number;
}

export interface FieldDef {
  /** Index in the registry (stable within a run). */
  id: number;
  /** Display-filter name, e.g. `tcp.srcport`. */
  abbrev: string;
  /** Human name used in the tree label, e.g. `Source Port`. */
  name: string;
  type: FieldType;
  base: Base;
  /** Value names (Wireshark's value_string), used in labels; filters and `-T fields` show the number. */
  vals?: ReadonlyMap<number, string>;
  /**
   * The value names are special values only (BASE_SPECIAL_VALS): another value shows as the plain
   * number, not `Unknown (n)` (`Valid Lifetime: Infinity (4294967295)`, `Valid Lifetime: 2592000`).
   */
  specialVals?: true;
  /** The value names are a value_string_ext (a long sorted table): -G values lists them in decimal. */
  valsExt?: true;
  /** Bit mask within a field of `bits` width; the stored value is already shifted down. */
  mask?: number;
  /** Width in bits of the whole field a mask applies to (8, 16, 24, 32). */
  bits?: number;
  /**
   * Wireshark's registered bitmask where it differs from `mask` (which draws the bit pattern in
   * the tree): ip.version is shown as `0100 .... = Version: 4` but registered without a mask.
   * What `-x -T json` prints (dissectors/output/json-raw.ts).
   */
  hfMask?: number;
  /** Wireshark's field type number where our type does not tell it (FT_STRINGZ = 27 for a `string`). */
  ftenum?: number;
  /** For booleans: labels for set and unset (Wireshark's true_false_string). */
  tfs?: readonly [string, string];
  /** Unit appended to labels, e.g. ` bytes`. */
  unit?: string;
  /** Protocol the field belongs to (abbrev), e.g. `tcp`. */
  proto: string;
  /** Description for the field list and completion. */
  blurb?: string;
}

export interface ProtocolDef extends FieldDef {
  type: 'protocol';
  /** Short name for the Protocol column, e.g. `TCP`. */
  short: string;
  layer?: Layer;
  /**
   * Registered "in name only" with bytes as its type (Wireshark's TCP and IP options): its value
   * is the bytes it covers, which `-T fields` and `-T json` print (`020405b4`), not its label.
   */
  bytesValue?: true;
}

const byName = new Map<string, FieldDef>();
const list: FieldDef[] = [];

/** All registered fields and protocols, in registration order. */
export function allFields(): readonly FieldDef[] {
  return list;
}

export function fieldByName(abbrev: string): FieldDef | undefined {
  return byName.get(abbrev);
}

const registrars = new Map<string, string>();

/**
 * The protocol that registers the field `abbrev` (header_field_info's parent), by which tshark's
 * glossary (`-G fields`) and EK keys name it: the one FieldOptions.proto gives where the name says
 * another (`udp.checksum_coverage` is UDP-Lite's), else the longest dotted prefix of the name that
 * is a protocol of its own — `ipv6.hopopts.nxt` belongs to `ipv6.hopopts`, `tcp.options.mss_val`
 * to `tcp` (TCP's options are protocols in name only: not parents).
 */
export function registrarOf(abbrev: string): string {
  let p = registrars.get(abbrev);
  if (p !== undefined) return p;
  const own = byName.get(abbrev)?.proto;
  if (own !== undefined && own !== abbrev && !abbrev.startsWith(own + '.')) {
    p = own;
  } else {
    p = abbrev.slice(0, Math.max(0, abbrev.indexOf('.'))) || abbrev;
    for (let dot = abbrev.lastIndexOf('.'); dot > 0; dot = abbrev.lastIndexOf('.', dot - 1)) {
      const def = byName.get(abbrev.slice(0, dot));
      if (def && def.type === 'protocol' && !(def as ProtocolDef).bytesValue) {
        p = def.abbrev;
        break;
      }
    }
  }
  registrars.set(abbrev, p);
  return p;
}

/** Later registrations of a name (defineFieldAgain), after the first. */
const again = new Map<string, FieldDef[]>();

/**
 * Every registration of a name, the first (fieldByName's) first: what a filter or `-e` on the
 * name finds, as Wireshark's same_name_next chain.
 */
export function fieldsByName(abbrev: string): readonly FieldDef[] {
  const first = byName.get(abbrev);
  if (!first) return [];
  const more = again.get(abbrev);
  return more ? [first, ...more] : [first];
}

function register<T extends FieldDef>(f: Omit<T, 'id'>): T {
  const existing = byName.get(f.abbrev);
  if (existing) {
    // Two dissectors may legitimately share a field name (as Wireshark allows); keep the first.
    return existing as T;
  }
  const def = { ...f, id: list.length } as T;
  list.push(def);
  byName.set(def.abbrev, def);
  return def;
}

export function defineProtocol(abbrev: string, name: string, short: string, layer?: Layer): ProtocolDef {
  return register<ProtocolDef>({ abbrev, name, short, layer, type: 'protocol', base: 'none', proto: abbrev });
}

/** An option shown as a protocol whose value is its bytes (proto_register_protocol_in_name_only with FT_BYTES). */
export function defineOptionProtocol(abbrev: string, name: string, short: string): ProtocolDef {
  return register<ProtocolDef>({ abbrev, name, short, type: 'protocol', base: 'none', proto: abbrev, bytesValue: true });
}

export interface FieldOptions {
  /** The protocol Wireshark registers the field under, where the name says another (`udp.checksum_coverage` is UDP-Lite's). */
  proto?: string;
  base?: Base;
  vals?: Record<number, string> | ReadonlyMap<number, string>;
  specialVals?: true;
  /** The names are a value_string_ext (a long sorted table): -G values lists them in decimal. */
  valsExt?: true;
  mask?: number;
  bits?: number;
  tfs?: readonly [string, string];
  unit?: string;
  blurb?: string;
  hfMask?: number;
  ftenum?: number;
}

/** Wireshark's FT_STRINGZ (a NUL-terminated or padded string), for FieldOptions.ftenum. */
export const FT_STRINGZ = 27;
/** Wireshark's FT_UINT_BYTES (bytes after their own length). */
export const FT_UINT_BYTES = 31;

export function defineField(abbrev: string, name: string, type: FieldType, opts: FieldOptions = {}): FieldDef {
  return register<FieldDef>(fieldSpec(abbrev, name, type, opts));
}

/**
 * A second field under a name already registered, with its own mask or type (Wireshark registers
 * `ip.opt.sec_prot_auth_unassigned` twice: the first Protection Authority octet's bits 0x06, the
 * further octets' 0xfe). Output prints it under the name; filters and `-e` find both.
 */
export function defineFieldAgain(abbrev: string, name: string, type: FieldType, opts: FieldOptions = {}): FieldDef {
  if (!byName.has(abbrev)) throw new Error(`defineFieldAgain: ${abbrev} is not registered yet`);
  const def: FieldDef = { ...fieldSpec(abbrev, name, type, opts), id: list.length };
  list.push(def);
  const more = again.get(abbrev);
  if (more) more.push(def);
  else again.set(abbrev, [def]);
  return def;
}

function fieldSpec(abbrev: string, name: string, type: FieldType, opts: FieldOptions): Omit<FieldDef, 'id'> {
  const proto = opts.proto ?? abbrev.split('.')[0]!;
  let vals: ReadonlyMap<number, string> | undefined;
  if (opts.vals) vals = opts.vals instanceof Map ? opts.vals : new Map(Object.entries(opts.vals).map(([k, v]) => [Number(k), v]));
  const base: Base = opts.base ?? (isInteger(type) ? 'dec' : 'none');
  return {
    abbrev,
    name,
    type,
    base,
    vals,
    mask: opts.mask,
    bits: opts.bits ?? (opts.mask !== undefined ? widthOf(type) : undefined),
    tfs: opts.tfs,
    unit: opts.unit,
    blurb: opts.blurb,
    proto,
    ...(opts.hfMask !== undefined ? { hfMask: opts.hfMask } : {}),
    ...(opts.ftenum !== undefined ? { ftenum: opts.ftenum } : {}),
    ...(opts.specialVals ? { specialVals: true as const } : {}),
    ...(opts.valsExt ? { valsExt: true as const } : {}),
  };
}

export function isInteger(t: FieldType): boolean {
  return (
    t === 'uint8' || t === 'uint16' || t === 'uint24' || t === 'uint32' || t === 'uint64' ||
    t === 'int8' || t === 'int16' || t === 'int32' || t === 'framenum'
  );
}

/** Width in bits of an integer type (booleans default to 8 unless `bits` says otherwise). */
export function widthOf(t: FieldType): number {
  switch (t) {
    case 'uint8': case 'int8': case 'boolean': return 8;
    case 'uint16': case 'int16': return 16;
    case 'uint24': return 24;
    case 'uint32': case 'int32': case 'framenum': case 'ipv4': return 32;
    case 'uint64': return 64;
    default: return 0;
  }
}

/** Number of zero bits below a mask (the shift applied to masked values). */
export function maskShift(mask: number): number {
  if (mask === 0) return 0;
  let s = 0;
  while (((mask >>> s) & 1) === 0) s++;
  return s;
}

/**
 * The conversations and endpoints tables of a session (Statistics → Conversations / Endpoints),
 * made from what the index already holds instead of dissecting the whole file again.
 *
 * The index pass kept, per packet, the address columns (with each address's kind and bytes), the
 * ports, tcp.stream, the protocol stack, the length and the time. That is all a table needs, but
 * for the link layer's MAC addresses, which are read from the packet's first bytes (a sequential
 * read of the file, nothing dissected). UDP conversations are numbered by the first pass's own
 * table (udp.stream depends only on the addresses and ports). A packet the columns do not describe
 * (F_COMPLEX: tunnels, ICMP errors quoting a header, a malformed packet, an IPv6 routing header …)
 * is dissected again on its own with the first pass's state (Session.revisit) and counted from that
 * tree, as before.
 *
 * The result equals a fresh pass that feeds every packet's PacketInfo to the tables
 * (test/electron/engine/conversation-tables.test.ts, on every capture of the corpus and our own).
 */
import type { ConvKind } from '../api/contract.js';
import { fieldByName } from '../../dissectors/core/fields.js';
import { AddrKind } from '../../dissectors/core/pinfo.js';
import { AddressNumbers, ConversationTable, EndpointTable } from '../../dissectors/stats/conversations.js';
import { CONV_KINDS, newPacketEnds, type PacketEnds } from '../../dissectors/stats/packet-addresses.js';
import { proto as udpProto } from '../../dissectors/protocols/udp.js';
import { udpStreamOfAddresses } from '../../dissectors/udp/conversations.js';
import { EngineError } from './errors.js';
import { F_COMPLEX, F_MALFORMED, F_NO_TS } from './index-flags.js';
import type { LayerSet } from './layer-sets.js';
import { PacketPass } from './packet-pass.js';
import type { Session } from './session.js';

export type ConvTables = Record<ConvKind, ConversationTable>;
export type EndpointTables = Record<ConvKind, EndpointTable>;

const ID = (n: string) => fieldByName(n)!.id;
const ETH = ID('eth');
const IP6_FRAG = ID('ipv6.fraghdr');
const DATA = ID('data');

/** What a protocol stack lets the columns say, worked out once per stack. */
interface StackUse {
  /** Ethernet is the first layer (and the only one): MACs at bytes 6 and 0. */
  eth: boolean;
  ip: boolean;
  /** IPv6, and not a fragment left unreassembled (no IPv6 tap then). */
  ipv6: boolean;
  tcp: boolean;
  udp: boolean;
}

function stackUse(set: LayerSet): StackUse {
  const ids = set.ids;
  const frag = ids.indexOf(IP6_FRAG);
  const unreassembled = frag >= 0 && (frag === ids.length - 1 || (frag === ids.length - 2 && ids[frag + 1] === DATA));
  return {
    eth: ids[0] === ETH && ids.indexOf(ETH, 1) < 0,
    ip: set.ip,
    ipv6: set.ipv6 && !unreassembled,
    tcp: set.tcp,
    udp: set.udp,
  };
}

const EMPTY = new Uint8Array(16);

/**
 * Conversations and endpoints of every kind over the session's first `n` packets, in slices of
 * `sliceMs` that let other calls through.
 */
export async function sessionTables(s: Session, n: number, sliceMs: number): Promise<{ conv: ConvTables; ends: EndpointTables }> {
  const strings = s.strings;
  // One numbering of the addresses for every table: a column's address is numbered once.
  const addrs = new AddressNumbers();
  const conv = Object.fromEntries(CONV_KINDS.map((k) => [k, new ConversationTable(k, addrs)])) as ConvTables;
  const ends = Object.fromEntries(CONV_KINDS.map((k) => [k, new EndpointTable(k, addrs)])) as EndpointTables;
  /** Address column id → its number in `addrs` (−1: not yet looked up). */
  let numOfId = new Int32Array(Math.max(1024, strings.strings.length)).fill(-1);
  const numOf = (id: number, len: number): number => {
    if (id >= numOfId.length) {
      const grown = new Int32Array(Math.max(id + 1, numOfId.length * 2)).fill(-1);
      grown.set(numOfId);
      numOfId = grown;
    }
    let v = numOfId[id]!;
    if (v < 0) numOfId[id] = v = addrs.of(strings.bytes[id]!, 0, len);
    return v;
  };
  const ix = s.index;
  const ctx = s.dissector.ctx;
  const uses: StackUse[] = [];
  const e: PacketEnds = newPacketEnds();
  // Times are relative to the first packet that has one (as the dissector's frame times).
  let first = -1;
  for (let j = 0; j < n; j++) {
    if ((ix.flags[j]! & F_NO_TS) === 0) {
      first = j;
      break;
    }
  }
  const firstSec = first >= 0 ? ix.tsSecOf(first) : 0;
  const firstNsec = first >= 0 ? ix.tsNsec[first]! : 0;

  const all = (k: ConvKind) => {
    conv[k].addEnds(e, ctx);
    ends[k].addEnds(e);
  };
  /** The network-layer ends from the address columns: false when they are not IPv4 or IPv6 addresses. */
  const setNet = (i: number): AddrKind => {
    const c = s.columns;
    const src = c.src[i]!;
    const dst = c.dst[i]!;
    const kind = strings.kinds[src]!;
    if ((kind === AddrKind.IPv4 || kind === AddrKind.IPv6) && strings.kinds[dst] === kind) {
      e.src = strings.bytes[src]!;
      e.dst = strings.bytes[dst]!;
      e.len = kind === AddrKind.IPv4 ? 4 : 16;
      e.srcNum = numOf(src, e.len);
      e.dstNum = numOf(dst, e.len);
      // The session's own copies of the addresses: the rows may keep them.
      e.stable = true;
    } else {
      e.src = e.dst = EMPTY;
      e.len = 0;
      e.srcNum = e.dstNum = -1;
      e.stable = false;
    }
    e.srcOff = e.dstOff = 0;
    return e.len === 0 ? AddrKind.None : kind;
  };

  let i = 0;
  const pass = new PacketPass(s.info.path, n);
  try {
    for (;;) {
      if (s.isClosed) throw new EngineError('no-session', `conversations: session ${s.info.id} was closed`);
      const done = pass.run(sliceMs, (_meta, data, start) => {
        const flags = ix.flags[i]!;
        if (flags & (F_COMPLEX | F_MALFORMED)) {
          // The columns do not tell: dissect it again, as the tables were fed before.
          const pi = s.revisit(i);
          for (const k of CONV_KINDS) {
            conv[k].add(pi);
            ends[k].add(pi);
          }
          i++;
          return;
        }
        const ls = s.columns.layers[i]!;
        const use = uses[ls] ?? (uses[ls] = stackUse(s.layerSets[ls]!));
        e.bytes = ix.origLenOf(i);
        e.time = 0;
        if ((flags & F_NO_TS) === 0) {
          let sec = ix.tsSecOf(i) - firstSec;
          let nsec = ix.tsNsec[i]! - firstNsec;
          if (sec > 0 && nsec < 0) { sec--; nsec += 1e9; } else if (sec < 0 && nsec > 0) { sec++; nsec -= 1e9; }
          e.time = sec + nsec / 1e9;
        }
        e.sport = e.dport = e.stream = -1;
        if (use.eth) {
          e.src = e.dst = data;
          e.srcOff = start + 6;
          e.dstOff = start;
          e.len = 6;
          e.srcNum = addrs.of(data, start + 6, 6);
          e.dstNum = addrs.of(data, start, 6);
          e.stable = false;
          all('eth');
        }
        if (use.ip || use.ipv6) {
          const kind = setNet(i);
          if (kind === AddrKind.IPv4 && use.ip) all('ipv4');
          else if (kind === AddrKind.IPv6 && use.ipv6) all('ipv6');
        }
        if (use.tcp || use.udp) {
          const c = s.columns;
          const kind = setNet(i);
          e.sport = c.sport[i]!;
          e.dport = c.dport[i]!;
          if (use.tcp) {
            e.stream = s.streamOf(i);
            if (e.stream >= 0) all('tcp');
          } else {
            const af = kind === AddrKind.IPv4 ? 4 : kind === AddrKind.IPv6 ? 6 : 0;
            e.stream = udpStreamOfAddresses(ctx, udpProto, af, e.src, e.dst, e.sport, e.dport);
            all('udp');
          }
        }
        i++;
      });
      if (done) break;
      await new Promise((r) => setImmediate(r));
    }
  } finally {
    pass.close();
  }
  return { conv, ends };
}

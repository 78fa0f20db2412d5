/**
 * The stats trees of tshark's `-z <name>,tree` that Packetloom counts (stats-tree.ts does the
 * counting and the layout), each as Wireshark registers it:
 *
 *   plen       Packet Lengths (pinfo_stats_tree.c): every frame's length, in Wireshark's ranges
 *   ptype      IPv4 Statistics/IP Protocol Types: each IPv4 packet by its transport (TCP, UDP, NONE)
 *   http       HTTP/Packet Counter (packet-http.c): each HTTP message, requests by method and
 *              responses by status class and code
 *   http_req   HTTP/Requests: each request by its Host and URI
 *   ip_hosts, ipv6_hosts     IPv4/IPv6 Statistics/All Addresses: each IP header's source and destination
 *   ip_srcdst, ipv6_srcdst   …/Source and Destination Addresses: sources and destinations apart
 *   dests, ipv6_dests        …/Destinations and Ports: destination, then transport, then port
 *   ipv6_ptype               IPv6 Statistics/IP Protocol Types (ptype's IPv6 twin)
 *   dns        DNS: messages by query/response, type, class, rcode, opcode; sizes, names, response times
 *   http_srv   HTTP/Load Distribution: requests by server address and Host (and the other way
 *              round), responses by server address as OK (101–399) or KO
 *
 * They read the packet's decode tree (top-level protocols; an HTTP message's fields).
 */
import { fieldByName, type FieldDef } from '../core/fields.js';
import { formatIPv4Bytes, formatIPv6 } from '../core/addr.js';
import { newPacketEnds, outerCount, outerEnds, packetEnds } from './packet-addresses.js';
import type { PacketInfo } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import { HTTP_STATUS_CODES } from '../protocols/http.js';
import { DNS_CLASSES, DNS_OPCODES, DNS_RCODES, DNS_TYPE_DESCRIPTIONS } from '../protocols/dns.js';
import { StatsTree } from './stats-tree.js';

export interface TreeStat {
  readonly tree: StatsTree;
  /** Counts one packet (its tree is `pinfo.tree`). */
  add(pinfo: PacketInfo): void;
}

type Maker = () => TreeStat;

const field = (name: string): FieldDef => fieldByName(name)!;
const F = {
  udpDstPort: field('udp.dstport'), icmp: field('icmp'), icmpv6: field('icmpv6'), tcp: field('tcp'), tcpDstPort: field('tcp.dstport'), udp: field('udp'), udplite: field('udplite'), udpLength: field('udp.length'), http: field('http'),
  code: field('http.response.code'), method: field('http.request.method'), host: field('http.host'), uri: field('http.request.uri'),
};

function topLevel(p: PacketInfo): ProtoNode[] {
  return p.tree.children ?? [];
}

/** The packet's HTTP messages (one HTTP tap call each, as Wireshark's HTTP dissector makes them). */
function httpMessages(p: PacketInfo): ProtoNode[] {
  return topLevel(p).filter((n) => n.field === F.http);
}

/** The first value of `f` among the descendants of `n`. */
function first(n: ProtoNode, f: FieldDef): ProtoNode['value'] | undefined {
  for (const c of n.children ?? []) {
    if (c.field === f) return c.value;
    const v = first(c, f);
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * The packet's port type as Wireshark's pinfo->ptype ends up: set by the last TCP header read up
 * to its ports or UDP header up to its length, one quoted by an ICMP error too.
 */
function lastTransport(n: ProtoNode): 'TCP' | 'UDP' | undefined {
  let t: 'TCP' | 'UDP' | undefined;
  for (const c of n.children ?? []) {
    if (c.field === F.tcp && has(c, F.tcpDstPort)) t = 'TCP';
    else if ((c.field === F.udp || c.field === F.udplite) && has(c, F.udpLength)) t = 'UDP';
    t = lastTransport(c) ?? t;
  }
  return t;
}

const has = (n: ProtoNode, f: FieldDef) => (n.children ?? []).some((c) => c.field === f);

/** Wireshark's default packet-length ranges. */
const PLEN_RANGES = ['0-19', '20-39', '40-79', '80-159', '160-319', '320-639', '640-1279', '1280-2559', '2560-5119', '5120 and greater'];

function plen(): TreeStat {
  const tree = new StatsTree('Packet Lengths');
  const node = tree.createRange('Packet Lengths', PLEN_RANGES);
  return {
    tree,
    add(p) {
      tree.packetAt(p.meta);
      tree.tick('Packet Lengths');
      tree.tickRange(node, p.meta.origLen);
    },
  };
}

type Family = 'ip' | 'ipv6';
const FAMILY = { ip: { name: 'IPv4', kind: 'ipv4' }, ipv6: { name: 'IPv6', kind: 'ipv6' } } as const;

const ends = newPacketEnds();

/**
 * The IP taps of a packet (pinfo_stats_tree.c's trees listen to "ip" or "ipv6", as the
 * conversation tables do: packet-addresses.ts decides when Wireshark queues one, a tunnel's outer
 * headers included) and pinfo->net_src / net_dst as the packet ends, which every one of them sees
 * (not the Destination column's routing-header destination; not an ICMP error's quoted header).
 */
function ipTaps(p: PacketInfo, family: Family): { n: number; src: string; dst: string } {
  const kind = FAMILY[family].kind;
  const outer = outerCount(kind, p);
  const own = packetEnds(kind, p, ends);
  if (!own && outer > 0) outerEnds(kind, p, outer - 1, ends);
  const n = outer + (own ? 1 : 0);
  if (n === 0) return { n, src: '', dst: '' };
  const text = (d: Uint8Array, off: number) => (ends.len === 4 ? formatIPv4Bytes(d, off) : formatIPv6(d, off));
  return { n, src: text(ends.src, ends.srcOff), dst: text(ends.dst, ends.dstOff) };
}

/**
 * pinfo->destport as the packet ends: what TCP or UDP set (not a header cut short before its
 * ports were taken), else the port of a header an ICMP error quotes (Wireshark takes those too),
 * else 0.
 */
function destPort(p: PacketInfo): number {
  if (p.dstPort >= 0) return p.dstPort;
  let port = 0;
  for (const n of topLevel(p)) if (n.field === F.icmp || n.field === F.icmpv6) port = quotedDstPort(n) || port;
  return port;
}

function quotedDstPort(n: ProtoNode): number {
  let port = 0;
  for (const c of n.children ?? []) {
    if (c.field === F.tcp || c.field === F.udp || c.field === F.udplite) {
      const d = (c.children ?? []).find((x) => x.field === F.tcpDstPort || x.field === F.udpDstPort);
      if (typeof d?.value === 'number') port = d.value;
    }
    const inner = quotedDstPort(c);
    if (inner) port = inner;
  }
  return port;
}

function ptypeOf(family: Family): Maker {
  return () => {
    const tree = new StatsTree(`${FAMILY[family].name} Statistics/IP Protocol Types`);
    const pivot = tree.create('IP Protocol Types', tree.root, true);
    return {
      tree,
      add(p) {
        const { n } = ipTaps(p, family);
        if (n === 0) return;
        const transport = lastTransport(p.tree) ?? 'NONE';
        for (let i = 0; i < n; i++) {
          tree.packetAt(p.meta);
          tree.tickPivot(pivot, transport);
        }
      },
    };
  };
}

function hostsOf(family: Family): Maker {
  return () => {
    const tree = new StatsTree(`${FAMILY[family].name} Statistics/All Addresses`);
    const all = tree.create('All Addresses', tree.root, true);
    return {
      tree,
      add(p) {
        const { n, src, dst } = ipTaps(p, family);
        for (let i = 0; i < n; i++) {
          tree.packetAt(p.meta);
          tree.tick('All Addresses');
          tree.tick(src, all);
          tree.tick(dst, all);
        }
      },
    };
  };
}

function srcdstOf(family: Family): Maker {
  return () => {
    const name = FAMILY[family].name;
    const tree = new StatsTree(`${name} Statistics/Source and Destination Addresses`);
    const srcName = `Source ${name} Addresses`;
    const dstName = `Destination ${name} Addresses`;
    const src = tree.create(srcName, tree.root, true);
    const dst = tree.create(dstName, tree.root, true);
    return {
      tree,
      add(p) {
        const { n, src: a, dst: b } = ipTaps(p, family);
        for (let i = 0; i < n; i++) {
          tree.packetAt(p.meta);
          tree.tick(srcName);
          tree.tick(a, src);
          tree.tick(dstName);
          tree.tick(b, dst);
        }
      },
    };
  };
}

function destsOf(family: Family): Maker {
  return () => {
    const tree = new StatsTree(`${FAMILY[family].name} Statistics/Destinations and Ports`);
    const top = tree.create('Destinations and Ports', tree.root, true);
    return {
      tree,
      add(p) {
        const { n, dst } = ipTaps(p, family);
        for (let i = 0; i < n; i++) {
          tree.packetAt(p.meta);
          tree.tick('Destinations and Ports');
          const d = tree.tick(dst, top, true);
          const t = tree.tick(lastTransport(p.tree) ?? 'NONE', d, true);
          tree.tick(String(destPort(p)), t, true);
        }
      },
    };
  };
}

const RESPONSE_CLASSES: readonly [number, string][] = [[100, '1xx: Informational'], [200, '2xx: Success'], [300, '3xx: Redirection'], [400, '4xx: Client Error'], [500, '5xx: Server Error']];

function http(): TreeStat {
  const tree = new StatsTree('HTTP/Packet Counter');
  const packets = tree.create('Total HTTP Packets', tree.root, true);
  const requests = tree.create('HTTP Request Packets', packets, true);
  const responses = tree.create('HTTP Response Packets', packets, true);
  for (const name of ['???: broken', ...RESPONSE_CLASSES.map(([, n]) => n)]) tree.create(name, responses, true);
  tree.create('Other HTTP Packets', packets, false);
  return {
    tree,
    add(p) {
      for (const m of httpMessages(p)) {
        tree.packetAt(p.meta);
        tree.tick('Total HTTP Packets');
        const code = first(m, F.code);
        const method = first(m, F.method);
        if (typeof code === 'number' && code !== 0) {
          tree.tick('HTTP Response Packets', packets);
          let cls = '???: broken';
          if (code >= 100 && code < 600) for (const [low, name] of RESPONSE_CLASSES) if (code >= low) cls = name;
          const group = tree.tick(cls, responses);
          tree.tick(`${code} ${HTTP_STATUS_CODES.get(code) ?? `Unknown (${code})`}`, group);
        } else if (typeof method === 'string') {
          tree.tickPivot(requests, method);
        } else {
          tree.tick('Other HTTP Packets', packets);
        }
      }
      // What HTTP refused but Wireshark's http tap still saw: neither request nor response.
      for (let k = 0; k < p.httpRefused; k++) {
        tree.packetAt(p.meta);
        tree.tick('Total HTTP Packets');
        tree.tick('Other HTTP Packets', packets);
      }
    },
  };
}

function httpReq(): TreeStat {
  const tree = new StatsTree('HTTP/Requests');
  const byHost = tree.create('HTTP Requests by HTTP Host', tree.root, true);
  return {
    tree,
    add(p) {
      for (const m of httpMessages(p)) {
        tree.packetAt(p.meta);
        if (typeof first(m, F.method) !== 'string') continue;
        tree.tick('HTTP Requests by HTTP Host');
        const host = first(m, F.host);
        if (typeof host !== 'string') continue;
        const h = tree.tick(host, byHost, true);
        const uri = first(m, F.uri);
        if (typeof uri === 'string') tree.tick(uri, h, true);
      }
      for (let k = 0; k < p.httpRefused; k++) tree.packetAt(p.meta);
    },
  };
}

function httpSrv(): TreeStat {
  const tree = new StatsTree('HTTP/Load Distribution');
  const reqs = tree.create('HTTP Requests by Server', tree.root, true);
  const byAddr = tree.create('HTTP Requests by Server Address', reqs, true);
  const byHost = tree.create('HTTP Requests by HTTP Host', reqs, true);
  const resps = tree.create('HTTP Responses by Server Address', tree.root, true);
  return {
    tree,
    add(p) {
      for (const m of httpMessages(p)) {
        tree.packetAt(p.meta);
        const code = first(m, F.code);
        if (typeof first(m, F.method) === 'string') {
          // The server of a request is where it goes (pinfo->dst once the packet is dissected).
          const ip = p.dstText();
          tree.tick('HTTP Requests by Server');
          tree.tick('HTTP Requests by Server Address', reqs, true);
          tree.tick('HTTP Requests by HTTP Host', reqs, true);
          const a = tree.tick(ip, byAddr, true);
          const host = first(m, F.host);
          if (typeof host === 'string') {
            tree.tick(ip, tree.tick(host, byHost, true), false);
            tree.tick(host, a, false);
          }
        } else if (typeof code === 'number' && code !== 0) {
          tree.tick('HTTP Responses by Server Address');
          const a = tree.tick(p.srcText(), resps, true);
          // Wireshark 4.0's bounds: a 100 Continue is "KO".
          tree.tick(code > 100 && code < 400 ? 'OK' : 'KO', a, false);
        }
      }
      for (let k = 0; k < p.httpRefused; k++) tree.packetAt(p.meta);
    },
  };
}

/** What DNS's tap hands over for a message (packet-dns.c's struct DnsTap), from its tree. */
function dnsTapOf(m: ProtoNode): { qr: number; opcode: number; rcode: number; qtype: number; qclass: number; size: number; counts: number[]; nameLen: number; labels: number; unsolicited: boolean; retransmission: boolean; rrtMs: number } {
  const v = (f: FieldDef) => {
    const x = first(m, f);
    return typeof x === 'number' ? x : typeof x === 'boolean' ? Number(x) : 0;
  };
  const t = first(m, D.time) as { sec: number; nsec: number } | undefined;
  return {
    qr: v(D.response), opcode: v(D.opcode), rcode: v(D.rcode), qtype: v(D.qtype), qclass: v(D.qclass), size: m.length,
    counts: [v(D.queries), v(D.answers), v(D.auth), v(D.add)], nameLen: v(D.nameLen), labels: v(D.labels),
    unsolicited: first(m, D.unsolicited) !== undefined, retransmission: first(m, D.retransmission) !== undefined,
    rrtMs: t ? t.sec * 1000 + t.nsec / 1e6 : 0,
  };
}

const D = (() => {
  const f = (n: string) => fieldByName(n)!;
  return {
    dns: f('dns'), response: f('dns.flags.response'), opcode: f('dns.flags.opcode'), rcode: f('dns.flags.rcode'), qtype: f('dns.qry.type'), qclass: f('dns.qry.class'),
    queries: f('dns.count.queries'), answers: f('dns.count.answers'), auth: f('dns.count.auth_rr'), add: f('dns.count.add_rr'), nameLen: f('dns.qry.name.len'), labels: f('dns.count.labels'),
    unsolicited: f('dns.unsolicited'), retransmission: f('dns.retransmission'), time: f('dns.time'),
  };
})();

const RESPONSE_STATS = ['no. of questions', 'no. of answers', 'no. of authorities', 'no. of additionals'];

/**
 * DNS (packet-dns.c's stats tree), one tap per DNS message outside ICMP errors: messages by
 * query/response, query type, class, rcode and opcode, payload size; query name lengths and label
 * counts; the section counts of responses; unsolicited responses, retransmissions and
 * request-response times. Wireshark 4.0 adds a solicited response's section counts twice; so does this.
 */
function dns(): TreeStat {
  const tree = new StatsTree('DNS');
  const packets = tree.create('Total Packets', tree.root, true);
  const qr = tree.create('Query/Response', packets, true);
  const qtypes = tree.create('Query Type', packets, true);
  const qclasses = tree.create('Class', packets, true);
  const rcodes = tree.create('rcode', packets, true);
  const opcodes = tree.create('opcodes', packets, true);
  tree.create('Payload size', tree.root, false);
  const query = tree.create('Query Stats', tree.root, true);
  tree.create('Qname Len', query, false);
  const labels = tree.create('Label Stats', query, true);
  for (const l of ['1st Level', '2nd Level', '3rd Level', '4th Level or more']) tree.create(l, labels, false);
  const response = tree.create('Response Stats', tree.root, true);
  for (const r of RESPONSE_STATS) tree.create(r, response, false);
  const service = tree.create('Service Stats', tree.root, true);
  for (const r of ['no. of unsolicited responses', 'no. of retransmissions', 'request-response time (msec)']) tree.create(r, service, false);
  const named = (table: Record<number, string>, v: number, unknown: string) => table[v] ?? `${unknown} (${v})`;
  return {
    tree,
    add(p) {
      const msgs = topLevel(p).filter((n) => n.field === D.dns);
      // DNS queues its tap at the end of a message: not for one it threw in (the last, in a
      // malformed packet) nor for one an ICMP error quotes.
      if (p.malformed && p.layerCount > 0 && p.layers[p.layerCount - 1] === D.dns.id) msgs.pop();
      const icmpAt = [...p.layers.subarray(0, p.layerCount)].findIndex((l) => l === F.icmp.id || l === F.icmpv6.id);
      if (icmpAt >= 0 && p.layers.subarray(icmpAt, p.layerCount).includes(D.dns.id)) return;
      for (const m of msgs) {
        const t = dnsTapOf(m);
        tree.packetAt(p.meta);
        tree.tick('Total Packets');
        tree.tickPivot(qr, t.qr ? 'Response' : 'Query');
        tree.tickPivot(qtypes, named(DNS_TYPE_DESCRIPTIONS, t.qtype, 'Unknown packet type'));
        tree.tickPivot(qclasses, named(DNS_CLASSES, t.qclass, 'Unknown class'));
        tree.tickPivot(rcodes, named(DNS_RCODES, t.rcode, 'Unknown rcode'));
        tree.tickPivot(opcodes, named(DNS_OPCODES, t.opcode, 'Unknown opcode'));
        tree.addValue('Payload size', t.size);
        if (!t.qr) {
          tree.addValue('Qname Len', t.nameLen);
          tree.tick(t.labels >= 1 && t.labels <= 3 ? ['1st Level', '2nd Level', '3rd Level'][t.labels - 1]! : '4th Level or more');
          continue;
        }
        RESPONSE_STATS.forEach((r, i) => tree.addValue(r, t.counts[i]!));
        if (t.unsolicited) {
          tree.tick('no. of unsolicited responses');
          continue;
        }
        RESPONSE_STATS.forEach((r, i) => tree.addValue(r, t.counts[i]!));
        if (t.retransmission) tree.tick('no. of retransmissions');
        else tree.addValue('request-response time (msec)', t.rrtMs, true);
      }
    },
  };
}

/** The trees by the name `-z <name>,tree` takes. */
export const TREE_STATS: ReadonlyMap<string, Maker> = new Map<string, Maker>([
  ['plen', plen],
  ['ptype', ptypeOf('ip')],
  ['ip_hosts', hostsOf('ip')],
  ['ip_srcdst', srcdstOf('ip')],
  ['dests', destsOf('ip')],
  ['ipv6_ptype', ptypeOf('ipv6')],
  ['ipv6_hosts', hostsOf('ipv6')],
  ['ipv6_srcdst', srcdstOf('ipv6')],
  ['ipv6_dests', destsOf('ipv6')],
  ['dns', dns],
  ['http', http],
  ['http_req', httpReq],
  ['http_srv', httpSrv],
]);

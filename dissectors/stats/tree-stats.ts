/**
 * The stats trees of tshark's `-z <name>,tree` that Packetloom counts (stats-tree.ts does the
 * counting and the layout), each as Wireshark registers it:
 *
 *   plen       Packet Lengths (pinfo_stats_tree.c): every frame's length, in Wireshark's ranges
 *   ptype      IPv4 Statistics/IP Protocol Types: each IPv4 packet by its transport (TCP, UDP, NONE)
 *   http       HTTP/Packet Counter (packet-http.c): each HTTP message, requests by method and
 *              responses by status class and code
 *   http_req   HTTP/Requests: each request by its Host and URI
 *   http_srv   HTTP/Load Distribution: requests by server address and Host (and the other way
 *              round), responses by server address as OK (101–399) or KO
 *
 * They read the packet's decode tree (top-level protocols; an HTTP message's fields).
 */
import { fieldByName, type FieldDef } from '../core/fields.js';
import type { PacketInfo } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import { HTTP_STATUS_CODES } from '../protocols/http.js';
import { StatsTree } from './stats-tree.js';

export interface TreeStat {
  readonly tree: StatsTree;
  /** Counts one packet (its tree is `pinfo.tree`). */
  add(pinfo: PacketInfo): void;
}

type Maker = () => TreeStat;

const field = (name: string): FieldDef => fieldByName(name)!;
const F = {
  ip: field('ip'), ipSrc: field('ip.src'), tcp: field('tcp'), tcpDstPort: field('tcp.dstport'), udp: field('udp'), udplite: field('udplite'), udpLength: field('udp.length'), http: field('http'),
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

function ptype(): TreeStat {
  const tree = new StatsTree('IPv4 Statistics/IP Protocol Types');
  const pivot = tree.create('IP Protocol Types', tree.root, true);
  return {
    tree,
    add(p) {
      // (IPv4 taps its header once read up to its addresses.)
      const ips = topLevel(p).filter((n) => n.field === F.ip && has(n, F.ipSrc)).length;
      if (ips === 0) return;
      const transport = lastTransport(p.tree) ?? 'NONE';
      for (let i = 0; i < ips; i++) {
        tree.packetAt(p.meta);
        tree.tickPivot(pivot, transport);
      }
    },
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
    },
  };
}

/** The trees by the name `-z <name>,tree` takes. */
export const TREE_STATS: ReadonlyMap<string, Maker> = new Map<string, Maker>([
  ['plen', plen],
  ['ptype', ptype],
  ['http', http],
  ['http_req', httpReq],
  ['http_srv', httpSrv],
]);

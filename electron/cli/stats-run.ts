/**
 * Runs the `-z` table statistics over the packets of a CLI read: one accumulator from
 * dissectors/stats per `-z` argument, fed with every packet read (as tshark's taps are, whatever
 * -Y selects), and printed in tshark's layout at the end.
 */
import type { Resolver } from '../../dissectors/core/format.js';
import { readIPv4 } from '../../dissectors/core/addr.js';
import type { ExpertSink, PacketInfo } from '../../dissectors/core/pinfo.js';
import { ConversationTable, EndpointTable } from '../../dissectors/stats/conversations.js';
import { ExpertTable } from '../../dissectors/stats/expert.js';
import { ProtocolHierarchy } from '../../dissectors/stats/protocol-hierarchy.js';
import { DhcpStats } from '../../dissectors/stats/dhcp-stats.js';
import { IcmpSrt } from '../../dissectors/stats/icmp-srt.js';
import { statsTreeText } from '../../dissectors/stats/stats-tree.js';
import { TREE_STATS } from '../../dissectors/stats/tree-stats.js';
import type { TableStat } from './stat-args.js';
import { IoStat } from '../../dissectors/stats/io-stat.js';
import { ioStatText } from './io-stat-text.js';
import { DEFAULT_TIME_COLUMN, type TimeColumn } from './time-column.js';
import { Credentials } from '../../dissectors/stats/credentials.js';
import { conversationsText, credentialsText, dhcpText, endpointsText, expertText, hostsText, phsText } from './stats-output.js';
import type { HostNames } from '../../dissectors/resolve/host-names.js';

interface Tap {
  stat: TableStat;
  add(pinfo: PacketInfo): void;
  text(): string;
  /** Takes the expert items as they are raised (an expert tap without a filter: no tree needed). */
  sink?: ExpertSink;
  /** Reads the decode tree of every packet. */
  tree?: boolean;
}

/** The host name of an IP address of 4 or 16 bytes (a table row's), from the resolver's `-N n` names. */
function hostBytes(res: Resolver): (d: Uint8Array) => string | undefined {
  return (d) => (d.length === 4 ? res.host4?.(readIPv4(d, 0)) : d.length === 16 ? res.host6?.(d) : undefined);
}

/** What -z hosts lists: the name table and the capture's path as given. */
export interface HostsSource {
  names: HostNames;
  path: string;
}

function makeTap(stat: TableStat, trees: boolean, time: TimeColumn, res: Resolver | undefined, hosts: HostsSource | undefined): Tap {
  switch (stat.kind) {
    case 'hosts':
      return { stat, add: () => {}, text: () => (hosts ? hostsText(hosts.names.entries(), stat.hosts ?? 'all', hosts.path) : '') };
    case 'iostat': {
      const t = new IoStat(stat.io!);
      return { stat, add: (p) => t.add(p), text: () => ioStatText(t, time), tree: t.needTree };
    }
    case 'conv': {
      const t = new ConversationTable(stat.table!);
      // Ethernet addresses named as the MAC name resolution names them (tshark's default), as tshark's table.
      return { stat, add: (p) => t.add(p), text: () => conversationsText(stat.table!, t.rows({ etherName: res?.ether, hostName: res?.host4 ? hostBytes(res) : undefined }), stat.filterText) };
    }
    case 'endpoints': {
      const t = new EndpointTable(stat.table!);
      return { stat, add: (p) => t.add(p), text: () => endpointsText(stat.table!, t.rows({ etherName: res?.ether, hostName: res?.host4 ? hostBytes(res) : undefined }), stat.filterText) };
    }
    case 'phs': {
      const t = new ProtocolHierarchy();
      return { stat, add: (p) => t.addTree(p.tree, p.meta.origLen), text: () => phsText(t.roots(), stat.filterText) };
    }
    case 'credentials': {
      const t = new Credentials();
      return { stat, add: (p) => t.addTree(p.tree, p.meta.num), text: () => credentialsText(t.rows()), tree: true };
    }
    case 'dhcp': {
      const t = new DhcpStats();
      return { stat, add: (p) => t.addTree(p.tree), text: () => dhcpText(t.rows(), stat.filterText) };
    }
    case 'icmpsrt': {
      const t = new IcmpSrt(stat.icmp!);
      return { stat, add: (p) => t.addTree(p.tree, p.meta.num), text: () => t.text(stat.filterText), tree: true };
    }
    case 'tree': {
      const t = TREE_STATS.get(stat.treeName!)!();
      return { stat, add: (p) => t.add(p), text: () => statsTreeText(t.tree), tree: true };
    }
    case 'expert': {
      const t = new ExpertTable();
      const text = () => expertText(t.entries(), stat.minSeverity);
      // Every packet's items as they are raised, as tshark's tap gets them; with a filter, or when
      // every packet comes with its tree (-2), the items of the trees of the packets it matches.
      if (stat.filter === null && !trees) return { stat, add: () => {}, text, sink: t.sink() };
      return { stat, add: (p) => t.addTree(p.tree, p.meta.num), text };
    }
  }
}

export class StatTaps {
  private readonly taps: Tap[];

  /** `trees`: every packet comes with its full tree (-2): the expert tap reads it there. `res`: the names of -N; `hosts`: what -z hosts lists. */
  constructor(stats: readonly TableStat[], trees = false, time: TimeColumn = DEFAULT_TIME_COLUMN, res?: Resolver, hosts?: HostsSource) {
    this.taps = stats.map((st) => makeTap(st, trees, time, res, hosts));
  }

  /** True when some tap reads the decode tree (io,phs, dhcp,stat, a tap with a filter, io,stat with a filter or field). */
  get needTree(): boolean {
    return this.taps.some((t) => t.stat.kind === 'phs' || t.stat.kind === 'dhcp' || t.stat.filter !== null || t.tree === true);
  }

  /** What the dissector sends its expert items to (`pinfo.expertSink`), or null when no tap takes them. */
  expertSink(): ExpertSink | null {
    const sinks = this.taps.flatMap((t) => (t.sink ? [t.sink] : []));
    if (sinks.length === 0) return null;
    if (sinks.length === 1) return sinks[0]!;
    return { item: (def, message, pinfo) => { for (const s of sinks) s.item(def, message, pinfo); } };
  }

  get empty(): boolean {
    return this.taps.length === 0;
  }

  add(pinfo: PacketInfo): void {
    for (const t of this.taps) {
      if (t.stat.filter && !t.stat.filter.matches(pinfo.tree, pinfo)) continue;
      t.add(pinfo);
    }
  }

  /** The printed table of `stat`. */
  text(stat: TableStat): string {
    return this.taps.find((t) => t.stat === stat)?.text() ?? '';
  }
}

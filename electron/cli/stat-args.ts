/**
 * The table statistics of `-z` (tshark's names and meaning):
 *
 *   conv,eth | conv,ip | conv,ipv6 | conv,tcp | conv,udp [,FILTER]
 *   endpoints,eth | endpoints,ip | endpoints,ipv6 | endpoints,tcp | endpoints,udp [,FILTER]
 *   io,phs [,FILTER]
 *   expert[,error|warn|note|chat|comment][,FILTER]
 *   dhcp,stat [,FILTER]
 *   icmp,srt | icmpv6,srt [,FILTER]   (dissectors/stats/icmp-srt.ts)
 *   <name>,tree [,FILTER] for each of TREE_STATS: plen, ptype, ip_hosts, …, http_srv   (dissectors/stats/tree-stats.ts)
 *   io,stat,INTERVAL[,COLUMN]...   (io-stat-args.ts)
 *
 * FILTER is a display filter: only the packets it matches are counted by that table.
 */
import type { ConvKind } from '../api/contract.js';
import { compileFilter, type DisplayFilter } from '../../dissectors/filter/index.js';
import { SEVERITIES, type Severity } from '../../dissectors/core/expert.js';
import type { IoStatSpec } from '../../dissectors/stats/io-stat.js';
import { parseIoStat } from './io-stat-args.js';
import { TREE_STATS } from '../../dissectors/stats/tree-stats.js';

export interface TableStat {
  kind: 'conv' | 'endpoints' | 'phs' | 'expert' | 'dhcp' | 'iostat' | 'tree' | 'icmpsrt' | 'hosts' | 'credentials';
  /** For hosts: which addresses are listed. */
  hosts?: 'all' | 'ipv4' | 'ipv6';
  /** For icmp,srt / icmpv6,srt: which. */
  icmp?: 'icmp' | 'icmpv6';
  /** For a stats tree: its name (`http` of `-z http,tree`). */
  treeName?: string;
  /** For conv / endpoints. */
  table?: ConvKind;
  /** The filter as given (printed in the table's header) and compiled (null: every packet). */
  filterText?: string;
  filter: DisplayFilter | null;
  /** For expert: the lowest severity shown (tshark's `-z expert,warn`). */
  minSeverity?: Severity;
  /** For io,stat: the interval and columns. */
  io?: IoStatSpec;
}

const TABLE_NAMES: Readonly<Record<string, ConvKind>> = { eth: 'eth', ip: 'ipv4', ipv6: 'ipv6', tcp: 'tcp', udp: 'udp' };

export const TABLE_STAT_HELP = `conv,eth|ip|ipv6|tcp|udp[,filter], endpoints,eth|ip|ipv6|tcp|udp[,filter], io,phs[,filter], io,stat,interval[,filter|FUNC(field)filter]..., expert[,error|warn|note|chat|comment][,filter], dhcp,stat[,filter], icmp,srt[,filter], icmpv6,srt[,filter], hosts[,ip|ipv4|ipv6], credentials, ${[...TREE_STATS.keys()].join('|')},tree[,filter]`;

function withFilter(stat: Omit<TableStat, 'filter'>, text: string | undefined, what: string): TableStat | string {
  if (text === undefined || text === '') return { ...stat, filter: null };
  const r = compileFilter(text);
  if (!r.ok) return `${what}: invalid filter "${text}": ${r.error.message}`;
  return { ...stat, filterText: text, filter: r.filter.empty ? null : r.filter };
}

/** Parses one `-z` value; null when it is not a table statistic (the caller tries the others). */
export function parseTableStat(v: string): TableStat | string | null {
  const comma = v.indexOf(',');
  const head = comma < 0 ? v : v.slice(0, comma);
  const rest = comma < 0 ? '' : v.slice(comma + 1);
  const io = parseIoStat(v);
  if (io !== null) return typeof io === 'string' ? io : { kind: 'iostat', filter: null, io };
  if (head === 'conv' || head === 'endpoints') {
    const c2 = rest.indexOf(',');
    const name = c2 < 0 ? rest : rest.slice(0, c2);
    const table = TABLE_NAMES[name];
    if (!table) return `Invalid -z argument "${v}": ${head} needs one of eth, ip, ipv6, tcp, udp`;
    return withFilter({ kind: head, table }, c2 < 0 ? undefined : rest.slice(c2 + 1), `${head},${name}`);
  }
  if (head === 'io' && (rest === 'phs' || rest.startsWith('phs,'))) {
    return withFilter({ kind: 'phs' }, rest.length > 4 ? rest.slice(4) : undefined, 'io,phs');
  }
  if (head === 'dhcp' && (rest === 'stat' || rest.startsWith('stat,'))) {
    return withFilter({ kind: 'dhcp' }, rest.length > 5 ? rest.slice(5) : undefined, 'dhcp,stat');
  }
  if ((head === 'icmp' || head === 'icmpv6') && (rest === 'srt' || rest.startsWith('srt,'))) {
    return withFilter({ kind: 'icmpsrt', icmp: head }, rest.length > 4 ? rest.slice(4) : undefined, `${head},srt`);
  }
  if (TREE_STATS.has(head) && (rest === 'tree' || rest.startsWith('tree,'))) {
    return withFilter({ kind: 'tree', treeName: head }, rest.length > 5 ? rest.slice(5) : undefined, `${head},tree`);
  }
  // credentials: what follows a comma is ignored, as tshark ignores it.
  if (head === 'credentials') return { kind: 'credentials', filter: null };
  if (head === 'hosts') {
    // hosts[,ip|ipv4|ipv6]: the names known at the end (dissectors/resolve/host-names.ts).
    const which = comma < 0 ? 'all' : rest === 'ip' || rest === 'ipv4' ? 'ipv4' : rest === 'ipv6' ? 'ipv6' : null;
    if (which === null) return 'invalid "-z hosts[,ip|ipv4|ipv6]" argument';
    return { kind: 'hosts', hosts: which, filter: null };
  }
  if (head === 'expert') {
    // expert[,error|warn|note|chat|comment][,filter]
    const c2 = rest.indexOf(',');
    const level = c2 < 0 ? rest : rest.slice(0, c2);
    if (comma >= 0 && (SEVERITIES as readonly string[]).includes(level)) {
      return withFilter({ kind: 'expert', minSeverity: level as Severity }, c2 < 0 ? undefined : rest.slice(c2 + 1), 'expert');
    }
    return withFilter({ kind: 'expert' }, comma < 0 ? undefined : rest, 'expert');
  }
  return null;
}

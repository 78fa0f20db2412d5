/**
 * The `-z` statistics as tshark 4.0 prints them (ui/cli/tap-iousers.c, tap-endpoints.c,
 * tap-protohierstat.c, tap-expert.c, a stats tree): conv,KIND, endpoints,KIND, io,phs, expert,
 * dhcp,stat. The numbers come from the accumulators in dissectors/stats; this file only lays
 * them out.
 */
import type { HostEntry } from '../../dissectors/resolve/host-names.js';
import type { CredentialRow } from '../../dissectors/stats/credentials.js';
import { utf8Length } from './byte-out.js';
import type { ConvKind, ConversationRow, EndpointRow } from '../api/contract.js';
import type { ExpertEntry } from '../../dissectors/stats/expert.js';
import type { PhsNode } from '../../dissectors/stats/protocol-hierarchy.js';
import { SEVERITY_ORDER } from '../../dissectors/stats/expert.js';

/** tshark's table titles (the protocols' short names). */
export const KIND_TITLE: Readonly<Record<ConvKind, string>> = {
  eth: 'Ethernet', ipv4: 'IPv4', ipv6: 'IPv6', tcp: 'TCP', udp: 'UDP',
};

const RULE = '================================================================================\n';

/** C's printf `%-Ns` / `%Ns`. */
function left(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}
function right(s: string | number, n: number): string {
  const t = String(s);
  return t.length >= n ? t : ' '.repeat(n - t.length) + t;
}

/** Wireshark's format_size (SI prefixes, "bytes" unit): `5240 bytes`, `25 kB`, `12 MB`. */
export function formatSize(n: number): string {
  const units: [number, string][] = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  for (const [p, u] of units) {
    const v = Math.floor(n / p);
    if (v >= 10) return `${v} ${u}B`;
  }
  return `${n} bytes`;
}

/** Rows by total packets, most first; equal totals keep their order (tshark's selection loop). */
function byPackets<T extends { packets: number }>(rows: readonly T[]): T[] {
  return rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) => y.r.packets - x.r.packets || x.i - y.i)
    .map((x) => x.r);
}

/** `-z conv,KIND`: the conversations table (relative start times). */
export function conversationsText(kind: ConvKind, rows: readonly ConversationRow[], filter?: string): string {
  const ports = kind === 'tcp' || kind === 'udp';
  const pad = ports ? '            ' : '';
  let out = RULE + `${KIND_TITLE[kind]} Conversations\n` + `Filter:${filter ?? '<No Filter>'}\n`;
  out += `${pad}                                               |       <-      | |       ->      | |     Total     |    Relative    |   Duration   |\n`;
  out += `${pad}                                               | Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n`;
  for (const r of byPackets(rows.filter((r) => r.packets > 0))) {
    const a = ports ? `${r.addressA}:${r.portA}` : r.addressA;
    const b = ports ? `${r.addressB}:${r.portB}` : r.addressB;
    const w = ports ? 26 : 20;
    out += `${left(a, w)} <-> ${left(b, w)}  ${right(r.packetsBtoA, 6)} ${left(formatSize(r.bytesBtoA), 9)}  ${right(r.packetsAtoB, 6)} ${left(formatSize(r.bytesAtoB), 9)}  ${right(r.packets, 6)} ${left(formatSize(r.bytes), 9)}  `;
    out += `${right(r.relStart.toFixed(9), 14)}   ${right(r.duration.toFixed(4), 12)}\n`;
  }
  return out + RULE;
}

/** `-z endpoints,KIND`. */
export function endpointsText(kind: ConvKind, rows: readonly EndpointRow[], filter?: string): string {
  const ports = kind === 'tcp' || kind === 'udp';
  let out = RULE + `${KIND_TITLE[kind]} Endpoints\n` + `Filter:${filter ?? '<No Filter>'}\n`;
  out += `                       |  ${ports ? 'Port  ||  ' : ''}Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n`;
  for (const r of byPackets(rows)) {
    out += left(r.address, 20) + '      ';
    if (ports) out += `${right(r.port ?? 0, 5)}     `;
    out += `${right(r.packets, 6)}     ${right(r.bytes, 9)}     ${right(r.txPackets, 6)}       ${right(r.txBytes, 9)}      ${right(r.rxPackets, 6)}       ${right(r.rxBytes, 9)}   \n`;
  }
  return out + RULE;
}

const PHS_RULE = '===================================================================\n';

/** `-z io,phs`: the protocol hierarchy, children indented by two spaces. */
export function phsText(roots: readonly PhsNode[], filter?: string): string {
  let out = '\n' + PHS_RULE + 'Protocol Hierarchy Statistics\n' + `Filter: ${filter ?? ''}\n\n`;
  const walk = (nodes: readonly PhsNode[], depth: number) => {
    for (const n of nodes) {
      const indent = '  '.repeat(depth);
      out += `${left(indent + n.name, 40)} frames:${n.frames} bytes:${n.bytes}\n`;
      walk(n.children, depth + 1);
    }
  };
  walk(roots, 0);
  return out + PHS_RULE;
}

const SECTION: Readonly<Record<ExpertEntry['severity'], string>> = {
  error: 'Errors', warn: 'Warns', note: 'Notes', chat: 'Chats', comment: 'Comments',
};

/** `-z expert`: one section per severity (errors first), rows in the order first seen. */
export function expertText(entries: readonly ExpertEntry[], minSeverity: ExpertEntry['severity'] = 'comment'): string {
  let out = '';
  const upTo = SEVERITY_ORDER.indexOf(minSeverity);
  for (const sev of SEVERITY_ORDER.slice(0, upTo + 1)) {
    const rows = entries.filter((e) => e.severity === sev);
    if (rows.length === 0) continue;
    const total = rows.reduce((s, e) => s + e.count, 0);
    out += `\n${SECTION[sev]} (${total})\n=============\n   Frequency      Group           Protocol  Summary\n`;
    for (const e of rows) out += `${right(e.count, 12)} ${right(e.group, 10)} ${right(e.protocol, 18)}  ${e.summary}\n`;
  }
  return out;
}

const TREE_RULE = '='.repeat(101) + '\n';

/** `-z dhcp,stat`: a stats tree in tshark's plain-text layout. */
export function dhcpText(rows: readonly [string, number][], filter?: string): string {
  let out = '\n' + TREE_RULE + 'DHCP (BOOTP) Statistics:\n' + `Filter for statistics: ${filter ?? ''}\n`;
  out += 'DHCP Message Type |Packets |\nDHCP Statistics\n';
  for (const [name, n] of rows) out += `${left(name, 26)}|${n} |\n`;
  return out + TREE_RULE;
}

/** `-z credentials`: tshark's table (printf "%-10u %-16s %-16s %-16s" per row: widths in bytes, nothing cut). */
export function credentialsText(rows: readonly CredentialRow[]): string {
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - utf8Length(s)));
  const rule = '='.repeat(67);
  let s = `${rule}\n${pad('Packet', 10)} ${pad('Protocol', 16)} ${pad('Username', 16)} ${pad('Info', 16)}\n------     --------         --------         --------\n`;
  for (const r of rows) s += `${pad(String(r.packet), 10)} ${pad(r.protocol, 16)} ${pad(r.username, 16)} ${pad(r.info, 16)}\n`;
  return `${s}${rule}\n`;
}

/**
 * `-z hosts`: tshark's hosts file of the names known at the end (dissectors/resolve/host-names.ts),
 * IPv4 then IPv6. tshark lists them in its hash table's order, which a random seed changes from run
 * to run; Packetloom lists them in the order they were first named.
 */
export function hostsText(entries: readonly HostEntry[], which: 'all' | 'ipv4' | 'ipv6', path: string): string {
  let s = `# TShark hosts output\n#\n# Host data gathered from ${path}\n\n`;
  for (const e of entries) if (which === 'all' || which === e.kind) s += `${e.address}\t${e.name}\n`;
  return s;
}

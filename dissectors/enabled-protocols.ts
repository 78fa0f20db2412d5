/**
 * Enabled protocols (Wireshark's Analyze › Enabled Protocols…, tshark's --disable-protocol,
 * --enable-protocol, --disable-heuristic and --enable-heuristic): protocols and heuristics a
 * capture switches off. A disabled protocol is never handed a payload by a table (its ports, its
 * EtherType, its heuristics: the bytes go where they would go if it did not exist, usually Data),
 * and one called by name hands its bytes to Data, as in Wireshark. Per capture
 * (CaptureOptions.protocols), compiled into CaptureContext.disabled, which core/dispatch.ts checks.
 *
 * Names are the protocols' filter names (`http`, `tcp`) and the heuristics' short names
 * (`http_tcp`, `dns_udp`), case included. As tshark 4.0 does, an unknown protocol name is let
 * through (Packetloom says so in a warning) while an unknown heuristic is refused, and a protocol
 * named in both lists stays disabled. Data cannot be disabled (Wireshark's proto_set_cant_toggle).
 */
import './protocols/index.js'; // the registry's protocols and heuristics, whoever imports this first
import { allHeuristicTables, allProtocols, type DisabledSet, type HeuristicEntry, type ProtocolSpec } from './core/dispatch.js';

export interface EnabledProtocols {
  /** Protocols switched off, by filter name. */
  disabled?: readonly string[];
  /** Heuristics switched off, by short name. */
  disabledHeuristics?: readonly string[];
  /** Heuristics switched on (all of Packetloom's are on unless disabled: kept for tshark's flag). */
  enabledHeuristics?: readonly string[];
}

export interface ProtocolChoice {
  /** Filter name (`http`). */
  name: string;
  /** Full name (`Hypertext Transfer Protocol`). */
  description: string;
  /** False for Data, which cannot be switched off. */
  toggle: boolean;
  /** Its heuristics: where each looks (`tcp`) and its short name. */
  heuristics: { name: string; table: string; description: string }[];
}

const DATA = 'data';

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function protocolSpecs(name: string): ProtocolSpec[] {
  const out: ProtocolSpec[] = [];
  for (const s of allProtocols()) if (s.proto.abbrev === name) out.push(s);
  return out;
}

function heuristicEntries(): HeuristicEntry[] {
  const out: HeuristicEntry[] = [];
  for (const t of allHeuristicTables().values()) out.push(...t.list);
  return out;
}

/** Every protocol that can be named, with its heuristics, by filter name. */
export function protocolChoices(): ProtocolChoice[] {
  const seen = new Map<string, ProtocolChoice>();
  for (const s of allProtocols()) {
    let c = seen.get(s.proto.abbrev);
    if (!c) {
      c = { name: s.proto.abbrev, description: s.proto.name, toggle: s.proto.abbrev !== DATA, heuristics: [] };
      seen.set(c.name, c);
    }
  }
  for (const [table, t] of allHeuristicTables()) {
    for (const h of t.list) {
      const c = seen.get(h.spec.proto.abbrev);
      if (c && !c.heuristics.some((x) => x.name === h.name)) c.heuristics.push({ name: h.name, table, description: `${h.spec.proto.short} over ${table.toUpperCase()}` });
    }
  }
  return [...seen.values()].sort(byName);
}

/** The short names of every heuristic. */
export function heuristicNames(): string[] {
  return [...new Set(heuristicEntries().map((h) => h.name))].sort();
}

/**
 * A refusal (tshark's message, for the CLI's one line) and warnings (names let through that do
 * nothing): an unknown heuristic is refused, an unknown protocol or Data only warned about.
 */
export function checkEnabledProtocols(p: EnabledProtocols): { error?: string; warnings: string[] } {
  const warnings: string[] = [];
  const heur = new Set(heuristicNames());
  for (const n of p.disabledHeuristics ?? []) if (!heur.has(n)) return { error: `No such protocol ${n}, can't disable`, warnings };
  for (const n of p.enabledHeuristics ?? []) if (!heur.has(n)) return { error: `No such protocol ${n}, can't enable`, warnings };
  for (const n of p.disabled ?? []) {
    if (n === DATA) warnings.push(`"${n}" cannot be disabled`);
    else if (protocolSpecs(n).length === 0) warnings.push(`no protocol named "${n}" to disable (names are filter names, as "tcp" or "http")`);
  }
  return { warnings };
}

/** The capture's DisabledSet, or null when nothing is switched off (unknown names are skipped). */
export function compileEnabledProtocols(p: EnabledProtocols | undefined): DisabledSet | null {
  if (!p) return null;
  const protocols = new Set<ProtocolSpec>();
  for (const n of p.disabled ?? []) if (n !== DATA) for (const s of protocolSpecs(n)) protocols.add(s);
  const off = new Set(p.disabledHeuristics ?? []);
  const heuristics = new Set(heuristicEntries().filter((h) => off.has(h.name)));
  if (protocols.size === 0 && heuristics.size === 0) return null;
  return { protocols, heuristics, data: protocolSpecs(DATA)[0] ?? null };
}

/** Whether `p` switches anything off (what a session or the CLI need to carry). */
export function switchesOff(p: EnabledProtocols | undefined): boolean {
  return !!p && ((p.disabled?.length ?? 0) > 0 || (p.disabledHeuristics?.length ?? 0) > 0);
}

/**
 * Decode As (Wireshark's Analyze › Decode As…): the entries the user chose, remembered between
 * runs and sent with every open (the engine's openFile / openSample / startCapture take them),
 * and the entry the dialog proposes for the selected packet. Pure functions.
 */
import type { DecodeAsEntry, DecodeAsTableChoice, TreeNode } from '../../../electron/api/contract.js';
import { loadSetting, saveSetting } from '../../shell/settings.js';

/** Most entries (the engine's limit). */
export const MAX_DECODE_AS = 64;
const NAME = /^[a-z][a-z0-9._-]{0,63}$/;

function isEntry(v: unknown): v is DecodeAsEntry {
  if (!v || typeof v !== 'object') return false;
  const { table, from, to, proto } = v as Record<string, unknown>;
  return typeof table === 'string' && NAME.test(table) && typeof proto === 'string' && NAME.test(proto) &&
    Number.isInteger(from) && Number.isInteger(to) && (from as number) >= 0 && (from as number) <= (to as number) && (to as number) <= 0xffff;
}

/** The remembered entries (anything malformed is dropped). */
export function loadDecodeAs(storage: Storage | null): DecodeAsEntry[] {
  const v = loadSetting<unknown[]>(storage, 'decodeAs', null, []);
  return v.filter(isEntry).slice(0, MAX_DECODE_AS).map((e) => ({ table: e.table, from: e.from, to: e.to, proto: e.proto }));
}

export function saveDecodeAs(storage: Storage | null, entries: readonly DecodeAsEntry[]): void {
  saveSetting(storage, 'decodeAs', entries);
}

/** "5300" or "5300-5310", as the dialog's Value field shows and reads keys. */
export function keysText(e: Pick<DecodeAsEntry, 'from' | 'to'>): string {
  return e.from === e.to ? String(e.from) : `${e.from}-${e.to}`;
}

/** `tcp.port==8888,http`: the entry as tshark's -d writes it. */
export function entryText(e: DecodeAsEntry): string {
  return `${e.table}==${keysText(e)},${e.proto}`;
}

/** The keys of a Value field ("5300", "0x0800", "5300-5310"), or null when it is not a number or range within 0..max. */
export function parseKeys(text: string, max: number): { from: number; to: number } | null {
  const m = /^\s*(0x[0-9a-f]+|\d+)\s*(?:-\s*(0x[0-9a-f]+|\d+)\s*)?$/i.exec(text);
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2] !== undefined ? Number(m[2]) : from;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from > to || to > max) return null;
  return { from, to };
}

/** The largest key of a table (ports and EtherTypes: 16 bits; IP protocols: 8). */
export function keyMax(table: string): number {
  return table === 'ip.proto' ? 0xff : 0xffff;
}

function findField(nodes: readonly TreeNode[], field: string): TreeNode | undefined {
  for (const n of nodes) {
    if (n.field === field) return n;
    const c = n.children ? findField(n.children, field) : undefined;
    if (c) return c;
  }
  return undefined;
}

function numberOf(n: TreeNode | undefined): number | undefined {
  if (!n?.filterValue) return undefined;
  const v = Number(n.filterValue);
  return Number.isInteger(v) && v >= 0 ? v : undefined;
}

/**
 * What the dialog proposes for the selected packet, as Wireshark's does: its transport's ports
 * (the lower one, which the port tables try first) and the protocol now shown for them, or its
 * EtherType. Null when there is no packet or nothing to change in it.
 */
export function proposal(tree: readonly TreeNode[], choices: readonly DecodeAsTableChoice[]): { table: string; values: number[]; proto: string } | null {
  const has = (t: string) => choices.some((c) => c.name === t);
  for (const proto of ['tcp', 'udp'] as const) {
    const src = numberOf(findField(tree, `${proto}.srcport`));
    const dst = numberOf(findField(tree, `${proto}.dstport`));
    if (src === undefined || dst === undefined || !has(`${proto}.port`)) continue;
    const values = src === dst ? [src] : [Math.min(src, dst), Math.max(src, dst)];
    return { table: `${proto}.port`, values, proto: shownProtocol(tree, `${proto}.port`, choices) };
  }
  const et = numberOf(findField(tree, 'eth.type'));
  if (et !== undefined && has('ethertype')) return { table: 'ethertype', values: [et], proto: shownProtocol(tree, 'ethertype', choices) };
  return null;
}

/** The top protocol of the packet that the table may choose (what the packet is decoded as now), else "data". */
function shownProtocol(tree: readonly TreeNode[], table: string, choices: readonly DecodeAsTableChoice[]): string {
  const allowed = new Set(choices.find((c) => c.name === table)?.protocols.map((p) => p.name) ?? []);
  for (let i = tree.length - 1; i >= 0; i--) if (allowed.has(tree[i]!.field)) return tree[i]!.field;
  return 'data';
}

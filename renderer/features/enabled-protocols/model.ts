/**
 * Enabled protocols (Wireshark's Analyze › Enabled Protocols…): the protocols and heuristics the
 * user switched off, remembered between runs and sent with every open (the engine's openFile /
 * openSample / startCapture take them), and what the dialog shows of them. Pure functions.
 */
import type { EnabledProtocols, ProtocolChoice } from '../../../electron/api/contract.js';
import { loadSetting, saveSetting } from '../../shell/settings.js';

/** Most names of each kind (the engine's limit). */
export const MAX_DISABLED = 256;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const names = (v: unknown): string[] => (Array.isArray(v) ? [...new Set(v.filter((n): n is string => typeof n === 'string' && NAME.test(n)))].slice(0, MAX_DISABLED) : []);

/** The remembered choice (anything malformed is dropped). */
export function loadEnabledProtocols(storage: Storage | null): Required<EnabledProtocols> {
  const v = loadSetting<Record<string, unknown>>(storage, 'enabledProtocols', null, {});
  return { disabled: names(v?.disabled), disabledHeuristics: names(v?.disabledHeuristics) };
}

export function saveEnabledProtocols(storage: Storage | null, p: Required<EnabledProtocols>): void {
  saveSetting(storage, 'enabledProtocols', p);
}

/** How many things are switched off. */
export function disabledCount(p: Required<EnabledProtocols>): number {
  return p.disabled.length + p.disabledHeuristics.length;
}

/** The choice as tshark's flags would write it ("--disable-protocol http --disable-heuristic dns_udp"). */
export function flagsText(p: Required<EnabledProtocols>): string {
  return [...p.disabled.map((n) => `--disable-protocol ${n}`), ...p.disabledHeuristics.map((n) => `--disable-heuristic ${n}`)].join(' ');
}

/** Only names the engine offers (a remembered one it no longer knows would make every open fail). */
export function knownOnly(p: Required<EnabledProtocols>, choices: readonly ProtocolChoice[]): Required<EnabledProtocols> {
  const protos = new Set(choices.filter((c) => c.toggle).map((c) => c.name));
  const heur = new Set(choices.flatMap((c) => c.heuristics.map((h) => h.name)));
  return { disabled: p.disabled.filter((n) => protos.has(n)), disabledHeuristics: p.disabledHeuristics.filter((n) => heur.has(n)) };
}

/** The protocols whose name or description holds `text` (case folded), or one of whose heuristics does. */
export function matching(choices: readonly ProtocolChoice[], text: string): ProtocolChoice[] {
  const q = text.trim().toLowerCase();
  if (!q) return [...choices];
  return choices.filter((c) => c.name.toLowerCase().includes(q) || c.description.toLowerCase().includes(q) || c.heuristics.some((h) => h.name.includes(q) || h.description.toLowerCase().includes(q)));
}

/** `list` with `name` in it or not, in sorted order. */
export function toggled(list: readonly string[], name: string, on: boolean): string[] {
  const s = new Set(list);
  if (on) s.add(name);
  else s.delete(name);
  return [...s].sort();
}

/**
 * Wireshark's default coloring rules as the packet list paints them: background and foreground of
 * each rule, by the rule name the engine puts in Row.color: the engine's own table
 * (dissectors/filter/coloring-rules.ts, Wireshark's `colorfilters`), written here as CSS colours.
 */
import { COLORING_RULES } from '../../../dissectors/filter/coloring-rules.js';

export interface RowColors {
  bg: string;
  fg: string;
}

function rgb16([r, g, b]: readonly [number, number, number]): string {
  const h = (v: number) => Math.round(v / 257).toString(16).padStart(2, '0');
  return `#${h(r)}${h(g)}${h(b)}`;
}

/** In Wireshark's order (the first matching rule wins, in the engine). */
export const COLOR_RULES: readonly { name: string; colors: RowColors }[] = COLORING_RULES.map((r) => ({
  name: r.name,
  colors: { bg: rgb16(r.bg), fg: rgb16(r.fg) },
}));

const BY_NAME = new Map(COLOR_RULES.map((r) => [r.name, r.colors]));

export function rowColors(rule: string): RowColors | undefined {
  return rule ? BY_NAME.get(rule) : undefined;
}

/** i18n key of a rule's name in the legend ("color.TCP SYN/FIN" is awkward as a key). */
export function ruleKey(name: string): string {
  return 'coloring.' + name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

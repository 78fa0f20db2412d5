/**
 * Wireshark's default coloring rules (the data is in coloring-rules.ts), compiled once for the
 * engine, which names the first matching rule of each packet in the packet list's rows.
 */
import { COLORING_RULES } from './coloring-rules.js';
import { compileFilter, type DisplayFilter } from './index.js';

export interface CompiledColoringRule {
  name: string;
  filter: DisplayFilter;
}

let compiled: CompiledColoringRule[] | null = null;

/**
 * The rules that can match, compiled once (in order). A rule that does not compile is a bug in
 * this table: it throws, and the test of this table catches it.
 */
export function coloringRules(): readonly CompiledColoringRule[] {
  if (compiled) return compiled;
  const out: CompiledColoringRule[] = [];
  for (const r of COLORING_RULES) {
    if (r.filter === null) continue;
    const c = compileFilter(r.filter);
    if (!c.ok) throw new Error(`coloring rule "${r.name}": ${c.error.message}`);
    out.push({ name: r.name, filter: c.filter });
  }
  compiled = out;
  return out;
}

/**
 * Expert Info, the pure part: the engine's rows grouped by severity (most severe first), then by
 * group (Sequence, Malformed, Protocol …), each level with its total count.
 */
import type { ExpertRow, Severity } from '../../../electron/api/contract.js';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note', 'chat'];

export interface ExpertGroup {
  group: string;
  count: number;
  items: ExpertRow[];
}

export interface ExpertSeverity {
  severity: Severity;
  count: number;
  groups: ExpertGroup[];
}

/** Rows by severity, then group (largest count first, then name); items by count, then summary. */
export function groupExpert(rows: readonly ExpertRow[]): ExpertSeverity[] {
  return SEVERITIES.map((severity) => {
    const mine = rows.filter((r) => r.severity === severity);
    const names = [...new Set(mine.map((r) => r.group))];
    const groups = names.map((group) => {
      const items = mine.filter((r) => r.group === group).sort((a, b) => b.count - a.count || a.summary.localeCompare(b.summary));
      return { group, count: items.reduce((n, r) => n + r.count, 0), items };
    });
    groups.sort((a, b) => b.count - a.count || a.group.localeCompare(b.group));
    return { severity, count: groups.reduce((n, g) => n + g.count, 0), groups };
  }).filter((s) => s.count > 0);
}

/** Totals per severity (for the tab badge). */
export function severityTotals(rows: readonly ExpertRow[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, note: 0, chat: 0 };
  for (const r of rows) out[r.severity] += r.count;
  return out;
}

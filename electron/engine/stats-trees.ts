/**
 * Statistics › HTTP › Packet Counter / Requests, Packet Lengths, IP Protocol Types (Wireshark's
 * stats trees, dissectors/stats/tree-stats.ts): every packet of the session dissected as the
 * packet details show it, in slices (sliced.ts), counted by the tree — only those a display filter
 * matches when one is given, as tshark's `-z <name>,tree,<filter>` — and laid out as rows in
 * tshark's order with its columns.
 */
import type { StatsTreeResult } from '../api/contract.js';
import { compileFilter } from '../../dissectors/filter/index.js';
import { STATS_TREE_COLUMNS, statsTreeRows } from '../../dissectors/stats/stats-tree.js';
import { TREE_STATS } from '../../dissectors/stats/tree-stats.js';
import { EngineError } from './errors.js';
import type { Session } from './session.js';
import { forEachSliced } from './sliced.js';

export async function statsTree(s: Session, name: string, filterText = ''): Promise<StatsTreeResult> {
  const make = TREE_STATS.get(name);
  if (!make) throw new EngineError('bad-request', `statsTree: no stats tree "${name}" (there are ${[...TREE_STATS.keys()].join(', ')})`);
  let filter = null;
  if (filterText.trim()) {
    const r = compileFilter(filterText);
    if (!r.ok) throw new EngineError('bad-request', `statsTree: ${r.error.message}`);
    filter = r.filter.empty ? null : r.filter;
  }
  const t = make();
  await forEachSliced(s, 'statsTree', s.count, (i) => {
    const pi = s.details(i);
    if (filter && !filter.matches(pi.tree, pi)) return;
    t.add(pi);
  });
  return { title: t.tree.path, columns: [...STATS_TREE_COLUMNS], rows: statsTreeRows(t.tree) };
}

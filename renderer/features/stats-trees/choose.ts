/**
 * Which stats tree the Stats trees view shows: the menus (Statistics › HTTP › Packet Counter …)
 * choose one; the view takes the choice when it mounts and as it changes.
 */
export const STATS_TREES = ['http', 'http_req', 'http_srv', 'dns', 'plen', 'ptype', 'ip_hosts', 'ip_srcdst', 'dests', 'ipv6_ptype', 'ipv6_hosts', 'ipv6_srcdst', 'ipv6_dests'] as const;
export type StatsTreeName = (typeof STATS_TREES)[number];

let chosen: StatsTreeName = 'http';
const listeners = new Set<(n: StatsTreeName) => void>();

export function chooseStatsTree(n: StatsTreeName): void {
  chosen = n;
  for (const l of [...listeners]) l(n);
}

export function chosenStatsTree(): StatsTreeName {
  return chosen;
}

/** Listens for choices; returns the unsubscribe function. */
export function onChooseStatsTree(l: (n: StatsTreeName) => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

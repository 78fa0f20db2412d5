/**
 * The mount point for the analysis views (handshake ladder, stream graphs, I/O graph, flow graph, follow stream,
 * conversations, protocol hierarchy, stats trees, HTTP objects, resolved addresses, credentials, expert info). The main window shows them as tabs of its bottom panel. Each view
 * is the default export (or the export named `View`) of renderer/features/<name>/index.tsx and
 * receives these props;
 * it talks to the engine only through `api`, and drives the rest of the window only through the
 * callbacks. A view's strings live in the `analysis` i18n namespace.
 */
import type { Row, SessionApi, SessionInfo, SessionStatus } from '../../electron/api/contract.js';

export interface AnalysisViewProps {
  api: SessionApi;
  /** The open session (a file or a live capture). */
  session: SessionInfo;
  /** Its latest status (changes while indexing or capturing). */
  status: SessionStatus | null;
  /** The packet selected in the grid, if any (its tcpStream / udpStream pick the connection). */
  selected: Row | null;
  /** Select a packet in the grid (scrolls to it and shows its tree and bytes). */
  selectPacket(no: number): void;
  /** Apply a display filter to the grid (e.g. a conversation's filter). */
  applyFilter(filter: string): void;
  /** Changes when the name resolution switches change (a view that shows names asks again). */
  namesVersion?: number;
}

/** The views, in tab order, by folder name under renderer/features/. */
export const ANALYSIS_VIEWS = ['handshake', 'stream-graph', 'io-graph', 'flow-graph', 'follow', 'conversations', 'protocol-hierarchy', 'stats-trees', 'export-objects', 'resolved-addresses', 'credentials', 'expert'] as const;
export type AnalysisViewName = (typeof ANALYSIS_VIEWS)[number];

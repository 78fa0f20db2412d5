/**
 * Navigation between the analysis views: "follow", "open handshake view" and "stream graph" from
 * a conversation row, "open handshake view" from the live connections table. The asking view
 * publishes the request; the Follow, Handshake and Stream graph views take the stream from it, and
 * the main window may switch its bottom-panel tab to the view named (subscribe with onOpenAnalysis).
 */
export interface OpenRequest {
  view: 'handshake' | 'follow' | 'stream-graph';
  /** 'http': Follow HTTP Stream of TCP stream `stream` (the Follow view only). */
  proto: 'tcp' | 'udp' | 'http';
  stream: number;
}

type Listener = (r: OpenRequest) => void;

const listeners = new Set<Listener>();
let lastRequest: OpenRequest | null = null;

/** Asks for a view to show a stream. */
export function openAnalysis(r: OpenRequest): void {
  lastRequest = r;
  for (const l of [...listeners]) l(r);
}

/** Listens for requests; returns the unsubscribe function. */
export function onOpenAnalysis(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The latest request (a view mounted after it was made still picks it up). */
export function lastOpenRequest(): OpenRequest | null {
  return lastRequest;
}

/**
 * The connection a TCP view shows (the handshake view, the stream graphs): the stream asked for from
 * another view ("Handshake" / "Stream graph" on a conversation row), else the selected packet's
 * stream; fetched with the engine's `connection` call again as a live capture's status moves on.
 */
import { useEffect, useState } from 'react';
import type { ConnectionView } from '../../../electron/api/contract.js';
import type { AnalysisViewProps } from '../../shell/analysis-mount.js';
import { lastOpenRequest, onOpenAnalysis, type OpenRequest } from './navigate.js';
import { useCall, useRefreshKey, type CallState } from './use-call.js';

export function useConnection(view: OpenRequest['view'], { api, session, status, selected }: AnalysisViewProps): { stream: number | null; call: CallState<ConnectionView> } {
  const [asked, setAsked] = useState<number | null>(() => {
    const r = lastOpenRequest();
    return r && r.view === view ? r.stream : null;
  });
  useEffect(() => onOpenAnalysis((r) => r.view === view && setAsked(r.stream)), [view]);
  // A newly selected packet of another stream takes over from an asked-for stream.
  const selStream = selected?.tcpStream ?? null;
  useEffect(() => {
    if (selStream !== null) setAsked((a) => (a === selStream ? a : null));
  }, [selStream]);
  const stream = asked ?? selStream;
  const refresh = useRefreshKey(status);
  const key = stream === null ? null : `${session.id}/${stream}/${refresh}`;
  return { stream, call: useCall(api, 'connection', stream === null ? null : { session: session.id, stream }, key) };
}

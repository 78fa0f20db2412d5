/**
 * Packetloom's endpoint-state fields (Wireshark has none): the RFC 9293 state of the client and
 * the server after (and before) each segment, as dissectors/tcp/endpoint-states.ts infers them,
 * shown by the TCP stream tracker (tracker.ts) in an `[Endpoint states]` subtree under TCP.
 *
 *   tcp.state                 the subtree
 *   tcp.state.client          client state after this segment (TCP_STATES: "SYN-SENT", "ESTABLISHED" …)
 *   tcp.state.server          server state after this segment
 *   tcp.state.client_before   client state before it
 *   tcp.state.server_before   server state before it
 *   tcp.state.transition      "client SYN-SENT → ESTABLISHED, server stays LISTEN"
 *   tcp.state.inferred        some state of the stream so far was inferred, not seen (missing handshake, SYN or FIN)
 *   tcp.state.role_heuristic  client and server were guessed from the ports (no SYN opened the stream)
 */
import { defineField } from '../core/fields.js';
import { TCP_STATES } from './endpoint-states.js';

export const hfState = defineField('tcp.state', 'Endpoint states', 'none', { blurb: 'RFC 9293 states of both endpoints (Packetloom)' });
export const hfStateClient = defineField('tcp.state.client', 'Client state', 'string', { blurb: 'State of the client after this segment' });
export const hfStateServer = defineField('tcp.state.server', 'Server state', 'string', { blurb: 'State of the server after this segment' });
export const hfStateClientBefore = defineField('tcp.state.client_before', 'Client state before', 'string', { blurb: 'State of the client before this segment' });
export const hfStateServerBefore = defineField('tcp.state.server_before', 'Server state before', 'string', { blurb: 'State of the server before this segment' });
export const hfStateTransition = defineField('tcp.state.transition', 'Transition', 'string', { blurb: 'What this segment changed' });
export const hfStateInferred = defineField('tcp.state.inferred', 'Inferred', 'boolean', {
  tfs: ['True', 'False'], blurb: 'A state of this stream was inferred (a handshake, SYN or FIN was not captured)',
});
export const hfStateRoleHeuristic = defineField('tcp.state.role_heuristic', 'Roles guessed from the ports', 'boolean', {
  tfs: ['True', 'False'], blurb: 'No SYN or SYN-ACK opened the stream: client and server were guessed',
});

/** `client SYN-SENT → ESTABLISHED, server stays LISTEN` (state indexes into TCP_STATES). */
export function transitionWords(clientBefore: number, clientAfter: number, serverBefore: number, serverAfter: number): string {
  const side = (who: string, b: number, a: number): string =>
    b === a ? `${who} stays ${TCP_STATES[a]}` : `${who} ${TCP_STATES[b]} \u2192 ${TCP_STATES[a]}`;
  return `${side('client', clientBefore, clientAfter)}, ${side('server', serverBefore, serverAfter)}`;
}

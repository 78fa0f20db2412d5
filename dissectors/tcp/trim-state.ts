/**
 * The end of a capture's first pass: the TCP and UDP conversation state that stays for revisits
 * and the connection tables (the analysis table, flows, summaries, endpoint states, keys,
 * addresses, desegmentation records, UDP's times), and the ICMP and ICMPv6 echo matches, grow by
 * 1.5× or 2× while the pass runs; this cuts every array to what is used. Call it once the pass is
 * over (a file session when indexing is done); calling it early only costs a regrowth.
 */
import type { CaptureContext } from '../core/pinfo.js';
import { proto as udpProto, trimUdpTimestamps } from '../protocols/udp.js';
import { proto as icmpProto, trimEchoState } from '../protocols/icmp.js';
import { proto as icmpv6Proto } from '../protocols/icmpv6.js';
import { trimUdpConversations } from '../udp/conversations.js';
import { releaseHttpState } from '../protocols/http.js';
import { releaseTcpDesegmentState, trimTcpDesegmentState } from './desegment.js';
import { tcpTracking } from './tracker.js';

export function trimConversationState(ctx: CaptureContext): void {
  tcpTracking(ctx).trim();
  trimTcpDesegmentState(ctx);
  trimUdpConversations(ctx, udpProto);
  trimUdpTimestamps(ctx, false);
  trimEchoState(ctx, icmpProto);
  trimEchoState(ctx, icmpv6Proto);
}

/**
 * The end of a capture's LAST pass (no packet comes any more: a file read to its end, a live
 * capture stopped, a pass stopped early): trims as trimConversationState does, and lets go of what
 * only a first pass reads — TCP's per-conversation analysis state, keys and half-open windows, the
 * desegmentation records, HTTP's per-stream pairing state, each UDP conversation's previous time:
 * on the 1M bench file some 33 bytes per packet (heap and typed arrays, measured in one thread). Revisits, rows, filters, connection
 * summaries and stream replays (which start a dissector of their own) read only what stays. A first
 * pass that went on afterwards would be a bug: TCP analysis throws.
 */
export function releaseFirstPassState(ctx: CaptureContext): void {
  trimConversationState(ctx);
  tcpTracking(ctx).releaseFirstPass();
  releaseTcpDesegmentState(ctx);
  releaseHttpState(ctx);
  trimUdpTimestamps(ctx, true);
}

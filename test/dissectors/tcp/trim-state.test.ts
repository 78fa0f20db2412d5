/**
 * trimConversationState (the end of a pass) cuts the TCP and UDP state to what is used: frames
 * dissected after it — more frames of the pass (a capture that goes on) and revisits — show exactly
 * what they show without it, and the connection summaries stay the same.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFields } from '../../../dissectors/output/fields.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { tcpConnections } from '../../../dissectors/tcp/tracker.js';
import { trimConversationState } from '../../../dissectors/tcp/trim-state.js';
import { fileFrames, type FrameInput } from '../../helpers/tcp-frames.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const OWN = fileURLToPath(new URL('../../../fixtures/own/', import.meta.url));

const FIELDS = [
  'tcp.stream', 'tcp.completeness', 'tcp.seq', 'tcp.ack', 'tcp.nxtseq', 'tcp.len', 'tcp.window_size', 'tcp.window_size_scalefactor',
  'tcp.time_relative', 'tcp.time_delta', 'tcp.analysis.flags', 'tcp.analysis.acks_frame', 'tcp.analysis.ack_rtt',
  'tcp.analysis.initial_rtt', 'tcp.analysis.bytes_in_flight', 'tcp.analysis.push_bytes_sent', 'tcp.analysis.retransmission',
  'tcp.analysis.duplicate_ack_num', 'tcp.analysis.rto', 'tcp.state.client', 'tcp.state.server', 'tcp.state.transition',
  'tcp.reassembled_in', 'tcp.segment', 'udp.stream', 'http.request.method', 'dns.qry.name',
];

function meta(f: FrameInput, num: number) {
  return { num, tsSec: f.tsSec, tsNsec: f.tsNsec, hasTs: true, linkType: f.linkType ?? 1, interfaceId: 0, origLen: f.origLen ?? f.data.length };
}

/** Every frame's fields: a first pass with full trees (trimmed after frame `trimAt`, and at the end), then every frame revisited. */
function run(frames: FrameInput[], trimAt: number) {
  const d = new CaptureDissector();
  const first: string[][][] = [];
  frames.forEach((f, i) => {
    first.push(extractFields(d.dissect(meta(f, i + 1), f.data, true).tree, FIELDS));
    if (i + 1 === trimAt) trimConversationState(d.ctx);
  });
  trimConversationState(d.ctx);
  d.pinfo.visited = true;
  const again = frames.map((f, i) => extractFields(d.dissect(meta(f, i + 1), f.data, true).tree, FIELDS));
  return { first, again, connections: tcpConnections(d.ctx) };
}

describe('trimConversationState', () => {
  const files = [
    CORPUS + 'arkime-wireshark-retrans.pcap', CORPUS + 'suricata-http-pipeline-files-with-gap.pcap', CORPUS + 'pcpp-one_tcp_stream.pcap',
    OWN + 'refused-and-reset.pcap', OWN + 'handshake-http.pcapng',
  ];
  for (const path of files) {
    it(`changes nothing shown: ${path.slice(path.lastIndexOf('/') + 1)}`, () => {
      const frames = fileFrames(path);
      const plain = run(frames, -1);
      const trimmed = run(frames, Math.floor(frames.length / 2));
      expect(trimmed.first).toEqual(plain.first);
      // Revisits (no desegmentation then) the same as without trimming.
      expect(trimmed.again).toEqual(plain.again);
      expect(trimmed.connections).toEqual(plain.connections);
    });
  }
});

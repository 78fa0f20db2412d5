/**
 * trimConversationState (the end of a pass) cuts the TCP and UDP state to what is used: frames
 * dissected after it — more frames of the pass (a capture that goes on) and revisits — show exactly
 * what they show without it, and the connection summaries stay the same.
 *
 * releaseFirstPassState (the end of the last pass) also lets go of what only a first pass reads:
 * every frame of every capture we have, dissected again, shows the same tree, Info and Protocol
 * as without it, and a first pass that tried to go on afterwards fails loudly.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFields } from '../../../dissectors/output/fields.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { tcpConnections } from '../../../dissectors/tcp/tracker.js';
import { packetJson } from '../../../dissectors/output/json.js';
import { releaseFirstPassState, trimConversationState } from '../../../dissectors/tcp/trim-state.js';
import { fileFrames, type FrameInput } from '../../helpers/tcp-frames.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const OWN = fileURLToPath(new URL('../../../fixtures/own/', import.meta.url));

const FIELDS = [
  'tcp.stream', 'tcp.completeness', 'tcp.seq', 'tcp.ack', 'tcp.nxtseq', 'tcp.len', 'tcp.window_size', 'tcp.window_size_scalefactor',
  'tcp.time_relative', 'tcp.time_delta', 'tcp.analysis.flags', 'tcp.analysis.acks_frame', 'tcp.analysis.ack_rtt',
  'tcp.analysis.initial_rtt', 'tcp.analysis.bytes_in_flight', 'tcp.analysis.push_bytes_sent', 'tcp.analysis.retransmission',
  'tcp.analysis.duplicate_ack_num', 'tcp.analysis.rto', 'tcp.state.client', 'tcp.state.server', 'tcp.state.transition',
  'tcp.reassembled_in', 'tcp.segment', 'udp.stream', 'udp.time_relative', 'udp.time_delta', 'http.request.method', 'dns.qry.name',
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

/** Every frame dissected again after a first pass, as -T json, Protocol and Info. */
function revisitAll(d: CaptureDissector, frames: FrameInput[]): string[] {
  d.pinfo.visited = true;
  return frames.map((f, i) => {
    const pi = d.dissect(meta(f, i + 1), f.data, true);
    return `${pi.protocol} | ${pi.info}\n${packetJson(pi.tree, f.tsSec)}`;
  });
}

describe('releaseFirstPassState', () => {
  const files = [
    ...readdirSync(CORPUS).filter((n) => /\.pcap(ng)?$/.test(n)).map((n) => CORPUS + n),
    ...readdirSync(OWN).filter((n) => /\.pcap(ng)?$/.test(n)).map((n) => OWN + n),
  ];
  it('has captures to check, with HTTP, desegmentation and a heuristic among them', () => {
    expect(files.length).toBeGreaterThan(60);
  });
  for (const path of files) {
    it(`changes nothing a frame dissected again shows: ${path.slice(path.lastIndexOf('/') + 1)}`, () => {
      const frames = fileFrames(path).slice(0, 3000);
      // Malformed packets of the corpus show as such (the catch on): both sides get the same frames.
      const kept = new CaptureDissector();
      const released = new CaptureDissector();
      for (const d of [kept, released]) frames.forEach((f, i) => d.dissect(meta(f, i + 1), f.data, false));
      trimConversationState(kept.ctx);
      releaseFirstPassState(released.ctx);
      expect(revisitAll(released, frames)).toEqual(revisitAll(kept, frames));
      expect(tcpConnections(released.ctx)).toEqual(tcpConnections(kept.ctx));
      // Twice: what the first revisit left is what the second one reads.
      expect(revisitAll(released, frames)).toEqual(revisitAll(kept, frames));
    });
  }

  it('a first pass that goes on after it fails loudly instead of numbering streams anew', () => {
    const frames = fileFrames(OWN + 'handshake-http.pcapng');
    const d = new CaptureDissector({ catchErrors: false });
    frames.forEach((f, i) => d.dissect(meta(f, i + 1), f.data, false));
    releaseFirstPassState(d.ctx);
    expect(() => frames.forEach((f, i) => d.dissect(meta(f, frames.length + i + 1), f.data, false))).toThrow(/after the capture's first pass was released/);
  });
});

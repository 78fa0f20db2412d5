/**
 * The index pass (CaptureDissector({ info: false }), read in place) must give every column but
 * Info exactly as the pass with Info does: dissectors skip building text when `pinfo.wantInfo` is
 * false or the tree is the null tree, and that must change nothing else (Protocol, addresses,
 * ports, frame.protocols, the expert counts, malformed). Every corpus file and our own captures,
 * packet by packet; and a full-tree revisit after an index pass still works.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFields } from '../../dissectors/output/fields.js';
import { CaptureDissector } from '../../dissectors/packet.js';
import type { FrameMeta, PacketInfo } from '../../dissectors/core/pinfo.js';
import { readCaptureFile } from '../../electron/engine/read-capture.js';
import { setFrameMeta } from '../../dissectors/capture/frame-meta.js';
import { runTsharkFields } from '../helpers/tshark-tcp-input.js';

const DIRS = ['../../fixtures/corpus/', '../../fixtures/own/'].map((d) => fileURLToPath(new URL(d, import.meta.url)));

function files(): string[] {
  const out: string[] = [];
  for (const d of DIRS) for (const f of readdirSync(d).sort()) if (f.endsWith('.pcap') || f.endsWith('.pcapng')) out.push(join(d, f));
  return out;
}

/** Everything of a packet's summary but Info. */
function columns(pi: PacketInfo, base: number): string {
  return [
    pi.protocol, pi.srcText(), pi.dstText(), pi.srcPort, pi.dstPort, pi.dlSrcOff < 0 ? -1 : pi.dlSrcOff - base, pi.dlDstOff < 0 ? -1 : pi.dlDstOff - base,
    Array.from(pi.layers.subarray(0, pi.layerCount)).join('.'), pi.expertMax, Array.from(pi.expertCounts).join('.'), pi.malformed,
  ].join('|');
}

function pass(path: string, info: boolean, inPlace: boolean): string[] {
  const d = new CaptureDissector({ info });
  const out: string[] = [];
  const meta: FrameMeta = { num: 0, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 0, interfaceId: 0, origLen: 0 };
  readCaptureFile(path, (rec, m, bytes) => {
    setFrameMeta(meta, rec, m);
    const pi = inPlace ? d.dissect(meta, bytes.buf, false, bytes.start, bytes.end) : d.dissect(meta, bytes.buf.slice(bytes.start, bytes.end));
    if (!info) expect(pi.info).toBe('');
    out.push(columns(pi, inPlace ? bytes.start : 0));
  }, undefined, { views: !inPlace });
  return out;
}

describe('index pass (Info off, in place) = summary pass with Info, but Info', () => {
  for (const f of files()) {
    it(f.split('/').slice(-2).join('/'), () => {
      const withInfo = pass(f, true, false);
      const index = pass(f, false, true);
      expect(index.length).toBe(withInfo.length);
      for (let i = 0; i < index.length; i++) {
        if (index[i] !== withInfo[i]) expect(`frame ${i + 1}: ${index[i]}`).toBe(`frame ${i + 1}: ${withInfo[i]}`);
      }
    });
  }
});

describe('revisits after an in-place index pass show what tshark -2 shows (HTTP pairing)', () => {
  const HTTP_FIELDS = ['http.request_in', 'http.response_in', 'http.prev_request_in', 'http.prev_response_in', 'http.next_request_in', 'http.request_number', 'http.response_number', 'http.response_for.uri', 'tcp.stream'];
  const corpus = DIRS[0]!;
  for (const name of ['zeek-http-pipelined-requests.pcap', 'pcpp-http-packets2.pcap']) {
    it(name, () => {
      const path = join(corpus, name);
      const frames: { meta: FrameMeta; data: Uint8Array }[] = [];
      readCaptureFile(path, (rec) => {
        frames.push({ meta: { num: rec.num, tsSec: rec.tsSec, tsNsec: rec.tsNsec, hasTs: rec.hasTs, linkType: rec.linkType, interfaceId: rec.interfaceId, origLen: rec.origLen }, data: rec.data.slice() });
      });
      // Reference: tshark's second pass. (Frames whose message is reassembled from several segments
      // are left out: a revisit does not desegment, see dissectors/tcp/desegment.ts; the engine
      // shows them through a replay, electron/engine/stream-replay.ts.)
      const ref = new CaptureDissector();
      const reassembled = new Set<number>();
      frames.forEach((f, i) => {
        const tree = ref.dissect({ ...f.meta }, f.data, true).tree;
        if (extractFields(tree, ['tcp.segment.count'])[0]!.length) reassembled.add(i);
      });
      const want = runTsharkFields(path, HTTP_FIELDS, true).map((cells) => cells.join('|'));
      expect(want.filter((w, i) => !reassembled.has(i) && /^\d/.test(w)).length).toBeGreaterThan(0);
      // The index pass in place in the reader's chunks, then every frame again (full tree, in a view of its own), backwards.
      const d = new CaptureDissector({ info: false });
      const meta: FrameMeta = { num: 0, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 0, interfaceId: 0, origLen: 0 };
      readCaptureFile(path, (rec, _m, bytes) => {
        Object.assign(meta, { num: rec.num, tsSec: rec.tsSec, tsNsec: rec.tsNsec, hasTs: rec.hasTs, linkType: rec.linkType, interfaceId: rec.interfaceId, origLen: rec.origLen, relSec: undefined });
        d.dissect(meta, bytes.buf, false, bytes.start, bytes.end);
      }, undefined, { views: false });
      d.pinfo.visited = true;
      d.pinfo.wantInfo = true;
      for (let i = frames.length - 1; i >= 0; i--) {
        if (reassembled.has(i)) continue;
        const got = extractFields(d.dissect({ ...frames[i]!.meta }, frames[i]!.data, true).tree, HTTP_FIELDS).map((v) => v.join(',')).join('|');
        expect(`frame ${i + 1}: ${got}`).toBe(`frame ${i + 1}: ${want[i]}`);
      }
    });
  }
});

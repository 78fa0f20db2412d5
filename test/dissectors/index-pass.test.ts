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
import { CaptureDissector } from '../../dissectors/packet.js';
import type { FrameMeta, PacketInfo } from '../../dissectors/core/pinfo.js';
import { readCaptureFile } from '../../electron/engine/read-capture.js';

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
  readCaptureFile(path, (rec, _m, bytes) => {
    meta.num = rec.num;
    meta.tsSec = rec.tsSec;
    meta.tsNsec = rec.tsNsec;
    meta.hasTs = rec.hasTs;
    meta.linkType = rec.linkType;
    meta.interfaceId = rec.interfaceId;
    meta.origLen = rec.origLen;
    meta.relSec = undefined;
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

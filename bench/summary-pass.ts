/**
 * The bench's summary/index pass (b, b' of bench.ts), shared with bench/profile.ts: reads a capture
 * in 1 MiB chunks and dissects every packet in place into a PacketIndex, as the engine's index does.
 */
import { statSync } from 'node:fs';
import { CaptureDissector } from '../dissectors/packet.js';
import { fieldByName } from '../dissectors/core/fields.js';
import type { FrameMeta } from '../dissectors/core/pinfo.js';
import { tcpConnections, tcpTracking } from '../dissectors/tcp/tracker.js';
import { PacketIndex } from '../electron/engine/packet-index.js';
import { readCaptureFile } from '../electron/engine/read-capture.js';
import { setFrameMeta } from '../dissectors/capture/frame-meta.js';


export interface SummaryResult {
  packets: number;
  malformed: number;
  index: PacketIndex;
  /** Bytes per packet before trim() (with the unused capacity). */
  untrimmedBpp: number;
  /** TCP segments the stream tracker analyzed (with endpoint states), and its streams. */
  tcpSegments: number;
  tcpStreams: number;
  /** Streams whose endpoint states ended ESTABLISHED or later (a sanity check that states ran). */
  tcpStatesSeen: number;
  /** Packets with a TCP header (counted only with `wantConnections`). */
  tcpPackets: number;
}

export function summaryPass(path: string, info: boolean, wantConnections = false): SummaryResult {
  const d = new CaptureDissector({ info });
  const index = PacketIndex.forFileSize(statSync(path).size);
  // One meta object for the whole pass (the reader reuses its record, and dissect() caches the
  // relative/delta times on the meta object when relSec is set, so it is cleared per packet).
  const meta: FrameMeta = { num: 0, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 0, interfaceId: 0, origLen: 0, relSec: undefined, relNsec: undefined, deltaSec: undefined, deltaNsec: undefined };
  let malformed = 0;
  let tcpPackets = 0;
  const TCP_ID = fieldByName('tcp')!.id;
  const r = readCaptureFile(path, (rec, m, bytes) => {
    setFrameMeta(meta, rec, m);
    // In place in the reader's chunk: no view per packet.
    const pi = d.dissect(meta, bytes.buf, false, bytes.start, bytes.end);
    if (pi.malformed) malformed++;
    if (wantConnections) {
      for (let i = 0; i < pi.layerCount; i++) {
        if (pi.layers[i] === TCP_ID) {
          tcpPackets++;
          break;
        }
      }
    }
    const top = pi.layerCount > 0 ? pi.layers[pi.layerCount - 1]! : 0;
    index.push(rec.dataOffset, rec.tsSec, rec.tsNsec, bytes.end - bytes.start, rec.origLen, rec.interfaceId, rec.linkType, top, pi.expertMax + 1, pi.malformed ? 1 : 0);
  }, undefined, { views: false });
  if (r.error) throw new Error(`${path}: ${r.error.message}`);
  const untrimmedBpp = index.bytesPerPacket;
  index.trim();
  const tr = tcpTracking(d.ctx);
  let tcpStreams = 0;
  let tcpStatesSeen = 0;
  if (wantConnections) {
    const conns = tcpConnections(d.ctx);
    tcpStreams = conns.length;
    for (const c of conns) if (c.client.state !== 'CLOSED' || c.server.state !== 'CLOSED') tcpStatesSeen++;
  }
  return { packets: index.count, malformed, index, untrimmedBpp, tcpSegments: tr.segments, tcpStreams, tcpStatesSeen, tcpPackets };
}


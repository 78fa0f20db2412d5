/**
 * Capture file properties, like `capinfos`: packets, first/last time, duration, data size and
 * rates, encapsulations, interfaces and comments.
 *
 *   const p = new CapturePropertiesCollector();
 *   for each record: p.add(rec);
 *   p.properties(path, fileSize, meta, error)   // CaptureProperties (electron/api/contract.ts)
 *
 * As capinfos counts them: data size is the sum of the captured lengths; average packet size is
 * data size / packets; rates are over the capture duration (last − first timestamp), 0 when it is 0.
 */
import type { CaptureProperties } from '../../electron/api/contract.js';
import { linkTypeName } from '../capture/linktypes.js';
import type { CaptureFileError, CaptureMeta } from '../capture/types.js';

/** What the collector needs of a record (a PacketRecord fits). */
export interface RecordFacts {
  tsSec: number;
  tsNsec: number;
  hasTs: boolean;
  linkType: number;
  data: { length: number };
  /** Captured length when `data` is not a view (readers with views off). */
  capLen?: number;
  comments?: readonly string[];
}

export class CapturePropertiesCollector {
  packets = 0;
  dataBytes = 0;
  private first: [number, number] | null = null;
  private last: [number, number] | null = null;
  private readonly linkTypes: number[] = [];

  add(rec: RecordFacts): void {
    this.packets++;
    this.dataBytes += rec.capLen ?? rec.data.length;
    if (!this.linkTypes.includes(rec.linkType)) this.linkTypes.push(rec.linkType);
    if (!rec.hasTs) return;
    const t: [number, number] = [rec.tsSec, rec.tsNsec];
    if (this.first === null || before(t, this.first)) this.first = t;
    if (this.last === null || before(this.last, t)) this.last = t;
  }

  properties(path: string, fileSize: number, meta: CaptureMeta, error: CaptureFileError | null = null): CaptureProperties {
    const firstTime = this.first ? this.first[0] + this.first[1] / 1e9 : null;
    const lastTime = this.last ? this.last[0] + this.last[1] / 1e9 : null;
    const duration = this.first && this.last ? this.last[0] - this.first[0] + (this.last[1] - this.first[1]) / 1e9 : 0;
    const comments: string[] = [];
    for (const s of meta.sections) comments.push(...s.comments);
    const encaps = this.linkTypes.length ? this.linkTypes : meta.interfaces.map((i) => i.linkType);
    const props: CaptureProperties = {
      path,
      format: meta.format,
      fileSize,
      encapsulations: [...new Set(encaps)].map(linkTypeName),
      packets: this.packets,
      firstTime,
      lastTime,
      duration,
      dataBytes: this.dataBytes,
      averagePacketSize: this.packets ? this.dataBytes / this.packets : 0,
      averageBytesPerSecond: duration > 0 ? this.dataBytes / duration : 0,
      averagePacketsPerSecond: duration > 0 ? this.packets / duration : 0,
      interfaces: meta.interfaces.map((i) => {
        const o: CaptureProperties['interfaces'][number] = { name: i.name ?? `interface ${i.id}`, linkType: linkTypeName(i.linkType), snapLen: i.snapLen };
        if (i.description !== undefined) o.description = i.description;
        if (i.filter !== undefined) o.filter = i.filter;
        return o;
      }),
      comments,
    };
    if (meta.format === 'pcap' && props.interfaces.length === 0 && this.linkTypes.length) {
      props.interfaces.push({ name: 'unknown', linkType: linkTypeName(this.linkTypes[0]!), snapLen: meta.snapLen ?? 0 });
    }
    if (error) props.truncated = error.message;
    return props;
  }
}

function before(a: [number, number], b: [number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

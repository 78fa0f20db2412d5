/**
 * A revisit (a packet dissected again with `visited`, as the app does when a packet is shown while
 * the file is still being indexed or captured) changes nothing that a later packet's first pass
 * reads: on every corpus capture and our own, a first pass in which every packet is revisited right
 * after it was dissected gives every packet the same protocol, Info and expert severity as a first
 * pass without revisits. (An HTTP request revisited while its message was still incomplete used to
 * leave its URI in the conversation: the next response's first pass then read "Continuation".)
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emptyFrameMeta, setFrameMeta } from '../../dissectors/capture/frame-meta.js';
import { CaptureDissector } from '../../dissectors/packet.js';
import { CaptureOpenError, readCaptureFile } from '../../electron/engine/read-capture.js';

const DIRS = ['../../fixtures/corpus/', '../../fixtures/own/'].map((d) => fileURLToPath(new URL(d, import.meta.url)));
const FILES = DIRS.flatMap((d) => readdirSync(d).sort().filter((f) => /\.pcap(ng)?$/.test(f)).map((f) => join(d, f)));

/** Protocol, Info and expert severity of every packet's first pass; `revisit`: each revisited right after. */
function firstPass(path: string, revisit: boolean): string[] {
  const d = new CaptureDissector({ catchErrors: true });
  const again = new CaptureDissector({ catchErrors: true });
  again.pinfo.ctx = d.ctx;
  again.pinfo.visited = true;
  const out: string[] = [];
  try {
    readCaptureFile(path, (rec, m) => {
      const meta = setFrameMeta(emptyFrameMeta(), rec, m);
      const pi = d.dissect(meta, rec.data, false);
      out.push(`${rec.num} ${pi.protocol} | ${pi.info} | ${pi.expertMax}`);
      if (revisit) again.dissect({ ...meta }, rec.data, true);
    });
  } catch (e) {
    if (!(e instanceof CaptureOpenError)) throw e;
  }
  return out;
}

describe('revisits leave the first pass alone', () => {
  let packets = 0;
  for (const f of FILES) {
    it(f.split('/').slice(-2).join('/'), () => {
      const plain = firstPass(f, false);
      expect(firstPass(f, true)).toEqual(plain);
      packets += plain.length;
    });
  }
  it('compared the packets of every file', () => {
    expect(packets).toBeGreaterThan(2500);
  });
});

/**
 * Every packet of every file in the test corpus (fixtures/corpus), read through the capture-file
 * engine (electron/engine/read-capture.ts) and copied out, with what the dissectors need to see it
 * again: link type, reported (on-the-wire) length, timestamp and interface.
 *
 * Loaded once per test worker and cached.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCaptureFile } from '../../electron/engine/read-capture.js';
import type { FrameInput } from './crash-checks.js';

export const CORPUS_DIR = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));

/** A corpus frame: its record's fields, with `data` a private copy of the captured bytes. */
export interface CorpusFrame extends FrameInput {
  /** Corpus file name (no directory). */
  file: string;
}

export interface CorpusFile {
  file: string;
  path: string;
  /** The whole file's bytes. */
  bytes: Uint8Array;
  frames: CorpusFrame[];
}

/** Corpus capture file names, sorted. */
export function corpusFileNames(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => /\.(pcap|pcapng|cap)$/i.test(f))
    .sort();
}

let cache: CorpusFile[] | null = null;

/** Every corpus file with its packets (cached). */
export function loadCorpus(): CorpusFile[] {
  if (cache) return cache;
  cache = corpusFileNames().map((file) => {
    const path = join(CORPUS_DIR, file);
    const bytes = new Uint8Array(readFileSync(path));
    const frames: CorpusFrame[] = [];
    readCaptureFile(path, (rec) => {
      frames.push({
        file,
        num: rec.num,
        linkType: rec.linkType,
        interfaceId: rec.interfaceId,
        tsSec: rec.tsSec,
        tsNsec: rec.tsNsec,
        hasTs: rec.hasTs,
        origLen: rec.origLen,
        data: rec.data.slice(),
      });
    });
    return { file, path, bytes, frames };
  });
  return cache;
}


/**
 * The TCP tree items the stream tracker writes, against `tshark -n -V` run on the spot (skipped
 * without tshark), for every TCP header of every corpus capture and of our own captures: the
 * stream index, conversation completeness, the relative sequence/ack labels, the calculated window
 * and its scaling factor, the expert items under the ACK number (TCP Fast Open's SYN-ACK verdicts), the
 * whole [Timestamps] and [SEQ/ACK analysis] subtrees (with their expert
 * items), and the FIN role expert items — line by line as -V prints them. Frames are paired in
 * order, leaving out the ones tshark shows and we deliberately do not (known-differences.ts).
 * Also the crafted conversations of crafted-scenarios.ts (one per analysis rule: zero windows,
 * keep-alives, window updates, port reuse, ICMP-quoted headers …) written as pcaps.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { treeLines } from '../../../dissectors/output/text.js';
import { isKnownDifference, tsharkOnlyFrames } from '../../corpus/known-differences.js';
import { fileFrames } from '../../helpers/tcp-frames.js';
import { craftPcap } from '../../helpers/tshark-tcp-input.js';
import { SCENARIOS } from './crafted-scenarios.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const OWN = fileURLToPath(new URL('../../../fixtures/own/', import.meta.url));

/** tshark -V, split into frames. */
function tsharkFrames(path: string): string[][] {
  const cfg = mkdtempSync(join(tmpdir(), 'tshark-cfg-'));
  try {
    const r = spawnSync('tshark', ['-n', '-r', path, '-V'], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, HOME: cfg, WIRESHARK_CONFIG_DIR: cfg } });
    const frames: string[][] = [];
    for (const l of r.stdout.split('\n')) {
      if (/^(Frame|PCAPNG Custom Block) \d+: /.test(l)) frames.push([]);
      frames[frames.length - 1]?.push(l);
    }
    return frames;
  } finally {
    rmSync(cfg, { recursive: true, force: true });
  }
}

const SINGLE = /^\s*\[?(Stream index|Conversation completeness|Sequence Number:|Next Sequence Number|Acknowledgment Number|Calculated window size|Window size scaling factor)/;
const BLOCK = /^\s*\[(Timestamps|SEQ\/ACK analysis)\]$/;
const ACK_ITEM = /^\s*Acknowledgment Number:/;
const FIN_ROLE = /This frame (initiates|undergoes) the connection closing/;

/** The tracker's lines of every TCP subtree of a frame's -V text. */
function trackerLines(lines: readonly string[], withTimes: boolean): string[] {
  const out: string[] = [];
  let tcp = -1; // indentation of the TCP subtree we are in
  let block = -1; // indentation of the block being copied
  let finExpert = -1;
  for (const l of lines) {
    const ind = l.length - l.trimStart().length;
    if (tcp >= 0 && ind <= tcp && l.trim() !== '') tcp = -1;
    if (tcp < 0) {
      if (l.trimStart().startsWith('Transmission Control Protocol')) tcp = ind;
      continue;
    }
    if (block >= 0) {
      if (ind > block) {
        if (withTimes || !/Time since|RTT|RTO for/.test(l)) out.push(l);
        continue;
      }
      block = -1;
    }
    if (finExpert >= 0) {
      if (ind > finExpert) { out.push(l); continue; }
      finExpert = -1;
    }
    // The ACK number with what hangs under it (TCP Fast Open's SYN-ACK verdicts, the nonzero ACK).
    if (BLOCK.test(l) || ACK_ITEM.test(l)) { block = ind; out.push(l); continue; }
    if (FIN_ROLE.test(l) && l.includes('Expert Info')) { finExpert = ind; out.push(l); continue; }
    if (SINGLE.test(l)) out.push(l);
  }
  return out;
}

const FILES = [
  ...readdirSync(CORPUS).filter((f) => /\.pcap(ng)?$/.test(f)).sort().map((f) => ({ dir: CORPUS, file: f })),
  ...readdirSync(OWN).filter((f) => /\.pcap(ng)?$/.test(f)).sort().map((f) => ({ dir: OWN, file: f })),
];

describe('TCP tracker items against tshark -V', () => {
  let frames = 0;
  let tcpFrames = 0;
  for (const { dir, file } of FILES) {
    it(file, () => {
      const theirs = tsharkFrames(dir + file);
      const skip = tsharkOnlyFrames(file);
      const paired = theirs.map((lines, i) => ({ num: i + 1, lines })).filter((f) => !skip.has(f.num));
      const ours = fileFrames(dir + file);
      expect(ours.length).toBe(paired.length);
      const d = new CaptureDissector();
      ours.forEach((f, i) => {
        const p = d.dissect({ num: i + 1, tsSec: f.tsSec, tsNsec: f.tsNsec, hasTs: true, linkType: f.linkType ?? 1, interfaceId: 0, origLen: f.origLen ?? f.data.length }, f.data, true);
        const t = paired[i]!;
        // The reader normalises invalid nanosecond fields, tshark prints them raw (known-differences.ts).
        const withTimes = !isKnownDifference(file, 'frame.time_epoch', t.num);
        const want = trackerLines(t.lines, withTimes);
        const got = trackerLines(treeLines(p.tree), withTimes);
        frames++;
        if (want.length) tcpFrames++;
        expect([t.num, got]).toEqual([t.num, want]);
      });
    });
  }
  describe('crafted scenarios', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-crafted-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    SCENARIOS.forEach((sc, k) => {
      it(sc.name, () => {
        const path = join(dir, `crafted-${k}.pcap`);
        writeFileSync(path, craftPcap(sc.segs));
        const theirs = tsharkFrames(path);
        const ours = fileFrames(path);
        expect(ours.length).toBe(theirs.length);
        const d = new CaptureDissector();
        ours.forEach((f, i) => {
          const p = d.dissect({ num: i + 1, tsSec: f.tsSec, tsNsec: f.tsNsec, hasTs: true, linkType: 1, interfaceId: 0, origLen: f.origLen ?? f.data.length }, f.data, true);
          expect([i + 1, trackerLines(treeLines(p.tree), true)]).toEqual([i + 1, trackerLines(theirs[i]!, true)]);
        });
      });
    });
  });

  it('covered every TCP header', () => {
    console.log(`TCP tracker items equal to tshark -V: ${tcpFrames} frames with TCP of ${frames}`);
    expect(tcpFrames).toBeGreaterThan(1700);
  });
});

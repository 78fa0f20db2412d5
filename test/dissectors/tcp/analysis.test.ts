/**
 * The TCP sequence analysis against tshark 4.0 on every TCP segment of the corpus, cell by cell:
 * the raw inputs come from tshark's field dump (fixtures/corpus/expected-extra/*.tcp.json, made
 * by fixtures/make-tcp-expected.sh), so this checks dissectors/tcp/analysis.ts on its own,
 * independent of the TCP dissector. Prints a per-field agreement table; fails on any
 * disagreement not listed in known-differences.ts.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TcpAnalyzer, TcpSegmentResult, type TcpSegmentInput } from '../../../dissectors/tcp/analysis.js';
import { TcpAnalysisTable } from '../../../dissectors/tcp/analysis-table.js';
import {
  OUT_FIELDS, corpusFiles, dumpPath, expectedCells, feedSegment, fieldIndex, loadTcpDump,
  resultCells, rowSegment, type OutField,
} from '../../helpers/tshark-tcp-input.js';
import { KNOWN_DIFFERENCES } from './known-differences.js';

interface Diff {
  file: string;
  frame: number;
  field: OutField;
  ours: string;
  tshark: string;
}

function runCorpus(): { agree: Map<OutField, [number, number]>; diffs: Diff[]; rows: number; roundTripErrors: string[] } {
  const agree = new Map<OutField, [number, number]>();
  for (const f of OUT_FIELDS) agree.set(f, [0, 0]);
  const diffs: Diff[] = [];
  const roundTripErrors: string[] = [];
  let rows = 0;
  for (const file of corpusFiles()) {
    const d = loadTcpDump(file);
    const idx = fieldIndex(d);
    const a = new TcpAnalyzer();
    const table = new TcpAnalysisTable();
    a.table = table;
    const ours: (Record<OutField, string> | null)[] = [];
    const inputs: (TcpSegmentInput | null)[] = [];
    const frames: number[] = [];
    for (const row of d.rows) {
      const seg = rowSegment(d, row, idx);
      const got = resultCells(seg ? feedSegment(a, seg) : null, seg?.quoted);
      inputs.push(seg ? a.input.cloneNumbers() : null);
      const want = expectedCells(d, row, idx);
      // A header too short to reach the conversation (e.g. 8 bytes quoted in an ICMP error)
      // never gets to the analyzer; the raw tcp.seq there is the TCP dissector's business.
      if (seg === null) got['tcp.seq'] = want['tcp.seq'];
      const frame = Number(row[idx.get('frame.number')!]);
      rows++;
      for (const f of OUT_FIELDS) {
        const cnt = agree.get(f)!;
        if (got[f] === want[f]) cnt[0]++;
        else {
          cnt[1]++;
          diffs.push({ file, frame, field: f, ours: got[f], tshark: want[f] });
        }
      }
      ours.push(seg ? got : null);
      frames.push(frame);
    }
    // What the table gives back for a later pass (from the raw numbers the header gives again) equals the first pass.
    const r = new TcpSegmentResult();
    ours.forEach((cells, i) => {
      const slot = table.rowOf(frames[i]!);
      if (cells === null) {
        if (slot !== -1) roundTripErrors.push(`${file} #${frames[i]}: stored although not analyzed`);
        return;
      }
      const back = resultCells(table.load(slot, inputs[i]!, r));
      for (const f of OUT_FIELDS) {
        if (back[f] !== cells[f]) roundTripErrors.push(`${file} #${frames[i]} ${f}: ${cells[f]} → ${back[f]}`);
      }
    });
  }
  return { agree, diffs, rows, roundTripErrors };
}

describe('TCP sequence analysis vs tshark 4.0 (corpus)', () => {
  it('has a cached tshark dump for every corpus capture', () => {
    const missing = corpusFiles().filter((f) => !existsSync(dumpPath(f)));
    expect(missing, 'run fixtures/make-tcp-expected.sh').toEqual([]);
  });

  it('agrees with tshark on every output field of every TCP segment', () => {
    const { agree, diffs, rows, roundTripErrors } = runCorpus();
    const known = new Map(KNOWN_DIFFERENCES.map((k) => [`${k.file}#${k.frame}#${k.field}`, k]));
    const unexplained = diffs.filter((d) => !known.has(`${d.file}#${d.frame}#${d.field}`));
    const seen = new Set(diffs.map((d) => `${d.file}#${d.frame}#${d.field}`));
    const stale = KNOWN_DIFFERENCES.filter((k) => !seen.has(`${k.file}#${k.frame}#${k.field}`));

    const lines = [`TCP analysis vs tshark: ${rows} TCP frames`, 'field'.padEnd(40) + 'agree   differ   %'];
    for (const [f, [ok, bad]] of agree) {
      const pct = ok + bad === 0 ? '-' : ((100 * ok) / (ok + bad)).toFixed(2);
      lines.push(f.padEnd(40) + String(ok).padStart(5) + String(bad).padStart(9) + '   ' + pct);
    }
    console.log(lines.join('\n'));
    if (unexplained.length) {
      console.log(unexplained.slice(0, 60).map((d) => `${d.file} #${d.frame} ${d.field}: ours ${JSON.stringify(d.ours)} tshark ${JSON.stringify(d.tshark)}`).join('\n'));
    }
    expect(roundTripErrors.slice(0, 20)).toEqual([]);
    expect(unexplained.length, 'disagreements not listed in known-differences.ts').toBe(0);
    expect(stale, 'known differences that no longer differ').toEqual([]);
  });
});

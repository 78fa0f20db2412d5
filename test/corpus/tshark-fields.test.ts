/**
 * The corpus against tshark, field by field: our `-T fields` output (run in-process through the
 * CLI's own code path, `main()`) with the 52 fields of fixtures/corpus/expected/HOW.md, for every
 * capture in fixtures/corpus, compared cell by cell with tshark 4.0.17's dump in
 * expected/<file>.fields.tsv.
 *
 * Every field is compared (http.* since TCP desegmentation, dissectors/tcp/desegment.ts).
 *
 * What is asserted:
 * - for every file: the CLI's exit status is tshark's (expected/INDEX.tsv), it writes to stderr
 *   exactly when tshark did, and it prints as many rows as tshark (after dropping the frames
 *   tshark shows and we deliberately do not: pcapng custom blocks);
 * - every compared cell equals tshark's, unless the difference is listed in known-differences.ts
 *   (the ONE list of deliberate differences) or the cell's field and file are in PENDING;
 * PENDING names work still in progress (the reason is given with each entry): those
 * disagreements are printed (per-field table and examples), not asserted. The test prints the
 * PENDING entries that already agree, so the list only shrinks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fieldByName } from '../../dissectors/core/fields.js';
import '../../dissectors/packet.js';
import { runCli } from '../electron/cli/run-cli.js';
import { isKnownDifference, tsharkOnlyFrames } from './known-differences.js';

const CORPUS = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));
/** Our own captures from real stacks (fixtures/make-captures.sh), compared the same way. */
const OWN = fileURLToPath(new URL('../../fixtures/own/', import.meta.url));

/** Fields left out of the comparison (none now). */
function notCompared(_field: string): boolean {
  return false;
}

/**
 * Compared cells NOT asserted yet: a field (in one file, or everywhere when `file` is absent)
 * with the unfinished work it waits for. Every other cell must equal tshark's (except
 * known-differences.ts). Remove an entry when its work is done; the test lists the entries that
 * already agree.
 */
interface Pending {
  field: string;
  file?: string;
  reason: string;
}
const PENDING: readonly Pending[] = [];

function pendingEntry(field: string, file: string): Pending | undefined {
  return PENDING.find((p) => p.field === field && (p.file === undefined || p.file === file));
}

interface IndexRow {
  /** Folder holding the capture, with its tshark dumps in `expected/`. */
  dir: string;
  file: string;
  exit: number;
  rows: number;
  stderr: string;
}

function readIndex(dir: string): IndexRow[] {
  const lines = readFileSync(join(dir, 'expected', 'INDEX.tsv'), 'utf8').split('\n').filter(Boolean).slice(1);
  return lines.map((l) => {
    const [file, exit, rows, stderr] = l.split('\t');
    return { dir, file: file!, exit: Number(exit), rows: Number(rows), stderr: stderr ?? '' };
  });
}

function parseTsv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const header = (lines.shift() ?? '').split('\t');
  return { header, rows: lines.map((l) => l.split('\t')) };
}

interface FieldTally {
  equal: number;
  compared: number;
  examples: string[];
}

/** PENDING entries that saw a disagreement (the others can go). */
const pendingUsed = new Set<Pending>();

const INDEX = [...readIndex(CORPUS), ...readIndex(OWN)];
const tally = new Map<string, FieldTally>();
const failures: string[] = [];

describe('corpus: -T fields against tshark 4.0.17 (fixtures/corpus/expected)', () => {
  it('has an expected dump for every capture', () => {
    expect(INDEX.length).toBeGreaterThanOrEqual(60 + 6);
  });

  for (const idx of INDEX) {
    it(idx.dir === OWN ? `own/${idx.file}` : idx.file, async () => {
      const expected = parseTsv(readFileSync(join(idx.dir, 'expected', `${idx.file}.fields.tsv`), 'utf8'));
      expect(expected.rows.length).toBe(idx.rows);
      const header = expected.header;
      const known = header.filter((f) => fieldByName(f));
      const args = ['-r', join(idx.dir, idx.file), '-T', 'fields', '-E', 'header=y', '-E', 'separator=/t', '-E', 'occurrence=a', '-E', 'aggregator=,'];
      for (const f of known) args.push('-e', f);
      const res = await runCli(args);

      // Exit status and stderr as tshark's (INDEX.tsv): 2 with one line for a damaged file.
      expect(res.code, res.stderr).toBe(idx.exit);
      if (idx.exit === 0) expect(res.stderr).toBe('');
      else expect(res.stderr.trim().split('\n')).toHaveLength(1);

      const ours = parseTsv(res.stdout);
      expect(ours.header).toEqual(known);
      const col = new Map(known.map((f, i) => [f, i]));

      // Pair the rows: drop the frames tshark shows and we deliberately do not.
      const skip = tsharkOnlyFrames(idx.file);
      const theirs = expected.rows.map((r, i) => ({ frame: i + 1, cells: r })).filter((r) => !skip.has(r.frame));
      expect(ours.rows.length, 'rows').toBe(theirs.length);

      theirs.forEach(({ frame, cells }, i) => {
        const mine = ours.rows[i] ?? [];
        header.forEach((field, c) => {
          if (notCompared(field)) return;
          const want = cells[c] ?? '';
          const oi = col.get(field);
          const got = oi === undefined ? '' : (mine[oi] ?? '');
          let t = tally.get(field);
          if (!t) tally.set(field, (t = { equal: 0, compared: 0, examples: [] }));
          t.compared++;
          if (got === want) {
            t.equal++;
            return;
          }
          if (isKnownDifference(idx.file, field, frame)) return;
          const msg = `${idx.file} frame ${frame} ${field}: tshark ${JSON.stringify(want)}, packetloom ${JSON.stringify(got)}`;
          if (t.examples.length < 3) t.examples.push(msg);
          const pend = pendingEntry(field, idx.file);
          if (pend) pendingUsed.add(pend);
          else failures.push(msg);
        });
      });
    });
  }

  it('agrees with tshark on every asserted field (per-field table below)', () => {
    const fields = [...tally.keys()];
    const lines = ['', 'field                     equal/compared   agreement  asserted', '-'.repeat(66)];
    const candidates: string[] = [];
    for (const f of fields) {
      const t = tally.get(f)!;
      const pct = t.compared ? ((100 * t.equal) / t.compared).toFixed(1) : '-';
      const pend = PENDING.filter((p) => p.field === f);
      const how = pend.length === 0 ? 'yes' : pend.some((p) => p.file === undefined) ? 'pending' : `yes, except ${pend.map((p) => p.file).join(', ')}`;
      lines.push(`${f.padEnd(25)} ${`${t.equal}/${t.compared}`.padStart(14)}   ${pct.padStart(8)}%  ${how}${fieldByName(f) ? '' : '  (not registered)'}`);
    }
    const total = fields.reduce((a, f) => a + tally.get(f)!.equal, 0);
    const compared = fields.reduce((a, f) => a + tally.get(f)!.compared, 0);
    lines.push('-'.repeat(66), `${'all compared fields'.padEnd(25)} ${`${total}/${compared}`.padStart(14)}   ${((100 * total) / Math.max(1, compared)).toFixed(1).padStart(8)}%`);
    for (const p of PENDING) if (!pendingUsed.has(p)) candidates.push(p.file ? `${p.field} in ${p.file}` : p.field);
    if (candidates.length) lines.push('', `PENDING entries that agree now (remove them): ${candidates.join(', ')}`);
    const withExamples = fields.filter((f) => tally.get(f)!.examples.length);
    if (withExamples.length) {
      lines.push('', 'examples of PENDING disagreements:');
      for (const f of withExamples) for (const e of tally.get(f)!.examples) lines.push(`  ${e}`);
    }
    console.log(lines.join('\n'));
    for (const p of PENDING) expect(fields, `PENDING names ${p.field}, which is not a compared field`).toContain(p.field);
    expect(failures, failures.slice(0, 20).join('\n')).toEqual([]);
  });
});

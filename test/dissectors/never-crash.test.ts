/**
 * "Never crash": the dissector chain and the capture-file readers on broken input.
 *
 * With the dispatcher's catch-all off, the only errors a dissector may raise are the framework's
 * typed BoundsError and MalformedError — never a TypeError, a RangeError or anything else — and
 * the summary pass (null tree) and the full tree pass must agree on whether a frame throws. With
 * the catch-all on, every frame gives a tree, and a frame that threw carries an expert item and a
 * _ws.malformed / _ws.short node. (The oracle is test/helpers/crash-checks.ts.)
 *
 *   1. Every truncation of every corpus frame — captured length 0..n with the reported length
 *      unchanged (snaplen-like) and with it cut too. Every truncation of the whole corpus is
 *      ~3.1 M dissections per pass, too slow, so: all truncations up to TRUNC_ALL_UP_TO bytes
 *      (the headers, where the cuts matter, sit in the first bytes); above that, every
 *      TRUNC_STRIDE-th one and the last TRUNC_TAIL. About 1.09 M frames; the catch-on summary
 *      pass is left out here (the catch-on full pass checks the tree and the expert item).
 *   2. ≥ 100,000 mutated frames (fast-check, fixed seeds): byte and bit flips, insertions and
 *      deletions, header/length-field corruption, splices of frames from different files,
 *      truncations, random link types and reported lengths. In sequences of consecutive frames
 *      of one file through shared dissectors (cross-packet state), and one by one through fresh
 *      dissectors.
 *   3. Mutated capture files (header bytes, length fields set to huge/zero/odd values,
 *      truncations, duplicated section headers, inserted/deleted bytes) through the readers'
 *      createReader / push / end / next loop in random chunk sizes, every record on through the
 *      dissectors: never an exception; each run ends with its records and either done or an error
 *      with code, message, offset and packetNumber.
 *
 * Failures are collected, grouped by throw site, and reported together with the input (file,
 * frame, mutation, bytes), the fast-check seed and the run's path to replay it. Set
 * NEVER_CRASH_SHRINK=1 to make the fast-check properties fail at the first failure instead, so
 * that fast-check shrinks the counterexample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaptureFileError } from '../../dissectors/capture/types.js';
import { applyFileMutation, captureLayout, chunkPlanArb, fileOpArb, readInChunks, type FileOp } from '../helpers/capture-mutations.js';
import { loadCorpus, type CorpusFrame } from '../helpers/corpus-frames.js';
import { CrashChecker, FailureLog, hexDump, type Failure, type FrameInput } from '../helpers/crash-checks.js';
import { applyFrameMutation, frameMutationArb, type FrameMutation } from '../helpers/frame-mutations.js';

const SEED = 0x9ac4e7;
const SHRINK = process.env.NEVER_CRASH_SHRINK === '1';

const TRUNC_ALL_UP_TO = 400;
const TRUNC_STRIDE = 61;
const TRUNC_TAIL = 16;
/** Render (labels, -V text, JSON: slow) the catch-on tree of every n-th frame checked. */
const TRUNC_RENDER_EVERY = 128;
const MUTATED_RENDER_EVERY = 8;

/** fast-check runs: sequences of 2..32 frames (¾ mutated), and single frames. */
const SEQ_RUNS = 5_000;
const SINGLE_RUNS = 40_000;
const MIN_MUTATED_FRAMES = 100_000;

/** Mutated files per corpus file (pcapng readers have more to get wrong). */
const FILE_RUNS_PCAP = 25;
const FILE_RUNS_PCAPNG = 90;
const MIN_MUTATED_FILES = 2_000;

/**
 * CPU-time budget per test (CPU time, so that a loaded machine does not change what is covered).
 * A healthy run needs well under it; a dissector that loops or blows up on some input (see the
 * 'slow' failures) would otherwise run the test into vitest's timeout and lose the report. When
 * the budget is used up, the rest is skipped and the test fails saying so.
 */
const BUDGET_CPU_S = 120;
const TEST_TIMEOUT_MS = 300_000;

const corpus = loadCorpus();
const allFrames = corpus.flatMap((c) => c.frames);
const filesWithFrames = corpus.filter((c) => c.frames.length > 0);

let mutatedFrames = 0;

/** Wall and CPU seconds since the call (CPU time depends less on how loaded the machine is). */
function clock(): () => string {
  const w = performance.now();
  const c = process.cpuUsage();
  return () => {
    const cu = process.cpuUsage(c);
    return `${((performance.now() - w) / 1000).toFixed(1)} s (CPU ${((cu.user + cu.system) / 1e6).toFixed(1)} s)`;
  };
}

/** True once this process has used `seconds` of CPU time since the call (looked at every 64th call). */
function budget(seconds: number): () => boolean {
  const c0 = process.cpuUsage();
  let calls = 0;
  let over = false;
  return () => {
    if (!over && (calls++ & 63) === 0) {
      const c = process.cpuUsage(c0);
      over = c.user + c.system > seconds * 1e6;
    }
    return over;
  };
}

function frameDesc(f: FrameInput, what: string): string {
  return `${what}; linkType=${f.linkType} origLen=${f.origLen} capLen=${f.data.length}\n    ${hexDump(f.data, 160)}`;
}

function fail(log: FailureLog<unknown>, describe: (i: never) => string, skipped = ''): void {
  const parts: string[] = [];
  if (skipped) parts.push(`CPU time budget (${BUDGET_CPU_S} s) used up: ${skipped} skipped.`);
  if (!log.empty) parts.push(log.report(describe as (i: unknown) => string, 40));
  if (parts.length) expect.fail(parts.join('\n'));
}

/** In shrink mode, the first failure throws (fast-check shrinks it); else it is collected. */
function onFailures(log: FailureLog<unknown>, failures: readonly Failure[], input: () => unknown, describe: (i: never) => string): void {
  if (!failures.length) return;
  if (SHRINK) {
    const one = new FailureLog<unknown>();
    one.add(failures, input);
    throw new Error(one.report(describe as (i: unknown) => string));
  }
  log.add(failures, input);
}

describe('never crash', () => {
  it('loads the corpus through the readers', () => {
    expect(corpus.length).toBeGreaterThan(50);
    expect(allFrames.length).toBeGreaterThan(2000);
  });

  it('every truncation of every corpus frame: only typed errors, summary = full, tree + expert item with the catch on', () => {
    interface In { frame: CorpusFrame; input: FrameInput; cap: number; cutReported: boolean }
    const log = new FailureLog<In>();
    let dissected = 0;
    const elapsed = clock();
    const over = budget(BUDGET_CPU_S);
    let skipped = '';
    const caps: number[] = [];
    files: for (const file of corpus) {
      // One set of dissectors per file, fed in file order: every truncation of a frame, then the
      // frame itself, so the next frame meets the state the intact one left (fragments, streams).
      const checker = new CrashChecker(TRUNC_RENDER_EVERY, false);
      for (const frame of file.frames) {
        if (over()) {
          skipped = `the truncations from ${file.file} frame ${frame.num} on`;
          break files;
        }
        const n = frame.data.length;
        caps.length = 0;
        for (let c = 0; c <= Math.min(n, TRUNC_ALL_UP_TO); c++) caps.push(c);
        for (let c = TRUNC_ALL_UP_TO + TRUNC_STRIDE; c < n - TRUNC_TAIL; c += TRUNC_STRIDE) caps.push(c);
        for (let c = Math.max(TRUNC_ALL_UP_TO + 1, n - TRUNC_TAIL); c <= n; c++) caps.push(c);
        for (const cap of caps) {
          const data = frame.data.subarray(0, cap);
          for (const cutReported of [true, false]) {
            if (!cutReported && cap === n) continue; // the intact frame: last
            const input: FrameInput = { ...frame, data, origLen: cutReported ? cap : frame.origLen };
            const r = checker.check(input);
            dissected++;
            if (r.failures.length) log.add(r.failures, () => ({ frame, input: { ...input, data: data.slice() }, cap, cutReported }));
          }
        }
        const r = checker.check(frame);
        dissected++;
        if (r.failures.length) log.add(r.failures, () => ({ frame, input: frame, cap: n, cutReported: false }));
      }
    }
    console.info(`truncations: ${dissected} frames × 3 passes in ${elapsed()}`);
    fail(log, (i: In) => frameDesc(i.input, `${i.frame.file} frame ${i.frame.num} cut to ${i.cap}/${i.frame.data.length} bytes, reported length ${i.cutReported ? 'cut too' : 'kept'}`), skipped);
  }, TEST_TIMEOUT_MS);

  it('mutated frames in sequences of one file, through shared dissectors (cross-packet state)', () => {
    interface In { run: number; file: string; num: number; step: number; m: FrameMutation | null; input: FrameInput }
    const log = new FailureLog<In>();
    const describe = (i: In) =>
      frameDesc(i.input, `seed=${SEED} path=${i.run} (sequence step ${i.step}): ${i.file} frame ${i.num}, mutation ${JSON.stringify(i.m)}`);
    const seqArb = fc.record({
      file: fc.nat(),
      start: fc.nat(),
      steps: fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: frameMutationArb }), { minLength: 2, maxLength: 32, size: 'max' }),
    });
    let run = 0;
    let skippedRuns = 0;
    const elapsed = clock();
    const over = budget(BUDGET_CPU_S);
    fc.assert(
      fc.property(seqArb, (s) => {
        const runIdx = run++;
        if (over()) {
          skippedRuns++;
          return;
        }
        const file = filesWithFrames[s.file % filesWithFrames.length]!;
        const checker = new CrashChecker(MUTATED_RENDER_EVERY);
        s.steps.forEach((m, step) => {
          const base = file.frames[(s.start + step) % file.frames.length]!;
          const input = m ? applyFrameMutation(base, m, corpus) : base;
          if (m) mutatedFrames++;
          const r = checker.check(input);
          onFailures(log as FailureLog<unknown>, r.failures, () => ({ run: runIdx, file: file.file, num: base.num, step, m, input }), describe);
        });
      }),
      { seed: SEED, numRuns: SEQ_RUNS },
    );
    console.info(`mutated sequences: ${SEQ_RUNS - skippedRuns} runs, ${mutatedFrames} mutated frames, in ${elapsed()}`);
    fail(log, describe, skippedRuns ? `${skippedRuns} of ${SEQ_RUNS} runs` : '');
  }, TEST_TIMEOUT_MS);

  it('mutated frames one by one, through fresh dissectors', () => {
    interface In { run: number; frame: CorpusFrame; m: FrameMutation; input: FrameInput }
    const log = new FailureLog<In>();
    const describe = (i: In) => frameDesc(i.input, `seed=${SEED + 1} path=${i.run}: ${i.frame.file} frame ${i.frame.num}, mutation ${JSON.stringify(i.m)}`);
    let run = 0;
    let skippedRuns = 0;
    const before = mutatedFrames;
    const elapsed = clock();
    const over = budget(BUDGET_CPU_S);
    fc.assert(
      fc.property(fc.nat(), frameMutationArb, (idx, m) => {
        const runIdx = run++;
        if (over()) {
          skippedRuns++;
          return;
        }
        const frame = allFrames[idx % allFrames.length]!;
        const input = applyFrameMutation(frame, m, corpus);
        mutatedFrames++;
        const r = new CrashChecker(runIdx % MUTATED_RENDER_EVERY === 0 ? 1 : 0).check(input);
        onFailures(log as FailureLog<unknown>, r.failures, () => ({ run: runIdx, frame, m, input }), describe);
      }),
      { seed: SEED + 1, numRuns: SINGLE_RUNS },
    );
    console.info(`mutated single frames: ${mutatedFrames - before} in ${elapsed()}`);
    fail(log, describe, skippedRuns ? `${skippedRuns} of ${SINGLE_RUNS} runs` : '');
  }, TEST_TIMEOUT_MS);

  it(`fed at least ${MIN_MUTATED_FRAMES} mutated frames`, () => {
    expect(mutatedFrames).toBeGreaterThanOrEqual(MIN_MUTATED_FRAMES);
  });

  it('mutated capture files through reader → dissectors: records, then done or a clear error; never an exception', () => {
    interface In { run: string; file: string; ops: FileOp[]; chunks: number[]; rec: FrameInput }
    const log = new FailureLog<In>();
    const readerFailures: string[] = [];
    const describe = (i: In) => frameDesc(i.rec, `${i.run}: ${i.file} with ${JSON.stringify(i.ops)}, chunks ${JSON.stringify(i.chunks)}, record ${i.rec.num}`);
    const CODES = new Set<CaptureFileError['code']>(['not-a-capture', 'truncated', 'bad-record', 'unsupported']);
    const badError = (e: CaptureFileError, len: number, records: number): string | null => {
      if (!CODES.has(e.code)) return `unknown code ${JSON.stringify(e.code)}`;
      if (typeof e.message !== 'string' || e.message.length < 10) return `no clear message: ${JSON.stringify(e.message)}`;
      if (!Number.isSafeInteger(e.offset) || e.offset < 0 || e.offset > len) return `offset ${e.offset} outside the file (0..${len})`;
      if (e.packetNumber !== records + 1) return `packetNumber ${e.packetNumber} after ${records} record(s)`;
      return null;
    };
    let files = 0;
    let records = 0;
    let skippedRuns = 0;
    const elapsed = clock();
    const over = budget(BUDGET_CPU_S);
    corpus.forEach((cf, fileIdx) => {
      const layout = captureLayout(cf.bytes);
      const seed = SEED + 100 + fileIdx;
      let run = 0;
      fc.assert(
        fc.property(fc.array(fileOpArb, { minLength: 1, maxLength: 3 }), chunkPlanArb, (ops, chunks) => {
          const runId = `${cf.file} seed=${seed} path=${run++}`;
          if (over()) {
            skippedRuns++;
            return;
          }
          files++;
          const bytes = applyFileMutation(cf.bytes, layout, ops);
          const checker = new CrashChecker(MUTATED_RENDER_EVERY);
          let num = 0;
          const problems: string[] = [];
          try {
            const res = readInChunks(bytes, chunks, (rec) => {
              records++;
              if (rec.num !== ++num) problems.push(`record numbered ${rec.num}, expected ${num}`);
              if (!(rec.data instanceof Uint8Array) || !Number.isSafeInteger(rec.origLen) || !Number.isSafeInteger(rec.linkType) || rec.origLen < 0) {
                problems.push(`record ${rec.num}: odd fields (origLen ${rec.origLen}, linkType ${rec.linkType})`);
              }
              const r = checker.check(rec);
              onFailures(log as FailureLog<unknown>, r.failures, () => ({ run: runId, file: cf.file, ops, chunks, rec: { ...rec, data: rec.data.slice() } }), describe);
            });
            if (res.openError) {
              const why = badError(res.openError, bytes.length, 0);
              if (res.openError.code !== 'not-a-capture' || why) problems.push(`createReader: ${JSON.stringify(res.openError)} ${why ?? ''}`);
            } else {
              if (!res.done) problems.push('reader not done after end() and draining');
              if (res.error) {
                const why = badError(res.error, bytes.length, res.records);
                if (why) problems.push(`error ${JSON.stringify(res.error)}: ${why}`);
              }
              if (res.recordAfterStop) problems.push('next() gave a record after the reader stopped');
            }
          } catch (e) {
            problems.push(`threw ${e instanceof Error ? e.stack : String(e)}`);
          }
          if (problems.length) {
            const msg = `${runId}: ${cf.file} with ${JSON.stringify(ops)}, chunks ${JSON.stringify(chunks)}:\n  ${problems.slice(0, 5).join('\n  ')}`;
            if (SHRINK) throw new Error(msg);
            readerFailures.push(msg);
          }
        }),
        { seed, numRuns: layout.format === 'pcapng' ? FILE_RUNS_PCAPNG : FILE_RUNS_PCAP },
      );
    });
    console.info(`mutated files: ${files} (${records} records) in ${elapsed()}`);
    if (readerFailures.length) expect.fail(`${readerFailures.length} reader failure(s):\n${readerFailures.slice(0, 20).join('\n')}`);
    fail(log, describe, skippedRuns ? `${skippedRuns} mutated files` : '');
    expect(files).toBeGreaterThanOrEqual(MIN_MUTATED_FILES);
  }, TEST_TIMEOUT_MS);
});

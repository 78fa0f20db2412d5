/**
 * Display filters against tshark 4.0.17: the table of fixtures/make-filter-expected.sh (simple to
 * nested filters, every operator and literal kind, presence, slices, sets, CIDR, regexes, xor,
 * the all-occurrence operators, layers, functions, arithmetic) run over every corpus capture and
 * own capture. For each filter and file, the frames we match must be the frames
 * `tshark -n -r FILE -Y FILTER -T fields -e frame.number` printed (cached in
 * fixtures/corpus/expected-extra/filters.json; rerun the script to regenerate it).
 *
 * Every file is dissected once, in order, with a full tree by one CaptureDissector, and every
 * filter runs on every packet. Frames that tshark shows and we do not (pcapng custom blocks,
 * test/corpus/known-differences.ts) are dropped from tshark's answers, the others renumbered.
 *
 * The "required" filters use fields our dissectors already give as tshark does; a few
 * (file, filter) pairs differ because of the dissection or the reader, not the filter engine:
 * they are listed in EXCUSED with the reason. The "pending" filters ask for any expert item at
 * all: tshark's come from a protocol Packetloom does not dissect too (X11) and from its check of
 * the frame time (an invalid nanosecond field), and ours from its SYN-flood warning, so their
 * agreement is printed, not asserted.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileFilter, type DisplayFilter } from '../../../dissectors/filter/index.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { emptyFrameMeta, setFrameMeta } from '../../../dissectors/capture/frame-meta.js';
import { readCaptureFile } from '../../../electron/engine/read-capture.js';
import { tsharkOnlyFrames } from '../../corpus/known-differences.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

interface Row {
  group: 'required' | 'pending';
  filter: string;
  tshark?: string;
  frames: string[];
}

interface Expected {
  files: string[];
  filters: Row[];
}

const expected = JSON.parse(readFileSync(FIXTURES + 'corpus/expected-extra/filters.json', 'utf8')) as Expected;

/**
 * (file, filter) pairs where we differ from tshark for a reason outside the filter engine. `field`
 * must occur in the filter text.
 */
const EXCUSED: readonly { file: string; field: RegExp; reason: string }[] = [
  ...['corpus/gopacket-pcapng-le-test102.pcapng', 'corpus/gopacket-pcapng-le-test202.pcapng'].map((file) => ({
    file,
    field: /frame\.(number|time_relative|time_delta)/,
    reason: 'pcapng custom blocks: tshark counts them as frames and takes the first (without a timestamp) as time reference (known-differences.ts)',
  })),
  {
    file: 'corpus/gopacket-pcapng-be-test101.pcapng',
    field: /frame\.time_delta/,
    reason: 'frame 3 has no timestamp: tshark takes frame 4\'s delta from time 0, CaptureDissector from frame 2',
  },
  {
    file: 'corpus/pcpp-pcapng-example.pcapng',
    field: /frame\.time/,
    reason: 'frames 60-71 have timestamps past 2^63 ns: tshark holds them as negative times (and prints them as unsigned), we hold the printed value',
  },
  {
    file: 'corpus/pcpp-tcp-malformed.pcap',
    field: /^(ip contains|tcp\[-2:\])/,
    reason: 'the TCP header is cut short and TCP throws: tshark still adds the Ethernet padding (ending the IP data before it), our Ethernet dissector does not',
  },
];

function excuse(file: string, filter: string): string | undefined {
  return EXCUSED.find((e) => e.file === file && e.field.test(filter))?.reason;
}

function expand(ranges: string): number[] {
  if (!ranges) return [];
  return ranges.split(',').flatMap((p) => {
    const [a, b] = p.split('-').map(Number);
    return b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, i) => a! + i);
  });
}

/** tshark's frame numbers in ours (without the frames we do not show). */
function tsharkFrames(file: string, ranges: string): number[] {
  const skip = [...tsharkOnlyFrames(file.replace(/^corpus\//, ''))];
  return expand(ranges)
    .filter((n) => !skip.includes(n))
    .map((n) => n - skip.filter((s) => s < n).length);
}

/** The table as fixtures/make-filter-expected.sh has it (to catch a stale filters.json). */
function scriptTable(): string[] {
  const sh = readFileSync(FIXTURES + 'make-filter-expected.sh', 'utf8');
  const m = /FILTER_TABLE=\$\(cat <<'TABLE'\n([\s\S]*?)\nTABLE\n/.exec(sh);
  if (!m) throw new Error('no table in make-filter-expected.sh');
  return m[1]!.split('\n').filter((l) => l.trim());
}

interface Outcome {
  pairs: number;
  agree: number;
  excused: { file: string; filter: string; reason: string }[];
  differ: string[];
}

/** Runs every filter of `rows` on every file; compares with tshark. */
function check(rows: readonly Row[]): Outcome {
  const compiled: (DisplayFilter | null)[] = rows.map((r) => {
    const c = compileFilter(r.filter);
    return c.ok ? c.filter : null;
  });
  const out: Outcome = { pairs: 0, agree: 0, excused: [], differ: [] };
  expected.files.forEach((file, fi) => {
    const ours: number[][] = rows.map(() => []);
    const d = new CaptureDissector();
    readCaptureFile(FIXTURES + file, (rec, cap) => {
      // The frame's meta as the engine and the CLI give it (comments, interface names too).
      const p = d.dissect(setFrameMeta(emptyFrameMeta(), rec, cap), rec.data, true);
      for (let i = 0; i < compiled.length; i++) if (compiled[i]?.matches(p.tree, p)) ours[i]!.push(rec.num);
    });
    rows.forEach((row, i) => {
      out.pairs++;
      const want = tsharkFrames(file, row.frames[fi]!);
      const got = ours[i]!;
      if (want.join(',') === got.join(',')) {
        out.agree++;
        return;
      }
      const reason = excuse(file, row.filter);
      if (reason) {
        out.excused.push({ file, filter: row.filter, reason });
        return;
      }
      const miss = want.filter((n) => !got.includes(n));
      const extra = got.filter((n) => !want.includes(n));
      out.differ.push(`${file} | ${row.filter} | tshark only: ${miss.slice(0, 10).join(' ')}${miss.length > 10 ? ' …' : ''} | ours only: ${extra.slice(0, 10).join(' ')}${extra.length > 10 ? ' …' : ''}`);
    });
  });
  return out;
}

describe('display filters agree with tshark -Y on every capture', () => {
  const required = expected.filters.filter((r) => r.group === 'required');
  const pending = expected.filters.filter((r) => r.group === 'pending');

  it('has the table of make-filter-expected.sh (regenerate filters.json when it changes)', () => {
    const fromJson = expected.filters.map((r) => [r.group, r.filter, ...(r.tshark ? [r.tshark] : [])].join('\t'));
    expect(fromJson).toEqual(scriptTable());
    expect(required.length).toBeGreaterThanOrEqual(60);
    expect(expected.files.filter((f) => f.startsWith('corpus/')).length).toBeGreaterThanOrEqual(60);
    expect(expected.files.filter((f) => f.startsWith('own/')).length).toBeGreaterThanOrEqual(6);
    for (const r of expected.filters) expect(r.frames).toHaveLength(expected.files.length);
  });

  it('compiles every filter of the table', () => {
    const bad = required.map((r) => [r.filter, compileFilter(r.filter)] as const).filter(([, c]) => !c.ok);
    expect(bad.map(([f, c]) => `${f}: ${c.ok ? '' : c.error.message}`)).toEqual([]);
  });

  it('matches the frames tshark matches (required filters)', () => {
    const r = check(required);
    console.log(
      `display filters: ${required.length} filters x ${expected.files.length} captures = ${r.pairs} pairs; ` +
        `${r.agree} agree, ${r.excused.length} excused (dissection differences), ${r.differ.length} differ`,
    );
    for (const e of r.excused) console.log(`  excused: ${e.file} | ${e.filter} (${e.reason})`);
    expect(r.differ).toEqual([]);
    expect(r.agree).toBeGreaterThan(r.pairs - 30);
  }, 600_000);

  it('reports the filters on any expert item (informational)', () => {
    const rows = pending.filter((r) => compileFilter(r.filter).ok);
    const r = check(rows);
    console.log(
      `display filters on any expert item (not asserted: protocols we do not dissect, our SYN-flood warning): ` +
        `${rows.length} of ${pending.length} filters compile; ${r.pairs} pairs, ${r.agree} agree, ${r.differ.length} differ`,
    );
    for (const d of r.differ) console.log(`  pending: ${d}`);
    expect(r.pairs).toBe(rows.length * expected.files.length);
  }, 600_000);
});

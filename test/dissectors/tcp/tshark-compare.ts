/**
 * Crafted captures through the packetloom CLI and through tshark 4.0 (when installed), field by
 * field: `compareFields(segs, fields)` returns both tables and the differing cells.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli } from '../../electron/cli/run-cli.js';
import { HAVE_TSHARK, pcapOf, type Seg } from './craft.js';

export interface Comparison {
  ours: string[][];
  theirs: string[][] | null;
  /** `frame N field: tshark "…", packetloom "…"` for each differing cell (empty without tshark). */
  diffs: string[];
}

function rows(text: string): string[][] {
  return text.split('\n').filter((l) => l.length > 0).map((l) => l.split('\t'));
}

/** Runs both on the crafted capture with `-T fields -E occurrence=a -E aggregator=,` and the fields. */
export async function compareFields(segs: readonly Seg[], fields: readonly string[], extra: string[] = []): Promise<Comparison> {
  const dir = mkdtempSync(join(tmpdir(), 'pl-cmp-'));
  try {
    const p = join(dir, 'c.pcap');
    writeFileSync(p, pcapOf(segs));
    const args = ['-r', p, ...extra, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=,'];
    for (const f of fields) args.push('-e', f);
    const res = await runCli(args);
    const ours = rows(res.stdout);
    let theirs: string[][] | null = null;
    const diffs: string[] = [];
    if (HAVE_TSHARK) {
      const r = spawnSync('tshark', ['-n', ...args], { encoding: 'utf8', env: { ...process.env, HOME: dir, WIRESHARK_CONFIG_DIR: dir }, maxBuffer: 1 << 26 });
      theirs = rows(r.stdout);
      theirs.forEach((row, i) => {
        fields.forEach((f, j) => {
          const a = row[j] ?? '';
          const b = ours[i]?.[j] ?? '';
          if (a !== b) diffs.push(`frame ${i + 1} ${f}: tshark ${JSON.stringify(a)}, packetloom ${JSON.stringify(b)}`);
        });
      });
      if (ours.length !== theirs.length) diffs.push(`rows: tshark ${theirs.length}, packetloom ${ours.length}`);
    }
    return { ours, theirs, diffs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs both with other arguments (e.g. `-q -z follow,…`) and returns both outputs. */
export async function compareOutput(segs: readonly Seg[], args: string[]): Promise<{ ours: string; theirs: string | null }> {
  const dir = mkdtempSync(join(tmpdir(), 'pl-cmp-'));
  try {
    const p = join(dir, 'c.pcap');
    writeFileSync(p, pcapOf(segs));
    const res = await runCli(['-r', p, ...args]);
    let theirs: string | null = null;
    if (HAVE_TSHARK) {
      const r = spawnSync('tshark', ['-n', '-r', p, ...args], { encoding: 'latin1', env: { ...process.env, HOME: dir, WIRESHARK_CONFIG_DIR: dir }, maxBuffer: 1 << 26 });
      theirs = r.stdout;
    }
    return { ours: res.stdout, theirs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Vitest's global setup: every test that runs `tshark` gets the recorded oracle of tshark.cjs
 * (this directory first on PATH). Before that, the real tshark's version line is read once: it is
 * part of every record's key, so another tshark is never answered with this one's records.
 *
 * At the end it says how many tshark answers came from records and how many ran tshark; with
 * PACKETLOOM_TSHARK_RECORD=1 (`npm run test:record-tshark`, a full run) it also drops the
 * records that no test asked for.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');
const RECORDS = join(HERE, 'records');

export default function setup(): () => void {
  const real = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  if (real.status === 0) process.env.PACKETLOOM_TSHARK_VERSION = real.stdout.split('\n')[0];
  process.env.PATH = `${HERE}${delimiter}${process.env.PATH ?? ''}`;
  process.env.PACKETLOOM_NODE = process.execPath;
  const dir = mkdtempSync(join(tmpdir(), 'packetloom-oracle-'));
  const used = join(dir, 'used');
  process.env.PACKETLOOM_TSHARK_USED = used;

  return () => {
    const lines = existsSync(used) ? readFileSync(used, 'utf8').split('\n').filter((l) => l !== '') : [];
    rmSync(dir, { recursive: true, force: true });
    const keys = new Set(lines.filter((l) => !l.startsWith('miss ')));
    const misses = lines.filter((l) => l.startsWith('miss '));
    const record = process.env.PACKETLOOM_TSHARK_RECORD === '1';
    let dropped = 0;
    if (record && existsSync(RECORDS)) {
      for (const f of readdirSync(RECORDS)) {
        if (!keys.has(f.replace(/(\.files)?\.gz$/, ''))) {
          unlinkSync(join(RECORDS, f));
          dropped++;
        }
      }
    }
    const ran = misses.length;
    const from = lines.length - 2 * ran;
    if (from + ran === 0 && !record) return;
    console.log(
      `tshark oracle: ${from + ran} questions, ${from} answered from test/tshark-oracle/records, ${ran} by tshark itself` +
        (record ? ` (recorded; ${dropped} unused records dropped)` : ran ? ' (npm run test:record-tshark records them)' : ''),
    );
    if (process.env.PACKETLOOM_TSHARK_MISSES === '1') for (const m of misses) console.log(`  ran: tshark ${m.split(' ').slice(2).join(' ')}`);
  };
}

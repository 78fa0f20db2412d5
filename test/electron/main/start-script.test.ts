import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { appArguments, findElectronBinary, MISSING_MESSAGE } from '../../../scripts/start.mjs';

const ROOT = resolve(import.meta.dirname, '../../..');
const START = join(ROOT, 'scripts', 'start.mjs');

function runStart(env: Record<string, string>, args: string[] = []) {
  return spawnSync(process.execPath, [START, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, PACKETLOOM_NO_BUILD: '1', ...env },
    timeout: 30_000,
  });
}

describe('npm start (scripts/start.mjs)', () => {
  it('says in one line that Electron is missing, names npm run serve, and fails', () => {
    const empty = mkdtempSync(join(tmpdir(), 'pl-electron-missing-'));
    const r = runStart({ PACKETLOOM_ELECTRON_DIR: empty });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${MISSING_MESSAGE}\n`);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('npm run serve');
  });

  it('treats a path.txt whose binary is gone as missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pl-electron-gone-'));
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(findElectronBinary(dir, {})).toBeNull();
    const r = runStart({ PACKETLOOM_ELECTRON_DIR: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${MISSING_MESSAGE}\n`);
  });

  it('launches Electron on the main bundle with the files, resolved where npm start was typed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pl-electron-fake-'));
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'path.txt'), 'electron');
    const record = join(dir, 'args.json');
    const fake = join(dir, 'dist', 'electron');
    writeFileSync(fake, `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ args: process.argv.slice(2), asNode: process.env.ELECTRON_RUN_AS_NODE ?? null }));\nprocess.exit(7);\n`);
    chmodSync(fake, 0o755);
    expect(findElectronBinary(dir, {})).toBe(fake);
    const r = runStart({ PACKETLOOM_ELECTRON_DIR: dir, INIT_CWD: '/home/user/caps', ELECTRON_RUN_AS_NODE: '1' }, ['a.pcap', '/abs/b.pcapng']);
    expect(r.status).toBe(7); // Electron's exit status is npm start's
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual({
      args: [join(ROOT, 'dist', 'main', 'main.cjs'), '/home/user/caps/a.pcap', '/abs/b.pcapng'],
      asNode: null,
    });
  });

  it('resolves relative files against INIT_CWD and leaves switches alone', () => {
    expect(appArguments(['x.pcap', '--inspect', '/a.pcap'], { INIT_CWD: '/w' })).toEqual(['/w/x.pcap', '--inspect', '/a.pcap']);
  });
});

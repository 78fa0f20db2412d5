/**
 * The installer configuration (build/electron-builder.yml): electron-builder itself loads and
 * validates it, every file it names exists, and a real `electron-builder --dir` run packages the
 * app — over a stand-in Electron distribution, since Electron's own cannot be downloaded here —
 * so the packaged file list is checked as electron-builder makes it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const CONFIG = 'build/electron-builder.yml';
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: object | null): Promise<Record<string, any>>;
  validateConfiguration(config: object, debugLogger: object): Promise<void>;
};
const quietLogger = { isEnabled: false, add() {} };
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(b.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

describe('electron-builder configuration', async () => {
  const config = await getConfig(ROOT, CONFIG, null);

  beforeAll(() => {
    // The packaged files are the build's output: build if this run has not (npm test builds first).
    const outputs = ['dist/main/main.cjs', 'dist/preload/preload.cjs', 'dist/main/engine-host.cjs', 'dist/main/engine-host.js', 'dist/engine-worker.js', 'dist/capture-helper.js', 'dist/renderer/index.html'];
    if (!outputs.every((f) => existsSync(join(ROOT, f)))) {
      const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
      expect(r.status).toBe(0);
    }
  });

  it('is valid for electron-builder (and its validation does reject a bad key)', async () => {
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, noSuchOption: true }, quietLogger)).rejects.toThrow(/noSuchOption|unknown property/i);
  });

  it('builds AppImage and deb, dmg, and NSIS, with the capture file associations', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.fileAssociations.map((a: { ext: string }) => a.ext)).toEqual(['pcap', 'pcapng']);
    expect(config.linux.executableName).toBe('packetloom-desktop');
    expect(config.deb.depends).toContain('libpcap0.8');
  });

  it('rebuilds cap for Electron while packaging, never at install', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(true);
    for (const hook of ['preinstall', 'install', 'postinstall']) expect(pkg.scripts[hook], hook).toBeUndefined();
    expect(pkg.scripts.dist).toBe(`node scripts/build.mjs && electron-builder --config ${CONFIG}`);
  });

  it('names only files that exist', () => {
    for (const icon of [config.linux.icon, config.mac.icon, config.win.icon]) {
      expect(existsSync(join(ROOT, icon)), icon).toBe(true);
      expect(pngSize(join(ROOT, icon))).toEqual({ width: 512, height: 512 });
    }
    expect(statSync(join(ROOT, config.directories.buildResources)).isDirectory()).toBe(true);
    // getConfig normalizes `files` to [{ filter: [...] }].
    const patterns = (config.files as (string | { filter: string[] })[]).flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(patterns.length).toBeGreaterThan(3);
    for (const pattern of patterns) {
      if (pattern.startsWith('!')) continue;
      const base = pattern.replace(/\/\*\*$/, '');
      expect(base.includes('*'), pattern).toBe(false);
      expect(existsSync(join(ROOT, base)), pattern).toBe(true);
    }
    expect(existsSync(join(ROOT, pkg.main))).toBe(true);
  });

  it('the icon script draws the committed icon', () => {
    const before = readFileSync(join(ROOT, 'build/icon.png'));
    const tmp = mkdtempSync(join(tmpdir(), 'pl-icon-'));
    writeFileSync(join(tmp, 'make-icon.mjs'), readFileSync(join(ROOT, 'build/make-icon.mjs')));
    const r = spawnSync(process.execPath, [join(tmp, 'make-icon.mjs')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(readFileSync(join(tmp, 'icon.png')).equals(before)).toBe(true);
  });

  it('packages the app with --dir (over a stand-in Electron distribution)', () => {
    const work = mkdtempSync(join(tmpdir(), 'pl-builder-'));
    const fakeElectron = join(work, 'electron-dist');
    mkdirSync(join(fakeElectron, 'resources'), { recursive: true });
    writeFileSync(join(fakeElectron, 'electron'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(fakeElectron, 'electron'), 0o755);
    const out = join(work, 'release');
    const builder = require.resolve('electron-builder/cli.js');
    const r = spawnSync(
      process.execPath,
      // npmRebuild off: rebuilding cap is for the real Electron, whose headers are not here.
      [builder, '--dir', '--linux', '--x64', '--config', CONFIG, `-c.electronDist=${fakeElectron}`, `-c.directories.output=${out}`, '-c.npmRebuild=false'],
      { cwd: ROOT, encoding: 'utf8', timeout: 240_000, env: { ...process.env, CI: 'true' } },
    );
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const app = join(out, 'linux-unpacked', 'resources', 'app');
    const files = listFiles(app);
    const own = files.filter((f) => !f.startsWith('node_modules/'));
    expect(own).toEqual([
      'dist/capture-helper.js',
      'dist/engine-worker.js',
      'dist/main/engine-host.cjs',
      'dist/main/engine-host.js',
      'dist/main/main.cjs',
      'dist/preload/preload.cjs',
      ...own.filter((f) => f.startsWith('dist/renderer/')),
      'fixtures/own/handshake-http.pcapng',
      'package.json',
    ].sort());
    expect(own).toContain('dist/renderer/index.html');
    expect(files.some((f) => f.endsWith('.map'))).toBe(false);
    const modules = new Set(files.filter((f) => f.startsWith('node_modules/')).map((f) => f.split('/')[1]));
    for (const dep of Object.keys(pkg.dependencies)) expect(modules.has(dep), dep).toBe(true);
    for (const dev of ['electron', 'electron-builder', 'vitest', 'typescript']) expect(modules.has(dev), dev).toBe(false);
    if (existsSync(join(ROOT, 'node_modules/cap/package.json'))) expect(modules.has('cap')).toBe(true);
    // The packaged package.json starts the main process bundle; the executable has the CLI's sibling name.
    expect(JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).main).toBe('dist/main/main.cjs');
    expect(existsSync(join(out, 'linux-unpacked', 'packetloom-desktop'))).toBe(true);
  }, 240_000); // ~10 s alone; more on a CI machine busy with the rest of the suite
});

// The end-to-end harness: builds the app, runs `npm run serve`'s entry (dist/server.js) as a real
// process, drives Debian's Chromium with playwright-core, saves a screenshot per test.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildIfStale } from '../helpers/build-once.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'screenshots');
export const CHROMIUM = '/usr/bin/chromium';

/** Builds dist/ (server and renderer) when it is missing or older than the sources. */
export const buildApp = buildIfStale;

export interface Served {
  url: string;
  origin: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `node dist/server.js [file]` and waits for the URL it prints. */
export function serve(file?: string): Promise<Served> {
  const args = [join(ROOT, 'dist/server.js'), ...(file ? [file] : []), '--port', '0'];
  const proc = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  return new Promise((ok, ko) => {
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/\S+\?token=\S+)/.exec(out);
      if (m) {
        const url = m[1]!;
        ok({
          url,
          origin: new URL(url).origin,
          proc,
          stop: () =>
            new Promise<void>((done) => {
              if (proc.exitCode !== null) return done();
              proc.once('exit', () => done());
              proc.kill('SIGTERM');
            }),
        });
      }
    });
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.once('exit', (code) => ko(new Error(`server exited (${code}) before printing its URL:\n${out}\n${err}`)));
  });
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Messages the page logged as errors (CSP violations, exceptions). */
  errors: string[];
  close(): Promise<void>;
}

export async function openBrowser(viewport = { width: 1400, height: 950 }): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (as .ci/run does)`);
  const profile = mkdtempSync(join(tmpdir(), 'packetloom-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** The grid rows now rendered: packet number and every column's text, in view order. */
export interface GridRow {
  index: string;
  no: string;
  time: string;
  source: string;
  destination: string;
  protocol: string;
  length: string;
  info: string;
}

export async function gridRows(page: Page): Promise<GridRow[]> {
  const rows = await page.locator('.ag-center-cols-container [role="row"]').evaluateAll((els) =>
    els.map((r) => {
      const out: Record<string, string> = { index: r.getAttribute('row-index') ?? '' };
      for (const c of r.querySelectorAll('[col-id]')) out[c.getAttribute('col-id')!] = (c.textContent ?? '').trim();
      return out;
    }),
  );
  return rows
    .filter((r) => r.no)
    .map((r) => ({ index: r.index ?? '', no: r.no ?? '', time: r.time ?? '', source: r.source ?? '', destination: r.destination ?? '', protocol: r.protocol ?? '', length: r.length ?? '', info: r.info ?? '' }))
    .sort((a, b) => Number(a.index) - Number(b.index));
}

/** tshark's Info column (the oracle), by packet number. */
export function tsharkInfo(file: string, extra: readonly string[] = []): Map<number, { protocol: string; info: string }> {
  const r = spawnSync('tshark', ['-n', '-r', file, ...extra, '-T', 'fields', '-E', 'separator=/t', '-e', 'frame.number', '-e', '_ws.col.Protocol', '-e', '_ws.col.Info'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tshark failed: ${r.stderr}`);
  const out = new Map<number, { protocol: string; info: string }>();
  for (const line of r.stdout.split('\n')) {
    if (!line) continue;
    const [no, protocol, ...info] = line.split('\t');
    out.set(Number(no), { protocol: protocol ?? '', info: info.join('\t') });
  }
  return out;
}

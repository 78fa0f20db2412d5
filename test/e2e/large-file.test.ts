// A million-packet file in the browser: it opens, the grid fills while indexing, and Ctrl+End
// scrolls to the last packet. The times are printed, not asserted (machines differ). When the
// bench file is absent (bench-data/ is not in git), a smaller one is generated with the same tool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, buildApp, gridRows, openBrowser, screenshot, serve, type Browser, type Served } from './harness.js';

const BENCH = join(ROOT, 'bench-data/bench-1m.pcap');
const SMALLER = join(ROOT, 'test-output/e2e-bench-200k.pcap');

let browser: Browser | undefined;
let server: Served | undefined;
let file = BENCH;
let packets = 0;

beforeAll(() => {
  buildApp();
  if (!existsSync(BENCH) || !existsSync(BENCH + '.json')) {
    file = SMALLER;
    const r = spawnSync(process.execPath, [join(ROOT, 'dist/bench/generate.js'), '--packets', '200000', '--out', SMALLER], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`generating ${SMALLER} failed: ${r.stderr}`);
  }
  packets = (JSON.parse(readFileSync(file + '.json', 'utf8')) as { packets: number }).packets;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a large capture', () => {
  it('opens and scrolls to the last packet', async () => {
    server = await serve(file);
    browser = await openBrowser();
    const { page } = browser;
    const t0 = performance.now();
    await page.goto(server.url);
    // The grid shows rows before indexing ends.
    await expect.poll(async () => (await gridRows(page)).length, { timeout: 120_000 }).toBeGreaterThan(10);
    const firstRows = performance.now() - t0;
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 600_000 });
    const indexed = performance.now() - t0;
    await expect.poll(() => page.getByTestId('status-counts').textContent()).toContain(`of ${packets.toLocaleString('en')}`);

    const t1 = performance.now();
    await page.locator('.ag-center-cols-container [row-index="0"] [col-id="no"]').click();
    await page.keyboard.press('Control+End');
    await expect.poll(async () => (await gridRows(page)).some((r) => r.no === String(packets)), { timeout: 120_000 }).toBe(true);
    const scrolled = performance.now() - t1;
    // The selection followed the keyboard to the last packet: its tree is shown.
    await expect.poll(() => page.locator('.ag-center-cols-container .ag-row-selected [col-id="no"]').textContent(), { timeout: 120_000 }).toBe(String(packets));
    await expect.poll(() => page.locator('[role="treeitem"][aria-level="1"]').first().textContent(), { timeout: 120_000 }).toContain(`Frame ${packets}:`);
    // The keyboard goes on from there.
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.locator('.ag-center-cols-container .ag-row-selected [col-id="no"]').textContent(), { timeout: 120_000 }).toBe(String(packets - 1));
    await page.keyboard.press('Home');
    await expect.poll(() => page.locator('.ag-center-cols-container .ag-row-selected [col-id="no"]').textContent(), { timeout: 120_000 }).toBe('1');
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    await screenshot(page, 'e2e-large-file-end');
    console.log(
      `[e2e large file] ${packets} packets (${file.replace(ROOT + '/', '')}): first rows ${(firstRows / 1000).toFixed(1)} s, ` +
        `indexed ${(indexed / 1000).toFixed(1)} s, Ctrl+End to the last row ${(scrolled / 1000).toFixed(2)} s, renderer JS heap ${(heap / 2 ** 20).toFixed(0)} MiB`,
    );
  }, 900_000);
});

// Live capture from the start page, in Chromium against the browser mode: a wrong capture filter
// turns red with libpcap's message, then a capture on `lo` shows a TCP handshake, data and the
// close that this test makes while the page watches.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, connect, type Server } from 'node:net';
import { buildApp, gridRows, openBrowser, screenshot, serve, type Browser, type Served } from './harness.js';

let browser: Browser | undefined;
let server: Served | undefined;
let tcp: Server | undefined;

beforeAll(() => buildApp(), 120_000);
afterEach(async () => {
  await browser?.close();
  browser = undefined;
});
afterAll(async () => {
  await server?.stop();
  await new Promise<void>((ok) => (tcp ? tcp.close(() => ok()) : ok()));
});

describe('live capture', () => {
  it('captures on lo and shows a handshake appearing', async () => {
    // A local TCP server that answers each line, on a free port.
    tcp = createServer((sock) => {
      sock.on('data', (d) => sock.end(`echo ${d.toString()}`));
    });
    await new Promise<void>((ok) => tcp!.listen(0, '127.0.0.1', () => ok()));
    const port = (tcp.address() as { port: number }).port;

    server = await serve();
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(server.url);

    const lo = page.getByRole('checkbox', { name: /^lo\b/ });
    await lo.waitFor({ timeout: 60_000 });
    for (const box of await page.locator('.pl-ifaces input[type="checkbox"]').all()) await box.uncheck();
    await lo.check();

    const filter = page.getByLabel('Capture filter');
    await filter.fill('tcp port');
    await expect.poll(() => filter.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(async () => (await page.locator('#pl-cap-msg').textContent()) ?? '').toMatch(/syntax error|parse/i);
    expect(await page.getByRole('button', { name: 'Start' }).isDisabled()).toBe(true);
    await screenshot(page, 'e2e-live-bad-filter');

    await filter.fill(`tcp port ${port}`);
    await expect.poll(() => filter.getAttribute('class')).toBe('valid');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByText('Capturing', { exact: true }).waitFor({ timeout: 60_000 });

    // The handshake, a request and an answer, and the close, made while the page watches.
    const answer = await new Promise<string>((ok, ko) => {
      const c = connect(port, '127.0.0.1', () => c.write('hello\n'));
      let got = '';
      c.on('data', (d) => (got += d.toString()));
      c.on('end', () => {
        c.end();
        ok(got);
      });
      c.on('error', ko);
    });
    expect(answer).toBe('echo hello\n');

    await expect.poll(async () => (await gridRows(page)).map((r) => r.info).join('\n'), { timeout: 60_000 }).toMatch(/\[SYN\][\s\S]*\[SYN, ACK\][\s\S]*\[FIN, ACK\]/);
    const rows = await gridRows(page);
    expect(rows.every((r) => r.protocol === 'TCP')).toBe(true);
    expect(rows[0]!.info).toMatch(new RegExp(`→ ${port} \\[SYN\\]`));
    await screenshot(page, 'e2e-live-handshake');

    // The protocol hierarchy of the capture so far: every packet is TCP over IPv4 on lo; it is
    // counted again as the capture grows (a second connection's packets arrive).
    await page.getByRole('tab', { name: 'Protocol hierarchy', exact: true }).click();
    const tcpFrames = async () => Number((await page.locator('.phs-table tr[data-protocol="tcp"] td').nth(2).textContent().catch(() => '0'))?.replace(/,/g, '') ?? 0);
    await expect.poll(tcpFrames, { timeout: 30_000 }).toBeGreaterThanOrEqual(rows.length);
    const before = await tcpFrames();
    await new Promise<void>((ok, ko) => {
      const c = connect(port, '127.0.0.1', () => c.write('again\n'));
      c.on('data', () => {});
      c.on('end', () => (c.end(), ok()));
      c.on('error', ko);
    });
    await expect.poll(tcpFrames, { timeout: 30_000 }).toBeGreaterThanOrEqual(before + 6);
    expect(await page.locator('.phs-table tr[data-protocol="udp"]').count()).toBe(0);

    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
  });

  it('follows new rows until the user scrolls up, and again on request', async () => {
    const port = (tcp!.address() as { port: number }).port;
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(server!.url);
    const lo = page.getByRole('checkbox', { name: /^lo\b/ });
    await lo.waitFor({ timeout: 60_000 });
    for (const box of await page.locator('.pl-ifaces input[type="checkbox"]').all()) await box.uncheck();
    await lo.check();
    await page.getByLabel('Capture filter').fill(`tcp port ${port}`);
    await expect.poll(() => page.getByLabel('Capture filter').getAttribute('class')).toBe('valid');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByText('Capturing', { exact: true }).waitFor({ timeout: 60_000 });

    /** `n` connections, one after the other (about ten packets each). */
    const traffic = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await new Promise<void>((ok, ko) => {
          const c = connect(port, '127.0.0.1', () => c.write(`ping ${i}\n`));
          c.on('data', () => undefined);
          c.on('end', () => {
            c.end();
            ok();
          });
          c.on('error', ko);
        });
      }
    };
    const counts = page.getByTestId('status-counts');
    const displayed = async () => Number(/Displayed: ([\d,]+)/.exec((await counts.textContent()) ?? '')?.[1]?.replace(/,/g, '') ?? 0);
    const lastShown = async () => Math.max(0, ...(await gridRows(page)).map((r) => Number(r.no)));

    await traffic(60);
    await expect.poll(displayed, { timeout: 60_000 }).toBeGreaterThanOrEqual(600);
    // Following: the newest row is on screen.
    await expect.poll(async () => (await lastShown()) === (await displayed()), { timeout: 60_000 }).toBe(true);

    // The user scrolls up: following pauses, and says how to resume.
    await page.locator('.ag-body-viewport').hover();
    await page.mouse.wheel(0, -4000);
    const resume = page.getByRole('button', { name: 'Follow new packets' });
    await resume.waitFor({ timeout: 30_000 });
    const viewport = page.locator('.ag-body-viewport');
    const scrollTop = () => viewport.evaluate((el) => el.scrollTop);
    const before = await scrollTop();
    await traffic(20);
    await expect.poll(displayed, { timeout: 60_000 }).toBeGreaterThanOrEqual(800);
    // New rows arrived and the list stayed where the user put it.
    await expect.poll(async () => (await gridRows(page)).length).toBeGreaterThan(0);
    expect(await scrollTop()).toBe(before);
    expect(await lastShown()).toBeLessThan(await displayed());
    await screenshot(page, 'e2e-live-paused');

    await resume.click();
    await expect.poll(async () => (await lastShown()) === (await displayed()), { timeout: 60_000 }).toBe(true);
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
  });
});

// The analysis views in Chromium against the browser mode (`npm run serve`): the handshake ladder
// of a normal open/close and of a refused connection (states in order, explanations in English and
// Chinese, arrow ↔ grid selection), Follow Stream of an HTTP exchange with its message boundaries,
// the conversations table against tshark's conv,tcp, the SYN-flood alert for a synthetic burst of
// half-open connections, and exporting the displayed packets. A screenshot per test.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, buildApp, gridRows, openBrowser, screenshot, serve, type Browser, type Served } from './harness.js';
import { synFloodPcap, SYN_FLOOD_ATTEMPTS } from '../../fixtures/synthetic/syn-flood.js';
import { credentialsCapture } from '../helpers/credentials-capture.js';

const HTTP_OWN = join(ROOT, 'fixtures/own/handshake-http.pcapng');
const REFUSED = join(ROOT, 'fixtures/own/refused-and-reset.pcap');
const HTTP_CORPUS = join(ROOT, 'fixtures/corpus/pcpp-one_http_stream_fin.pcap');
const LOSS = join(ROOT, 'fixtures/own/tcp-analysis.pcap');
const OUT = join(ROOT, 'test-output/e2e-analysis');
const SYN_FLOOD = join(OUT, 'syn-flood.pcap');
const CONVERSATION_SCHEMA = join(ROOT, 'dissectors/output/conversation.schema.json');

let browser: Browser | undefined;
const servers: Served[] = [];

beforeAll(() => {
  buildApp();
  mkdirSync(OUT, { recursive: true });
  writeFileSync(SYN_FLOOD, synFloodPcap());
}, 180_000);
afterEach(async () => {
  const refused = browser?.errors.filter((e) => /Content Security Policy|Refused to/i.test(e)) ?? [];
  await browser?.close();
  browser = undefined;
  expect(refused).toEqual([]);
});
afterAll(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

async function start(file: string, before?: (page: Page) => Promise<void>): Promise<Page> {
  const server = await serve(file);
  servers.push(server);
  browser = await openBrowser();
  await before?.(browser.page);
  await browser.page.goto(server.url);
  await browser.page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
  return browser.page;
}

function tshark(args: string[]): string {
  const r = spawnSync('tshark', ['-n', ...args], { encoding: 'utf8', env: { ...process.env, HOME: OUT, WIRESHARK_CONFIG_DIR: OUT } });
  if (r.status !== 0) throw new Error(`tshark ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Clicks the grid row of a packet number, once it is rendered. */
async function clickPacket(page: Page, no: number): Promise<void> {
  await expect.poll(async () => (await gridRows(page)).some((r) => r.no === String(no)), { timeout: 60_000 }).toBe(true);
  const row = (await gridRows(page)).find((r) => r.no === String(no))!;
  await page.locator(`.ag-center-cols-container [row-index="${row.index}"] [col-id="info"]`).click();
}

/** The packet number of the grid's selected row. */
async function selectedInGrid(page: Page): Promise<string> {
  return ((await page.locator('.ag-center-cols-container .ag-row-selected [col-id="no"]').first().textContent().catch(() => '')) ?? '').trim();
}

async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
}

/** The ladder's state bands of one side, top to bottom. */
async function states(page: Page, side: 'client' | 'server'): Promise<string[]> {
  return page.locator(`svg.ladder .ladder-band[data-side="${side}"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-state') ?? ''));
}

async function explanation(page: Page): Promise<string> {
  return ((await page.locator('.handshake-explain .explain-lines').first().textContent()) ?? '').replace(/\s+/g, ' ');
}

describe('handshake view', () => {
  it('normal open and close: states in order on both lifelines, explanations in English and Chinese, arrow ↔ grid', async () => {
    const page = await start(HTTP_OWN);
    // Frame 11 is the client's SYN (fixtures/own/README.md; tshark agrees).
    expect(tshark(['-r', HTTP_OWN, '-Y', 'frame.number == 11', '-T', 'fields', '-e', 'tcp.flags.str']).trim()).toMatch(/S.$/);
    await clickPacket(page, 11);
    await openTab(page, 'TCP handshake');
    await page.locator('svg.ladder').waitFor({ timeout: 30_000 });

    // The client opens and closes first: RFC 9293's active open and active close. The server's FIN
    // (frame 29) also acknowledges the client's FIN, so the client passes FIN-WAIT-2 within one
    // segment: no band of its own, and the explanation says so (below).
    expect(await states(page, 'client')).toEqual(['CLOSED', 'SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'TIME-WAIT']);
    // The server: passive open, passive close.
    expect(await states(page, 'server')).toEqual(['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);

    // Selecting the SYN in the grid selected (and explains) its arrow.
    await expect.poll(() => page.locator('.ladder-arrow[data-no="11"]').getAttribute('aria-pressed')).toBe('true');
    let text = await explanation(page);
    expect(text).toContain('The client asks to open a connection: SYN, seq=0.');
    expect(text).toContain('It enters SYN-SENT');

    // Clicking the SYN+ACK arrow selects packet 12 in the grid and in the tree.
    await page.locator('.ladder-arrow[data-no="12"]').click();
    await expect.poll(() => selectedInGrid(page)).toBe('12');
    await expect
      .poll(async () => (await page.locator('[role="treeitem"][aria-level="1"]').allTextContents()).join(' | '))
      .toMatch(/Src Port: 80, Dst Port: 40080/);
    await expect.poll(() => page.locator('.ladder-arrow[data-no="12"]').getAttribute('aria-pressed')).toBe('true');
    text = await explanation(page);
    expect(text).toContain('The server agrees: SYN+ACK.');
    expect(text).toContain('because a SYN uses one sequence number');
    expect(text).toContain('It enters SYN-RECEIVED');
    await expect.poll(() => page.locator('.rtt-handshake').textContent()).toMatch(/\d/);
    await screenshot(page, 'e2e-analysis-handshake-en');
    // The numbers on the wire (tshark -o tcp.relative_sequence_numbers:FALSE), then relative again.
    const wire = tshark(['-o', 'tcp.relative_sequence_numbers:FALSE', '-r', HTTP_OWN, '-Y', 'frame.number == 12', '-T', 'fields', '-e', 'tcp.seq', '-e', 'tcp.ack']).trim().split('\t');
    const synAck = page.locator('.ladder-arrow[data-no="12"]');
    await page.getByRole('checkbox', { name: /raw sequence numbers/ }).check();
    await expect.poll(() => synAck.getAttribute('aria-label')).toBe(`#12 [SYN, ACK] seq=${wire[0]} ack=${wire[1]} len=0`);
    await page.getByRole('checkbox', { name: /raw sequence numbers/ }).uncheck();
    await expect.poll(() => synAck.getAttribute('aria-label')).toBe('#12 [SYN, ACK] seq=0 ack=1 len=0');

    // The same step in Chinese.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect.poll(() => explanation(page)).toContain('服务器同意建立连接：SYN+ACK。');
    text = await explanation(page);
    expect(text).toContain('因为 SYN 占用一个序号');
    expect(text).toContain('SYN-RECEIVED');
    // The client's first FIN: the close, explained in Chinese.
    const fin = tshark(['-r', HTTP_OWN, '-Y', 'tcp.flags.fin == 1', '-T', 'fields', '-e', 'frame.number']).trim().split('\n')[0]!;
    await page.locator(`.ladder-arrow[data-no="${fin}"]`).click();
    await expect.poll(() => selectedInGrid(page)).toBe(fin);
    await expect.poll(() => explanation(page)).toContain('客户端没有更多数据要发送，关闭自己的发送方向：FIN');
    expect(await explanation(page)).toContain('进入 FIN-WAIT-1');
    // The server's FIN+ACK: the client skips FIN-WAIT-2 and waits 2×MSL in TIME-WAIT.
    await page.locator('.ladder-arrow[data-no="29"]').click();
    await expect.poll(() => selectedInGrid(page)).toBe('29');
    await expect.poll(() => explanation(page)).toContain('瞬间经过 FIN-WAIT-2');
    expect(await explanation(page)).toContain('进入 TIME-WAIT');
    expect(await explanation(page)).toContain('2×MSL');
    await screenshot(page, 'e2e-analysis-handshake-zh');
    expect(browser!.errors).toEqual([]);
  });

  it('refused connection: SYN answered by RST, both ends CLOSED, explained in both languages', async () => {
    const page = await start(REFUSED);
    // Frames 3 and 4: SYN to the closed port 7779 and the RST/ACK (fixtures/own/README.md).
    expect(tshark(['-r', REFUSED, '-Y', 'frame.number == 4', '-T', 'fields', '-e', 'tcp.flags.reset', '-e', 'tcp.srcport']).trim()).toMatch(/^(1|True)\t7779$/);
    await clickPacket(page, 3);
    await openTab(page, 'TCP handshake');
    await page.locator('svg.ladder').waitFor({ timeout: 30_000 });
    expect(await states(page, 'client')).toEqual(['CLOSED', 'SYN-SENT', 'CLOSED']);
    expect(await states(page, 'server')).toEqual(['LISTEN', 'CLOSED']);
    expect(await page.locator('svg.ladder .ladder-arrow').count()).toBe(2);

    // Clicking the RST arrow selects packet 4 and explains the refusal.
    await page.locator('.ladder-arrow[data-no="4"]').click();
    await expect.poll(() => selectedInGrid(page)).toBe('4');
    await expect.poll(() => explanation(page)).toContain('The server refuses the connection: RST');
    expect(await explanation(page)).toContain('Nothing accepts connections on port 7779');
    await screenshot(page, 'e2e-analysis-refused-en');

    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect.poll(() => explanation(page)).toContain('服务器拒绝连接：用 RST');
    expect(await explanation(page)).toContain('端口 7779 上没有程序接受连接');
    // Selecting the SYN in the grid moves the ladder's selection back (grid → arrow).
    await clickPacket(page, 3);
    await expect.poll(() => page.locator('.ladder-arrow[data-no="3"]').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => explanation(page)).toContain('客户端请求建立连接：SYN');
    await screenshot(page, 'e2e-analysis-refused-zh');
    expect(browser!.errors).toEqual([]);
  });
});

/** A screenshot in the light theme and one in the dark (`name`-dark), back in the light after. */
async function screenshotBothThemes(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await screenshot(page, `${name}-dark`);
  await page.getByRole('button', { name: 'Light theme' }).click();
}

/** Frame numbers tshark selects with `filter`. */
function frames(file: string, filter: string): number[] {
  return tshark(['-r', file, '-Y', filter, '-T', 'fields', '-e', 'frame.number']).split('\n').filter((l) => l !== '').map(Number);
}

/** A stream-graph series' point count, as the plot's path says it. */
async function seriesCount(page: Page, id: string, svg = 'svg.stream-graph'): Promise<number> {
  return Number(await page.locator(`${svg} path.sg-series[data-series="${id}"]`).getAttribute('data-count'));
}

describe('stream graphs', () => {
  it('tcptrace of an upload with loss: the segments, retransmissions, ACKs and SACKs tshark sees; click, keys, zoom; Chinese', async () => {
    const page = await start(LOSS);
    // Stream 0 of fixtures/own/tcp-analysis.pcap: 10.99.0.1:41000 uploads to 10.99.0.2:8000, and
    // every 8th of its data segments is dropped at the server (captured, then retransmitted).
    const client = 'tcp.stream == 0 && ip.src == 10.99.0.1';
    const server = 'tcp.stream == 0 && ip.src == 10.99.0.2';
    const retrans = frames(LOSS, `${client} && tcp.len > 0 && (tcp.analysis.retransmission || tcp.analysis.fast_retransmission || tcp.analysis.spurious_retransmission)`);
    const data = frames(LOSS, `${client} && tcp.len > 0`);
    expect(retrans.length).toBeGreaterThan(0);
    await clickPacket(page, data[0]!);
    await openTab(page, 'Stream graphs');
    await page.locator('svg.stream-graph').waitFor({ timeout: 30_000 });
    await page.getByRole('combobox', { name: 'Data sent' }).selectOption('c2s');
    await expect.poll(() => page.locator('svg.stream-graph').getAttribute('data-dir')).toBe('c2s');
    expect(await seriesCount(page, 'segments') + await seriesCount(page, 'retransmissions')).toBe(data.length);
    expect(await seriesCount(page, 'retransmissions')).toBe(retrans.length);
    expect(await seriesCount(page, 'ack')).toBe(frames(LOSS, `${server} && tcp.flags.ack == 1`).length);
    expect(await seriesCount(page, 'sack') ).toBe(frames(LOSS, `${server} && tcp.flags.ack == 1 && tcp.options.sack_le`).length);
    expect(await seriesCount(page, 'sack')).toBeGreaterThan(0);
    // The legend names them, with their counts.
    await expect.poll(async () => (await page.locator('.sg-legend').textContent()) ?? '').toContain(`Retransmissions (${retrans.length})`);

    // Selected in the grid: ringed on the graph.
    await expect.poll(() => page.locator(`.sg-selected[data-no="${data[0]}"]`).count()).toBe(1);
    // A click on the first retransmission's bar selects that packet in the grid.
    const d = (await page.locator('svg.stream-graph path.sg-retransmissions').getAttribute('d')) ?? '';
    const m = /^M([\d.]+),([\d.]+)V([\d.]+)/.exec(d)!;
    // The plot is drawn in pixels (its viewBox is its size): a path's point is the box's corner plus it.
    await page.locator('svg.stream-graph').scrollIntoViewIfNeeded();
    const box = (await page.locator('svg.stream-graph').boundingBox())!;
    const at = async (sx: number, sy: number) => ({ x: box.x + sx, y: box.y + sy });
    const bar = await at(Number(m[1]), (Number(m[2]) + Number(m[3])) / 2);
    await page.mouse.click(bar.x, bar.y);
    await expect.poll(() => selectedInGrid(page)).toBe(String(retrans[0]));
    await expect.poll(() => page.locator(`.sg-selected[data-no="${retrans[0]}"][data-series="retransmissions"]`).count()).toBe(1);
    // Hovering reads the packet out.
    await expect.poll(async () => (await page.locator('.sg-readout').textContent()) ?? '').toContain(`#${retrans[0]} · Retransmissions`);
    // → steps to the next packet of the graph (the grid follows).
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => selectedInGrid(page)).not.toBe(String(retrans[0]));
    await screenshot(page, 'e2e-analysis-stream-graph-tcptrace');

    // Drag a box around the first retransmission: zoomed in on it; Reset zoom.
    const from = await at(Number(m[1]) - 40, Math.min(Number(m[2]), Number(m[3])) - 30);
    const to = await at(Number(m[1]) + 40, Math.max(Number(m[2]), Number(m[3])) + 30);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => page.locator('svg.stream-graph').getAttribute('data-zoomed')).toBe('1');
    // The bar is now drawn inside the plot's frame, wider apart from its neighbours than before.
    const zoomed = /^M([\d.]+),([\d.]+)V([\d.]+)/.exec((await page.locator('svg.stream-graph path.sg-retransmissions').getAttribute('d')) ?? '')!;
    const frame = page.locator('svg.stream-graph rect.sg-frame');
    const [fx, fw] = [Number(await frame.getAttribute('x')), Number(await frame.getAttribute('width'))];
    expect(Number(zoomed[1])).toBeGreaterThan(fx);
    expect(Number(zoomed[1])).toBeLessThan(fx + fw);
    expect(Math.abs(Number(zoomed[2]) - Number(zoomed[3]))).toBeGreaterThan(Math.abs(Number(m[2]) - Number(m[3])));
    await screenshot(page, 'e2e-analysis-stream-graph-zoomed');
    await page.getByRole('button', { name: 'Reset zoom' }).click();
    await expect.poll(() => page.locator('svg.stream-graph').getAttribute('data-zoomed')).toBe('0');

    // The other graphs of the same data.
    const graph = page.getByRole('combobox', { name: 'Graph' });
    await graph.selectOption('rtt');
    await expect.poll(() => seriesCount(page, 'rtt')).toBeGreaterThan(0);
    await graph.selectOption('throughput');
    expect(await seriesCount(page, 'segmentLength')).toBe(frames(LOSS, client).length);
    await expect.poll(() => seriesCount(page, 'throughput')).toBeGreaterThan(0);
    await graph.selectOption('window');
    await expect.poll(() => seriesCount(page, 'bytesOut')).toBeGreaterThan(0);
    await screenshot(page, 'e2e-analysis-stream-graph-window');
    await graph.selectOption('tcptrace');

    // In Chinese.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('tab', { name: '流图', exact: true }).waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await page.locator('.sg-legend').textContent()) ?? '').toContain(`重传 (${retrans.length})`);
    await expect.poll(async () => (await page.locator('.sg-explain').textContent()) ?? '').toContain('接收窗口');
    await screenshot(page, 'e2e-analysis-stream-graph-zh');
  });

  it('a conversation row opens the stream graph of its connection', async () => {
    const page = await start(LOSS);
    await openTab(page, 'Conversations');
    const row = page.locator('tr[data-stream="1"]');
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: 'Stream graph' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Stream graphs', exact: true }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.locator('.stream-graph-view').getAttribute('data-stream')).toBe('1');
  });
});

describe('flow graph', () => {
  it('an arrow per packet between its addresses, labelled with tshark\'s Info; scopes, click, selection, Chinese', async () => {
    const page = await start(HTTP_OWN);
    await openTab(page, 'Flow graph');
    const svg = page.locator('svg.fg-svg[role="img"]');
    await svg.waitFor({ timeout: 30_000 });
    const rows = tshark(['-r', HTTP_OWN, '-T', 'fields', '-E', 'separator=/t', '-e', 'frame.number', '-e', '_ws.col.Source', '-e', '_ws.col.Destination', '-e', '_ws.col.Info'])
      .trimEnd().split('\n').map((l) => l.split('\t') as [string, string, string, string]);
    const arrows = page.locator('g.fg-arrow');
    await expect.poll(() => arrows.count()).toBe(rows.length);
    // The lifelines: addresses in order of first appearance (tshark -n names none; the app shows MAC names: Broadcast).
    const hosts = await page.locator('g.fg-host').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-host') ?? ''));
    expect(hosts).toContain('10.99.0.1');
    expect(hosts).toContain('10.99.0.2');
    expect(hosts.indexOf('10.99.0.1')).toBeLessThan(hosts.indexOf('10.99.0.2'));
    // Every arrow's packet and label (the Info, cut at 34 characters), and it goes from source to destination.
    const drawn = await arrows.evaluateAll((gs) => gs.map((g) => ({ no: g.getAttribute('data-no'), label: g.querySelector('.fg-label')?.textContent ?? '', x1: Number(g.querySelector('line')?.getAttribute('x1') ?? NaN), x2: Number(g.querySelector('line')?.getAttribute('x2') ?? NaN) })));
    expect(drawn.map((d) => d.no)).toEqual(rows.map((r) => r[0]));
    drawn.forEach((d, k) => {
      const info = rows[k]![3].trim();
      expect(d.label, d.no!).toBe(info.length <= 34 ? info : `${info.slice(0, 33)}…`);
    });
    const hostX = async (name: string) => Number(await page.locator(`g.fg-host[data-host="${name}"] line`).getAttribute('x1'));
    const get = rows.find((r) => r[3].startsWith('GET /index.html'))!;
    const getArrow = drawn.find((d) => d.no === get[0])!;
    expect([getArrow.x1, getArrow.x2]).toEqual([await hostX(get[1]), await hostX(get[2])]);
    // A click selects the packet in the list; the list's selection is ringed here.
    await page.locator(`g.fg-arrow[data-no="${get[0]}"] .fg-hit`).click();
    await expect.poll(() => selectedInGrid(page)).toBe(get[0]);
    await expect.poll(() => page.locator('g.fg-arrow.selected').getAttribute('data-no')).toBe(get[0]);
    await clickPacket(page, 7);
    await expect.poll(() => page.locator('g.fg-arrow.selected').getAttribute('data-no')).toBe('7');
    // TCP flows only; then the selected packet's conversation (packet 7: the first DNS query and its answer).
    const view = page.locator('.fg-view');
    await view.getByLabel('Show').selectOption('tcp');
    await expect.poll(() => arrows.count()).toBe(frames(HTTP_OWN, 'tcp').length);
    await view.getByLabel('Show').selectOption('conversation');
    await expect.poll(() => arrows.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-no')))).toEqual(frames(HTTP_OWN, 'udp.stream == 0').map(String));
    await view.getByLabel('Show').selectOption('all');
    await screenshotBothThemes(page, 'e2e-analysis-flow-graph');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('tab', { name: '流量图', exact: true }).waitFor();
    await expect.poll(() => view.locator('option').allTextContents()).toEqual(['显示的分组', 'TCP 流', '所选分组的会话']);
  });
});

describe('I/O graph', () => {
  it('all packets and TCP errors per interval, as tshark counts them; interval, filters, click, Chinese', async () => {
    const page = await start(LOSS);
    await openTab(page, 'I/O graph');
    const svg = page.locator('svg.io-graph');
    await svg.waitFor({ timeout: 30_000 });
    const all = frames(LOSS, 'frame');
    const errors = frames(LOSS, 'tcp.analysis.flags');
    // The capture lasts 4.9 s: 0.1 s intervals (some 20 points or more), 50 of them.
    await expect.poll(() => page.locator('.io-graph-view').getAttribute('data-interval')).toBe('0.1');
    await expect.poll(() => seriesCount(page, 'g0', 'svg.io-graph')).toBe(50);
    await expect.poll(async () => (await page.locator('.sg-legend').textContent()) ?? '').toContain(`All packets (${all.length} packets)`);
    expect((await page.locator('.sg-legend').textContent()) ?? '').toContain(`tcp.analysis.flags (${errors.length} packets)`);

    // 1 s intervals: 5 points; a click on the second selects the first packet sent in [1 s, 2 s).
    await page.getByRole('combobox', { name: 'Interval' }).selectOption('1');
    await expect.poll(() => seriesCount(page, 'g0', 'svg.io-graph')).toBe(5);
    const times = tshark(['-r', LOSS, '-T', 'fields', '-e', 'frame.number', '-e', 'frame.time_relative']).split('\n').filter((l) => l).map((l) => l.split('\t').map(Number));
    const firstInSecond = times.find(([, t]) => t! >= 1 && t! < 2)![0]!;
    const d = (await page.locator('svg.io-graph path[data-series="g0"]').getAttribute('d')) ?? '';
    const pts = [...d.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(pts.length).toBe(5);
    await svg.scrollIntoViewIfNeeded();
    const box = (await svg.boundingBox())!;
    await page.mouse.click(box.x + pts[1]![0]!, box.y + pts[1]![1]!);
    await expect.poll(() => selectedInGrid(page)).toBe(String(firstInSecond));
    await screenshotBothThemes(page, 'e2e-analysis-io-graph');

    // The second graph's filter edited: retransmissions only, counted as tshark counts them.
    const f2 = page.getByRole('textbox', { name: 'Display filter of graph 2' });
    await f2.fill('tcp.analysis.retransmission || tcp.analysis.fast_retransmission');
    await f2.press('Enter');
    const retrans = frames(LOSS, 'tcp.analysis.retransmission || tcp.analysis.fast_retransmission');
    expect(retrans.length).toBeGreaterThan(0);
    await expect.poll(async () => (await page.locator('.sg-legend').textContent()) ?? '').toContain(`tcp.analysis.retransmission || tcp.analysis.fast_retransmission (${retrans.length} packets)`);
    // A filter that does not compile: said, not crashed; fixing it brings the graph back.
    await f2.fill('tcp.port ==');
    await f2.press('Enter');
    await expect.poll(async () => (await page.locator('.io-error').textContent()) ?? '').toContain('tcp.port ==');
    await f2.fill('udp');
    await f2.press('Enter');
    await expect.poll(async () => (await page.locator('.sg-legend').textContent()) ?? '').toContain(`udp (${frames(LOSS, 'udp').length} packets)`);
    expect(await page.locator('.io-error').count()).toBe(0);

    // Bytes per interval; in Chinese.
    await page.getByRole('combobox', { name: 'Y axis' }).selectOption('bytes');
    const bytes = tshark(['-r', LOSS, '-T', 'fields', '-e', 'frame.len']).split('\n').filter((l) => l).reduce((a, l) => a + Number(l), 0);
    await expect.poll(async () => (await page.locator('.sg-legend').textContent()) ?? '').toContain(`All packets (${bytes.toLocaleString('en-US')} bytes)`);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('tab', { name: 'I/O 图表', exact: true }).waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await page.locator('.sg-explain').textContent()) ?? '').toContain('SYN 洪泛');
    await screenshot(page, 'e2e-analysis-io-graph-zh');
  });
});

describe('protocol hierarchy', () => {
  it('the layers tshark -2 -z io,phs counts; a row applies its protocol as a filter; collapse; Chinese', async () => {
    const page = await start(HTTP_OWN);
    await openTab(page, 'Protocol hierarchy');
    // tshark's hierarchy: "  ip    frames:28 bytes:4627" lines, indented two spaces a level.
    const want = tshark(['-2', '-q', '-r', HTTP_OWN, '-z', 'io,phs']).split('\n').map((l) => /^( *)(\S+)\s+frames:(\d+) bytes:(\d+)$/.exec(l)).filter((m) => m !== null);
    const paths: string[] = [];
    const rows = want.map((m) => {
      const depth = m[1]!.length / 2;
      paths.length = depth;
      paths.push(m[2]!);
      return { path: '/' + paths.join('/'), frames: m[3]!, bytes: Number(m[4]).toLocaleString('en-US') };
    });
    expect(rows.length).toBeGreaterThan(5);
    await page.locator('.phs-table tbody tr').first().waitFor({ timeout: 30_000 });
    const got = await page.locator('.phs-table tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      path: tr.getAttribute('data-path'),
      frames: tr.children[2]!.textContent,
      bytes: tr.children[4]!.textContent,
    })));
    expect(got).toEqual(rows);
    await screenshotBothThemes(page, 'e2e-analysis-protocol-hierarchy');

    // Collapsing ip hides everything under it.
    await page.getByRole('button', { name: 'Collapse ip' }).click();
    await expect.poll(() => page.locator('.phs-table tbody tr').count()).toBe(rows.filter((r) => !r.path.startsWith('/eth/ip/')).length);
    await page.getByRole('button', { name: 'Expand ip' }).click();
    await expect.poll(() => page.locator('.phs-table tbody tr').count()).toBe(rows.length);

    // "Apply as filter" on dns: the list shows what tshark's -Y dns shows.
    await page.locator('.phs-table tr[data-protocol="dns"]').getByRole('button', { name: 'Apply as filter' }).click();
    const dns = frames(HTTP_OWN, 'dns');
    await expect.poll(async () => (await page.getByTestId('status-counts').textContent()) ?? '').toContain(`Displayed: ${dns.length} of 30`);

    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('tab', { name: '协议分级', exact: true }).waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await page.locator('.phs-view').textContent()) ?? '').toContain('以太网承载 IP');
    await screenshot(page, 'e2e-analysis-protocol-hierarchy-zh');
  });
});

describe('stats trees', () => {
  it('shows HTTP\'s packet counter, then packet lengths of TCP segments with data, as tshark -z <name>,tree counts them', async () => {
    const page = await start(HTTP_OWN);
    await openTab(page, 'Stats trees');
    const table = page.locator('.stats-tree-table');
    /** The rows shown, laid out as tshark prints them. */
    const asTshark = async (title: string) => {
      const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
        depth: Number(tr.getAttribute('data-depth')),
        cells: [...tr.children].map((td) => td.textContent ?? ''),
      })));
      const rootName = title.slice(title.lastIndexOf('/') + 1);
      const width = Math.max(rootName.length, ...rows.map((r) => r.depth + 1 + r.cells[0]!.length));
      const cols = ['Count', 'Average', 'Min Val', 'Max Val', 'Rate (ms)', 'Percent', 'Burst Rate', 'Burst Start'];
      const rule = (ch: string) => ch.repeat(width + cols.length * 14);
      let out = `\n${rule('=')}\n${title}:\n${'Topic / Item'.padEnd(width)}${cols.map((c) => ` ${c.padEnd(13)}`).join('')}\n${rule('-')}\n`;
      for (const r of rows) out += `${' '.repeat(r.depth)}${r.cells[0]!.padEnd(width - r.depth)}${r.cells.slice(1).map((v) => ` ${v.padEnd(13)}`).join('')}\n`;
      return `${out}\n${rule('-')}\n`;
    };
    await table.locator('tbody tr').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => asTshark('HTTP/Packet Counter'), { timeout: 30_000 }).toBe(tshark(['-q', '-r', HTTP_OWN, '-z', 'http,tree']));
    await expect.poll(async () => (await table.textContent()) ?? '', { timeout: 30_000 }).toContain('200 OK');
    await screenshotBothThemes(page, 'e2e-analysis-stats-trees');

    await page.getByRole('combobox', { name: 'Statistics' }).selectOption('plen');
    const filter = page.getByRole('textbox', { name: 'Display filter (optional)' });
    await filter.fill('tcp.len > 0');
    await filter.press('Enter');
    await expect.poll(() => asTshark('Packet Lengths'), { timeout: 30_000 }).toBe(tshark(['-q', '-r', HTTP_OWN, '-z', 'plen,tree,tcp.len > 0']));
    // A wrong filter says why.
    await filter.fill('tcp.lenn > 0');
    await filter.press('Enter');
    await expect.poll(async () => (await page.locator('.stats-tree-view [role="alert"]').textContent()) ?? '', { timeout: 30_000 }).toMatch(/tcp\.lenn/);
  });
});

describe('follow stream', () => {
  it('shows the HTTP exchange with its segment and message boundaries', async () => {
    // tshark's view: which frames carry data in each direction.
    const segs = tshark(['-r', HTTP_CORPUS, '-Y', 'tcp.len > 0', '-T', 'fields', '-e', 'frame.number', '-e', 'tcp.srcport'])
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    const c2s = segs.filter((s) => s[1] !== '80').map((s) => `#${s[0]}`);
    const s2c = segs.filter((s) => s[1] === '80').map((s) => `#${s[0]}`);
    expect(c2s).toEqual(['#4']);
    expect(s2c.length).toBeGreaterThan(1);
    const requestLine = 'GET /softw/90/update/avg9infoavi.ctf HTTP/1.1';

    const page = await start(HTTP_CORPUS);
    await clickPacket(page, 4);
    await openTab(page, 'Follow stream');
    const body = page.locator('.follow-body');
    await body.waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await body.textContent()) ?? '').toContain(requestLine);
    expect((await body.textContent()) ?? '').toContain('HTTP/1.1 200 OK');
    await screenshot(page, 'e2e-analysis-follow-ascii');

    await page.getByRole('checkbox', { name: /sticky packets/ }).check();
    await page.locator('.follow-sticky').first().waitFor();
    // Client to server: one segment carrying exactly one message, the request.
    expect(await page.locator('.follow-sticky.c2s .segment-mark').allTextContents()).toEqual(c2s);
    const reqMarks = await page.locator('.follow-sticky.c2s .message-mark').allTextContents();
    expect(reqMarks).toHaveLength(1);
    expect(reqMarks[0]).toContain('GET /softw/90/update/avg9infoavi.ctf');
    // Server to client: one response message spread over tshark's data segments.
    expect(await page.locator('.follow-sticky.s2c .segment-mark').allTextContents()).toEqual(s2c);
    const resMarks = await page.locator('.follow-sticky.s2c .message-mark').allTextContents();
    expect(resMarks).toHaveLength(1);
    expect(resMarks[0]).toContain('200');
    expect(await page.locator('.follow-sticky.s2c .message-spans').count()).toBe(1);
    await page.locator('.follow-sticky.s2c').scrollIntoViewIfNeeded();
    await screenshot(page, 'e2e-analysis-follow-sticky');
    expect(browser!.errors).toEqual([]);
  });

  it('saves the stream content: raw bytes equal to tshark\'s follow,tcp,raw', async () => {
    // tshark's raw follow: one hex line per chunk (the server's indented), after a header.
    const raw = tshark(['-r', HTTP_CORPUS, '-q', '-z', 'follow,tcp,raw,0']);
    const hex = raw
      .split('\n')
      .filter((l) => /^\t?[0-9a-f]+$/.test(l))
      .map((l) => l.trim())
      .join('');
    expect(hex.length).toBeGreaterThan(1000);
    const page = await start(HTTP_CORPUS);
    await clickPacket(page, 4);
    await openTab(page, 'Follow stream');
    await page.locator('.follow-body').waitFor({ timeout: 30_000 });
    await page.getByRole('combobox', { name: 'Show as' }).selectOption('raw');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save as…' }).click()]);
    expect(download.suggestedFilename()).toBe('tcp-stream-0.bin');
    const file = join(OUT, 'follow-raw.bin');
    await download.saveAs(file);
    expect(readFileSync(file).toString('hex')).toBe(hex);
    await screenshot(page, 'e2e-analysis-follow-save');
    expect(browser!.errors).toEqual([]);
  });
});

describe('follow HTTP stream', () => {
  it('shows a TCP stream as HTTP messages, the chunked body de-chunked, as tshark -z follow,http; and back to bytes', async () => {
    const file = join(ROOT, 'fixtures/corpus/scapy-http_chunk.pcap');
    // tshark's chunk lengths per direction (the server's indented).
    const lens = tshark(['-r', file, '-q', '-z', 'follow,http,ascii,0']).split('\n').map((l) => /^(\t?)(\d+)$/.exec(l)).filter((m) => m !== null);
    const server = lens.filter((m) => m[1] === '\t').reduce((a, m) => a + Number(m[2]), 0);
    const client = lens.filter((m) => m[1] === '').reduce((a, m) => a + Number(m[2]), 0);
    expect(server).toBeGreaterThan(30_000);
    const page = await start(file);
    await clickPacket(page, 4);
    await openTab(page, 'Follow stream');
    const view = page.locator('.follow-view');
    await page.locator('.follow-body').waitFor({ timeout: 30_000 });
    expect(await view.getAttribute('data-proto')).toBe('tcp');
    // A click (not check(): the view reloads while the engine answers, the box with it).
    await page.getByRole('checkbox', { name: 'As HTTP' }).click();
    await expect.poll(() => view.getAttribute('data-proto'), { timeout: 30_000 }).toBe('http');
    const legend = page.locator('.follow-legend');
    await expect.poll(async () => (await legend.textContent()) ?? '', { timeout: 30_000 }).toContain(String(server));
    expect((await legend.textContent()) ?? '').toContain(String(client));
    // The de-chunked body has no chunk-size lines left in it.
    expect((await page.locator('.follow-body').textContent()) ?? '').not.toMatch(/\r?\n[0-9a-f]{1,6}\r?\n/);
    await screenshot(page, 'e2e-analysis-follow-http');
    // Show as YAML: each chunk as tshark's yaml follow writes it.
    await page.getByRole('combobox', { name: 'Show as' }).selectOption('yaml');
    await expect.poll(async () => (await page.locator('.follow-body').textContent()) ?? '').toMatch(/- packet: \d+\s+peer: 0\s+timestamp: \d+\.\d{9}\s+data: !!binary \|/);
    await page.getByRole('combobox', { name: 'Show as' }).selectOption('ascii');
    await page.getByRole('checkbox', { name: 'As HTTP' }).click();
    await expect.poll(() => view.getAttribute('data-proto'), { timeout: 30_000 }).toBe('tcp');
    expect(browser!.errors).toEqual([]);
  });
});

describe('export objects', () => {
  it('lists the HTTP objects tshark exports; filter, a download and Save all give tshark\'s files', async () => {
    const file = join(ROOT, 'fixtures/corpus/zeek-http-pipelined-requests.pcap');
    const theirsDir = join(OUT, 'eo-tshark');
    const oursDir = join(OUT, 'eo-app');
    rmSync(theirsDir, { recursive: true, force: true });
    rmSync(oursDir, { recursive: true, force: true });
    tshark(['-q', '-r', file, '--export-objects', `http,${theirsDir}`]);
    const names = readdirSync(theirsDir).sort();
    expect(names.length).toBe(5);
    const page = await start(file);
    await openTab(page, 'HTTP objects');
    const table = page.getByRole('table', { name: 'HTTP objects' });
    await table.waitFor({ timeout: 30_000 });
    const filenames = async () => (await table.locator('tbody tr td:nth-child(5)').allTextContents()).sort();
    await expect.poll(filenames, { timeout: 30_000 }).toEqual(names);
    expect(new Set(await table.locator('tbody tr td:nth-child(2)').allTextContents())).toEqual(new Set(['www.mozilla.org']));
    // The text filter: the PNG images.
    await page.getByRole('textbox', { name: /Text filter/ }).fill('png');
    await expect.poll(filenames).toEqual(names.filter((n) => n.endsWith('.png')));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save key-point-top.png' }).click()]);
    expect(download.suggestedFilename()).toBe('key-point-top.png');
    const got = join(OUT, 'eo-download.png');
    await download.saveAs(got);
    expect(readFileSync(got).equals(readFileSync(join(theirsDir, 'key-point-top.png')))).toBe(true);
    // Save all (the filter cleared) into a folder on the engine's machine.
    await page.getByRole('textbox', { name: /Text filter/ }).fill('');
    await page.getByRole('textbox', { name: 'Save into folder' }).fill(oursDir);
    await page.getByRole('button', { name: 'Save all' }).click();
    await expect.poll(async () => (await page.locator('.export-objects-view .export-result').textContent()) ?? '', { timeout: 30_000 }).toBe(`Saved 5 objects in ${oursDir}.`);
    expect(readdirSync(oursDir).sort()).toEqual(names);
    for (const n of names) expect(readFileSync(join(oursDir, n)).equals(readFileSync(join(theirsDir, n))), n).toBe(true);
    await screenshot(page, 'e2e-analysis-export-objects');
    expect(browser!.errors).toEqual([]);
  });
});

describe('resolved addresses', () => {
  it('lists the names tshark -z hosts lists (DNS answers of the capture); an address filters the packet list', async () => {
    const file = join(ROOT, 'fixtures/corpus/tcpdump-dns_tcp.pcap');
    const theirs = tshark(['-N', 'd', '-q', '-z', 'hosts', '-r', file]).split('\n').filter((l) => l.includes('\t')).sort();
    expect(theirs.length).toBe(6);
    const page = await start(file);
    await openTab(page, 'Resolved addresses');
    const table = page.getByRole('table', { name: 'Resolved addresses' });
    await table.waitFor({ timeout: 30_000 });
    const lines = async () => (await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent).join('\t')))).sort();
    await expect.poll(lines, { timeout: 30_000 }).toEqual(theirs);
    await page.getByRole('textbox', { name: /Text filter/ }).fill('sandelman');
    await expect.poll(lines).toEqual(theirs.filter((l) => l.includes('sandelman')));
    await screenshot(page, 'e2e-analysis-resolved-addresses');
    await table.getByRole('button', { name: '209.87.249.18' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Display filter' }).inputValue()).toBe('ip.addr == 209.87.249.18');
    expect(browser!.errors).toEqual([]);
  });
});

describe('credentials', () => {
  it('lists the users tshark -z credentials lists; a packet number shows the decoded password in the details', async () => {
    const file = join(OUT, 'credentials.pcap');
    writeFileSync(file, credentialsCapture());
    const theirs = tshark(['-q', '-z', 'credentials', '-r', file]).split('\n').filter((l) => /^\d/.test(l)).map((l) => l.replace(/ {2,}/g, ' ').trim());
    expect(theirs.length).toBe(10);
    const page = await start(file);
    await openTab(page, 'Credentials');
    const table = page.getByRole('table', { name: 'Credentials' });
    await table.waitFor({ timeout: 30_000 });
    const lines = async () => (await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent).join(' ')))).map((l) => l.replace(/ {2,}/g, ' ').trim());
    await expect.poll(lines, { timeout: 30_000 }).toEqual(theirs);
    await table.getByRole('button', { name: '2', exact: true }).click();
    await expect.poll(() => page.locator('[role="treeitem"][aria-level="1"]').first().textContent()).toContain('Frame 2:');
    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect.poll(() => page.getByRole('tree').textContent()).toContain('Credentials: josé:pässwörd');
    await screenshot(page, 'e2e-analysis-credentials');
    expect(browser!.errors).toEqual([]);
  });
});

/** tshark -q -z conv,tcp: "a:p <-> b:p" → total frames and bytes. */
function tsharkConversations(file: string): Map<string, { frames: number; bytes: number }> {
  const out = new Map<string, { frames: number; bytes: number }>();
  for (const line of tshark(['-r', file, '-q', '-z', 'conv,tcp']).split('\n')) {
    const m = /^(\S+):(\d+)\s+<->\s+(\S+):(\d+)\s+\d+\s+\d+ bytes\s+\d+\s+\d+ bytes\s+(\d+)\s+(\d+) bytes/.exec(line);
    if (m) out.set([`${m[1]}:${m[2]}`, `${m[3]}:${m[4]}`].sort().join(' <-> '), { frames: Number(m[5]), bytes: Number(m[6]) });
  }
  return out;
}

describe('conversations', () => {
  it('the TCP conversations table has the conversations, packets and bytes tshark counts', async () => {
    const want = tsharkConversations(REFUSED);
    expect(want.size).toBe(3);
    const page = await start(REFUSED);
    await openTab(page, 'Conversations');
    const table = page.locator('table.conversations-table[data-kind="tcp"]');
    await table.waitFor({ timeout: 30_000 });
    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const cell = (c: string) => (tr.querySelector(`td[data-col="${c}"]`)?.textContent ?? '').trim();
        return { a: `${cell('addressA')}:${cell('portA')}`, b: `${cell('addressB')}:${cell('portB')}`, packets: Number(cell('packets')), bytes: Number(cell('bytes')) };
      }),
    );
    const got = new Map(rows.map((r) => [[r.a, r.b].sort().join(' <-> '), { frames: r.packets, bytes: r.bytes }]));
    expect(got).toEqual(want);
    // The kind tab says how many there are.
    expect(await page.locator('.conversations-kinds button[data-kind="tcp"]').textContent()).toContain('3');
    await screenshot(page, 'e2e-analysis-conversations');

    // "Handshake view" on the refused conversation switches the panel to it.
    const refusedRow = table.locator('tbody tr', { has: page.locator('td[data-col="portB"]', { hasText: /^7779$/ }) });
    await refusedRow.getByRole('button', { name: 'Handshake view' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'TCP handshake', exact: true }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => states(page, 'server')).toEqual(['LISTEN', 'CLOSED']);

    // "Follow stream" on the echo conversation (port 7777) switches to Follow Stream of that stream.
    await openTab(page, 'Conversations');
    const echoRow = table.locator('tbody tr', { has: page.locator('td[data-col="portB"]', { hasText: /^7777$/ }) });
    const echoStream = await echoRow.getAttribute('data-stream');
    await echoRow.getByRole('button', { name: 'Follow stream' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Follow stream', exact: true }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.locator('.follow-view').getAttribute('data-stream')).toBe(echoStream);
    const echoed = tshark(['-r', REFUSED, '-Y', `tcp.stream == ${echoStream} && tcp.len > 0`, '-T', 'fields', '-e', 'tcp.payload']).trim().split('\n')[0]!;
    const firstLine = Buffer.from(echoed.replace(/:/g, ''), 'hex').toString('latin1').trim();
    expect(firstLine.length).toBeGreaterThan(0);
    await expect.poll(async () => (await page.locator('.follow-body').textContent()) ?? '').toContain(firstLine);
    await screenshot(page, 'e2e-analysis-conversation-follow');
    expect(browser!.errors).toEqual([]);
  });

  it('raises the SYN-flood alert for a burst of half-open connections, and leads to its packet', async () => {
    // The synthetic capture: one normal connection, then SYN_FLOOD_ATTEMPTS SYNs never completed.
    const synAcks = tshark(['-r', SYN_FLOOD, '-Y', 'tcp.flags.syn == 1 && tcp.flags.ack == 1', '-T', 'fields', '-e', 'frame.number']).trim().split('\n');
    expect(synAcks).toHaveLength(SYN_FLOOD_ATTEMPTS + 1);
    const page = await start(SYN_FLOOD);
    await openTab(page, 'Conversations');
    const alert = page.locator('.syn-flood-alert');
    await alert.waitFor({ timeout: 30_000 });
    // The rule: above 100 half-open connections to one server within 10 s; it fires on the 101st.
    expect(await alert.textContent()).toContain('Possible SYN flood: 101 half-open connections to 10.0.0.80:80 within 10 s (threshold 100).');
    await screenshot(page, 'e2e-analysis-syn-flood');
    // The 101st attempt's SYN: the normal connection has 9 frames, then SYN, SYN+ACK pairs.
    const crossing = 9 + 2 * 100 + 1;
    await alert.getByRole('button', { name: `Go to packet ${crossing}` }).click();
    await expect.poll(() => selectedInGrid(page)).toBe(String(crossing));
    // The same warning in Expert Information.
    await openTab(page, 'Expert information');
    await expect.poll(async () => (await page.locator('.expert-severity[data-severity="warning"]').textContent()) ?? '').toContain('Possible SYN flood');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await openTab(page, '会话');
    await expect.poll(async () => (await page.locator('.syn-flood-alert').textContent()) ?? '').toContain('10.0.0.80:80');
    await screenshot(page, 'e2e-analysis-syn-flood-zh');
    expect(browser!.errors).toEqual([]);
  });
});

describe('export', () => {
  it('exports the selected packet\'s conversation as JSON that validates against the schema', async () => {
    const schema = JSON.parse(readFileSync(CONVERSATION_SCHEMA, 'utf8')) as { $schema?: string };
    const ajv = /2020-12/.test(schema.$schema ?? '') ? new Ajv2020({ strict: false, allErrors: true }) : new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const frames = tshark(['-r', HTTP_OWN, '-Y', 'tcp.stream == 0', '-T', 'fields', '-e', 'frame.number']).trim().split('\n').map(Number);
    const page = await start(HTTP_OWN);
    await clickPacket(page, 14);
    await openTab(page, 'Conversations');
    await page.getByRole('button', { name: 'Export the conversation of packet 14 (TCP stream 0) as JSON…' }).click();
    const box = page.getByRole('group', { name: 'Export TCP stream 0 as JSON' });
    const [download] = await Promise.all([page.waitForEvent('download'), box.getByRole('button', { name: 'Download JSON' }).click()]);
    expect(download.suggestedFilename()).toBe('tcp-stream-0.json');
    const file = join(OUT, 'conversation-download.json');
    await download.saveAs(file);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { conversation: { proto: string; stream: number }; packets: { no: number }[] };
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(doc.conversation.proto).toBe('tcp');
    expect(doc.conversation.stream).toBe(0);
    expect(doc.packets.map((p) => p.no)).toEqual(frames);
    await expect.poll(async () => (await box.locator('.export-result').textContent()) ?? '').toBe('Offered tcp-stream-0.json for download.');

    // The same export written to a path on the engine's machine.
    const path = join(OUT, 'conversation-path.json');
    rmSync(path, { force: true });
    await box.getByLabel('or save to').fill(path);
    await box.getByRole('button', { name: 'Save JSON' }).click();
    await expect.poll(async () => (await box.locator('.export-result').textContent()) ?? '', { timeout: 30_000 }).toBe(`Saved the conversation to ${path}.`);
    const fromPath = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    expect(validate(fromPath)).toBe(true);
    expect((fromPath as typeof doc).packets.map((p) => p.no)).toEqual(frames);
    await screenshot(page, 'e2e-analysis-export-conversation');
    expect(browser!.errors).toEqual([]);
  });

  it('shows a progress bar while the engine writes, then the outcome', async () => {
    // The page's WebSocket goes through Playwright: the `save` request is held back until the
    // progress bar has been seen, so nothing depends on how long the engine takes.
    let release: (() => void) | undefined;
    const held = new Promise<void>((ok) => (release = ok));
    let sawSave = false;
    const page = await start(HTTP_OWN, (p) =>
      p.routeWebSocket(/\/ws/, (ws) => {
        const server = ws.connectToServer();
        ws.onMessage((m) => {
          const text = typeof m === 'string' ? m : m.toString();
          if (/"method":"save"/.test(text)) {
            sawSave = true;
            void held.then(() => server.send(m));
          } else server.send(m);
        });
        server.onMessage((m) => ws.send(m));
      }),
    );
    await openTab(page, 'Conversations');
    const bar = page.getByRole('form', { name: 'Export displayed packets' });
    const path = join(OUT, 'progress.pcapng');
    rmSync(path, { force: true });
    await bar.getByLabel('File path').fill(path);
    await bar.getByRole('button', { name: 'Save' }).click();
    const progress = bar.locator('.export-progress');
    await progress.waitFor();
    expect(sawSave).toBe(true);
    expect(await progress.textContent()).toContain('Writing 30 packets…');
    expect(await progress.locator('progress').count()).toBe(1);
    // The button stays disabled while the export runs.
    expect(await bar.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    expect(existsSync(path)).toBe(false);
    await screenshot(page, 'e2e-analysis-export-progress');
    release!();
    await expect.poll(async () => (await bar.locator('.export-result').textContent()) ?? '', { timeout: 30_000 }).toBe(`Saved 30 packets to ${path}.`);
    expect(await progress.count()).toBe(0);
    expect(existsSync(path)).toBe(true);
    expect(browser!.errors).toEqual([]);
  });

  it('saves the displayed packets as pcapng and pcap, with the count tshark reads back', async () => {
    const page = await start(HTTP_OWN);
    await page.getByRole('combobox', { name: 'Display filter' }).fill('tcp');
    await page.keyboard.press('Enter');
    const want = tshark(['-r', HTTP_OWN, '-Y', 'tcp', '-T', 'fields', '-e', 'frame.number']).trim().split('\n');
    await expect.poll(async () => (await page.getByTestId('status-counts').textContent()) ?? '').toContain(`Displayed: ${want.length} of 30`);
    await openTab(page, 'Conversations');
    const bar = page.getByRole('form', { name: 'Export displayed packets' });
    await bar.waitFor();
    expect(await bar.textContent()).toContain(`${want.length} packets shown by "tcp"`);
    for (const format of ['pcapng', 'pcap'] as const) {
      const path = join(OUT, `displayed.${format}`);
      rmSync(path, { force: true });
      await bar.getByLabel('File path').fill(path);
      await bar.getByLabel('Format').selectOption(format);
      await bar.getByRole('button', { name: 'Save' }).click();
      await expect.poll(async () => (await bar.locator('.export-result').textContent()) ?? '', { timeout: 30_000 }).toBe(`Saved ${want.length} packets to ${path}.`);
      expect(existsSync(path)).toBe(true);
      // tshark reads the file back: the same packets, in the same format.
      expect(tshark(['-r', path, '-T', 'fields', '-e', 'frame.number']).trim().split('\n')).toHaveLength(want.length);
      const kind = spawnSync('capinfos', ['-t', path], { encoding: 'utf8' }).stdout;
      expect(kind).toMatch(format === 'pcapng' ? /pcapng/i : /pcap(?!ng)/i);
    }
    await screenshot(page, 'e2e-analysis-export-packets');

    // The dissections of the same packets: the list as CSV (tshark's rows), the details as JSON (tshark -2's frames).
    const csv = join(OUT, 'displayed.csv');
    rmSync(csv, { force: true });
    await bar.getByLabel('File path').fill(csv);
    await bar.getByLabel('Format').selectOption('csv');
    await bar.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await bar.locator('.export-result').textContent()) ?? '', { timeout: 30_000 }).toBe(`Wrote ${want.length} packets' dissections to ${csv}.`);
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('"No.","Time","Source","Destination","Protocol","Length","Info"');
    const info = tshark(['-r', HTTP_OWN, '-Y', 'tcp', '-T', 'fields', '-e', 'frame.number', '-e', '_ws.col.Info']).trim().split('\n');
    expect(lines.slice(1).map((l) => l.match(/^"(\d+)"/)![1])).toEqual(want);
    const lastField = (l: string) => l.match(/,"((?:[^"]|"")*)"$/)![1]!.replaceAll('""', '"').trim();
    expect(lines.slice(1).map(lastField)).toEqual(info.map((l) => l.split('\t').slice(1).join('\t').trim()));
    const json = join(OUT, 'displayed.json');
    await bar.getByLabel('File path').fill(json);
    await bar.getByLabel('Format').selectOption('json');
    await bar.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await bar.locator('.export-result').textContent()) ?? '', { timeout: 30_000 }).toBe(`Wrote ${want.length} packets' dissections to ${json}.`);
    const frames = (JSON.parse(readFileSync(json, 'utf8')) as { _source: { layers: { frame: Record<string, string> } } }[]).map((p) => p._source.layers.frame['frame.number']);
    expect(frames).toEqual(want);
    await bar.getByLabel('Format').selectOption('pcap');

    // A path that cannot be written: the engine's error, not a silent success.
    await bar.getByLabel('File path').fill(join(OUT, 'no-such-dir', 'x.pcap'));
    await bar.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await bar.locator('.export-result.error').textContent()) ?? '', { timeout: 30_000 }).toMatch(/^Export failed: save: ".*no-such-dir.*" cannot be written/);
    expect(browser!.errors).toEqual([]);
  });
});

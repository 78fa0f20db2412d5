// The main window in Chromium against the browser mode (`npm run serve`): a capture opens with the
// right rows (checked against tshark), filters narrow the list or turn the bar red, a packet's tree
// and bytes follow the selection, and the window switches to Chinese. A screenshot per test.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, buildApp, gridRows, openBrowser, screenshot, serve, tsharkInfo, type Browser, type Served } from './harness.js';

const DNS = join(ROOT, 'fixtures/corpus/arkime-dns-wiresharkrepo.pcap');
const HTTP = join(ROOT, 'fixtures/own/handshake-http.pcapng');
const ARP = join(ROOT, 'fixtures/corpus/arkime-cloudshark-arp.pcap');
const DNS_TCP = join(ROOT, 'fixtures/corpus/tcpdump-dns_tcp.pcap');

let browser: Browser | undefined;
const servers: Served[] = [];

beforeAll(() => buildApp(), 120_000);
afterEach(async () => {
  // The strict CSP holds through every interaction: nothing the page does is refused.
  const refused = browser?.errors.filter((e) => /Content Security Policy|Refused to/i.test(e)) ?? [];
  await browser?.close();
  expect(refused).toEqual([]);
  browser = undefined;
});
afterAll(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

async function start(file?: string): Promise<{ page: Page; server: Served }> {
  const server = await serve(file);
  servers.push(server);
  browser = await openBrowser();
  await browser.page.goto(server.url);
  return { page: browser.page, server };
}

/** Waits until the status bar says the file is read, and returns its "Displayed" text. */
async function waitReady(page: Page, total: number): Promise<string> {
  const counts = page.getByTestId('status-counts');
  await expect.poll(async () => (await counts.textContent()) ?? '', { timeout: 60_000 }).toMatch(new RegExp(`of ${total.toLocaleString('en')}\\b`));
  await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
  return (await counts.textContent()) ?? '';
}

/** Opens the decode tree's layer `field` of packet `no` (a layer left open for the previous packet stays open). */
async function expand(page: Page, no: number, field: string): Promise<void> {
  await expect.poll(() => page.locator('[role="treeitem"][aria-level="1"]').first().textContent()).toContain(`Frame ${no}:`);
  const layer = page.locator(`[role="treeitem"][aria-level="1"][data-field="${field}"]`);
  await layer.waitFor();
  if ((await layer.getAttribute('aria-expanded')) !== 'true') await layer.locator('.pl-twisty').click();
  await expect.poll(() => layer.getAttribute('aria-expanded')).toBe('true');
}

/** Clicks the first grid row whose Info matches, once the rows are there; returns its number. */
async function clickRow(page: Page, info: RegExp): Promise<string> {
  await expect.poll(async () => (await gridRows(page)).some((r) => info.test(r.info)), { timeout: 60_000 }).toBe(true);
  const row = (await gridRows(page)).find((r) => info.test(r.info))!;
  await page.locator(`.ag-center-cols-container [row-index="${row.index}"] [col-id="info"]`).click();
  return row.no!;
}

describe('opening a capture', () => {
  it('shows every packet with the Info text tshark gives', async () => {
    const oracle = tsharkInfo(DNS);
    const { page } = await start(DNS);
    expect(await waitReady(page, oracle.size)).toContain(`Displayed: ${oracle.size} of ${oracle.size}`);
    const grid = page.getByRole('grid').first();
    // ag-grid counts the header row in aria-rowcount.
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(oracle.size + 1));
    await expect.poll(async () => (await gridRows(page)).length).toBeGreaterThanOrEqual(20);
    const rows = await gridRows(page);
    for (const r of rows) {
      const want = oracle.get(Number(r.no));
      expect(want, `packet ${r.no} in tshark`).toBeDefined();
      expect(r.info, `Info of packet ${r.no}`).toBe(want!.info.trim());
      expect(r.protocol, `Protocol of packet ${r.no}`).toBe(want!.protocol);
    }
    // The rows are in packet order from 1.
    expect(rows.slice(0, 5).map((r) => r.no)).toEqual(['1', '2', '3', '4', '5']);
    await screenshot(page, 'e2e-open-capture');
    expect(browser!.errors).toEqual([]);
  });

  it('opens the sample capture from the start page', async () => {
    const { page } = await start();
    await page.getByRole('button', { name: 'Open a sample capture' }).click();
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await gridRows(page)).length).toBeGreaterThan(20);
    const rows = await gridRows(page);
    const protocols = new Set(rows.map((r) => r.protocol));
    // The sample has a handshake, HTTP, DNS and ARP.
    for (const p of ['TCP', 'HTTP', 'DNS', 'ARP']) expect(protocols, `sample has ${p}`).toContain(p);
    await screenshot(page, 'e2e-sample');
  });
});

describe('the display filter bar', () => {
  it('narrows the rows with a valid filter, turns red with the message for a wrong one, and clears', async () => {
    const oracle = tsharkInfo(HTTP);
    const { page } = await start(HTTP);
    await waitReady(page, oracle.size);
    const input = page.getByRole('combobox', { name: 'Display filter' });

    await page.keyboard.press('Control+/');
    await expect.poll(() => input.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await input.fill('tcp.flags.syn == 1');
    await expect.poll(() => input.getAttribute('class')).toContain('valid');
    await input.press('Enter');
    const synOnly = [...oracle.entries()].filter(([, v]) => /\[SYN(, ACK)?\]/.test(v.info)).map(([no]) => String(no));
    await expect.poll(async () => (await gridRows(page)).map((r) => r.no)).toEqual(synOnly);
    await expect.poll(async () => page.getByTestId('status-counts').textContent()).toContain(`Displayed: ${synOnly.length} of ${oracle.size}`);
    await screenshot(page, 'e2e-filter-applied');

    await input.fill('tcp.port == ');
    await expect.poll(() => input.getAttribute('class')).toContain('invalid');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    const msg = page.getByTestId('filter-message');
    await expect.poll(async () => (await msg.textContent()) ?? '').toMatch(/\S/);
    const color = await input.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).backgroundColor);
    expect(color).toBe('rgb(255, 217, 217)');
    await screenshot(page, 'e2e-filter-invalid');

    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(async () => page.getByTestId('status-counts').textContent()).toContain(`Displayed: ${oracle.size} of ${oracle.size}`);
  });

  it('completes field names from the registry', async () => {
    const { page } = await start(HTTP);
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    const input = page.getByRole('combobox', { name: 'Display filter' });
    await input.pressSequentially('tcp.srcp');
    const option = page.getByRole('option', { name: /tcp\.srcport/ });
    await option.waitFor();
    // Every name offered starts with what was typed, even while the engine's answer is on its way.
    for (const name of await page.getByRole('listbox', { name: 'Field names' }).getByRole('option').allTextContents()) expect(name).toMatch(/^tcp\.srcp/);
    await input.press('Tab');
    await expect.poll(() => input.inputValue()).toBe('tcp.srcport');
  });
});

describe('the decode tree and the bytes', () => {
  it('shows the selected packet by layer; a field highlights its bytes; a byte selects its field', async () => {
    const { page } = await start(HTTP);
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    // The client's SYN.
    await clickRow(page, /\[SYN\]/);
    const tree = page.getByRole('tree');
    await tree.waitFor();
    const layers = await page.locator('[role="treeitem"][aria-level="1"] .pl-layer').allTextContents();
    expect(layers).toEqual(['Link', 'Network', 'Transport']);

    await page.getByRole('button', { name: 'Expand all' }).click();
    const srcport = page.locator('[role="treeitem"][data-field="tcp.srcport"]').first();
    await srcport.click();
    const label = (await srcport.textContent()) ?? '';
    const port = Number(/(\d+)\s*$/.exec(label)?.[1]);
    expect(port).toBeGreaterThan(0);
    const hl = page.locator('[data-testid="hex"] [role="gridcell"][aria-selected="true"]');
    await expect.poll(() => hl.count()).toBe(2);
    const offsets = await hl.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-offset'))));
    const bytes = await hl.allTextContents();
    // The link layer of this capture decides where TCP starts: the bytes are the port, big-endian.
    expect(parseInt(bytes.join(''), 16)).toBe(port);
    expect(offsets[1]).toBe(offsets[0]! + 1);
    await screenshot(page, 'e2e-tree-hex');

    // Clicking the first byte of the destination port selects tcp.dstport.
    await page.locator(`[data-testid="hex"] [role="gridcell"][data-offset="${offsets[0]! + 2}"]`).click();
    await expect.poll(() => page.locator('[role="treeitem"][aria-selected="true"]').getAttribute('data-field')).toBe('tcp.dstport');

    // Keyboard: Down moves to the next field.
    await page.locator('[role="treeitem"][aria-selected="true"]').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('[role="treeitem"][aria-selected="true"]').getAttribute('data-field')).not.toBe('tcp.dstport');
  });

  it('right-click "Apply as filter" filters on the field', async () => {
    const { page } = await start(HTTP);
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    await clickRow(page, /\[SYN\]/);
    await page.getByRole('tree').waitFor();
    await page.getByRole('button', { name: 'Expand all' }).click();
    const flagSyn = page.locator('[role="treeitem"][data-field="tcp.flags.syn"]').first();
    await flagSyn.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Apply as filter' }).click();
    const input = page.getByRole('combobox', { name: 'Display filter' });
    await expect.poll(() => input.inputValue()).toMatch(/^tcp\.flags\.syn == /);
    await expect.poll(async () => (await gridRows(page)).every((r) => /SYN/.test(r.info))).toBe(true);
    await screenshot(page, 'e2e-apply-as-filter');
  });
});

describe('Edit › Find Packet', () => {
  it('finds by display filter, string in the details or the list, and hex bytes; goes to the item or the bytes; says when none or wrapped', async () => {
    const oracle = tsharkInfo(HTTP);
    const { page } = await start(HTTP);
    await waitReady(page, oracle.size);
    const selected = page.locator('.ag-center-cols-container .ag-row-selected [col-id="no"]');
    const bar = page.getByRole('search', { name: 'Find packet' });
    const text = bar.getByLabel('Text to find');
    const status = bar.getByRole('status');
    // (Each step waits for the packet's details: the app has taken the selection then.)
    const at = async (no: string) => {
      await expect.poll(() => selected.textContent()).toBe(no);
      await expect.poll(() => page.locator('[role="treeitem"][aria-level="1"]').first().textContent()).toContain(`Frame ${no}:`);
    };

    // Ctrl+F opens the bar with its input focused (Wireshark's key); by display filter first.
    await page.keyboard.press('Control+f');
    await expect.poll(() => text.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    const syns = [...oracle.entries()].filter(([, v]) => /\[SYN(, ACK)?\]/.test(v.info)).map(([no]) => String(no));
    expect(syns.length).toBeGreaterThan(1);
    await text.fill('tcp.flags.syn == 1');
    await text.press('Enter');
    await at(syns[0]!);
    // Enter again: the next one; Shift+Enter: back; at the end it goes on at the start and says so.
    await text.press('Enter');
    await at(syns[1]!);
    await text.press('Shift+Enter');
    await at(syns[0]!);
    await text.press('Shift+Enter');
    await at(syns.at(-1)!);
    await expect.poll(() => status.textContent()).toContain('Search reached the end of the capture');
    // A filter that matches nothing, and one that does not compile.
    await text.fill('dns.qry.name == "nowhere.test"');
    await text.press('Enter');
    await expect.poll(() => status.textContent()).toBe('No packet matched that filter.');
    await text.fill('ip.sorc');
    await text.press('Enter');
    await expect.poll(() => status.textContent()).toContain('ip.sorc');
    expect(await text.getAttribute('class')).toContain('invalid');

    // A string in the packet details: the packet, and the item selected (its layer opened).
    await bar.getByLabel('Search by').selectOption('string');
    await bar.getByLabel('Search in').selectOption('details');
    await text.fill('content-type');
    await text.press('Enter');
    // (The response's first segment shows TCP only: its headers are in the details of the frame that completes it.)
    const responseNo = [...oracle.entries()].find(([, v]) => v.protocol === 'HTTP' && /HTTP\/1\.1 200 OK/.test(v.info))![0];
    await at(String(responseNo));
    const item = page.locator('[role="treeitem"][aria-selected="true"]');
    await expect.poll(() => item.textContent()).toMatch(/^Content-type: text\/html/);
    // Case sensitive: nothing.
    await bar.getByLabel('Case sensitive').check();
    await text.press('Enter');
    await expect.poll(() => status.textContent()).toBe('No packet contained that string in its packet details.');
    await bar.getByLabel('Case sensitive').uncheck();

    // In the packet list: the row whose columns hold it.
    await bar.getByLabel('Search in').selectOption('list');
    await text.fill('AAAA www.packetloom');
    await text.press('Enter');
    const aaaa = [...oracle.entries()].find(([, v]) => /AAAA www\.packetloom/.test(v.info))![0];
    await at(String(aaaa));

    // Hex bytes: the packet, and the bytes' item selected (its bytes highlighted).
    await bar.getByLabel('Search by').selectOption('hex');
    await text.fill('47:45:54:20:2f'); // "GET /"
    await text.press('Enter');
    const get = [...oracle.entries()].find(([, v]) => /^GET \//.test(v.info))![0];
    await at(String(get));
    // The five bytes found are highlighted (not only the item that holds them).
    await expect.poll(() => page.locator('[data-testid="hex"] [role="gridcell"][aria-selected="true"]').allTextContents()).toEqual(['47', '45', '54', '20', '2f']);
    await screenshot(page, 'e2e-find-packet');

    // Escape closes the bar.
    await text.press('Escape');
    await expect.poll(() => bar.count()).toBe(0);

    // Go › Next / Previous Packet in Conversation (Ctrl+. / Ctrl+,): the GET's TCP stream, then the end of it.
    const stream = [...oracle.entries()].filter(([no, v]) => no > get && v.protocol !== 'DNS' && !/Echo|ARP|Who has/.test(v.info)).map(([no]) => String(no));
    await page.locator('.ag-center-cols-container .ag-row-selected [col-id="info"]').click();
    await page.keyboard.press('Control+.');
    await at(stream[0]!);
    await page.keyboard.press('Control+,');
    await at(String(get));
    const last = [...oracle.keys()].at(-1)!;
    await page.keyboard.press('Control+End');
    await at(String(last));
    await page.keyboard.press('Control+.');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'No later packet in this conversation' }).count()).toBe(1);
  });

  it('speaks Chinese', async () => {
    const { page } = await start(HTTP);
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByText('就绪', { exact: true }).waitFor();
    await page.keyboard.press('Control+f');
    const bar = page.getByRole('search', { name: '查找分组' });
    await bar.getByLabel('查找方式').selectOption('string');
    await expect.poll(() => bar.getByLabel('查找范围').locator('option').allTextContents()).toEqual(['分组列表', '分组详情', '分组字节']);
    await bar.getByLabel('要查找的内容').fill('没有这个');
    await bar.getByLabel('要查找的内容').press('Enter');
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('没有分组的列表列包含该字符串。');
    await screenshot(page, 'e2e-find-packet-zh');
  });
});

describe('custom columns (Apply as Column)', () => {
  /** The visible rows' packet number and the text of custom column `field`. */
  const columnCells = (page: Page, field: string) =>
    page.locator('.ag-center-cols-container [role="row"]').evaluateAll(
      (els, colId) => els.map((r) => [r.querySelector('[col-id="no"]')?.textContent?.trim() ?? '', r.querySelector(`[col-id="${colId}"]`)?.textContent?.trim() ?? null] as const).filter(([no]) => no),
      `f:${field}`,
    );
  const tsharkColumn = (field: string) => {
    const r = spawnSync('tshark', ['-2', '-n', '-r', HTTP, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=,', '-e', 'frame.number', '-e', field], { encoding: 'utf8' });
    return new Map(r.stdout.replace(/\n$/, '').split('\n').map((l) => l.split('\t') as [string, string]));
  };

  it('adds a field from the details or by name, shows its values (as tshark), remembers them, and removes one', async () => {
    const { page, server } = await start(HTTP);
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    // Right click "Time to Live" in a SYN's IP layer → Apply as column.
    const no = await clickRow(page, /\[SYN\]/);
    await expand(page, Number(no), 'ip');
    await page.locator('[role="treeitem"][data-field="ip.ttl"]').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Apply as column' }).click();
    await expect.poll(() => page.locator('.ag-header-cell[col-id="f:ip.ttl"]').textContent()).toContain('Time to Live');
    const ttl = tsharkColumn('ip.ttl');
    await expect.poll(async () => (await columnCells(page, 'ip.ttl')).length).toBeGreaterThan(10);
    await expect.poll(async () => (await columnCells(page, 'ip.ttl')).every(([n, v]) => v === ttl.get(n))).toBe(true);

    // By name in the Columns menu; a name that is no field is refused.
    await page.getByText('Columns', { exact: true }).click();
    const field = page.getByLabel('Field to add as a column');
    await field.fill('tcp.sream');
    await field.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('"tcp.sream" is neither a field nor a protocol name.');
    await field.fill('http.host');
    await field.press('Enter');
    await expect.poll(() => page.locator('.ag-header-cell[col-id="f:http.host"]').count()).toBe(1);
    const host = tsharkColumn('http.host');
    await expect.poll(async () => (await columnCells(page, 'http.host')).every(([n, v]) => v === host.get(n))).toBe(true);
    expect((await columnCells(page, 'http.host')).some(([, v]) => v === 'www.packetloom.test')).toBe(true);
    await screenshot(page, 'e2e-custom-columns');

    // Remembered: a new window over the same file shows both.
    await page.goto(server.url);
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('.ag-header-cell[col-id^="f:"]').evaluateAll((els) => els.map((e) => e.getAttribute('col-id')))).toEqual(['f:ip.ttl', 'f:http.host']);
    await expect.poll(async () => (await columnCells(page, 'http.host')).every(([n, v]) => v === host.get(n))).toBe(true);
    // Removed from the Columns menu.
    await page.getByText('Columns', { exact: true }).click();
    await page.getByRole('button', { name: 'Remove the column Time to Live' }).click();
    await expect.poll(() => page.locator('.ag-header-cell[col-id^="f:"]').evaluateAll((els) => els.map((e) => e.getAttribute('col-id')))).toEqual(['f:http.host']);
  });
});

describe('custom columns: sorting', () => {
  it('a click on a custom column\'s header sorts by it, numbers as numbers, then the other way', async () => {
    const { page } = await start(HTTP);
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByText('Columns', { exact: true }).click();
    const field = page.getByLabel('Field to add as a column');
    await field.fill('tcp.len');
    await field.press('Enter');
    const header = page.locator('.ag-header-cell[col-id="f:tcp.len"]');
    await expect.poll(() => header.count()).toBe(1);
    // Escape closes the Columns menu (the focus in its field); a click outside closes the legend.
    await page.keyboard.press('Escape');
    await expect.poll(() => field.isVisible()).toBe(false);
    const legend = page.getByRole('list', { name: 'Colouring rules' });
    await page.getByText('Colouring rules', { exact: true }).click();
    await legend.waitFor();
    await page.locator('.ag-center-cols-container').click({ position: { x: 5, y: 5 } });
    await expect.poll(() => legend.isVisible()).toBe(false);
    const cells = () => page.locator('.ag-center-cols-container [role="row"]').evaluateAll((els) =>
      els.map((r) => [Number(r.getAttribute('row-index')), r.querySelector('[col-id="f:tcp.len"]')?.textContent?.trim() ?? ''] as const)
        .sort((a, b) => a[0] - b[0]).map(([, v]) => v));
    const numbers = (vs: readonly string[]) => vs.map((v) => (v === '' ? -Infinity : Number(v)));
    await header.locator('.ag-header-cell-label').click();
    await expect.poll(async () => {
      const v = numbers(await cells());
      return v.length > 10 && v.every((x, i) => i === 0 || v[i - 1]! <= x) && v.at(-1) === 548;
    }, { timeout: 30_000 }).toBe(true);
    await header.locator('.ag-header-cell-label').click();
    await expect.poll(async () => {
      const v = numbers(await cells());
      return v.length > 10 && v.every((x, i) => i === 0 || v[i - 1]! >= x) && v[0] === 548;
    }, { timeout: 30_000 }).toBe(true);
    await screenshot(page, 'e2e-custom-column-sorted');
  });
});

describe('right-click menus', () => {
  it('the list: conversation filter, follow, copy summary; the details: copy description, field name, value, filter', async () => {
    const oracle = tsharkInfo(HTTP);
    const { page } = await start(HTTP);
    await waitReady(page, oracle.size);
    // What the page copies (the clipboard itself is the system's).
    type Page = { copied: string[]; navigator: { clipboard: { writeText(t: string): Promise<void> } } };
    await page.evaluate(() => {
      const w = globalThis as unknown as Page;
      w.copied = [];
      w.navigator.clipboard.writeText = async (t: string) => void w.copied.push(t);
    });
    const copied = () => page.evaluate(() => (globalThis as unknown as Page).copied.at(-1));
    const no = await clickRow(page, /^GET \/index\.html/);
    const rowCell = page.locator(`.ag-center-cols-container [row-id="${no}"] [col-id="info"]`);
    const menu = page.getByRole('menu', { name: `Packet ${no}` });

    await rowCell.click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'Copy summary as CSV' }).click();
    const get = oracle.get(Number(no))!;
    await expect.poll(copied).toMatch(new RegExp(`^"${no}","[0-9.]+","10\\.99\\.0\\.1","10\\.99\\.0\\.2","HTTP","159","${get.info.trim().replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} ?"$`));
    await rowCell.click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'Copy summary as text' }).click();
    await expect.poll(copied).toMatch(new RegExp(`^${no}\t[0-9.]+\t10\\.99\\.0\\.1\t10\\.99\\.0\\.2\tHTTP\t159\tGET /index\\.html HTTP/1\\.1`));
    // Escape closes the menu without doing anything.
    // (ag-grid hands a cell's context menu over asynchronously: the user presses Escape on the menu
    // they see.)
    await rowCell.click({ button: 'right' });
    await menu.getByRole('menuitem').first().waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);

    // The details: Time to Live of the request.
    await expand(page, Number(no), 'ip');
    const ttl = page.locator('[role="treeitem"][data-field="ip.ttl"]');
    const details = page.getByRole('menu', { name: 'Packet details' });
    for (const [item, want] of [['Copy description', 'Time to Live: 64'], ['Copy field name', 'ip.ttl'], ['Copy value', '64'], ['Copy as filter', 'ip.ttl == 64']] as const) {
      await ttl.click({ button: 'right' });
      await details.getByRole('menuitem', { name: item }).click();
      await expect.poll(copied, { message: item }).toBe(want);
    }

    // Follow TCP stream opens the stream in the bottom panel.
    await rowCell.click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'Follow TCP stream' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Follow stream' }).getAttribute('aria-selected')).toBe('true');

    // The conversation as the filter: only the request's TCP stream is listed.
    await rowCell.click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'Apply as filter: this conversation' }).click();
    const input = page.getByRole('combobox', { name: 'Display filter' });
    await expect.poll(() => input.inputValue()).toBe('tcp.stream == 0');
    const tcp = [...oracle.entries()].filter(([, v]) => v.protocol === 'TCP' || v.protocol === 'HTTP').map(([n]) => String(n));
    await expect.poll(async () => (await gridRows(page)).map((r) => r.no)).toEqual(tcp);
    await screenshot(page, 'e2e-row-menu');
  });
});

describe('reassembled data', () => {
  it('shows a reassembled HTTP message as an extra bytes tab, selected by its tree nodes', async () => {
    const { page } = await start(HTTP);
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+g');
    await page.getByLabel('Packet number').fill('26');
    await page.keyboard.press('Enter');
    const tabs = page.getByRole('tablist', { name: 'Data sources' }).getByRole('tab');
    await expect.poll(() => tabs.allTextContents()).toEqual(['Frame (97 bytes)', 'Reassembled TCP (2410 bytes)']);
    expect(await tabs.nth(0).getAttribute('aria-selected')).toBe('true');
    // The HTTP layer lives in the reassembled bytes: selecting it switches the tab and highlights there.
    const http = page.locator('[role="treeitem"][aria-level="1"][data-field="http"]');
    await http.click();
    await expect.poll(() => tabs.nth(1).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.locator('[data-testid="hex"] [role="gridcell"][aria-selected="true"]').count()).toBeGreaterThan(100);
    const first = await page.locator('[data-testid="hex"] [role="gridcell"][aria-selected="true"]').first().textContent();
    expect(first).toBe('48'); // "H" of "HTTP/1.1 200 OK"
    await screenshot(page, 'e2e-reassembled-tab');
  });

  it('follows frame links in the details: a request\'s response, a segment\'s reassembly, and back', async () => {
    const { page } = await start(HTTP);
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    const selected = page.locator('.ag-center-cols-container .ag-row-selected [col-id="no"]');
    const goTo = async (no: number) => {
      await page.keyboard.press('Control+g');
      await page.getByLabel('Packet number').fill(String(no));
      await page.keyboard.press('Enter');
      await expect.poll(() => selected.textContent()).toBe(String(no));
    };
    await goTo(14);
    // The request knows its response only once the first pass is over (as Wireshark's details).
    await expand(page, 14, 'http');
    const responseIn = page.locator('[role="treeitem"][data-field="http.response_in"]');
    await expect.poll(() => responseIn.getAttribute('data-goto')).toBe('26');
    expect(await responseIn.textContent()).toContain('[Response in frame: 26]');
    await responseIn.dblclick();
    await expect.poll(() => selected.textContent()).toBe('26');
    // Back by the response's "Request in frame", from the keyboard.
    await expand(page, 26, 'http');
    const requestIn = page.locator('[role="treeitem"][data-field="http.request_in"]');
    await requestIn.click();
    await page.keyboard.press('Enter');
    await expect.poll(() => selected.textContent()).toBe('14');
    // A segment of the response points to the frame that put it together; its menu goes there.
    await goTo(16);
    await expand(page, 16, 'tcp');
    const reassembledIn = page.locator('[role="treeitem"][data-field="tcp.reassembled_in"]');
    await reassembledIn.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Go to packet 26' }).click();
    await expect.poll(() => selected.textContent()).toBe('26');
    await screenshot(page, 'e2e-frame-links');
  });
});

describe('the packet grid', () => {
  it('sorts by a header click (in the engine), hides a column, and changes the time format', async () => {
    const oracle = tsharkInfo(DNS);
    const { page } = await start(DNS);
    await waitReady(page, oracle.size);
    await page.locator('.ag-header-cell[col-id="length"] .ag-header-cell-label').click();
    await expect.poll(async () => {
      const lens = (await gridRows(page)).map((r) => Number(r.length));
      return lens.length > 10 && lens.every((l, i) => i === 0 || lens[i - 1]! <= l);
    }).toBe(true);
    await page.locator('.ag-header-cell[col-id="length"] .ag-header-cell-label').click();
    await expect.poll(async () => {
      const lens = (await gridRows(page)).map((r) => Number(r.length));
      return lens.length > 10 && lens.every((l, i) => i === 0 || lens[i - 1]! >= l);
    }).toBe(true);
    await screenshot(page, 'e2e-sorted');

    await page.getByText('Columns', { exact: true }).click();
    await page.getByRole('group', { name: 'Columns' }).getByLabel('Protocol').uncheck();
    await expect.poll(() => page.locator('.ag-header-cell[col-id="protocol"]').count()).toBe(0);
    await page.getByRole('group', { name: 'Columns' }).getByLabel('Protocol').check();
    await expect.poll(() => page.locator('.ag-header-cell[col-id="protocol"]').count()).toBe(1);
    // Closed again (open, it lies over the headers below it).
    await page.getByText('Columns', { exact: true }).click();

    // Back to packet order, then seconds since the previous packet: row 2's time is its delta.
    await page.locator('.ag-header-cell[col-id="length"] .ag-header-cell-label').click();
    await expect.poll(async () => (await gridRows(page)).slice(0, 3).map((r) => r.no)).toEqual(['1', '2', '3']);
    await page.getByRole('combobox', { name: 'Time format' }).selectOption('delta');
    await expect.poll(async () => (await gridRows(page))[1]?.time).toBe('0.000530');
  });
});

describe('column layout', () => {
  it('reorders a column by dragging its header and remembers it', async () => {
    const { page, server } = await start(DNS);
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    const header = (id: string) => page.locator(`.ag-header-cell[col-id="${id}"]`);
    // In screen order (ag-grid positions header cells, their DOM order need not follow).
    const order = () =>
      page.locator('.ag-header-row .ag-header-cell').evaluateAll((els) =>
        els.map((e) => ({ id: e.getAttribute('col-id'), x: e.getBoundingClientRect().left })).sort((a, b) => a.x - b.x).map((c) => c.id),
      );
    expect(await order()).toEqual(['no', 'time', 'source', 'destination', 'protocol', 'length', 'info']);
    // Drag Protocol onto the left half of Source.
    const from = (await header('protocol').boundingBox())!;
    const to = (await header('source').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(from.x + ((to.x + 10 - from.x) * i) / 10, to.y + to.height / 2);
    await page.mouse.up();
    await expect.poll(order).toEqual(['no', 'time', 'protocol', 'source', 'destination', 'length', 'info']);
    await page.goto(server.url);
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    await expect.poll(order).toEqual(['no', 'time', 'protocol', 'source', 'destination', 'length', 'info']);
    await screenshot(page, 'e2e-column-order');
  });
});

describe('the start page', () => {
  it('lists what live capture needs and opens a file by path, remembering it', async () => {
    const { page } = await start();
    await page.getByRole('heading', { name: 'Capture' }).waitFor();
    await page.getByLabel('File path').fill('/no/such/file.pcap');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(async () => (await page.getByRole('alert').allTextContents()).join(' ')).toMatch(/file/i);
    await screenshot(page, 'e2e-start-page');
    await page.getByLabel('File path').fill(DNS);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('button', { name: DNS }).waitFor();
  });
});

describe('themes and properties', () => {
  it('switches to the dark theme and shows the capture file properties', async () => {
    const { page } = await start(DNS);
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    const bg = await page.locator('body').evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(23, 25, 28)');
    await page.getByRole('button', { name: 'Properties' }).click();
    const dialog = page.getByRole('dialog', { name: 'Capture file properties' });
    await dialog.getByText('arkime-dns-wiresharkrepo.pcap', { exact: false }).waitFor();
    const packets = dialog.locator('tr', { has: page.getByRole('rowheader', { name: 'Packets', exact: true }) }).locator('td');
    await expect.poll(() => packets.textContent()).toBe(String(tsharkInfo(DNS).size));
    await screenshot(page, 'e2e-dark-properties');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});

describe('languages', () => {
  it('switches to Chinese, changes the labels, and remembers it', async () => {
    const { page, server } = await start(HTTP);
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    await clickRow(page, /\[SYN\]/);
    await page.getByRole('tree').waitFor();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByText('就绪', { exact: true }).waitFor();
    expect(await page.locator('[role="treeitem"][aria-level="1"] .pl-layer').allTextContents()).toEqual(['链路层', '网络层', '传输层']);
    expect(await page.locator('.ag-header-cell-text').allTextContents()).toEqual(['序号', '时间', '源地址', '目的地址', '协议', '长度', '信息']);
    expect(await page.getByRole('combobox', { name: '显示过滤器' }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await screenshot(page, 'e2e-chinese');
    await page.goto(server.url);
    await page.getByText('就绪', { exact: true }).waitFor({ timeout: 60_000 });
  });
});

describe('MAC names', () => {
  it('names MAC addresses as Wireshark does by default; unticked, shows the addresses, and remembers it', async () => {
    const { page, server } = await start(ARP);
    await waitReady(page, 6);
    const first = async () => (await gridRows(page))[0];
    // tshark -r (names on): Universa_6c:0c:cc → Broadcast.
    await expect.poll(async () => `${(await first())?.source} ${(await first())?.destination}`).toBe('Universa_6c:0c:cc Broadcast');
    await clickRow(page, /Who has 10\.10\.10\.1\?/);
    await expand(page, 1, 'eth');
    const source = page.locator('[role="treeitem"][data-field="eth.src"]').first();
    await expect.poll(() => source.textContent()).toContain('Source: Universa_6c:0c:cc (00:1a:6b:6c:0c:cc)');
    await screenshot(page, 'e2e-mac-names');
    await page.getByRole('checkbox', { name: 'MAC names' }).uncheck();
    await expect.poll(async () => `${(await first())?.source} ${(await first())?.destination}`).toBe('00:1a:6b:6c:0c:cc ff:ff:ff:ff:ff:ff');
    await expect.poll(() => source.textContent()).toMatch(/Source: 00:1a:6b:6c:0c:cc$/);
    // The next session (here: the page opened again) starts with the addresses.
    await page.goto(server.url);
    await waitReady(page, 6);
    await expect.poll(async () => (await first())?.source).toBe('00:1a:6b:6c:0c:cc');
    expect(await page.getByRole('checkbox', { name: 'MAC names' }).isChecked()).toBe(false);
  });
});

describe('Host names', () => {
  it('names IP addresses from the capture\'s DNS answers when ticked (every name known, as tshark -2 -N nd), and remembers it', async () => {
    const { page, server } = await start(DNS_TCP);
    await waitReady(page, 11);
    const first = async () => (await gridRows(page))[0];
    // Off by default, as in Wireshark: the addresses.
    await expect.poll(async () => (await first())?.destination).toBe('209.87.249.18');
    await page.getByRole('checkbox', { name: 'Host names' }).check();
    // Frame 6's answer names the server (nic.sandelman.ca): frame 1 shows the name too.
    await expect.poll(async () => `${(await first())?.source} ${(await first())?.destination}`).toBe('192.168.1.11 nic.sandelman.ca');
    await clickRow(page, /\[SYN\] Seq=0 Win=64240/);
    await expand(page, 1, 'ip');
    const dst = page.locator('[role="treeitem"][data-field="ip.dst"]').first();
    await expect.poll(() => dst.textContent()).toContain('Destination Address: nic.sandelman.ca (209.87.249.18)');
    await screenshot(page, 'e2e-host-names');
    // The IPv4 conversations: a name column beside the addresses (which the filters keep using).
    await page.getByRole('tab', { name: 'Conversations', exact: true }).click();
    await page.locator('.conversations-kinds button[data-kind="ipv4"]').click();
    const table = page.locator('table.conversations-table[data-kind="ipv4"]');
    await expect.poll(() => table.locator('td[data-col="nameB"]').allTextContents(), { timeout: 30_000 }).toEqual(['nic.sandelman.ca']);
    expect(await table.locator('td[data-col="addressB"]').allTextContents()).toEqual(['209.87.249.18']);
    await page.goto(server.url);
    await waitReady(page, 11);
    await expect.poll(async () => (await first())?.destination).toBe('nic.sandelman.ca');
    await page.getByRole('checkbox', { name: 'Host names' }).uncheck();
    await expect.poll(async () => (await first())?.destination).toBe('209.87.249.18');
  });
});

describe('keyboard', () => {
  it('Ctrl+G goes to a packet; arrows move the selection in the grid', async () => {
    const { page } = await start(DNS);
    await page.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+g');
    const dialog = page.getByRole('dialog', { name: 'Go to packet' });
    await dialog.waitFor();
    await page.getByLabel('Packet number').fill('30');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const selected = page.locator('.ag-center-cols-container .ag-row-selected [col-id="no"]');
    await expect.poll(() => selected.textContent()).toBe('30');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => selected.textContent()).toBe('31');
    await expect.poll(() => page.getByRole('tree').count()).toBe(1);
    await screenshot(page, 'e2e-goto');
  });
});

describe('Analyze › Decode As', () => {
  const FILE = join(ROOT, 'fixtures/own/decode-as.pcap');

  it('hands the selected packet\'s port to DNS (rows as tshark -d shows them), keeps the filter, remembers the entry, and takes it back', async () => {
    const plain = tsharkInfo(FILE);
    const decoded = tsharkInfo(FILE, ['-d', 'tcp.port==5300,dns']);
    const { page, server } = await start(FILE);
    await waitReady(page, plain.size);
    const input = page.getByRole('combobox', { name: 'Display filter' });
    await input.fill('tcp.len > 0');
    await input.press('Enter');
    // tshark -Y 'tcp.len > 0' selects 8 of the 26.
    const withData = 8;
    await expect.poll(async () => page.getByTestId('status-counts').textContent()).toMatch(/Displayed: 8 of 26/);
    await expect.poll(async () => (await gridRows(page)).length).toBe(withData);
    const shown = (await page.getByTestId('status-counts').textContent())!;
    // A DNS-over-TCP query shown as data: 40155 → 5300, 112 bytes.
    await clickRow(page, /^40155 → 5300 \[PSH, ACK\] Seq=1 /);
    await page.getByRole('button', { name: 'Decode As…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Decode As' });
    await dialog.getByRole('button', { name: '+ Add' }).click();
    // Proposed from the packet: TCP port, its lower port, what it is decoded as now.
    await expect.poll(() => dialog.getByRole('combobox', { name: 'Field' }).inputValue()).toBe('tcp.port');
    await expect.poll(() => dialog.getByLabel('Value', { exact: true }).inputValue()).toBe('5300');
    await expect.poll(() => dialog.getByRole('combobox', { name: 'Current' }).inputValue()).toBe('data');
    await dialog.getByRole('combobox', { name: 'Current' }).selectOption('dns');
    // A bad value is refused in place.
    await dialog.getByLabel('Value', { exact: true }).fill('70000');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('0 to 65535');
    await expect.poll(() => dialog.getByRole('button', { name: 'OK' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Value', { exact: true }).fill('5300');
    await screenshot(page, 'e2e-decode-as-dialog');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => page.locator('.pl-notice').textContent()).toContain('Decode As: tcp.port==5300,dns');

    // Read again with the entry, the filter kept: the TCP messages are DNS, as tshark -d shows them.
    const isDecoded = async () => {
      const rows = await gridRows(page);
      return rows.length === withData && rows.every((r) => r.info === decoded.get(Number(r.no))!.info.trim() && r.protocol === decoded.get(Number(r.no))!.protocol);
    };
    await expect.poll(isDecoded, { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => (await gridRows(page)).filter((r) => r.protocol === 'DNS').length).toBe(5);
    await expect.poll(isDecoded).toBe(true);
    await expect.poll(() => input.inputValue()).toBe('tcp.len > 0');
    await expect.poll(async () => page.getByTestId('status-counts').textContent()).toBe(shown);
    await screenshot(page, 'e2e-decode-as-applied');

    // Remembered: a new window opens the file with it.
    await page.goto(server.url);
    await waitReady(page, plain.size);
    await expect.poll(() => page.getByRole('button', { name: 'Decode As… (1)' }).count()).toBe(1);
    await expect.poll(async () => (await gridRows(page)).some((r) => r.protocol === 'DNS' && /Standard query 0x4104 SRV/.test(r.info))).toBe(true);

    // Taken back: every row as tshark shows it without -d.
    await page.getByRole('button', { name: 'Decode As… (1)' }).click();
    await dialog.getByRole('button', { name: 'Remove entry 1' }).click();
    await expect.poll(() => dialog.getByText('No entries').count()).toBe(1);
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect.poll(async () => {
      const rows = await gridRows(page);
      return rows.length > 10 && rows.every((r) => r.info === plain.get(Number(r.no))!.info.trim());
    }, { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Decode As…', exact: true }).count()).toBe(1);
  });
});

describe('Analyze › Enabled Protocols', () => {
  it('switches HTTP off (rows as tshark --disable-protocol shows them), remembers it, and switches it on again', async () => {
    const off = tsharkInfo(HTTP, ['-2', '--disable-protocol', 'http']);
    const { page, server } = await start(HTTP);
    await waitReady(page, off.size);
    await expect.poll(async () => (await gridRows(page)).some((r) => r.protocol === 'HTTP')).toBe(true);
    await page.getByRole('button', { name: 'Enabled Protocols…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enabled Protocols' });
    // Data cannot be switched off; the search narrows the list to HTTP and what mentions it.
    await expect.poll(() => dialog.getByRole('checkbox', { name: /^data Data$/ }).isDisabled()).toBe(true);
    await dialog.getByRole('searchbox', { name: 'Search protocols' }).fill('http');
    await expect.poll(() => dialog.getByRole('checkbox', { name: /^dns / }).count()).toBe(0);
    await expect.poll(() => dialog.getByRole('checkbox', { name: 'HTTP over TCP http_tcp' }).isChecked()).toBe(true);
    await dialog.getByRole('checkbox', { name: /^http Hypertext Transfer Protocol$/ }).uncheck();
    await screenshot(page, 'e2e-enabled-protocols');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => page.locator('.pl-notice').textContent(), { timeout: 30_000 }).toContain('Switched off: --disable-protocol http');
    const isOff = async () => {
      const rows = await gridRows(page);
      return rows.length > 10 && rows.every((r) => r.info === off.get(Number(r.no))!.info.trim() && r.protocol === off.get(Number(r.no))!.protocol);
    };
    await expect.poll(isOff, { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => (await gridRows(page)).some((r) => r.protocol === 'HTTP')).toBe(false);

    // Remembered: a new window opens the file with it.
    await page.goto(server.url);
    await waitReady(page, off.size);
    await expect.poll(() => page.getByRole('button', { name: 'Enabled Protocols… (1)' }).count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(isOff, { timeout: 30_000 }).toBe(true);

    // Enable all: HTTP is back.
    await page.getByRole('button', { name: 'Enabled Protocols… (1)' }).click();
    await dialog.getByRole('button', { name: 'Enable all' }).click();
    await expect.poll(() => dialog.getByRole('checkbox', { name: /^http Hypertext Transfer Protocol$/ }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => page.locator('.pl-notice').textContent(), { timeout: 30_000 }).toContain('Every protocol is enabled again');
    await expect.poll(async () => (await gridRows(page)).some((r) => r.protocol === 'HTTP'), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Enabled Protocols…', exact: true }).count()).toBe(1);
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appUrlToFile, documentBody, responseHeaders } from '../../../electron/main/app-protocol.js';
import { filesFromArgv } from '../../../electron/main/argv.js';
import { MAX_RECENT, RecentFiles } from '../../../electron/main/recent-files.js';
import { contentSecurityPolicy } from '../../../electron/main/window-options.js';

describe('files from the command line', () => {
  it('skips electron, the entry script and switches (unpackaged)', () => {
    const argv = ['/x/electron', '/repo/dist/main/main.cjs', '--no-sandbox', 'a.pcap', '/abs/b.pcapng'];
    expect(filesFromArgv({ argv, cwd: '/home/u', packaged: false })).toEqual(['/home/u/a.pcap', '/abs/b.pcapng']);
  });
  it('skips only the app binary when packaged, and takes dashed names after --', () => {
    const argv = ['/opt/Packetloom/packetloom', 'caps/c.pcap', '--', '-odd.pcap'];
    expect(filesFromArgv({ argv, cwd: '/w', packaged: true })).toEqual(['/w/caps/c.pcap', '/w/-odd.pcap']);
  });
  it('turns file: URLs (a desktop entry\'s %U) into paths and skips other URLs', () => {
    const argv = ['/opt/Packetloom/packetloom-desktop', 'file:///home/u/My%20Caps/a.pcapng', 'https://example.com/x.pcap', 'file://otherhost/share/b.pcap', 'C:/not-a-url.pcap'];
    expect(filesFromArgv({ argv, cwd: '/w', packaged: true })).toEqual(['/home/u/My Caps/a.pcapng', '/w/C:/not-a-url.pcap']);
  });
  it('finds nothing in a bare launch', () => {
    expect(filesFromArgv({ argv: ['/x/electron', '/repo/dist/main/main.cjs'], cwd: '/', packaged: false })).toEqual([]);
    expect(filesFromArgv({ argv: [], cwd: '/', packaged: true })).toEqual([]);
  });
});

describe('recent files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pl-recent-'));

  it('keeps the most recent first, without duplicates, at most MAX_RECENT, across restarts', () => {
    const store = join(dir, 'a', 'recent.json');
    const recent = new RecentFiles(store);
    for (let i = 0; i < MAX_RECENT + 3; i++) recent.add(`/caps/${i}.pcap`);
    recent.add('/caps/5.pcap');
    recent.add('relative.pcap'); // ignored: only absolute paths
    expect(recent.files[0]).toBe('/caps/5.pcap');
    expect(recent.files).toHaveLength(MAX_RECENT);
    expect(new Set(recent.files).size).toBe(MAX_RECENT);
    expect(new RecentFiles(store).files).toEqual(recent.files);
    recent.remove('/caps/5.pcap');
    expect(new RecentFiles(store).files).not.toContain('/caps/5.pcap');
    recent.clear();
    expect(JSON.parse(readFileSync(store, 'utf8'))).toEqual({ files: [] });
  });

  it('treats a damaged store as empty', () => {
    for (const content of ['{not json', '[]', '{"files": "x"}', '{"files": [1, null, "rel", "/ok.pcap", "/ok.pcap"]}']) {
      const store = join(dir, `bad-${Math.random()}.json`);
      writeFileSync(store, content);
      expect(new RecentFiles(store).files).toEqual(content.includes('/ok.pcap') ? ['/ok.pcap'] : []);
    }
    expect(new RecentFiles(join(dir, 'missing.json')).files).toEqual([]);
  });
});

describe('app:// protocol', () => {
  const root = '/app/dist/renderer';
  it('maps app URLs into the renderer folder', () => {
    expect(appUrlToFile('app://packetloom/', root)).toBe('/app/dist/renderer/index.html');
    expect(appUrlToFile('app://packetloom/index.html?x=1#y', root)).toBe('/app/dist/renderer/index.html');
    expect(appUrlToFile('app://packetloom/assets/main.js', root)).toBe('/app/dist/renderer/assets/main.js');
  });
  it('refuses anything that leaves it or is not ours', () => {
    // The URL parser already folds plain and %2e dot segments: they stay inside the root.
    expect(appUrlToFile('app://packetloom/../../etc/passwd', root)).toBe('/app/dist/renderer/etc/passwd');
    expect(appUrlToFile('app://packetloom/%2e%2e/%2e%2e/etc/passwd', root)).toBe('/app/dist/renderer/etc/passwd');
    for (const url of [
      'app://packetloom/..%2f..%2fetc/passwd',
      'app://packetloom/a%00.js',
      'app://packetloom/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
      'nonsense',
    ]) {
      expect(appUrlToFile(url, root), url).toBeNull();
    }
  });
  it('sends the CSP with this response\'s nonce and the right type with every file', () => {
    expect(responseHeaders('/r/index.html', 'abc=')).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'content-security-policy': contentSecurityPolicy('abc='), 'x-content-type-options': 'nosniff' });
    expect(responseHeaders('/r/a.JS', 'n')['content-type']).toBe('text/javascript; charset=utf-8');
    expect(responseHeaders('/r/blob.bin', 'n')['content-type']).toBe('application/octet-stream');
  });
  it('adds the start-up hints to HTML documents only, escaped', () => {
    const html = Buffer.from('<!doctype html><html><head><title>x</title></head></html>');
    const out = documentBody('/r/index.html', html, { nonce: 'abc=', openPath: '/caps/"a"&<b>.pcap' }).toString();
    expect(out).toBe(
      '<!doctype html><html><head><meta name="packetloom-csp-nonce" content="abc="><meta name="packetloom-open" content="/caps/&quot;a&quot;&amp;&lt;b&gt;.pcap"><meta name="packetloom-mode" content="desktop"><title>x</title></head></html>',
    );
    expect(documentBody('/r/index.html', html, { nonce: 'n', openPath: null }).toString()).not.toContain('packetloom-open');
    const js = Buffer.from('<head>');
    expect(documentBody('/r/app.js', js, { nonce: 'n', openPath: '/x' })).toBe(js);
  });
});

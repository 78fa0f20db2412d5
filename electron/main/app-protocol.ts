/**
 * The app:// scheme: serves the built renderer (and nothing else) to the window. Plain logic
 * here — which file a URL maps to, with which type and headers — so tests check that no URL
 * escapes the renderer folder.
 */
import { extname, join, normalize, sep } from 'node:path';
import { APP_HOST, APP_SCHEME, contentSecurityPolicy } from './window-options.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** The file under `root` an app:// URL names, or null when it is not ours or leaves root. */
export function appUrlToFile(url: string, root: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const rootNorm = normalize(root);
  const file = normalize(join(rootNorm, path));
  if (file !== rootNorm && !file.startsWith(rootNorm.endsWith(sep) ? rootNorm : rootNorm + sep)) return null;
  return file;
}

export function responseHeaders(file: string, nonce: string): Record<string, string> {
  return {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-security-policy': contentSecurityPolicy(nonce),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
}

export interface DocumentHints {
  /** This response's CSP nonce (for ag-grid's <style> elements). */
  nonce: string;
  /** A capture the renderer opens as it starts (the file named on the command line). */
  openPath?: string | null;
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The body to serve: HTML documents get the start-up hints the renderer reads as meta tags
 * (renderer/api/index.ts metaContent), the same ones the browser mode's server adds.
 */
export function documentBody(file: string, body: Buffer, hints: DocumentHints): Buffer {
  if (extname(file).toLowerCase() !== '.html') return body;
  const meta =
    `<meta name="packetloom-csp-nonce" content="${escapeAttr(hints.nonce)}">` +
    (hints.openPath ? `<meta name="packetloom-open" content="${escapeAttr(hints.openPath)}">` : '') +
    '<meta name="packetloom-mode" content="desktop">';
  const html = body.toString('utf8');
  return Buffer.from(html.includes('<head>') ? html.replace('<head>', `<head>${meta}`) : meta + html);
}

/**
 * The capture files named on a command line: `packetloom-desktop file.pcap`,
 * `npm start -- file.pcap` (electron dist/main/main.cjs file.pcap), and the argv a second
 * launch hands to the running instance. Options (anything starting with '-', such as
 * Chromium's switches) are skipped, as are Electron's own binary and the app's entry script.
 * A file: URL (what a Linux desktop entry's %U passes on a double-click) becomes its path;
 * other URLs are not files and are skipped.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ArgvInput {
  argv: readonly string[];
  /** Working directory of the launch that produced argv (relative paths are resolved there). */
  cwd: string;
  /** In a packaged app argv is [app, ...args]; unpackaged it is [electron, entry script, ...args]. */
  packaged: boolean;
}

export function filesFromArgv({ argv, cwd, packaged }: ArgvInput): string[] {
  const args = argv.slice(packaged ? 1 : 2);
  const files: string[] = [];
  let afterDoubleDash = false;
  for (const arg of args) {
    if (!afterDoubleDash && arg === '--') {
      afterDoubleDash = true;
      continue;
    }
    if (!afterDoubleDash && arg.startsWith('-')) continue;
    if (arg === '' || arg === '.') continue;
    if (/^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) {
      if (!arg.toLowerCase().startsWith('file://')) continue;
      try {
        files.push(fileURLToPath(arg));
      } catch {
        // file://host/… (not local) or a malformed URL: not a file we can open.
      }
      continue;
    }
    files.push(resolve(cwd, arg));
  }
  return files;
}

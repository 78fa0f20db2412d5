/**
 * What main forks as the engine's utility process (built to dist/main/engine-host.cjs): a
 * CommonJS file that imports the ES-module host (dist/main/engine-host.js) beside it. The
 * engine itself must stay an ES module (it finds its worker through import.meta.url), and a
 * CommonJS entry is the form every Electron version loads in a utility process.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import(pathToFileURL(join(__dirname, 'engine-host.js')).href).catch((err: unknown) => {
  console.error(`packetloom: the engine host could not start: ${(err as Error)?.stack ?? String(err)}`);
  process.exit(1);
});

/**
 * `npm run serve [-- file.pcap] [--host H] [--port P]`: the browser mode. Serves the built
 * renderer and the session API on 127.0.0.1 (unless --host) and prints the URL with its token.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../engine/engine.js';
import { startServer, type EngineLike } from './server.js';
import { parseServeArgs, type ServeArgs } from './args.js';

const USAGE = 'usage: npm run serve [-- [file.pcap] [--host HOST] [--port PORT]]';

async function main(): Promise<void> {
  let args: ServeArgs;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (err) {
    const msg = (err as Error).message;
    process.stderr.write(msg === 'usage' ? USAGE + '\n' : `packetloom serve: ${msg}\n${USAGE}\n`);
    process.exitCode = msg === 'usage' ? 0 : 1;
    return;
  }
  if (args.file !== undefined && !existsSync(args.file)) {
    process.stderr.write(`packetloom serve: ${args.file}: no such file\n`);
    process.exitCode = 2;
    return;
  }
  const staticDir = join(dirname(fileURLToPath(import.meta.url)), 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    process.stderr.write('packetloom serve: the renderer is not built; run `npm run build`.\n');
    process.exitCode = 2;
    return;
  }
  const engine = createEngine() as unknown as EngineLike;
  const server = await startServer({
    engine,
    staticDir,
    host: args.host,
    port: args.port,
    ...(args.file !== undefined ? { openPath: resolve(args.file) } : {}),
  }).catch((err: unknown) => {
    process.stderr.write(`packetloom serve: cannot listen on ${args.host}:${args.port}: ${(err as Error).message}\n`);
    process.exitCode = 2;
    return undefined;
  });
  if (!server) return;
  process.stdout.write(`Packetloom is serving on ${server.url}\n`);
  if (!['127.0.0.1', 'localhost', '::1'].includes(args.host)) {
    process.stdout.write(`Warning: listening on ${args.host}, reachable from the network; anyone with the URL (token) can read captures and files.\n`);
  }
  const stop = () => {
    server.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();

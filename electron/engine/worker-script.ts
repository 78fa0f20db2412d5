/**
 * Starting a worker thread from its script: the built bundle as it is, or (under the tests, which
 * run the TypeScript sources) the .ts file through tsx's loader. The engine's session workers and
 * the CLI's shard threads start theirs here.
 */
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export interface WorkerScript {
  path: string;
  /** TypeScript source: started through tsx's loader. */
  ts: boolean;
}

export function startWorkerScript(script: WorkerScript, options: WorkerOptions): Worker {
  if (!script.ts) return new Worker(script.path, options);
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(script.path).href)}); });`;
  return new Worker(code, { ...options, eval: true });
}

/**
 * The engine host process (built to dist/main/engine-host.js): main starts it as an Electron
 * utilityProcess, so indexing, dissection and filtering never run on the UI thread; each open
 * capture then gets its own worker thread inside it (electron/engine/engine.ts). Tests start
 * the same file as a Node child process.
 */
import { createEngine } from '../engine/engine.js';
import { currentProcessPort, serveEngine } from './engine-host.js';

const engine = createEngine();
serveEngine({ call: (method, params) => engine.callRaw(method, params), on: (event, listener) => engine.on(event, listener) }, currentProcessPort());

// The parent going away (the app quit or crashed) ends the host; its workers go with it.
process.on('disconnect', () => {
  void engine.shutdown().finally(() => process.exit(0));
});

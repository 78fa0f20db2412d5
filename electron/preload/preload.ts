/**
 * The preload: exposes `window.packetloom` (the session API plus app commands, see bridge.ts)
 * and turns a file dropped on the window into an "open" command. Runs sandboxed with context
 * isolation: the page only sees the four members exposed here, never ipcRenderer.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge.js';

const bridge = createBridge(ipcRenderer);

contextBridge.exposeInMainWorld('packetloom', {
  kind: bridge.kind,
  call: bridge.call,
  on: bridge.on,
  onCommand: bridge.onCommand,
});

interface DropEventLike {
  preventDefault(): void;
  dataTransfer: { files: ArrayLike<unknown> } | null;
}
const win = globalThis as unknown as { addEventListener(type: string, listener: (event: DropEventLike) => void): void };

// Without this the browser would try to navigate to the dropped file (main refuses that anyway).
win.addEventListener('dragover', (event) => event.preventDefault());
win.addEventListener('drop', (event) => {
  event.preventDefault();
  const files = event.dataTransfer?.files;
  if (!files) return;
  for (let i = 0; i < files.length; i++) {
    const path = webUtils.getPathForFile(files[i] as Parameters<typeof webUtils.getPathForFile>[0]);
    // A file from another app's drag (no path on disk) is ignored.
    if (path) bridge.fileDropped(path);
  }
});

/** The renderer's entry: pick the transport, load the language, mount the main window. */
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { initI18n } from './i18n/index.js';
import { metaContent, pickApi } from './api/index.js';
import { WebSocketApi } from './api/websocket.js';
import { App } from './shell/App.js';
import type { AppCommand } from '../electron/preload/bridge.js';
import './app.css';

function storageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

async function start(): Promise<void> {
  const storage = storageOrNull();
  const i18n = await initI18n(storage, navigator.language);
  const { api, mode } = pickApi(window);
  const subscribeDisconnect =
    api instanceof WebSocketApi
      ? (cb: () => void) => {
          api.onDisconnect = cb;
        }
      : undefined;
  const bridge = window.packetloom as (typeof window.packetloom & { onCommand?: unknown }) | undefined;
  const subscribeCommands =
    mode === 'electron' && bridge && typeof bridge.onCommand === 'function'
      ? (cb: (c: AppCommand) => void) => (bridge.onCommand as (l: (c: AppCommand) => void) => () => void)(cb)
      : undefined;
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <I18nextProvider i18n={i18n}>
      <App
        api={api}
        mode={mode}
        openAtStart={metaContent(document, 'packetloom-open')}
        styleNonce={metaContent(document, 'packetloom-csp-nonce') ?? undefined}
        storage={storage}
        {...(subscribeDisconnect ? { subscribeDisconnect } : {})}
        {...(subscribeCommands ? { subscribeCommands } : {})}
      />
    </I18nextProvider>,
  );
}

void start();

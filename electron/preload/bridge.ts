/**
 * The desktop bridge: what the preload exposes as `window.packetloom`, and the messages that
 * cross between the preload and the main process. No Electron import here: the preload passes
 * in its `ipcRenderer`, so tests build the bridge over a fake one.
 *
 * `window.packetloom` implements the session API (`call` + `on`, the same as the WebSocket face
 * of the browser mode) and adds `onCommand` for what the menus, the command line, Open Recent,
 * drag-and-drop and a second launch ask the UI to do.
 */
import { METHODS, type ApiResult, type EventName, type Events, type Method, type Params, type Result, type SessionApi } from '../api/contract.js';

/** IPC channel names (renderer → main: invoke; main → renderer: send). */
export const CHANNEL_CALL = 'packetloom:call';
export const CHANNEL_EVENT = 'packetloom:event';
export const CHANNEL_COMMAND = 'packetloom:command';
/** Renderer → main (send): the renderer now listens for commands. */
export const CHANNEL_READY = 'packetloom:commands-ready';
/** Renderer → main (send): a file was dropped on the window (its absolute path). */
export const CHANNEL_DROP = 'packetloom:drop';

/** Menu actions the renderer carries out itself (main has nothing to add to them). */
export const RENDERER_ACTIONS = [
  'file.close',
  'capture.interfaces', 'capture.start', 'capture.stop', 'capture.restart', 'capture.filter',
  'view.colorize', 'view.resolveMac', 'view.resolveNetwork', 'view.timeSinceStart', 'view.timeSincePrevious', 'view.timeEpoch', 'view.reloadFile',
  'go.toPacket', 'go.first', 'go.last', 'go.next', 'go.previous',
  'analyze.displayFilter', 'analyze.followTcp', 'analyze.followUdp', 'analyze.followHttp', 'analyze.conversations', 'analyze.endpoints',
  'analyze.expert', 'analyze.properties', 'analyze.decodeAs', 'analyze.enabledProtocols', 'statistics.protocolHierarchy', 'statistics.packetLengths', 'statistics.httpPacketCounter', 'statistics.httpRequests', 'statistics.httpLoadDistribution', 'statistics.ipProtocolTypes', 'statistics.dns', 'statistics.ipv4AllAddresses', 'statistics.ipv4SourceDestination', 'statistics.ipv4DestinationsPorts', 'statistics.ipv6AllAddresses', 'statistics.ipv6SourceDestination', 'statistics.ipv6DestinationsPorts', 'statistics.ipv6ProtocolTypes', 'statistics.ioGraphs', 'statistics.tcpStreamGraphs', 'statistics.flowGraph', 'statistics.resolvedAddresses', 'tools.credentials', 'file.exportObjectsHttp',
  'edit.findPacket', 'edit.findNext', 'edit.findPrevious', 'go.nextInConversation', 'go.previousInConversation',
] as const;
export type RendererAction = (typeof RENDERER_ACTIONS)[number];

/** What main (or the preload, for a drop) asks the UI to do. Paths were chosen by the user. */
export type AppCommand =
  /** Open this capture file (File ▸ Open, Open Recent, the command line, a second launch, a drop). */
  | { type: 'open'; path: string }
  /** Save the session's packets here (File ▸ Save As). */
  | { type: 'save-as'; path: string; format: 'pcap' | 'pcapng' }
  /** Write the displayed packets here (File ▸ Export Packets). */
  | { type: 'export-packets'; path: string; format: 'pcap' | 'pcapng' }
  /** Write the displayed packets' dissections here (File ▸ Export Packet Dissections). */
  | { type: 'export-dissections'; path: string; format: 'text' | 'csv' | 'json' }
  /** Write the selected conversation as JSON here (File ▸ Export Conversation as JSON). */
  | { type: 'export-conversation'; path: string }
  /** Write every object of the protocol into this folder (File ▸ Export Objects ▸ Save All HTTP Objects). */
  | { type: 'export-objects'; proto: 'http'; dir: string }
  | { type: 'menu'; action: RendererAction }
  /** The engine process stopped; its sessions are gone (a new engine serves the next call). */
  | { type: 'engine-restarted'; reason: string };

export interface PacketloomBridge extends SessionApi {
  /** Subscribes to app commands; returns the unsubscribe function. */
  onCommand(listener: (command: AppCommand) => void): () => void;
  /** 'desktop' (the browser mode has no bridge at all). */
  readonly kind: 'desktop';
}

/** What the preload holds: the exposed bridge plus what only the preload itself calls. */
export interface PreloadBridge extends PacketloomBridge {
  /** A file was dropped on the window (main turns it into an "open" command). */
  fileDropped(path: string): void;
}

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const ALLOWED = new Set<string>(METHODS);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Builds the bridge. The preload's own allowlist is the first gate (a typo fails here with a
 * clear error, without a round trip); main checks everything again, since a compromised
 * renderer would not go through the bridge.
 */
export function createBridge(ipc: IpcRendererLike): PreloadBridge {
  const eventListeners = new Map<string, Set<(payload: never) => void>>();
  const commandListeners = new Set<(command: AppCommand) => void>();

  ipc.on(CHANNEL_EVENT, (_event, message) => {
    if (!isObject(message) || message.type !== 'event' || typeof message.event !== 'string') return;
    for (const listener of eventListeners.get(message.event) ?? []) {
      try {
        (listener as (payload: unknown) => void)(message.payload);
      } catch (err) {
        console.error('packetloom: event listener failed', err);
      }
    }
  });
  ipc.on(CHANNEL_COMMAND, (_event, command) => {
    if (!isObject(command) || typeof command.type !== 'string') return;
    emitCommand(command as AppCommand);
  });

  function emitCommand(command: AppCommand): void {
    for (const listener of commandListeners) {
      try {
        listener(command);
      } catch (err) {
        console.error('packetloom: command listener failed', err);
      }
    }
  }

  const bridge: PreloadBridge = {
    kind: 'desktop',
    async call<M extends Method>(method: M, params: Params<M>): Promise<ApiResult<Result<M>>> {
      if (typeof method !== 'string' || !ALLOWED.has(method)) {
        return { ok: false, error: { code: 'unknown-method', message: `Unknown method: ${String(method)}` } };
      }
      try {
        return (await ipc.invoke(CHANNEL_CALL, method, params)) as ApiResult<Result<M>>;
      } catch (err) {
        // Structured clone refused the arguments (a function, a DOM node), or main went away.
        return { ok: false, error: { code: 'bad-request', message: `The call could not be sent: ${(err as Error).message}` } };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      let set = eventListeners.get(event);
      if (!set) eventListeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
    onCommand(listener: (command: AppCommand) => void): () => void {
      // The first listener tells main that commands can be delivered (until then it queues them).
      if (commandListeners.size === 0) ipc.send(CHANNEL_READY);
      commandListeners.add(listener);
      return () => {
        commandListeners.delete(listener);
      };
    },
    fileDropped(path: string): void {
      ipc.send(CHANNEL_DROP, path);
    },
  };
  return bridge;
}

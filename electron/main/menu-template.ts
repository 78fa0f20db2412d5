/**
 * The application menu as plain data: a pure function of the platform and the window's state,
 * so tests check every label and accelerator without Electron. main.ts turns each item's
 * `action` into a click handler (dialogs in main, the rest sent to the renderer as commands).
 *
 * Shortcuts follow Wireshark's: Ctrl+O open, Ctrl+Shift+S save as, Ctrl+E start/stop capture,
 * Ctrl+R restart, Ctrl+G go to packet, Ctrl+Alt+Shift+T follow TCP stream. On macOS Ctrl
 * becomes Cmd, as Wireshark does there.
 */
import type { RendererAction } from '../preload/bridge.js';

/** Actions main carries out itself (each needs a dialog or app state), then tells the renderer. */
export type MainAction =
  | 'file.open'
  | 'file.openRecent'
  | 'file.clearRecent'
  | 'file.saveAs'
  | 'file.exportConversation'
  | 'file.exportPackets'
  | 'file.exportDissections'
  | 'file.saveAllHttpObjects'
  | 'help.about';

export type MenuAction = MainAction | RendererAction;

export interface MenuItemSpec {
  label?: string;
  /** Electron role (quit, copy, zoomIn …): Electron implements these. */
  role?: string;
  accelerator?: string;
  /** false: the accelerator is shown but the key is left to the page (see RENDERER_KEYS). */
  registerAccelerator?: boolean;
  action?: MenuAction;
  /** For file.openRecent: the file. */
  path?: string;
  type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio';
  checked?: boolean;
  enabled?: boolean;
  submenu?: MenuItemSpec[];
}

export interface MenuState {
  platform: NodeJS.Platform;
  appName: string;
  /** Most recent first. */
  recent: readonly string[];
  /** The focused window has a session open (file or capture). */
  hasSession: boolean;
  /** The focused window's session is a live capture that is running. */
  capturing: boolean;
  /** The focused window has a live session (running or stopped): Restart applies. */
  hasLiveSession: boolean;
  /** Show developer tools items (not in packaged builds). */
  devTools: boolean;
}

const SEPARATOR: MenuItemSpec = { type: 'separator' };

/**
 * Shortcuts the renderer handles itself on keydown (renderer/shell/App.tsx: Ctrl+G opens its
 * Go to Packet box, Ctrl+F its search bar, Ctrl+N / Ctrl+B find again, Ctrl+/ the display filter,
 * Ctrl+. / Ctrl+, the next / previous packet in the conversation). The menu shows them but does not take the key, so the page keeps it
 * whichever comes first in Electron's key handling; clicking the item still sends the command.
 */
export const RENDERER_KEYS: ReadonlySet<MenuAction> = new Set<MenuAction>(['go.toPacket', 'edit.findPacket', 'edit.findNext', 'edit.findPrevious', 'analyze.displayFilter', 'go.nextInConversation', 'go.previousInConversation']);

export function menuTemplate(state: MenuState): MenuItemSpec[] {
  const mac = state.platform === 'darwin';
  const mod = mac ? 'Cmd' : 'Ctrl';
  const item = (label: string, action: MenuAction, accelerator?: string, enabled = true): MenuItemSpec => ({
    label,
    action,
    ...(accelerator ? { accelerator } : {}),
    ...(accelerator && RENDERER_KEYS.has(action) ? { registerAccelerator: false } : {}),
    ...(enabled ? {} : { enabled: false }),
  });

  const recent: MenuItemSpec[] = state.recent.length
    ? [
        ...state.recent.map((path, i): MenuItemSpec => ({
          // Numbered like Wireshark's list; '&' would mark a mnemonic, so it is doubled.
          label: `${i < 9 ? `&${i + 1} ` : ''}${path.replace(/&/g, '&&')}`,
          action: 'file.openRecent',
          path,
        })),
        SEPARATOR,
        item('Clear Menu', 'file.clearRecent'),
      ]
    : [{ label: 'No Recent Files', enabled: false }];

  const file: MenuItemSpec = {
    label: '&File',
    submenu: [
      item('&Open…', 'file.open', `${mod}+O`),
      { label: 'Open &Recent', type: 'submenu', submenu: recent },
      SEPARATOR,
      item('Save &As…', 'file.saveAs', `${mod}+Shift+S`, state.hasSession),
      item('Export Conversation as &JSON…', 'file.exportConversation', undefined, state.hasSession),
      item('Export &Packets…', 'file.exportPackets', undefined, state.hasSession),
      item('Export Packet &Dissections…', 'file.exportDissections', undefined, state.hasSession),
      // Wireshark's File › Export Objects › HTTP…: the list opens in the analysis panel.
      // Wireshark's File › Export Objects › HTTP…: the list opens in the analysis panel; Save All
      // asks for a folder here and writes every object into it as tshark names them.
      {
        label: 'Export &Objects',
        type: 'submenu',
        submenu: [item('&HTTP…', 'file.exportObjectsHttp', undefined, state.hasSession), item('Save &All HTTP Objects…', 'file.saveAllHttpObjects', undefined, state.hasSession)],
      },
      SEPARATOR,
      item('&Close', 'file.close', `${mod}+W`, state.hasSession),
      ...(mac ? [] : [SEPARATOR, { label: '&Quit', role: 'quit', accelerator: 'Ctrl+Q' }]),
    ],
  };

  const capture: MenuItemSpec = {
    label: '&Capture',
    submenu: [
      item('&Interfaces…', 'capture.interfaces', `${mod}+I`),
      SEPARATOR,
      // Both carry Ctrl+E, as in Wireshark: only the enabled one responds.
      item('&Start', 'capture.start', `${mod}+E`, !state.capturing),
      item('S&top', 'capture.stop', `${mod}+E`, state.capturing),
      item('&Restart', 'capture.restart', `${mod}+R`, state.hasLiveSession),
      SEPARATOR,
      item('Capture &Filter…', 'capture.filter', undefined, !state.capturing),
    ],
  };

  const view: MenuItemSpec = {
    label: '&View',
    submenu: [
      {
        label: '&Time Display Format',
        type: 'submenu',
        submenu: [
          item('Seconds Since Beginning of Capture', 'view.timeSinceStart', `${mod}+Alt+4`),
          item('Seconds Since Previous Displayed Packet', 'view.timeSincePrevious', `${mod}+Alt+6`),
          item('Seconds Since Epoch', 'view.timeEpoch', `${mod}+Alt+3`),
        ],
      },
      item('&Colorize Packet List', 'view.colorize'),
      // Wireshark's View → Name Resolution → Resolve Physical Addresses (on by default, as there).
      item('Resolve &Physical Addresses', 'view.resolveMac'),
      // … → Resolve Network Addresses (off by default, as there): names of the hosts file, the file's NRBs and DNS answers.
      item('Resolve &Network Addresses', 'view.resolveNetwork'),
      SEPARATOR,
      { label: 'Zoom &In', role: 'zoomIn', accelerator: `${mod}+Plus` },
      { label: 'Zoom &Out', role: 'zoomOut', accelerator: `${mod}+-` },
      { label: '&Normal Size', role: 'resetZoom', accelerator: `${mod}+0` },
      SEPARATOR,
      item('&Reload as File Format/Capture', 'view.reloadFile', `${mod}+Shift+F`, state.hasSession),
      { label: '&Full Screen', role: 'togglefullscreen' },
      ...(state.devTools ? [SEPARATOR, { label: 'Toggle &Developer Tools', role: 'toggleDevTools' }] : []),
    ],
  };

  const go: MenuItemSpec = {
    label: '&Go',
    submenu: [
      item('&Go to Packet…', 'go.toPacket', `${mod}+G`, state.hasSession),
      SEPARATOR,
      item('&Next Packet', 'go.next', `${mod}+Down`, state.hasSession),
      item('&Previous Packet', 'go.previous', `${mod}+Up`, state.hasSession),
      item('&First Packet', 'go.first', `${mod}+Home`, state.hasSession),
      item('&Last Packet', 'go.last', `${mod}+End`, state.hasSession),
      SEPARATOR,
      item('Next Packet in &Conversation', 'go.nextInConversation', `${mod}+.`, state.hasSession),
      item('Previous Packet in C&onversation', 'go.previousInConversation', `${mod}+,`, state.hasSession),
    ],
  };

  const analyze: MenuItemSpec = {
    label: '&Analyze',
    submenu: [
      item('&Display Filter…', 'analyze.displayFilter', `${mod}+/`),
      // Wireshark's Analyze › Decode As… (Ctrl+Shift+U); the dialog is the page's, usable without a capture too.
      item('Decode &As…', 'analyze.decodeAs', `${mod}+Shift+U`),
      item('&Enabled Protocols…', 'analyze.enabledProtocols', `${mod}+Shift+E`),
      SEPARATOR,
      item('Follow &TCP Stream', 'analyze.followTcp', `${mod}+Alt+Shift+T`, state.hasSession),
      item('Follow &UDP Stream', 'analyze.followUdp', `${mod}+Alt+Shift+U`, state.hasSession),
      item('Follow &HTTP Stream', 'analyze.followHttp', `${mod}+Alt+Shift+H`, state.hasSession),
      SEPARATOR,
      item('&Conversations', 'analyze.conversations', undefined, state.hasSession),
      item('&Endpoints', 'analyze.endpoints', undefined, state.hasSession),
      item('E&xpert Information', 'analyze.expert', undefined, state.hasSession),
      item('Capture File &Properties', 'analyze.properties', `${mod}+Alt+Shift+C`, state.hasSession),
    ],
  };

  // Wireshark's IPv4 / IPv6 Statistics submenus: four stats trees each.
  const ipStatistics = (label: string, family: 'ipv4' | 'ipv6', protocolTypes: MenuAction): MenuItemSpec => ({
    label,
    type: 'submenu',
    submenu: [
      item('&All Addresses', `statistics.${family}AllAddresses` as const, undefined, state.hasSession),
      item('&Destinations and Ports', `statistics.${family}DestinationsPorts` as const, undefined, state.hasSession),
      item('IP Protocol &Types', protocolTypes, undefined, state.hasSession),
      item('&Source and Destination Addresses', `statistics.${family}SourceDestination` as const, undefined, state.hasSession),
    ],
  });

  // Wireshark's Statistics menu; here it holds the statistics that have their own view.
  const statistics: MenuItemSpec = {
    label: '&Statistics',
    submenu: [
      item('&Conversations', 'analyze.conversations', undefined, state.hasSession),
      item('&Endpoints', 'analyze.endpoints', undefined, state.hasSession),
      SEPARATOR,
      item('&Protocol Hierarchy', 'statistics.protocolHierarchy', undefined, state.hasSession),
      item('Packet &Lengths', 'statistics.packetLengths', undefined, state.hasSession),
      item('&DNS', 'statistics.dns', undefined, state.hasSession),
      {
        label: '&HTTP',
        type: 'submenu',
        submenu: [
          item('&Packet Counter', 'statistics.httpPacketCounter', undefined, state.hasSession),
          item('&Requests', 'statistics.httpRequests', undefined, state.hasSession),
          item('&Load Distribution', 'statistics.httpLoadDistribution', undefined, state.hasSession),
        ],
      },
      ipStatistics('IP&v4 Statistics', 'ipv4', 'statistics.ipProtocolTypes'),
      ipStatistics('IPv&6 Statistics', 'ipv6', 'statistics.ipv6ProtocolTypes'),
      item('&I/O Graphs', 'statistics.ioGraphs', undefined, state.hasSession),
      item('TCP Stream &Graphs', 'statistics.tcpStreamGraphs', undefined, state.hasSession),
      item('&Flow Graph', 'statistics.flowGraph', undefined, state.hasSession),
      item('&Resolved Addresses', 'statistics.resolvedAddresses', undefined, state.hasSession),
    ],
  };

  // Wireshark's Tools menu: what the packets give away.
  const tools: MenuItemSpec = {
    label: '&Tools',
    submenu: [item('&Credentials', 'tools.credentials', undefined, state.hasSession)],
  };

  const help: MenuItemSpec = {
    label: '&Help',
    role: 'help',
    submenu: [item(`&About ${state.appName}`, 'help.about')],
  };

  const edit: MenuItemSpec = {
    label: '&Edit',
    submenu: [
      { role: 'undo' }, { role: 'redo' }, SEPARATOR,
      { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' },
      SEPARATOR,
      // Wireshark's Edit › Find Packet (the search bar under the toolbar) and its Find Next / Previous keys.
      item('&Find Packet…', 'edit.findPacket', `${mod}+F`, state.hasSession),
      item('Find Ne&xt', 'edit.findNext', `${mod}+N`, state.hasSession),
      item('Find Pre&vious', 'edit.findPrevious', `${mod}+B`, state.hasSession),
    ],
  };

  const appMenu: MenuItemSpec[] = mac
    ? [{
        label: state.appName,
        submenu: [
          item(`About ${state.appName}`, 'help.about'),
          SEPARATOR,
          { role: 'services' }, SEPARATOR,
          { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, SEPARATOR,
          { label: `Quit ${state.appName}`, role: 'quit', accelerator: 'Cmd+Q' },
        ],
      }]
    : [];

  return [...appMenu, file, edit, view, go, capture, analyze, statistics, tools, help];
}

/** Every item of a template, depth first (for tests and for finding an item by action). */
export function* menuItems(items: readonly MenuItemSpec[]): Generator<MenuItemSpec> {
  for (const it of items) {
    yield it;
    if (it.submenu) yield* menuItems(it.submenu);
  }
}

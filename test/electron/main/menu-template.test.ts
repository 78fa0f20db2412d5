import { describe, expect, it } from 'vitest';
import { menuItems, menuTemplate, type MenuItemSpec, type MenuState } from '../../../electron/main/menu-template.js';
import { RENDERER_ACTIONS } from '../../../electron/preload/bridge.js';

const base: MenuState = {
  platform: 'linux',
  appName: 'Packetloom',
  recent: [],
  hasSession: true,
  capturing: false,
  hasLiveSession: false,
  devTools: false,
};

function top(template: MenuItemSpec[], label: string): MenuItemSpec {
  const found = template.find((m) => m.label?.replace(/&/g, '') === label);
  if (!found) throw new Error(`no top-level menu ${label}`);
  return found;
}

function byLabel(menu: MenuItemSpec, label: string): MenuItemSpec {
  const found = [...menuItems(menu.submenu ?? [])].find((m) => m.label?.replace(/&(?!&)/g, '').replace('…', '') === label);
  if (!found) throw new Error(`no item ${label} in ${menu.label}`);
  return found;
}

describe('menu template', () => {
  const t = menuTemplate(base);

  it('has the Wireshark top-level menus in order', () => {
    expect(t.map((m) => m.label?.replace(/&/g, ''))).toEqual(['File', 'Edit', 'View', 'Go', 'Capture', 'Analyze', 'Statistics', 'Tools', 'Help']);
  });

  it.each([
    ['File', 'Open', 'Ctrl+O'],
    ['File', 'Save As', 'Ctrl+Shift+S'],
    ['Capture', 'Start', 'Ctrl+E'],
    ['Capture', 'Stop', 'Ctrl+E'],
    ['Capture', 'Restart', 'Ctrl+R'],
    ['Go', 'Go to Packet', 'Ctrl+G'],
    ['Go', 'First Packet', 'Ctrl+Home'],
    ['Go', 'Last Packet', 'Ctrl+End'],
    ['Go', 'Next Packet', 'Ctrl+Down'],
    ['Go', 'Previous Packet', 'Ctrl+Up'],
    ['Analyze', 'Follow TCP Stream', 'Ctrl+Alt+Shift+T'],
  ])('%s ▸ %s is %s', (menu, label, accelerator) => {
    expect(byLabel(top(t, menu), label).accelerator).toBe(accelerator);
  });

  it('has every item the issue lists', () => {
    const file = top(t, 'File');
    for (const label of ['Open', 'Open Recent', 'Save As', 'Export Conversation as JSON', 'Export Packets', 'Quit']) byLabel(file, label);
    const capture = top(t, 'Capture');
    for (const label of ['Interfaces', 'Start', 'Stop', 'Restart', 'Capture Filter']) byLabel(capture, label);
    const analyze = top(t, 'Analyze');
    for (const label of ['Follow TCP Stream', 'Conversations', 'Expert Information']) byLabel(analyze, label);
    expect(byLabel(top(t, 'Statistics'), 'TCP Stream Graphs').action).toBe('statistics.tcpStreamGraphs');
    expect(byLabel(top(t, 'Statistics'), 'I/O Graphs').action).toBe('statistics.ioGraphs');
    expect(byLabel(top(t, 'Statistics'), 'Protocol Hierarchy').action).toBe('statistics.protocolHierarchy');
    byLabel(top(t, 'Help'), 'About Packetloom');
    expect(byLabel(file, 'Quit').role).toBe('quit');
  });

  it('uses Cmd on macOS and puts About and Quit in the app menu', () => {
    const mac = menuTemplate({ ...base, platform: 'darwin' });
    expect(mac[0]!.label).toBe('Packetloom');
    expect(byLabel(top(mac, 'File'), 'Open').accelerator).toBe('Cmd+O');
    expect(byLabel(top(mac, 'Analyze'), 'Follow TCP Stream').accelerator).toBe('Cmd+Alt+Shift+T');
    expect([...menuItems(top(mac, 'File').submenu!)].some((m) => m.role === 'quit')).toBe(false);
    expect([...menuItems(mac[0]!.submenu!)].some((m) => m.role === 'quit')).toBe(true);
  });

  it('enables Start or Stop (sharing Ctrl+E) by capture state', () => {
    const idle = top(menuTemplate(base), 'Capture');
    expect(byLabel(idle, 'Start').enabled).not.toBe(false);
    expect(byLabel(idle, 'Stop').enabled).toBe(false);
    expect(byLabel(idle, 'Restart').enabled).toBe(false);
    const running = top(menuTemplate({ ...base, capturing: true, hasLiveSession: true }), 'Capture');
    expect(byLabel(running, 'Start').enabled).toBe(false);
    expect(byLabel(running, 'Stop').enabled).not.toBe(false);
    expect(byLabel(running, 'Restart').enabled).not.toBe(false);
  });

  it('disables what needs a session when none is open', () => {
    const empty = menuTemplate({ ...base, hasSession: false });
    expect(byLabel(top(empty, 'File'), 'Save As').enabled).toBe(false);
    expect(byLabel(top(empty, 'Go'), 'Go to Packet').enabled).toBe(false);
    expect(byLabel(top(empty, 'Analyze'), 'Follow TCP Stream').enabled).toBe(false);
    expect(byLabel(top(empty, 'File'), 'Open').enabled).not.toBe(false);
  });

  it('lists recent files most recent first, with a Clear item', () => {
    const t2 = menuTemplate({ ...base, recent: ['/caps/a.pcap', '/caps/R&D.pcapng'] });
    const recent = byLabel(top(t2, 'File'), 'Open Recent').submenu!;
    expect(recent[0]).toMatchObject({ action: 'file.openRecent', path: '/caps/a.pcap', label: '&1 /caps/a.pcap' });
    expect(recent[1]).toMatchObject({ path: '/caps/R&D.pcapng', label: '&2 /caps/R&&D.pcapng' });
    expect(recent.at(-1)).toMatchObject({ action: 'file.clearRecent' });
    const none = byLabel(top(t, 'File'), 'Open Recent').submenu!;
    expect(none).toEqual([{ label: 'No Recent Files', enabled: false }]);
  });

  it('gives every accelerator to one enabled item at a time', () => {
    for (const state of [base, { ...base, capturing: true, hasLiveSession: true }, { ...base, platform: 'darwin' as const }]) {
      const seen = new Map<string, string>();
      for (const item of menuItems(menuTemplate(state))) {
        if (!item.accelerator || item.enabled === false) continue;
        expect(seen.get(item.accelerator), `${item.accelerator} on ${item.label} and ${seen.get(item.accelerator)}`).toBeUndefined();
        seen.set(item.accelerator, item.label ?? '');
      }
    }
  });

  it('leaves Ctrl+G to the page, which handles it itself, while showing it', () => {
    const goTo = byLabel(top(t, 'Go'), 'Go to Packet');
    expect(goTo).toMatchObject({ accelerator: 'Ctrl+G', registerAccelerator: false });
    expect(byLabel(top(t, 'File'), 'Open').registerAccelerator).toBeUndefined();
  });

  it('names only actions that main or the renderer handles', () => {
    const known = new Set<string>([...RENDERER_ACTIONS, 'file.open', 'file.openRecent', 'file.clearRecent', 'file.saveAs', 'file.exportConversation', 'file.exportPackets', 'file.exportDissections', 'file.saveAllHttpObjects', 'help.about']);
    for (const item of menuItems(menuTemplate({ ...base, recent: ['/x.pcap'], devTools: true }))) {
      if (item.action) expect(known.has(item.action), item.action).toBe(true);
      else if (!item.submenu && item.type !== 'separator') expect(item.role ?? item.enabled === false, JSON.stringify(item)).toBeTruthy();
    }
  });
});

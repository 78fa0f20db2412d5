import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_CALL, CHANNEL_COMMAND, CHANNEL_DROP, CHANNEL_EVENT, CHANNEL_READY, createBridge, type AppCommand, type IpcRendererLike } from '../../../electron/preload/bridge.js';

function fakeIpc() {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  const invoked: unknown[][] = [];
  const sent: unknown[][] = [];
  const ipc: IpcRendererLike & { reject?: Error } = {
    send(channel, ...args) {
      sent.push([channel, ...args]);
    },
    async invoke(channel, ...args) {
      invoked.push([channel, ...args]);
      if (ipc.reject) throw ipc.reject;
      return { ok: true, value: { echoed: args[0] } };
    },
    on(channel, listener) {
      handlers.set(channel, listener);
    },
  };
  return { ipc, invoked, sent, emit: (channel: string, ...args: unknown[]) => handlers.get(channel)?.({}, ...args) };
}

describe('preload bridge', () => {
  it('sends allowed calls over the call channel', async () => {
    const { ipc, invoked } = fakeIpc();
    const bridge = createBridge(ipc);
    expect(await bridge.call('hello', {})).toEqual({ ok: true, value: { echoed: 'hello' } });
    expect(invoked).toEqual([[CHANNEL_CALL, 'hello', {}]]);
    expect(bridge.kind).toBe('desktop');
  });

  it('refuses unknown methods without a round trip', async () => {
    const { ipc, invoked } = fakeIpc();
    const bridge = createBridge(ipc);
    const result = await bridge.call('readFileSync' as 'hello', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(invoked).toEqual([]);
  });

  it('turns a send failure into a result', async () => {
    const { ipc } = fakeIpc();
    ipc.reject = new Error('An object could not be cloned.');
    expect(await createBridge(ipc).call('hello', {})).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('could not be cloned') } });
  });

  it('delivers events and commands to subscribers until they unsubscribe', () => {
    const { ipc, emit } = fakeIpc();
    const bridge = createBridge(ipc);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const statuses: unknown[] = [];
    const commands: AppCommand[] = [];
    const off = bridge.on('status', (s) => statuses.push(s));
    bridge.on('captureStopped', () => {
      throw new Error('a listener bug must not stop the others');
    });
    bridge.onCommand((c) => commands.push(c));
    emit(CHANNEL_EVENT, { type: 'event', event: 'status', payload: { id: 's1' } });
    emit(CHANNEL_EVENT, { type: 'event', event: 'captureStopped', payload: {} });
    emit(CHANNEL_EVENT, 'garbage');
    emit(CHANNEL_COMMAND, { type: 'open', path: '/caps/a.pcap' });
    emit(CHANNEL_COMMAND, null);
    off();
    emit(CHANNEL_EVENT, { type: 'event', event: 'status', payload: { id: 's2' } });
    expect(statuses).toEqual([{ id: 's1' }]);
    expect(commands).toEqual([{ type: 'open', path: '/caps/a.pcap' }]);
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });

  it('tells main once that it listens for commands, and reports drops', () => {
    const { ipc, sent } = fakeIpc();
    const bridge = createBridge(ipc);
    expect(sent).toEqual([]);
    const off = bridge.onCommand(() => {});
    bridge.onCommand(() => {});
    expect(sent).toEqual([[CHANNEL_READY]]);
    off();
    bridge.fileDropped('/caps/dropped.pcap');
    expect(sent).toEqual([[CHANNEL_READY], [CHANNEL_DROP, '/caps/dropped.pcap']]);
  });
});

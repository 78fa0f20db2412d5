import { describe, expect, it } from 'vitest';
import { CommandDelivery } from '../../../electron/main/command-delivery.js';
import type { AppCommand } from '../../../electron/preload/bridge.js';

function setup(grace = 3000) {
  let clock = 0;
  const timers: { at: number; fn: () => void; cancelled: boolean }[] = [];
  const delivered: [number, AppCommand][] = [];
  const reloads: [number, string][] = [];
  const d = new CommandDelivery(
    {
      deliver: (id, c) => delivered.push([id, c]),
      reloadWithOpen: (id, p) => reloads.push([id, p]),
      setTimer: (fn, ms) => {
        const t = { at: clock + ms, fn, cancelled: false };
        timers.push(t);
        return { cancel: () => (t.cancelled = true) };
      },
      now: () => clock,
    },
    grace,
  );
  const advance = (ms: number) => {
    clock += ms;
    for (const t of timers.filter((t) => !t.cancelled && t.at <= clock)) {
      t.cancelled = true;
      t.fn();
    }
  };
  return { d, delivered, reloads, advance };
}

const open = (path: string): AppCommand => ({ type: 'open', path });
const menu: AppCommand = { type: 'menu', action: 'go.first' };

describe('command delivery', () => {
  it('queues while loading and delivers in order once the renderer listens', () => {
    const { d, delivered, reloads, advance } = setup();
    d.loading(1);
    d.send(1, open('/a.pcap'));
    d.send(1, menu);
    d.loaded(1);
    advance(1000);
    d.ready(1);
    expect(delivered).toEqual([[1, open('/a.pcap')], [1, menu]]);
    d.send(1, open('/b.pcap'));
    expect(delivered.at(-1)).toEqual([1, open('/b.pcap')]);
    advance(10_000);
    expect(reloads).toEqual([]);
  });

  it('opens by reloading with the file when the renderer never listens', () => {
    const { d, delivered, reloads, advance } = setup();
    d.loading(1);
    d.loaded(1);
    d.send(1, open('/a.pcap'));
    d.send(1, open('/b.pcap'));
    advance(2999);
    expect(reloads).toEqual([]);
    advance(1);
    expect(reloads).toEqual([[1, '/b.pcap']]);
    expect(delivered).toEqual([]);
  });

  it('acts at once for a renderer that has long had its chance', () => {
    const { d, reloads, advance } = setup();
    d.loaded(1);
    advance(60_000);
    d.send(1, open('/late.pcap'));
    advance(0);
    expect(reloads).toEqual([[1, '/late.pcap']]);
  });

  it('never reloads for menu actions, and a reload resets readiness', () => {
    const { d, delivered, reloads, advance } = setup();
    d.loaded(1);
    d.send(1, menu);
    advance(10_000);
    expect(reloads).toEqual([]);
    d.ready(1);
    expect(delivered).toEqual([[1, menu]]);
    d.loading(1); // reload: the new renderer must subscribe again
    d.send(1, menu);
    expect(delivered).toHaveLength(1);
  });

  it('forgets a closed window', () => {
    const { d, delivered, reloads, advance } = setup();
    d.loaded(1);
    d.send(1, open('/a.pcap'));
    d.closed(1);
    advance(10_000);
    expect(reloads).toEqual([]);
    expect(delivered).toEqual([]);
  });
});

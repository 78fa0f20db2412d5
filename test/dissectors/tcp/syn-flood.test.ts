import { describe, expect, it } from 'vitest';
import { HalfOpenMonitor } from '../../../dissectors/tcp/syn-flood.js';

describe('half-open connections per server', () => {
  it('alerts once, on the SYN that goes above the threshold', () => {
    const m = new HalfOpenMonitor({ windowSec: 10, threshold: 3 });
    // syn() returns one object, valid until the next call: copy it.
    const r = [0, 1, 2, 3, 4].map((i) => ({ ...m.syn('10.0.0.1:80', i, i * 0.1) }));
    expect(r.map((x) => x.count)).toEqual([1, 2, 3, 4, 5]);
    expect(r.map((x) => x.crossed)).toEqual([false, false, false, true, false]);
  });

  it('completed handshakes are not half-open', () => {
    const m = new HalfOpenMonitor({ windowSec: 10, threshold: 2 });
    for (let i = 0; i < 10; i++) {
      const r = m.syn('s:80', i, i);
      expect(r.crossed).toBe(false);
      m.resolve(i);
    }
    expect(m.count('s:80')).toBe(0);
  });

  it('counts per server and forgets SYNs older than the window', () => {
    const m = new HalfOpenMonitor({ windowSec: 1, threshold: 100 });
    m.syn('a:80', 1, 0);
    m.syn('a:80', 2, 0.5);
    m.syn('b:80', 3, 0.6);
    expect(m.count('a:80')).toBe(2);
    m.syn('a:80', 4, 1.2); // SYN at t=0 falls out
    expect(m.count('a:80')).toBe(2);
    expect(m.count('b:80')).toBe(1);
  });

  it('re-arms after the count falls back', () => {
    const m = new HalfOpenMonitor({ windowSec: 100, threshold: 1 });
    expect(m.syn('s', 1, 0).crossed).toBe(false);
    expect(m.syn('s', 2, 0).crossed).toBe(true);
    m.resolve(1);
    m.resolve(2);
    expect(m.syn('s', 3, 1).crossed).toBe(false);
    expect(m.syn('s', 4, 1).crossed).toBe(true);
  });

  it('memory stays bounded over a long run', () => {
    const m = new HalfOpenMonitor({ windowSec: 1, threshold: 1e9 });
    for (let i = 0; i < 200_000; i++) m.syn('s', i, i * 0.01);
    expect(m.count('s')).toBeLessThanOrEqual(101);
  });
});

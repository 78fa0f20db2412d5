// Filters answered from the index columns alone (electron/engine/column-filter.ts) give, on every
// packet of every capture, the verdict of the stand-in tree (fast-filter.ts), which the session
// corpus test holds to the verdict of a full dissection.
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../dissectors/filter/index.js';
import { FastFilter } from '../../../electron/engine/fast-filter.js';
import { F_COMPLEX } from '../../../electron/engine/index-flags.js';
import { openIndexed } from '../../helpers/engine-calls.js';
import { ALL_FILES } from '../../helpers/tree-filters.js';
import { ANALYSIS_FIELD_FLAGS } from '../../../dissectors/tcp/tracker.js';

const FIELDS = ['frame.number', 'frame.len', 'frame.cap_len', 'tcp.srcport', 'tcp.dstport', 'tcp.port', 'tcp.stream', 'tcp.len', 'tcp.flags', 'udp.srcport', 'udp.dstport', 'udp.port'];
const OPS = ['==', '!=', '===', '~=', '>', '>=', '<', '<=', 'eq', 'ne', 'gt', 'le'];
const LITERALS = ['0', '1', '2', '53', '80', '0x50', '0120', '443', '1000', '0x0012', '0x0010', '65535', '40080', '1514'];
const PROTOCOLS = ['tcp', 'udp', 'tcp.port', 'udp.port', 'tcp.len', 'frame.len', 'frame', 'eth', 'ip', 'ipv6', 'arp', 'dns', 'vlan', 'sll'];
const IPV4 = ['ip.src', 'ip.dst', 'ip.addr'];
const ADDRS = ['10.0.0.1', '10.0.0.0/8', '192.168.1.2', '192.168.0.0/16', '0.0.0.0/0', '172.16.0.1/32', '10.99.0.2', '127.0.0.1', '10.99.0.0/24', '8.8.8.8/1'];
/** Every TCP analysis item (present or not: answered from the index's analysis column). */
const ANALYSIS = Object.keys(ANALYSIS_FIELD_FLAGS);
const SETS = ['{80 443}', '{53}', '{0..1023}', '{80 443 8000..8080}', '{0x50 0120 1000..2000}', '{1..1}'];

/** A deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function filters(): string[] {
  const out: string[] = [];
  for (const f of FIELDS) for (const op of OPS) for (const l of ['0', '80', '0x50', '0120', '1000']) out.push(`${f} ${op} ${l}`);
  for (const f of IPV4) for (const op of OPS) for (const a of ADDRS) out.push(`${f} ${op} ${a}`);
  const r = rng(7);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const atom = (): string => {
    const k = r();
    if (k < 0.2) return pick(PROTOCOLS);
    if (k < 0.35) return `${pick(FIELDS)} ${r() < 0.3 ? 'not in' : 'in'} ${pick(SETS)}`;
    if (k < 0.5) return `${pick(IPV4)} ${pick(OPS)} ${pick(ADDRS)}`;
    return `${pick(FIELDS)} ${pick(OPS)} ${pick(LITERALS)}`;
  };
  const expr = (depth: number): string => {
    if (depth === 0 || r() < 0.3) return atom();
    const k = r();
    if (k < 0.15) return `!(${expr(depth - 1)})`;
    return `(${expr(depth - 1)}) ${pick(['&&', '||', 'and', 'or', '^^', 'xor'])} (${expr(depth - 1)})`;
  };
  for (let i = 0; i < 200; i++) out.push(expr(3));
  for (const a of ANALYSIS) out.push(a, `!${a}`, `${a} && tcp.len > 0`, `tcp.analysis.flags && !${a}`, `${a} || udp`);
  return out;
}

describe('filters on the index columns', () => {
  it('are answered from the columns only where every part reads a number column (integers, IPv4 addresses)', () => {
    const columnar = (text: string) => {
      const c = compileFilter(text);
      if (!c.ok) throw new Error(c.error.message);
      return FastFilter.for(text, c.filter)?.isColumnar ?? false;
    };
    for (const t of ['tcp.port == 80 && tcp.len > 0', 'udp.port == 53 || !tcp', 'frame.len >= 0x100 xor tcp.flags == 0x012', 'tcp.port in {80 443 8000..8080}', 'eth && !ip', 'tcp.analysis.flags && !tcp.analysis.window_update', 'tcp.analysis.duplicate_ack']) {
      expect(columnar(t), t).toBe(true);
    }
    expect(columnar('ip.addr == 10.0.0.0/8 && tcp.port == 443')).toBe(true);
    for (const t of ['eth.src == 00:00:00:00:00:01', 'ipv6.addr == ::1', 'ip.addr in {10.0.0.1}', 'tcp.port in {80 ip.ttl}', 'all tcp.port in {80}', 'any tcp.port == 80', 'tcp.flags.syn == 1', 'tcp.port == 80 && ip.ttl > 1', 'http', 'frame.len == 0b1', 'tcp.len > -1']) {
      expect(columnar(t), t).toBe(false);
    }
  });

  const FILTERS = filters();
  let checked = 0;
  for (const path of ALL_FILES) {
    it(path.replace(/.*\/fixtures\//, ''), async () => {
      const host = await openIndexed(path);
      if (!host) return;
      const s = host.session;
      for (const text of FILTERS) {
        const c = compileFilter(text);
        expect(c.ok, text).toBe(true);
        if (!c.ok) continue;
        const fast = FastFilter.for(text, c.filter);
        expect(fast?.isColumnar, text).toBe(true);
        for (let i = 0; i < s.count; i++) {
          if (s.index.flags[i]! & F_COMPLEX) continue;
          const want = fast!.matchesStandIn(s, i);
          if (fast!.matches(s, i) !== want) expect(`${text} at #${i + 1}: ${!want}`).toBe(`${text} at #${i + 1}: ${want}`);
          checked++;
        }
      }
      host.call('close', {});
    });
  }

  it('compared verdicts (every file above has run)', () => {
    expect(checked).toBeGreaterThan(1_000_000);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AddressTable } from '../../../dissectors/core/address-table.js';
import { AddrKind } from '../../../dissectors/core/pinfo.js';

const LEN: Record<number, number> = { [AddrKind.IPv4]: 4, [AddrKind.Ether]: 6, [AddrKind.IPv6]: 16 };

describe('AddressTable', () => {
  it('gives one number per distinct (kind, address bytes), the same on every lookup', () => {
    const kinds = [AddrKind.IPv4, AddrKind.Ether, AddrKind.IPv6];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...kinds), fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => b.map((x) => x & 0x11))), { maxLength: 400 }), (ops) => {
        const t = new AddressTable();
        const ref = new Map<string, number>();
        const seen = new Set<number>();
        for (const [kind, bytes] of ops) {
          const buf = new Uint8Array(20);
          buf.set(bytes, 3);
          const key = `${kind}/${Array.from(bytes.subarray(0, LEN[kind])).join('.')}`;
          const before = t.entry(kind, buf, 3, false);
          const e = t.entry(kind, buf, 3, true);
          expect(before).toBe(ref.get(key) ?? -1);
          if (!ref.has(key)) {
            expect(seen.has(e)).toBe(false);
            ref.set(key, e);
            seen.add(e);
          }
          expect(e).toBe(ref.get(key));
        }
        expect(t.size).toBe(ref.size);
      }),
      { numRuns: 200 },
    );
  });

  it('has no number for what is not an address', () => {
    expect(new AddressTable().entry(AddrKind.None, new Uint8Array(16), 0, true)).toBe(-1);
  });
});

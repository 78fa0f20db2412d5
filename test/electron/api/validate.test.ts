/**
 * Runtime validation of the session API's params: every method accepts what the contract allows
 * and refuses the rest with a 'bad-request' that names the argument; random params never crash.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { METHODS } from '../../../electron/api/contract.js';
import { isMethod, PARAM_SPECS, validateParams } from '../../../electron/api/validate.js';

describe('validateParams', () => {
  it('has a schema for every method of the contract', () => {
    for (const m of METHODS) expect(PARAM_SPECS[m], m).toBeDefined();
    expect(isMethod('rows')).toBe(true);
    expect(isMethod('constructor')).toBe(false);
    expect(isMethod('__proto__')).toBe(false);
  });

  it('accepts valid params', () => {
    expect(validateParams('rows', { session: 's1', start: 0, count: 1000 }).ok).toBe(true);
    expect(validateParams('hello', undefined).ok).toBe(true);
    expect(validateParams('sort', { session: 's2', column: null, dir: 'asc' }).ok).toBe(true);
    expect(validateParams('follow', { session: 's1', proto: 'tcp', stream: 0, framing: { kind: 'length', bytes: 2, endian: 'big' } }).ok).toBe(true);
    expect(validateParams('startCapture', { interfaces: ['eth0'], filter: 'tcp', stop: { packets: 10 } }).ok).toBe(true);
  });

  const refusals: [string, unknown, RegExp][] = [
    ['rows', { session: 's1', start: 0, count: 1001 }, /count must be an integer from 0 to 1000 \(got 1001\)/],
    ['rows', { session: 's1', start: -1, count: 1 }, /start must be an integer/],
    ['rows', { session: 's1', start: 0.5, count: 1 }, /start must be an integer/],
    ['rows', { session: 's1', start: 0 }, /count is missing/],
    ['rows', { session: 's1', start: 0, count: 1, extra: 1 }, /unknown argument "extra"/],
    ['rows', { session: 'x', start: 0, count: 1 }, /session must be a session id/],
    ['rows', [], /params must be an object/],
    ['rows', null, /params must be an object/],
    ['packet', { session: 's1', no: 0 }, /no must be an integer from 1/],
    ['openFile', { path: '' }, /path must not be empty/],
    ['openFile', { path: 'a'.repeat(5000) }, /path is too long \(5000 characters; at most 4096\)/],
    ['openFile', { path: 'a\u0000b' }, /NUL/],
    ['openFile', { path: 42 }, /path must be a string \(got 42\)/],
    ['setFilter', { session: 's1', filter: 'x'.repeat(9000) }, /filter is too long/],
    ['sort', { session: 's1', column: 'nope', dir: 'asc' }, /column must be one of/],
    ['follow', { session: 's1', proto: 'tcp', stream: 0, framing: { kind: 'length', bytes: 3, endian: 'big' } }, /framing.bytes must be one of 1, 2, 4/],
    ['follow', { session: 's1', proto: 'tcp', stream: 0, framing: { kind: 'magic' } }, /framing.kind must be one of/],
    ['follow', { session: 's1', proto: 'tcp', stream: 0, framing: { kind: 'delimiter', delimiter: '' } }, /framing.delimiter must not be empty/],
    ['startCapture', { interfaces: [], filter: '' }, /interfaces must have 1 to 64 elements/],
    ['startCapture', { interfaces: ['eth0'], filter: '', stop: { packets: 0 } }, /stop.packets must be an integer from 1/],
    ['fields', { prefix: 'tcp', limit: 0 }, /limit must be an integer from 1/],
    ['save', { session: 's1', path: '/tmp/x', format: 'erf' }, /format must be one of "pcap", "pcapng"/],
  ];
  for (const [method, params, message] of refusals) {
    it(`refuses ${method} ${JSON.stringify(params)?.slice(0, 60)}`, () => {
      const r = validateParams(method as never, params);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('bad-request');
        expect(r.error.message).toMatch(message);
        expect(r.error.message.startsWith(`${method}: `)).toBe(true);
      }
    });
  }

  it('refuses objects that are not plain (prototype tricks)', () => {
    const evil = Object.create({ session: 's1' });
    expect(validateParams('status', evil).ok).toBe(false);
    expect(validateParams('status', JSON.parse('{"session":"s1","__proto__":{"x":1}}')).ok).toBe(false);
  });

  it('never throws, whatever the params', () => {
    fc.assert(
      fc.property(fc.constantFrom(...METHODS), fc.anything({ withObjectString: true, withNullPrototype: true, withBigInt: true }), (m, p) => {
        const r = validateParams(m, p);
        if (!r.ok) expect(r.error.code).toBe('bad-request');
      }),
      { numRuns: 3000 },
    );
  });
});

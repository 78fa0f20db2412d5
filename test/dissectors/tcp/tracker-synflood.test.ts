/**
 * SYN flood warning (tcp.synflood, security/warning) through the real dissector, on a crafted
 * capture: 150 SYNs from different clients to one server (10.0.0.2:80) within 1 s, every tenth
 * completed (SYN-ACK and ACK right after its SYN). Half-open connections count from a stream's
 * first SYN until its handshake completes (or it is reset or closed).
 *
 * With the defaults (above 100 within 10 s): at SYN i (from 0) the half-open ones are the
 * incomplete SYNs before it, i − ⌈i/10⌉, plus itself. SYN 111: 111 − 12 + 1 = 100 (not above);
 * SYN 112: 112 − 12 + 1 = 101. SYN i is frame 1 + i + 2⌈i/10⌉, so SYN 112 is frame 137.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dissectFrames, fileFrames, segFrames, synFlood as flood } from '../../helpers/tcp-frames.js';

const FIELDS = ['tcp.synflood', '_ws.expert.severity', '_ws.expert.group'];

function alerts(results: ReturnType<typeof dissectFrames>['results']): [number, string][] {
  return results.filter((r) => r.fields['tcp.synflood'] !== '').map((r) => [r.num, r.fields['tcp.synflood']!]);
}

describe('SYN flood warning', () => {
  const frames = segFrames(flood());

  it('the capture: 150 SYNs to one server within 1 s, 15 of them completed', () => {
    expect(frames.length).toBe(180);
    expect(flood().filter((s) => s.flags === 'S').at(-1)!.t).toBeLessThan(1);
  });

  it('warns once, on the SYN that makes 101 half-open connections (defaults: above 100 within 10 s)', () => {
    const { results } = dissectFrames(frames, FIELDS);
    expect(alerts(results)).toEqual([[137, '1']]);
    const p137 = results[136]!;
    expect(p137.fields['_ws.expert.group']!.split(',')).toContain('Security');
    expect(p137.experts[3]).toBe(1); // one warning
    expect(results.filter((r) => r.experts[3]! > 0).map((r) => r.num)).toEqual([137]);
  });

  it('the summary pass counts the same warning on the same frame', () => {
    const summary = dissectFrames(frames, [], { full: false }).results;
    expect(summary.filter((r) => r.experts[3]! > 0).map((r) => r.num)).toEqual([137]);
  });

  it('the message', () => {
    const { results } = dissectFrames(frames, ['_ws.expert.message']);
    expect(results[136]!.fields['_ws.expert.message']!.split(',')).toContain('Possible SYN flood: 101 half-open connections to 10.0.0.2:80 within 10 s');
  });

  it('threshold and window come from DissectOptions.synFlood', () => {
    const { results } = dissectFrames(frames, ['tcp.synflood', '_ws.expert.message'], { synFlood: { threshold: 20, windowSec: 0.5 } });
    // SYN 23: 23 − 3 + 1 = 21 half-open (above 20); frame 1 + 23 + 2·3 = 30. The count never falls
    // back to 20 within half a second, so the alarm does not re-arm.
    expect(alerts(results)).toEqual([[30, '1']]);
    expect(results[29]!.fields['_ws.expert.message']!.split(',')).toContain('Possible SYN flood: 21 half-open connections to 10.0.0.2:80 within 0.5 s');
  });

  it('completed handshakes alone never warn', () => {
    const done = flood().filter((_, i, a) => a[i]!.flags !== 'S' || a[i + 1]?.flags === 'SA');
    const { results } = dissectFrames(segFrames(done), ['tcp.synflood'], { synFlood: { threshold: 2 } });
    expect(alerts(results)).toEqual([]);
  });
});

describe('SYN flood warning on a real stack (fixtures/own/syn-flood.pcap)', () => {
  // 150 bare SYNs from ports 20000-20149, 2 ms apart, each answered by the server's SYN/ACK and
  // never completed (the client's RSTs were dropped before the capture point); then one normal
  // connection. SYN k (from 0) is frame 2k + 1: the SYN from port 20100 (k = 100) is frame 201,
  // the 101st half-open connection.
  const OWN = fileURLToPath(new URL('../../../fixtures/own/', import.meta.url));
  const { results } = dissectFrames(fileFrames(OWN + 'syn-flood.pcap'), [...FIELDS, 'tcp.srcport', 'tcp.stream', '_ws.expert.message']);

  it('warns once, on the SYN from port 20100', () => {
    expect(alerts(results)).toEqual([[201, '1']]);
    const p = results[200]!;
    expect(p.fields['tcp.srcport']).toBe('20100');
    expect(p.fields['tcp.stream']).toBe('100');
    expect(p.fields['_ws.expert.message']!.split(',')).toContain('Possible SYN flood: 101 half-open connections to 10.99.0.2:8080 within 10 s');
    expect(results.filter((r) => r.experts[3]! > 0).map((r) => r.num)).toEqual([201]);
  });

  it('the normal connection after the flood completes with no warning', () => {
    const last = results.filter((r) => r.fields['tcp.srcport'] === '41080' || r.fields['tcp.stream'] === '150');
    expect(last.length).toBe(10);
    expect(last.every((r) => r.fields['tcp.synflood'] === '')).toBe(true);
  });
});

/**
 * `-q` and `-z follow,tcp,…` on the command line: argument checks with tshark's messages, the
 * output on crafted conversations (gaps, out-of-order segments, retransmissions, a cut segment,
 * IPv6), compared with tshark on the spot when it is installed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, parseStat } from '../../../electron/cli/args.js';
import { Conn, pcapOf, type Seg } from '../../dissectors/tcp/craft.js';
import { scenarios } from '../../dissectors/tcp/desegment-scenarios.js';
import { compareOutput } from '../../dissectors/tcp/tshark-compare.js';
import { runCli } from './run-cli.js';

function capture(segs: readonly Seg[]): string {
  const p = join(mkdtempSync(join(tmpdir(), 'pl-follow-')), 'c.pcap');
  writeFileSync(p, pcapOf(segs));
  return p;
}

/** A conversation with everything the follow rules have to deal with. */
function messy(): Seg[] {
  const c = new Conn().handshake();
  c.c('GET /one HTTP/1.1\r\n\r\n');
  c.s('HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n0123');
  const lost = c.sseq;
  c.sseq += 6; // "456789" never captured
  c.s('abcdef');
  c.c('', 'A'); // acknowledges only up to the hole
  c.s('ghij');
  const ackAll = c.sseq;
  const seg = c.c('', 'A');
  seg.ack = ackAll; // acknowledges past the hole: the bytes are missing for good
  void lost;
  // Out of order, then a retransmission overlapping both, then a cut segment.
  const a = c.cseq;
  c.push(true, 'WORLD', 'PA', a + 6);
  c.push(true, 'HELLO ', 'PA', a);
  c.cseq = a + 11;
  c.push(true, 'LO WORLD!', 'PA', a + 3);
  c.cseq = a + 12;
  const cut = c.c('POST /cut HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc');
  cut.snap = 54 + 12;
  c.s('bye', 'FPA');
  c.c('', 'FA');
  return c.segs;
}

describe('-q and -z follow arguments', () => {
  it('parses the modes, the stream, the endpoints and the chunk range', () => {
    expect(parseStat('follow,tcp,ascii,3')).toMatchObject({ mode: 'ascii', filter: { stream: 3 }, chunkMin: 1 });
    expect(parseStat('follow,tcp,hex,0,2-4')).toMatchObject({ mode: 'hex', filter: { stream: 0 }, chunkMin: 2, chunkMax: 4 });
    expect(parseStat('follow,tcp,raw,0,2')).toMatchObject({ chunkMin: 2, chunkMax: 2 });
    const e = parseStat('follow,tcp,ascii,10.0.0.1:80,[fd00::2]:4242');
    expect(e).toMatchObject({ filter: { a: { af: 4, port: 80 }, b: { af: 6, port: 4242 } } });
    const o = parseArgs(['-r', 'x', '-q', '-z', 'follow,tcp,ascii,1']);
    expect(o.quiet).toBe(true);
    expect(o.stats).toHaveLength(1);
  });

  it('refuses what tshark refuses, with its messages', () => {
    expect(parseStat('follow,tcp,bogus,0')).toBe('follow - Invalid display mode.');
    expect(parseStat('follow,tcp,ascii')).toBe('follow - Invalid address.');
    expect(parseStat('follow,tcp,ascii,1.2.3.4:0,5.6.7.8:9')).toBe('follow - Invalid port.');
    expect(parseStat('foo')).toMatch(/^Invalid -z argument "foo"/);
  });

  it('exits with the usage status on a bad -z', async () => {
    const r = await runCli(['-r', 'nothing.pcap', '-z', 'follow,tcp,bogus,0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/follow - Invalid display mode\./);
    expect(r.stdout).toBe('');
  });
});

describe('follow output', () => {
  it('prints gaps, out-of-order and retransmitted bytes as tshark does', async () => {
    const segs = messy();
    const ours = (await runCli(['-r', capture(segs), '-q', '-z', 'follow,tcp,ascii,0'])).stdout;
    expect(ours).toContain('\t34\n[6 bytes missing in capture file].\n');
    // Out-of-order bytes come as their own chunk, after the bytes that filled the hole; the
    // retransmission adds only its new tail.
    expect(ours).toContain('6\nHELLO \n5\nWORLD\n1\n!\n');
    for (const mode of ['ascii', 'hex', 'raw']) {
      const r = await compareOutput(segs, ['-q', '-z', `follow,tcp,${mode},0`]);
      if (r.theirs !== null) expect(r.ours).toBe(r.theirs);
    }
  });

  it('prints the packets too without -q, and several follows last first (as tshark)', async () => {
    const segs = messy();
    const r = await compareOutput(segs, ['-z', 'follow,tcp,raw,0', '-z', 'follow,tcp,ascii,0,2-3']);
    expect(r.ours.split('\n')[0]).toMatch(/^ {4}1 +0\.000000 +10\.0\.0\.1 → 10\.0\.0\.2 +TCP /);
    expect(r.ours).toContain('Follow: tcp,raw');
    expect(r.ours.indexOf('Follow: tcp,ascii')).toBeLessThan(r.ours.indexOf('Follow: tcp,raw'));
    if (r.theirs !== null) {
      // Compare the follow blocks (the summary lines are checked elsewhere).
      const block = (s: string) => s.slice(s.indexOf('\n===='));
      expect(block(r.ours)).toBe(block(r.theirs));
    }
  });

  it('follows an IPv6 connection by its endpoints', async () => {
    const c = new Conn('fd00::1', 'fd00::2', 40000, 7777).handshake();
    c.c('ping\n');
    c.s('pong\n');
    const args = ['-q', '-z', 'follow,tcp,hex,[fd00::2]:7777,[fd00::1]:40000'];
    const r = await compareOutput(c.segs, args);
    expect(r.ours).toContain('Node 0: [fd00::1]:40000\nNode 1: [fd00::2]:7777\n');
    expect(r.ours).toContain('Filter: ((ipv6.src eq fd00::2 and tcp.srcport eq 7777) and (ipv6.dst eq fd00::1 and tcp.dstport eq 40000)) or ((ipv6.src eq fd00::1 and tcp.srcport eq 40000) and (ipv6.dst eq fd00::2 and tcp.dstport eq 7777))');
    if (r.theirs !== null) expect(r.ours).toBe(r.theirs);
  });

  it('prints an empty block for a stream that does not exist', async () => {
    const segs = scenarios()[0]!.segs;
    const r = await compareOutput(segs, ['-q', '-z', 'follow,tcp,ascii,7']);
    expect(r.ours).toBe('\n===================================================================\nFollow: tcp,ascii\nFilter: tcp.stream eq 7\nNode 0: :0\nNode 1: :0\n===================================================================\n');
    if (r.theirs !== null) expect(r.ours).toBe(r.theirs);
  });

  it('matches tshark on the desegmentation scenarios', async () => {
    for (const s of scenarios()) {
      for (const mode of ['ascii', 'hex']) {
        const r = await compareOutput(s.segs, ['-q', '-z', `follow,tcp,${mode},0`]);
        if (r.theirs !== null) expect(r.ours, `${s.name} ${mode}`).toBe(r.theirs);
      }
    }
  });
});

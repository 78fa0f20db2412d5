/**
 * The session's conversations and endpoints tables (electron/engine/conversation-tables.ts: made
 * from the index columns, the packets the columns do not describe dissected again) equal the
 * tables a fresh pass makes by feeding every packet's PacketInfo to them, on every capture of the
 * corpus and our own (timestamps missing, tunnels, ICMP errors, IPv6 routing and fragments, SLL,
 * raw IP, malformed packets among them) and on a generated mixed capture.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePcap } from '../../../bench/generate.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { ConversationTable, EndpointTable } from '../../../dissectors/stats/conversations.js';
import { CONV_KINDS } from '../../../dissectors/stats/packet-addresses.js';
import { sessionTables } from '../../../electron/engine/conversation-tables.js';
import { F_COMPLEX } from '../../../electron/engine/index-flags.js';
import { CaptureOpenError, readCaptureFile } from '../../../electron/engine/read-capture.js';
import { openIndexed } from '../../helpers/engine-calls.js';
import { ALL_FILES } from '../../helpers/tree-filters.js';

/** The tables of a fresh pass over `path` (what the engine made before, and the CLI's -z conv makes). */
function freshPass(path: string) {
  const conv = CONV_KINDS.map((k) => new ConversationTable(k));
  const ends = CONV_KINDS.map((k) => new EndpointTable(k));
  const d = new CaptureDissector({ catchErrors: true, info: false });
  try {
    readCaptureFile(path, (rec, m) => {
      const meta = { num: rec.num, tsSec: rec.tsSec, tsNsec: rec.tsNsec, hasTs: rec.hasTs, linkType: rec.linkType, interfaceId: rec.interfaceId, origLen: rec.origLen };
      const pi = d.dissect(meta, rec.data, false);
      for (const t of conv) t.add(pi);
      for (const t of ends) t.add(pi);
      void m;
    });
  } catch (e) {
    if (e instanceof CaptureOpenError) return null;
    throw e;
  }
  return { conv: conv.map((t) => t.rows()), ends: ends.map((t) => t.rows()) };
}

async function compare(path: string): Promise<{ packets: number; complex: number } | null> {
  const want = freshPass(path);
  const host = await openIndexed(path);
  expect(host === null, `${path} opens in the session as in the reader`).toBe(want === null);
  if (!host || !want) return null;
  const s = host.session;
  const { conv, ends } = await sessionTables(s, s.count, 1000);
  CONV_KINDS.forEach((k, j) => {
    expect(conv[k].rows(), `${path} ${k} conversations`).toEqual(want.conv[j]);
    expect(ends[k].rows(), `${path} ${k} endpoints`).toEqual(want.ends[j]);
  });
  let complex = 0;
  for (let i = 0; i < s.count; i++) if (s.index.flags[i]! & F_COMPLEX) complex++;
  const packets = s.count;
  host.call('close', {});
  return { packets, complex };
}

const dir = mkdtempSync(join(tmpdir(), 'packetloom-conv-tables-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('conversations and endpoints from the index', () => {
  it('equal a fresh pass on every capture of the corpus and our own', async () => {
    let packets = 0;
    let complex = 0;
    for (const f of ALL_FILES) {
      const r = await compare(f);
      if (r) {
        packets += r.packets;
        complex += r.complex;
      }
    }
    // Most packets come from the columns: the test is not only of the revisits.
    console.log(`${packets} packets, ${complex} dissected again (F_COMPLEX)`);
    expect(packets).toBeGreaterThan(3000);
    expect(complex).toBeLessThan(packets / 4);
  }, 120_000);

  it('equal a fresh pass on a generated capture of many connections', async () => {
    const path = join(dir, 'mixed.pcap');
    generatePcap({ packets: 20_000, out: path });
    const r = await compare(path);
    expect(r!.packets).toBe(20_000);
  }, 60_000);
});

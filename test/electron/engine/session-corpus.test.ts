/**
 * Sessions over every corpus capture, against a single pass of the dissectors (what tshark's
 * one pass shows, and what the CLI prints): the grid's columns of every packet, display filters
 * run by the session (on the index columns where the filter allows, else by dissecting again)
 * against the filter run on the single pass's full trees, and the fast and slow filter paths
 * against each other.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../dissectors/filter/index.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { ExpertTable } from '../../../dissectors/stats/expert.js';
import { ConversationTable } from '../../../dissectors/stats/conversations.js';
import { lookupVendor } from '../../../electron/engine/oui.js';
import { openIndexed, selectedBothWays } from '../../helpers/engine-calls.js';
import { CaptureOpenError, readCaptureFile } from '../../../electron/engine/read-capture.js';
import { ALL_FILES, TREE_FILTERS as REDUCED_FILTERS } from '../../helpers/tree-filters.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const FILES = readdirSync(CORPUS).filter((f) => /\.pcap(ng)?$/.test(f)).sort();

const FILTERS = [
  'tcp', 'udp', '!tcp', 'tcp.port == 80', 'tcp.port == 80 && tcp.len > 0', 'tcp.flags.syn == 1 && tcp.flags.ack == 0',
  'ip.addr == 10.0.0.0/8', 'ip.src == 192.168.1.104 || ip.dst == 172.16.133.132', 'ipv6', 'ipv6.addr == 2001:db8::/32', 'udp.port == 53',
  'dns', 'http', 'tcp.stream == 1', 'frame.len > 1000', 'tcp.len >= 1 and not tcp.port in {80, 443}', 'arp || icmp',
  'http.request', 'dns.qry.name contains "google"', 'tcp.analysis.retransmission', 'eth.dst.ig == 1', 'tcp.flags & 0x02',
  'ip.ttl < 64', 'tcp.srcport > 1024 && tcp.dstport < 1024', 'frame.number <= 3', 'tcp.flags.reset == 1', 'udp.srcport == udp.dstport',
  // An IPv6 routing header: the Destination column is the route's last address, ipv6.dst the header's.
  'ipv6.dst == ff02::5', 'ipv6.addr == 2200::210:2:0:0:4', 'ipv6.dst == 2001:db8:1::2',
  // TCP analysis items, from the index's analysis column (Wireshark's "Bad TCP" colouring rule among them).
  'tcp.analysis.flags', 'tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack',
  'tcp.analysis.duplicate_ack', 'tcp.analysis.lost_segment || tcp.analysis.ack_lost_segment', 'tcp.analysis.out_of_order',
  'tcp.analysis.fast_retransmission', 'tcp.analysis.spurious_retransmission', 'tcp.analysis.zero_window || tcp.analysis.window_full',
  'tcp.analysis.keep_alive', 'tcp.analysis.reused_ports', 'tcp.analysis.window_update && tcp.port == 80',
];

interface Single {
  cols: string[];
  matches: Map<string, number[]>;
  expert: ExpertTable;
  conv: Map<string, ConversationTable>;
}

/** The single pass: columns of every packet and the packets each filter selects. */
function singlePass(path: string): Single | null {
  const d = new CaptureDissector();
  const filters = FILTERS.map((f) => {
    const r = compileFilter(f);
    if (!r.ok) throw new Error(`${f}: ${r.error.message}`);
    return [f, r.filter] as const;
  });
  const out: Single = { cols: [], matches: new Map(FILTERS.map((f) => [f, []])), expert: new ExpertTable(), conv: new Map((['eth', 'ipv4', 'ipv6', 'tcp', 'udp'] as const).map((k) => [k, new ConversationTable(k)])) };
  // The expert items as they are raised (what the CLI's -z expert counts, checked against tshark).
  d.pinfo.expertSink = out.expert.sink();
  try {
    readCaptureFile(path, (rec, m) => {
      const meta = { num: rec.num, tsSec: rec.tsSec, tsNsec: rec.tsNsec, hasTs: rec.hasTs, linkType: rec.linkType, interfaceId: rec.interfaceId, origLen: rec.origLen, ...(rec.comments ? { comments: rec.comments } : {}), ...(m.format === 'pcapng' && m.interfaces[rec.interfaceId]?.name !== undefined ? { interfaceName: m.interfaces[rec.interfaceId]!.name } : {}) };
      const pi = d.dissect(meta, rec.data, true);
      out.cols.push(`${pi.srcText()}|${pi.dstText()}|${pi.protocol}|${pi.info}`);
      for (const [f, c] of filters) if (c.matches(pi.tree, pi)) out.matches.get(f)!.push(rec.num);
      for (const c of out.conv.values()) c.add(pi);
    });
  } catch (e) {
    if (e instanceof CaptureOpenError) return null;
    throw e;
  }
  return out;
}

const open = openIndexed;

/** Wireshark's second pass (the GUI, and a revisit) links an echo request to its reply: tshark's one pass cannot. */
const ECHO_REPLY_IN = / \(reply in \d+\)$/;

describe('sessions over the corpus, against a single pass', () => {
  for (const file of FILES) {
    it(file, async () => {
      const path = join(CORPUS, file);
      const single = singlePass(path);
      const host = await open(path);
      expect(host === null, `${file}: opens in the session as in the reader`).toBe(single === null);
      if (!host || !single) return;
      const s = host.session;
      expect(s.count).toBe(single.cols.length);
      // The single pass's columns name no MAC address (engine-api.test.ts checks the names).
      host.call('setNameResolution', { mac: false });
      // Every row's columns.
      for (let start = 0; start < s.count; start += 1000) {
        const r = host.call('rows', { start, count: 1000 }) as { rows: { no: number; source: string; destination: string; protocol: string; info: string }[] };
        for (const row of r.rows) {
          const got = `${row.source}|${row.destination}|${row.protocol}|${row.info}`;
          const want = single.cols[row.no - 1]!;
          if (got !== want && (row.protocol === 'ICMP' || row.protocol === 'ICMPv6')) expect(got.replace(ECHO_REPLY_IN, '')).toBe(want);
          else expect(got, `${file} #${row.no}`).toBe(want);
        }
      }
      // Expert info, as the single pass counts it.
      expect(await host.call('expert', {}), `${file} expert`).toEqual(single.expert.rows());
      // Conversations, as the single pass counts them (packets without a timestamp too).
      for (const [kind, c] of single.conv) expect(await host.call('conversations', { kind }), `${file} ${kind} conversations`).toEqual(c.rows({ vendor: (m) => lookupVendor(m)?.name }));
      // Filters, on the fast path where eligible, and with every packet dissected again.
      for (const f of FILTERS) {
        for (const fast of [true, false]) {
          s.useFastFilter = fast;
          const n = s.setFilter(f);
          const got = Array.from(s.viewPackets(), (i) => i + 1);
          expect(got, `${file}: ${f} (${fast && s.filterIsFast ? 'fast' : 'dissected'})`).toEqual(single.matches.get(f));
          expect(n).toBe(got.length);
        }
      }
      host.call('close', {});
    });
  }

  it('runs the common filters on the index columns', () => {
    const r = compileFilter('tcp.port == 80 && tcp.len > 0');
    expect(r.ok).toBe(true);
  });
});

/**
 * Filters over trees reduced to the fields they read (dissectors/core/reduced-tree.ts): the same
 * packets as over full trees, on every capture of the corpus and of our own. The list reaches what
 * a reduced tree could lose: expert items (on a flags string that is not kept), the reassembly
 * tree (moved behind TCP), protocol layers and slices, functions, generated links.
 */

describe('filters over trees reduced to their fields select what full trees select', () => {
  for (const path of ALL_FILES) {
    it(path.replace(/.*\/fixtures\//, ''), async () => {
      const host = await open(path);
      if (!host) return;
      const s = host.session;
      s.useFastFilter = false;
      for (const f of REDUCED_FILTERS) {
        const got = selectedBothWays(s, f, (on) => (s.useReducedTrees = on));
        expect(got[0], `${path}: ${f}`).toEqual(got[1]);
      }
      host.call('close', {});
    });
  }
});

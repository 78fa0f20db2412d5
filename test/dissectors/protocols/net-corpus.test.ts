/**
 * IPv4, IPv6, ICMP, ICMPv6, UDP and TCP on the whole corpus against tshark 4.0.17
 * (test/helpers/corpus-net.ts):
 *
 *   - every ip.* / ipv6.* / icmp.* / icmpv6.* / tcp.* / udp.* column of the expected TSVs
 *     (tcp.stream, the relative tcp.seq/ack and udp.stream included: the stream tracker is
 *     installed) must equal tshark's, cell by cell;
 *   - with tshark installed: Protocol, Info, Source and Destination of every frame whose top
 *     protocol tshark says is one of ours (`tshark -n -r f`, with the TCP stream tracker that
 *     protocols/index.ts installs) must equal tshark's, except where TCP reassembly (not built
 *     yet) makes the difference: "[TCP segment of a reassembled PDU]", and segments tshark keeps
 *     for a PDU or drops as retransmissions where we hand each one to HTTP. Those are counted.
 */
import { describe, expect, it } from 'vitest';
import {
  checkColumns,
  checkFields,
  dissectCorpusFile,
  loadCorpus,
  netColumns,
  readExpectedTsv,
  tsharkColumns,
  type ColumnCheck,
  type Mismatch,
} from '../../helpers/corpus-net.js';

const corpus = loadCorpus();

function show(ms: readonly Mismatch[]): string {
  return ms.slice(0, 20).map((m) => `${m.file} #${m.frame} ${m.what}: ours ${JSON.stringify(m.ours)} tshark ${JSON.stringify(m.tshark)}`).join('\n');
}

describe('network and transport layers on the corpus', () => {
  it('has captures with expected fields', () => {
    expect(corpus.filter((c) => readExpectedTsv(c.file)).length).toBeGreaterThan(50);
  });

  it('agrees with the ip/ipv6/icmp/icmpv6/tcp/udp columns of the expected TSVs', () => {
    let cells = 0;
    const bad: Mismatch[] = [];
    for (const cf of corpus) {
      const exp = readExpectedTsv(cf.file);
      if (!exp) continue;
      const r = checkFields(cf, dissectCorpusFile(cf, netColumns(exp.header)));
      cells += r.cells;
      bad.push(...r.mismatches);
    }
    console.log(`net fields: ${cells} cells, ${bad.length} differ`);
    expect(cells).toBeGreaterThan(50_000);
    expect(bad, show(bad)).toEqual([]);
  }, 300_000);

  it('writes the summary columns as tshark does', () => {
    const total: ColumnCheck = { frames: 0, exact: 0, gaps: { reassembly: 0 }, mismatches: [] };
    for (const cf of corpus) {
      const r = checkColumns(cf, tsharkColumns(cf.path));
      total.frames += r.frames;
      total.exact += r.exact;
      total.gaps.reassembly += r.gaps.reassembly;
      total.mismatches.push(...r.mismatches);
    }
    console.log(`net columns: ${total.frames} frames, ${total.exact} exact, ${total.gaps.reassembly} waiting for TCP reassembly`);
    expect(total.frames).toBeGreaterThan(1000);
    expect(total.mismatches, show(total.mismatches)).toEqual([]);
  }, 600_000);
});

/**
 * Display filters that read decode trees (the index columns cannot answer them), and every
 * capture of the corpus and of our own: what the session tests run to compare the ways a session
 * builds trees for a filter (full or reduced trees, replays one by one or in batches).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TREE_FILTERS = [
  'tcp.connection.fin_active', 'tcp.connection.fin_passive', 'tcp.connection.syn || tcp.connection.synack', '_ws.expert',
  '_ws.expert.severity == "Warning"', '_ws.expert.message contains "segment"', 'tcp.analysis.flags', 'tcp.segment', 'tcp.segment.count >= 2',
  'tcp.reassembled.length > 100', 'tcp.reassembled_in', 'http.request.uri contains "/"', 'http.response.code == 200', 'http.response_in',
  'http.time > 0', 'http.prev_request_in', 'http.file_data contains "html"', 'len(http.host) > 5', 'count(http.request.line) >= 2',
  'dns.qry.name contains "a"', 'dns.resp.name', 'dns.response_in', 'dns.a', 'icmp.resp_in', 'ip.src#2', 'ip.addr#1 == 10.0.0.0/8',
  'tcp[0:2] == 00:50', 'frame.protocols contains "http"', 'tcp.flags.str contains "S"', 'tcp.options.mss_val == 1460',
  'tcp.payload contains "GET"', 'data.data', 'tcp.pdu.ranges', 'eth.trailer', 'tcp.analysis.retransmission || tcp.analysis.duplicate_ack',
  'tcp.state.client == "ESTABLISHED"', 'ip.flags.df == 1', 'arp.opcode == 2', 'icmp.type == 8', '_ws.malformed', 'tcp.completeness > 1',
  'udp.stream == 0 || tcp.stream == 0', 'tcp.window_size_scalefactor > 1', 'ip.ttl < 64 && tcp.len > 0', 'http.request.line',
];

const CORPUS = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));
const OWN = fileURLToPath(new URL('../../fixtures/own/', import.meta.url));
const captures = (dir: string) => readdirSync(dir).filter((f) => /\.pcap(ng)?$/.test(f)).sort().map((f) => join(dir, f));

/** Every capture of fixtures/corpus, then of fixtures/own. */
export const ALL_FILES = [...captures(CORPUS), ...captures(OWN)];

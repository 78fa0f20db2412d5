/**
 * The packets whose `-V` layers differ from tshark's on purpose (corpus file → packet numbers, or
 * 'all', → why), shared by the single-pass comparison (test/electron/cli/decode-tree-corpus.test.ts)
 * and the two-pass one (test/electron/engine/packet-details-tshark2.test.ts).
 */
const UNDISSECTED = 'a protocol Packetloom does not dissect yet';
/** Two HTTP requests pipelined in one segment (fixtures/own/http-edge.pcap, frames 6, 10, 14). */
export const PIPELINED_PAIRING =
  'two requests pipelined in one segment: Wireshark 4.0 pairs each response with the last request sent (push_res takes the tail), Packetloom pairs them in order (http.response_number, request_in, prev_request_in, time, response_for.uri)';

/** file → packet numbers (or 'all') → why they differ from tshark. */
export const V_KNOWN: Record<string, { packets: number[] | 'all'; why: string }> = {
  'gopacket-pcapng-le-test102.pcapng': { packets: 'all', why: 'tshark 4.0 shows a pcapng Custom Block as frame 1; Packetloom skips it (frame numbers shift)' },
  'gopacket-pcapng-le-test202.pcapng': { packets: 'all', why: 'as gopacket-pcapng-le-test102.pcapng' },
  'gopacket-pcapng-be-test101.pcapng': { packets: [4], why: 'a packet without a timestamp before it: tshark counts that one at time 0, ours leaves it out of the times' },
  'tcpdump-timestamp_invalid_nano.pcap': { packets: [2, 3], why: 'tshark checks the fractional second of a timestamp (and prints 1000000000 ns as such); Packetloom does not' },
  'http-edge.pcap': { packets: [10, 14], why: PIPELINED_PAIRING },
  'pcpp-one_tcp_stream_fin_rst_close_packet.pcap': { packets: [4, 6, 8], why: `MySQL over TCP (tshark reassembles for it): ${UNDISSECTED}` },
  'pcpp-pcapng-example.pcapng': {
    packets: [4, 6, 15, 17, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54],
    why: `MySQL over TCP (tshark shows its PDU size), and TLS inside MySQL (tshark names MySQL as the application data's protocol): ${UNDISSECTED}`,
  },
};

/** What differs only after two passes (tshark -2, the engine's packet details): these entries replace V_KNOWN's. */
export const V2_KNOWN: Record<string, { packets: number[] | 'all'; why: string }> = {
  // The second pass shows the requests' links too (frame 6: response_in).
  'http-edge.pcap': { packets: [6, 10, 14], why: PIPELINED_PAIRING },
};

/**
 * The layers both sides print, packet by packet, that differ: one problem each, except on the
 * packets `known` lists (a listed packet that now agrees is a problem too). `compared` is told
 * every layer compared; `theirs` names the reference in the messages ("tshark", "tshark -2").
 */
export function layerProblems(
  theirsName: string, theirs: readonly Map<string, string[]>[], ours: readonly Map<string, string[]>[],
  known: { packets: number[] | 'all'; why: string } | undefined, compared: (layer: string) => void,
): string[] {
  const problems: string[] = [];
  for (let i = 0; i < Math.min(theirs.length, ours.length); i++) {
    const no = i + 1;
    const isKnown = known !== undefined && (known.packets === 'all' || known.packets.includes(no));
    let differs = false;
    for (const [name, lines] of theirs[i]!) {
      const mine = ours[i]!.get(name);
      if (mine === undefined) continue;
      compared(name);
      if (JSON.stringify(mine) === JSON.stringify(lines)) continue;
      differs = true;
      if (!isKnown) problems.push(`packet ${no}, ${name}:\n  ${theirsName}:\n${lines.join('\n')}\n  packetloom:\n${mine.join('\n')}`);
    }
    if (isKnown && known.packets !== 'all' && !differs) problems.push(`packet ${no} is listed as known (${known.why}) but now agrees: remove it from V_KNOWN`);
  }
  return problems;
}

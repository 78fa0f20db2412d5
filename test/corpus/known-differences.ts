/**
 * Deliberate differences between Packetloom and tshark 4.0.17 on the corpus (fixtures/corpus):
 * places where we print something else ON PURPOSE. The corpus comparison tests
 * (test/corpus/tshark-fields.test.ts, test/electron/cli/summary-corpus.test.ts) fail on any
 * difference in an asserted field that is not listed here.
 *
 * NOT for differences that come from unfinished work (a dissector still being written): those
 * are visible in the tests' per-field tables and in their lists of asserted fields.
 *
 * `field` is a display-filter name, `_ws.col.<Title>` for a summary column, or `*` for whole
 * frames that tshark shows and Packetloom does not (they are dropped from tshark's side before
 * the rows are paired). `frames` are tshark's frame numbers; without them the entry covers the
 * whole file.
 */

export interface KnownDifference {
  file: string;
  field: string;
  frames?: readonly number[];
  reason: string;
}

const CUSTOM_BLOCKS =
  'tshark 4.0 shows each pcapng Custom Block (0x00000BAD/0x40000BAD) as a frame of its own (protocol PCAPNG, no timestamp); ' +
  "Packetloom's pcapng reader skips them (CaptureMeta.skippedBlocks counts them), as libpcap does: a custom block is not a packet";
const CUSTOM_BLOCK_NUMBERS = 'tshark counts the custom blocks as frames, so its frame numbers after the first custom block are higher than ours';
const CUSTOM_BLOCK_REF =
  "tshark's first frame is a custom block without a timestamp, which makes its time reference 0 (times since the epoch); ours is the first packet";

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  { file: 'gopacket-pcapng-le-test102.pcapng', field: '*', frames: [1, 3, 8], reason: CUSTOM_BLOCKS },
  { file: 'gopacket-pcapng-le-test102.pcapng', field: 'frame.number', reason: CUSTOM_BLOCK_NUMBERS },
  { file: 'gopacket-pcapng-le-test102.pcapng', field: '_ws.col.No.', reason: CUSTOM_BLOCK_NUMBERS },
  { file: 'gopacket-pcapng-le-test102.pcapng', field: '_ws.col.Time', reason: CUSTOM_BLOCK_REF },
  { file: 'gopacket-pcapng-le-test202.pcapng', field: '*', frames: [1, 7, 10], reason: CUSTOM_BLOCKS },
  { file: 'gopacket-pcapng-le-test202.pcapng', field: 'frame.number', reason: CUSTOM_BLOCK_NUMBERS },
  { file: 'gopacket-pcapng-le-test202.pcapng', field: '_ws.col.No.', reason: CUSTOM_BLOCK_NUMBERS },
  { file: 'gopacket-pcapng-le-test202.pcapng', field: '_ws.col.Time', reason: CUSTOM_BLOCK_REF },
  {
    file: 'tcpdump-timestamp_invalid_nano.pcap',
    field: 'frame.time_epoch',
    frames: [2, 3],
    reason:
      'the nanosecond field of these records is >= 1e9 (invalid); tshark prints the raw fields (1418145370.1000000000, ' +
      '-1418145370.2147483648), our reader carries the excess into the seconds. MANIFEST.md: not a value check',
  },
  {
    file: 'tcpdump-timestamp_invalid_nano.pcap',
    field: '_ws.col.Time',
    frames: [3],
    reason: 'same invalid nanosecond field: tshark prints 1.1147483649, we print the normalised 2.147483649',
  },
];

/** The entries for `file`. */
export function differencesFor(file: string): KnownDifference[] {
  return KNOWN_DIFFERENCES.filter((d) => d.file === file);
}

/** tshark frame numbers that Packetloom does not show at all (field `*`). */
export function tsharkOnlyFrames(file: string): Set<number> {
  return new Set(differencesFor(file).filter((d) => d.field === '*').flatMap((d) => d.frames ?? []));
}

/** True when a difference in `field` at tshark frame `frame` of `file` is deliberate. */
export function isKnownDifference(file: string, field: string, frame: number): boolean {
  return KNOWN_DIFFERENCES.some((d) => d.file === file && d.field === field && (!d.frames || d.frames.includes(frame)));
}

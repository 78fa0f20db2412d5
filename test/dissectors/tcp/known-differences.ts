/**
 * Cells where the TCP sequence analysis deliberately differs from tshark 4.0 on the corpus, each
 * with the reason. analysis.test.ts fails on any other disagreement, and also on an entry here
 * that no longer disagrees (so the list cannot go stale).
 */
export interface KnownDifference {
  /** Capture file name in fixtures/corpus. */
  file: string;
  frame: number;
  /** Output field (see OUT_FIELDS in test/helpers/tshark-tcp-input.ts). */
  field: string;
  reason: string;
}

export const KNOWN_DIFFERENCES: KnownDifference[] = [];

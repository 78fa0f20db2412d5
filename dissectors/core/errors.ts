/**
 * Errors are values with context. A dissector may only raise these two kinds; anything else
 * escaping a dissector is a bug (the property tests check this with the dispatcher's catch off).
 */

/** Why a read went past the end of the data. */
export type BoundsKind =
  /** Past the captured bytes but within the length the packet really had (snaplen cut it). */
  | 'truncated'
  /** Past the length the packet (or this layer) claims to have: the packet is malformed. */
  | 'malformed'
  /**
   * Past the end of the item that holds this one, within what this one claims (a segment whose
   * length runs past its body): Wireshark's ContainedBoundsError, malformed too.
   */
  | 'contained';

export class DissectorError extends Error {
  constructor(
    message: string,
    /** Protocol abbreviation of the layer that was being read, e.g. `tcp`. */
    readonly layer: string,
    /** Absolute offset in the frame where the problem is. */
    readonly offset: number,
  ) {
    super(message);
  }
}

/** A read beyond the bytes available: gopacket's "too short", Wireshark's (Reported)BoundsError. */
export class BoundsError extends DissectorError {
  constructor(
    readonly kind: BoundsKind,
    layer: string,
    offset: number,
    /** Bytes the read needed, counted from `offset`. */
    readonly needed: number,
    /** Bytes that were there from `offset`. */
    readonly available: number,
  ) {
    super(`${layer}: needed ${needed} byte(s) at offset ${offset}, ${available} available (${kind})`, layer, offset);
    this.name = 'BoundsError';
  }
}

/** The bytes are there but make no sense (a length field smaller than its header, a compression loop, …). */
export class MalformedError extends DissectorError {
  constructor(layer: string, offset: number, message: string) {
    super(`${layer}: ${message}`, layer, offset);
    this.name = 'MalformedError';
  }
}

export function isDissectorError(e: unknown): e is DissectorError {
  return e instanceof DissectorError;
}

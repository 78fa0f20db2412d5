/**
 * From a capture record to the FrameMeta a dissection pass takes. Every pass (the CLI, the
 * engine's index and re-reads, the bench) fills its FrameMeta here, so a new record field reaches
 * the frame layer in one place.
 */
import type { FrameMeta } from '../core/pinfo.js';
import type { CaptureMeta, PacketRecord } from './types.js';

/** The fields of a record that a FrameMeta carries (a PacketRecord has them all). */
export type FrameRecord = Pick<PacketRecord, 'num' | 'tsSec' | 'tsNsec' | 'hasTs' | 'linkType' | 'interfaceId' | 'origLen' | 'comments'>;

/** A FrameMeta with every field present (one hidden class for all packets of a pass). */
export function emptyFrameMeta(): FrameMeta {
  return {
    num: 0, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 0, interfaceId: 0, origLen: 0,
    comments: undefined, interfaceName: undefined, interfaceDescription: undefined, section: undefined, sectionInterfaceId: undefined,
    relSec: undefined, relNsec: undefined, deltaSec: undefined, deltaNsec: undefined, deltaDisSec: undefined, deltaDisNsec: undefined,
  };
}

/**
 * The frame's interface as a pcapng file describes it (name, description, section, id within the
 * section: the frame tree shows them as tshark does); all undefined for other formats.
 */
export function setInterfaceMeta(m: FrameMeta, cap: CaptureMeta, interfaceId: number): void {
  const i = cap.format === 'pcapng' ? cap.interfaces[interfaceId] : undefined;
  // tshark names an interface block without if_name "unknown".
  m.interfaceName = i === undefined ? undefined : i.name ?? 'unknown';
  m.interfaceDescription = i?.description;
  m.section = i === undefined ? undefined : i.section + 1;
  m.sectionInterfaceId = i === undefined ? undefined : i.localId ?? i.id;
}

/**
 * Fills `m` from `rec` (a pass may reuse one object for every packet: no allocation) and clears
 * the relative time, which the dissector computes. Returns `m`.
 */
export function setFrameMeta(m: FrameMeta, rec: FrameRecord, cap: CaptureMeta): FrameMeta {
  m.num = rec.num;
  m.tsSec = rec.tsSec;
  m.tsNsec = rec.tsNsec;
  m.hasTs = rec.hasTs;
  m.linkType = rec.linkType;
  m.interfaceId = rec.interfaceId;
  m.origLen = rec.origLen;
  m.relSec = undefined;
  m.comments = rec.comments;
  setInterfaceMeta(m, cap, rec.interfaceId);
  return m;
}

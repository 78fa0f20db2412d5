/**
 * `packetloom -2 -r file …`: tshark's two-pass analysis. The first pass indexes the file into an
 * engine Session (electron/engine/session.ts, the same one the app and the browser mode use); the
 * second pass prints each packet from the session's packet details (`Session.details`), which
 * show what only the end of the first pass knows, as Wireshark's packet details do: a DNS query's
 * response, an HTTP request's response and next request, the frame each segment's PDU is
 * reassembled in, the conversation's completeness and iRTT (compared with `tshark -2` in
 * test/electron/cli/two-pass.test.ts). A display filter (-Y) applies in the second pass, as
 * tshark's does with -2, and the -z statistics read the second pass's packets.
 */
import type { DecodeAsEntry } from '../../dissectors/decode-as.js';
import type { EnabledProtocols } from '../../dissectors/enabled-protocols.js';
import { statSync } from 'node:fs';
import type { CaptureFileError } from '../../dissectors/capture/types.js';
import { MemoryGuard, limitsFromEnv } from '../engine/memory-guard.js';
import { memoryStopMessage, readCaptureFile, stopMessage } from '../engine/read-capture.js';
import { Session } from '../engine/session.js';
import type { PacketInfo } from '../../dissectors/core/pinfo.js';
import { CaptureDissector } from '../../dissectors/packet.js';
import type { HostNames } from '../../dissectors/resolve/host-names.js';

export interface FirstPass {
  session: Session;
  /** Why reading stopped early (a damaged file, not enough memory), as one line; null when it read to the end or to `count`. */
  stop: string | null;
}

/**
 * The first pass over `path`, up to `count` packets (all without): a session indexed in this
 * thread, naming MAC addresses when `mac` (tshark's default; not with -n). Throws
 * CaptureOpenError when the file cannot be opened as a capture.
 */
export function firstPass(
  path: string, count: number | undefined, mac: boolean, decodeAs: readonly DecodeAsEntry[] = [], protocols?: EnabledProtocols,
  more: { hosts?: { names: HostNames; fromDns: boolean; shown: boolean } | undefined; tcpAbsoluteSeq?: boolean } = {},
): FirstPass {
  const session = new Session({ id: 'cli', kind: 'file', path, name: path, decodeAs, protocols }, statSync(path).size);
  session.setNameResolution(mac);
  const hosts = more.hosts;
  if (hosts) session.useHostNames(hosts.names, hosts.fromDns, hosts.shown);
  if (more.tcpAbsoluteSeq) session.setTcpAbsoluteSeq();
  let n = 0;
  try {
    const r = readCaptureFile(path, (rec, meta, b) => {
      session.add(rec, b.buf, b.start, b.end, meta);
      n++;
      return count === undefined || n < count;
    }, undefined, { views: false, guard: new MemoryGuard(limitsFromEnv(process.env)) });
    const stop: CaptureFileError | null = r.error;
    session.finish('done');
    // The second pass asks for every packet's details in file order: its replays go in batches.
    session.detailsInOrder();
    return { session, stop: r.memory ? memoryStopMessage(path, r.memory) : stop ? stopMessage(path, stop) : null };
  } catch (e) {
    session.close();
    throw e;
  }
}

/**
 * -2, for what a revisit cannot give (it does not desegment): the first pass's packets dissected
 * afresh, in order, by a dissector of their own; `tap` is given the test for that pass's packets
 * and returns its removal.
 */
export function freshPass(session: Session, tap: (mine: (p: PacketInfo) => boolean) => () => void): void {
  const d = new CaptureDissector({ ...session.dissectOptions, info: false });
  const untap = tap((p) => p.ctx === d.ctx);
  try {
    for (let i = 0; i < session.count; i++) d.dissect(session.frameMeta(i), session.bytes(i), false);
  } finally {
    untap();
  }
}

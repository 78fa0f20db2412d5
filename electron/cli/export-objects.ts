/**
 * `--export-objects http,DIR`, as tshark's: the bodies HTTP's object tap hands over while the
 * packets are read (with -2, from a fresh pass: a revisit does not desegment), written into DIR
 * once the file has been read (electron/engine/object-files.ts names and writes them).
 */
import type { PacketInfo } from '../../dissectors/core/pinfo.js';
import { httpExportObject, type ExportObject, type ExportObjectProtocol } from '../../dissectors/output/export-objects.js';
import { addHttpObjectTap } from '../../dissectors/protocols/http.js';
import { saveObjects } from '../engine/object-files.js';
import type { Session } from '../engine/session.js';
import { freshPass } from './two-pass.js';

export class ObjectExport {
  readonly objects: ExportObject[] = [];

  constructor(readonly proto: ExportObjectProtocol, readonly dir: string) {}

  /** Collects the objects of the packets `mine` accepts until the returned function is called. */
  tap(mine: (p: PacketInfo) => boolean): () => void {
    return addHttpObjectTap((o) => {
      if (mine(o.pinfo)) this.objects.push(httpExportObject(o));
    });
  }

  /** -2: the session's packets dissected afresh, in order, for their objects. */
  collectAgain(session: Session): void {
    freshPass(session, (mine) => this.tap(mine));
  }

  /** Writes the objects; returns the lines to print on stderr (none when all were written). */
  save(): string[] {
    return saveObjects(this.dir, this.objects).errors;
  }
}

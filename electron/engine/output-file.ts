/**
 * Where a save or an export writes. A regular file is written under a temporary name beside it and
 * renamed into place at the end, so a failure never leaves half a capture under the user's name. A
 * path that already exists and is not a regular file — a device such as /dev/null or /dev/stdout, a
 * named pipe — is written directly: renaming over it would replace the device node itself (as root,
 * /dev/null would become a regular file). A symbolic link is followed: its target is replaced, the
 * link stays.
 */
import { closeSync, lstatSync, openSync, realpathSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { EngineError } from './errors.js';

export interface OutputFile {
  /** Open descriptor to write to. */
  fd: number;
  /** Closes the file and puts it in place. */
  commit(): void;
  /** Closes and removes what was written (never touches a special file or the original). */
  abort(): void;
}

/** Opens `path` for writing as described above; throws the fs error (with its code) when it cannot. */
export function openOutput(path: string): OutputFile {
  let target = path;
  let special = false;
  try {
    if (lstatSync(path).isSymbolicLink()) target = realpathSync(path);
    const st = statSync(target);
    if (st.isDirectory()) throw Object.assign(new Error('it is a directory (folder)'), { code: 'EISDIR' });
    special = !st.isFile();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw e;
    // Not there yet (or a dangling link): written under a temporary name like a regular file.
  }
  if (special) {
    const fd = openSync(target, 'w');
    let open = true;
    const close = () => {
      if (!open) return;
      open = false;
      closeSync(fd);
    };
    return {
      fd,
      commit: close,
      abort: () => {
        try {
          close();
        } catch {
          // closed already
        }
      },
    };
  }
  const tmp = `${target}.part-${process.pid}`;
  const fd = openSync(tmp, 'w');
  let open = true;
  return {
    fd,
    commit() {
      open = false;
      closeSync(fd);
      renameSync(tmp, target);
    },
    abort() {
      if (open) {
        open = false;
        try {
          closeSync(fd);
        } catch {
          // closed already
        }
      }
      try {
        unlinkSync(tmp);
      } catch {
        // nothing written
      }
    },
  };
}

/** openOutput for the engine call `what`: a path that cannot be opened is a 'file' error that says so. */
export function openEngineOutput(what: string, path: string): OutputFile {
  try {
    return openOutput(path);
  } catch (e) {
    throw new EngineError('file', `${what}: "${path}" cannot be written: ${(e as Error).message}`);
  }
}

/**
 * A write of the engine call `what` failed: what was written goes (`out`, when it was opened), and
 * the failure becomes a 'file' error (an EngineError the write raised itself passes as it is).
 */
export function abandonOutput(out: OutputFile | null, what: string, path: string, e: unknown): never {
  out?.abort();
  if (e instanceof EngineError) throw e;
  throw new EngineError('file', `${what}: "${path}" could not be written: ${(e as Error).message}`);
}

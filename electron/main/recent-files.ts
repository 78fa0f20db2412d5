/**
 * File ▸ Open Recent: the last files opened, most recent first, kept in a small JSON file in the
 * app's user-data folder. A missing, unreadable or damaged store is an empty list (never a
 * crash at launch); writes go to a temporary file renamed over the old one.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';

export const MAX_RECENT = 10;

export class RecentFiles {
  private list: string[];

  constructor(private readonly storePath: string, private readonly max = MAX_RECENT) {
    this.list = RecentFiles.load(storePath, max);
  }

  private static load(storePath: string, max: number): string[] {
    try {
      const data: unknown = JSON.parse(readFileSync(storePath, 'utf8'));
      const files = (data as { files?: unknown })?.files;
      if (!Array.isArray(files)) return [];
      const seen = new Set<string>();
      return files
        .filter((f): f is string => typeof f === 'string' && isAbsolute(f) && f.length < 4096)
        .filter((f) => !seen.has(f) && (seen.add(f), true))
        .slice(0, max);
    } catch {
      return [];
    }
  }

  get files(): readonly string[] {
    return this.list;
  }

  /** Puts a file first (moving it up if it was already listed) and saves. */
  add(path: string): void {
    if (!isAbsolute(path)) return;
    this.list = [path, ...this.list.filter((f) => f !== path)].slice(0, this.max);
    this.save();
  }

  remove(path: string): void {
    const before = this.list.length;
    this.list = this.list.filter((f) => f !== path);
    if (this.list.length !== before) this.save();
  }

  clear(): void {
    this.list = [];
    this.save();
  }

  private save(): void {
    try {
      mkdirSync(dirname(this.storePath), { recursive: true });
      const tmp = `${this.storePath}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ files: this.list }, null, 2));
      renameSync(tmp, this.storePath);
    } catch (err) {
      // A read-only profile only loses the list across restarts.
      console.error(`packetloom: cannot save the recent files list: ${(err as Error).message}`);
    }
  }
}

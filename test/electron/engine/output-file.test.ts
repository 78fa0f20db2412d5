import { describe, expect, it } from 'vitest';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openOutput } from '../../../electron/engine/output-file.js';

const dir = () => mkdtempSync(join(tmpdir(), 'packetloom-out-'));

describe('openOutput', () => {
  it('writes a regular file under a temporary name and renames it into place', () => {
    const d = dir();
    try {
      const p = join(d, 'a.pcapng');
      writeFileSync(p, 'old');
      const o = openOutput(p);
      writeSync(o.fd, 'new');
      // Until the commit, the user's file is untouched and the bytes are elsewhere.
      expect(readFileSync(p, 'utf8')).toBe('old');
      o.commit();
      expect(readFileSync(p, 'utf8')).toBe('new');
      expect(readdirSync(d)).toEqual(['a.pcapng']);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('on abort keeps the original and leaves no temporary file', () => {
    const d = dir();
    try {
      const p = join(d, 'a.pcap');
      writeFileSync(p, 'old');
      const o = openOutput(p);
      writeSync(o.fd, 'half');
      o.abort();
      expect(readFileSync(p, 'utf8')).toBe('old');
      expect(readdirSync(d)).toEqual(['a.pcap']);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('writes a device directly and never replaces it (/dev/null stays a character device)', () => {
    const o = openOutput('/dev/null');
    writeSync(o.fd, 'discarded');
    o.commit();
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const a = openOutput('/dev/null');
    a.abort();
    expect(existsSync('/dev/null')).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync('/dev').filter((n) => n.startsWith('null.part-'))).toEqual([]);
  });

  it('follows a symbolic link: the target is replaced, the link stays', () => {
    const d = dir();
    try {
      const target = join(d, 'real.pcap');
      const link = join(d, 'link.pcap');
      writeFileSync(target, 'old');
      symlinkSync(target, link);
      const o = openOutput(link);
      writeSync(o.fd, 'new');
      o.commit();
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readlinkSync(link)).toBe(target);
      expect(readFileSync(target, 'utf8')).toBe('new');
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('refuses a directory with EISDIR', () => {
    const d = dir();
    try {
      mkdirSync(join(d, 'sub'));
      expect(() => openOutput(join(d, 'sub'))).toThrow(expect.objectContaining({ code: 'EISDIR' }));
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});

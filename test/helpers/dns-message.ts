/** A DNS message dissected on its own (no UDP below), for the DNS tests. */
import { expect } from 'vitest';
import { BoundsError, MalformedError } from '../../dissectors/core/errors.js';
import { PacketInfo } from '../../dissectors/core/pinfo.js';
import { NULL_TREE, ProtoNode } from '../../dissectors/core/tree.js';
import { Tvb } from '../../dissectors/core/tvb.js';
import { extractFields } from '../../dissectors/output/fields.js';
import { treeLines } from '../../dissectors/output/text.js';
import { dissectDnsMessage, type DnsVariant } from '../../dissectors/protocols/dns.js';

/** Dissects a DNS message: Info, fields by name, and the tree's lines as `-V` prints them (with `pinfo`'s options when given). */
export function dns(bytes: Uint8Array, variant: DnsVariant = 'dns', full = true, reported = bytes.length, pinfo = new PacketInfo()) {
  const tree = full ? new ProtoNode(null, 0, bytes.length, null) : NULL_TREE;
  pinfo.reset({ num: 1, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: reported }, bytes, tree);
  const tvb = Tvb.frame(bytes, reported, 'dns');
  dissectDnsMessage(tvb, pinfo, tree, variant);
  return {
    pinfo,
    f: (names: string[]) => Object.fromEntries(extractFields(tree, names).map((v, i) => [names[i]!, v.join(',')])),
    lines: () => treeLines(tree).map((l) => l.trim()),
  };
}

/** Every truncation of a message (captured and reported cut): only bounds/malformed errors, and both passes agree. */
export function truncations(bytes: Uint8Array, variant: DnsVariant = 'dns'): void {
  for (let cap = 0; cap <= bytes.length; cap++) {
    for (const rep of [bytes.length, cap]) {
      const infos: string[] = [];
      for (const full of [true, false]) {
        try {
          infos.push(dns(bytes.slice(0, cap), variant, full, rep).pinfo.info);
        } catch (e) {
          if (!(e instanceof BoundsError || e instanceof MalformedError)) throw e;
          infos.push('error');
        }
      }
      expect(infos[0]).toBe(infos[1]);
    }
  }
}

/**
 * The lines of a section (Answers, Additional records …) as `-V` prints them (trimmed), with what a bounds or
 * malformed error left of them: compared with tshark's lines for the same message.
 */
export function answerLines(bytes: Uint8Array, section = 'Answers'): { lines: string[]; error: string | null } {
  const pinfo = new PacketInfo();
  const tree = new ProtoNode(null, 0, bytes.length, null);
  pinfo.reset({ num: 1, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: bytes.length }, bytes, tree);
  let error: string | null = null;
  try {
    dissectDnsMessage(Tvb.frame(bytes, bytes.length, 'dns'), pinfo, tree, 'dns');
  } catch (e) {
    if (!(e instanceof BoundsError || e instanceof MalformedError)) throw e;
    error = e.name;
  }
  const all = treeLines(tree);
  const at = all.findIndex((l) => l.trim() === section);
  const depth = at < 0 ? 0 : all[at]!.length - all[at]!.trimStart().length;
  const lines: string[] = [];
  for (const l of all.slice(at + 1)) {
    if (l.length - l.trimStart().length <= depth) break;
    lines.push(l.trim());
  }
  return { lines, error };
}

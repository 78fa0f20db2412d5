/**
 * Edit › Find Packet (Wireshark's search bar, file.c cf_find_packet_*): from the packet after the
 * one the user is on, in the view's order (filtered and sorted as the grid shows it), the first
 * packet that matches a display filter, a hex value, a string or a regular expression — in the
 * packet list's columns, the packet details' labels or the packet bytes — going on from the other
 * end when it reaches one (the packet it started from is tried last). Runs in slices (sliced.ts):
 * a search through the details of a million packets takes a while, and the grid goes on meanwhile.
 */
import type { FindParams, FindResult, TreeNode } from '../api/contract.js';
import { compileFilter } from '../../dissectors/filter/index.js';
import { EngineError } from './errors.js';
import { FastFilter } from './fast-filter.js';
import { findRegex, indexOfBytes, latin1, parseHexValue, stringPatterns } from './find-pattern.js';
import { ouiResolver } from './oui.js';
import type { Session } from './session.js';
import { forEachSliced } from './sliced.js';
import { treeView } from './tree-view.js';

/** Where a packet matched (the path of a details item, or a range of its bytes); null: it did not. */
type Hit = { path?: number[]; offset?: number; length?: number } | null;
const WHOLE: Hit = {};

function bad(message: string): EngineError {
  return new EngineError('bad-request', `findPacket: ${message}`);
}

/** The test of one packet index for these parameters (checked here, before the search starts). */
function matcher(s: Session, p: FindParams): (i: number) => Hit {
  if (p.by === 'filter') {
    const r = compileFilter(p.text);
    if (!r.ok) throw new EngineError('filter', r.error.message, r.error.start, r.error.end);
    if (r.filter.empty) throw bad('enter a display filter to find');
    const f = r.filter;
    const fast = s.useFastFilter ? FastFilter.for(p.text, f) : null;
    return (i) => (s.matches(i, f, fast) ? WHOLE : null);
  }
  if (p.by === 'hex') {
    const bytes = parseHexValue(p.text);
    if (typeof bytes === 'string') throw bad(bytes);
    return (i) => {
      const at = indexOfBytes(s.bytes(i), bytes, false);
      return at < 0 ? null : { offset: at, length: bytes.length };
    };
  }
  const where = p.in ?? 'list';
  const cs = p.caseSensitive ?? false;
  if (p.by === 'string' && p.text.length === 0) throw bad('enter a string to find');
  if (where === 'bytes') {
    if (p.by === 'string') {
      const patterns = stringPatterns(p.text, p.charset ?? 'both');
      return (i) => {
        const b = s.bytes(i);
        let best: Hit = null;
        for (const pat of patterns) {
          const at = indexOfBytes(b, pat, !cs);
          if (at >= 0 && (best === null || at < best.offset!)) best = { offset: at, length: pat.length };
        }
        return best;
      };
    }
    const re = regex(p.text, cs);
    return (i) => {
      const m = re.exec(latin1(s.bytes(i)));
      return m === null ? null : { offset: m.index, length: m[0].length };
    };
  }
  const text = textTest(p.by, p.text, cs);
  if (where === 'list') {
    return (i) => {
      const r = s.row(i);
      return [String(r.no), r.source, r.destination, r.protocol, String(r.length), r.info, ...(r.custom ?? [])].some(text) ? WHOLE : null;
    };
  }
  return (i) => {
    const path = findLabel(treeView(s.details(i).tree, s.resolver), text);
    return path === null ? null : { path };
  };
}

function regex(text: string, caseSensitive: boolean): RegExp {
  const re = findRegex(text, caseSensitive);
  if (typeof re === 'string') throw bad(re);
  return re;
}

/** Does a column's or a label's text match (a substring, or the regular expression)? */
function textTest(by: 'string' | 'regex', text: string, caseSensitive: boolean): (t: string) => boolean {
  if (by === 'regex') {
    const re = regex(text, caseSensitive);
    return (t) => re.test(t);
  }
  if (caseSensitive) return (t) => t.includes(text);
  const lower = text.toLowerCase();
  return (t) => t.toLowerCase().includes(lower);
}

/** The first item of the details (depth first, as they are shown) whose label matches. */
function findLabel(tree: readonly TreeNode[], test: (t: string) => boolean): number[] | null {
  for (let k = 0; k < tree.length; k++) {
    const n = tree[k]!;
    if (test(n.label)) return [k];
    if (n.children) {
      const sub = findLabel(n.children, test);
      if (sub) return [k, ...sub];
    }
  }
  return null;
}

export async function findPacket(s: Session, p: FindParams): Promise<FindResult> {
  const test = matcher(s, p);
  const n = s.displayed;
  const back = p.backward ?? false;
  const start = p.from > 0 ? s.rowOf(p.from) : -1;
  // Without wrapping: only the positions after (before) the start.
  const steps = p.wrap === false && start >= 0 ? (back ? start : n - 1 - start) : n;
  let found: FindResult | null = null;
  let wrapped = false;
  await forEachSliced(s, 'findPacket', steps, (k) => {
    let pos: number;
    if (start < 0) pos = back ? n - 1 - k : k;
    else {
      pos = back ? start - 1 - k : start + 1 + k;
      if (pos < 0) {
        pos += n;
        wrapped = true;
      } else if (pos >= n) {
        pos -= n;
        wrapped = true;
      }
    }
    const i = s.atView(pos);
    const hit = test(i);
    if (hit === null) return false;
    found = { no: i + 1, wrapped, ...hit };
    return true;
  });
  return found ?? { no: null, wrapped: start >= 0 && n > 0 && p.wrap !== false };
}

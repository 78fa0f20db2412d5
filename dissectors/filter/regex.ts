/**
 * `matches`: Wireshark hands the pattern to PCRE2, caseless by default and byte-wise (no UTF).
 * Here the pattern becomes a JavaScript RegExp (without the `u` flag, so it works on code units:
 * byte strings are matched as Latin-1 text, one character per byte). The PCRE syntax JavaScript
 * lacks is translated:
 *
 *   leading (?i) (?-i) (?s) (?m) (?x) … → flags      \A \z \Z → anchors on the whole subject
 *   $ (without m) → end or before a final newline   (?P<n>…) (?P=n) → (?<n>…) \k<n>
 *   [[:alpha:]] and the other POSIX classes         \h \H \R \Q…\E \x{hh}
 *   atomic groups and possessive quantifiers → their plain forms (same matches in practice)
 *
 * Option changes in the middle of a pattern are not supported (an error says so).
 */

const POSIX: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', xdigit: '0-9A-Fa-f',
  space: '\\t\\n\\v\\f\\r ', blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', word: '\\w', cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e', graph: '\\x21-\\x7e', ascii: '\\x00-\\x7f',
};

const JS_MESSAGES: readonly (readonly [RegExp, string])[] = [
  [/Unterminated group/i, 'missing closing parenthesis'],
  [/Unmatched '\)'/i, 'unmatched closing parenthesis'],
  [/Nothing to repeat/i, 'quantifier does not follow a repeatable item'],
  [/Unterminated character class/i, 'missing terminating ] for character class'],
  [/numbers out of order/i, 'numbers out of order in {} quantifier'],
  [/Range out of order/i, 'range out of order in character class'],
  [/Invalid group/i, 'unrecognized character after (? or (?-'],
  [/\\ at end of pattern/i, '\\ at end of pattern'],
];

/** A RegExp for a PCRE pattern (matches are caseless unless the pattern says (?-i)), or an error message. */
export function compileRegex(pattern: string): RegExp | string {
  let caseless = true;
  let dotall = false;
  let multiline = false;
  let extended = false;
  let p = pattern;
  // Leading option settings: (?i), (?-i), (?sm-x) …
  for (;;) {
    const m = /^\(\?([imsx]*)(?:-([imsx]*))?\)/.exec(p);
    if (!m || (m[1] === '' && m[2] === undefined)) break;
    for (const c of m[1]!) {
      if (c === 'i') caseless = true;
      if (c === 's') dotall = true;
      if (c === 'm') multiline = true;
      if (c === 'x') extended = true;
    }
    for (const c of m[2] ?? '') {
      if (c === 'i') caseless = false;
      if (c === 's') dotall = false;
      if (c === 'm') multiline = false;
      if (c === 'x') extended = false;
    }
    p = p.slice(m[0].length);
  }
  let body: string;
  try {
    body = translate(p, multiline, extended, caseless);
  } catch (e) {
    return `Regex compilation error: ${(e as Error).message}.`;
  }
  try {
    return new RegExp(body, (caseless ? 'i' : '') + (dotall ? 's' : '') + (multiline ? 'm' : ''));
  } catch (e) {
    const msg = (e as Error).message;
    const known = JS_MESSAGES.find(([re]) => re.test(msg));
    return `Regex compilation error: ${known ? known[1] : msg.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '')}.`;
  }
}

function translate(p: string, multiline: boolean, extended: boolean, caseless: boolean): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      const e = p[i + 1];
      if (e === undefined) throw new Error('\\ at end of pattern');
      if (e === 'Q') {
        const end = p.indexOf('\\E', i + 2);
        const lit = p.slice(i + 2, end < 0 ? p.length : end);
        out += lit.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = end < 0 ? p.length : end + 1;
        continue;
      }
      if (e === 'x' && p[i + 2] === '{') {
        const close = p.indexOf('}', i + 3);
        const code = parseInt(p.slice(i + 3, close), 16);
        if (close < 0 || Number.isNaN(code) || code > 0xff) throw new Error('character code point value in \\x{} or \\o{} is too large');
        out += '\\x' + code.toString(16).padStart(2, '0');
        i = close;
        continue;
      }
      if (!inClass) {
        if (e === 'A') { out += '(?<![\\s\\S])'; i++; continue; }
        if (e === 'z') { out += '(?![\\s\\S])'; i++; continue; }
        if (e === 'Z') { out += '(?=\\n?(?![\\s\\S]))'; i++; continue; }
        if (e === 'R') { out += '(?:\\r\\n|[\\n\\v\\f\\r\\x85])'; i++; continue; }
        if (e === 'h') { out += '[ \\t\\xa0]'; i++; continue; }
        if (e === 'H') { out += '[^ \\t\\xa0]'; i++; continue; }
      } else {
        if (e === 'h') { out += ' \\t\\xa0'; i++; continue; }
      }
      out += c + e;
      i++;
      continue;
    }
    if (inClass) {
      if (c === '[' && p[i + 1] === ':') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(p.slice(i));
        if (m && POSIX[m[2]!] !== undefined) {
          if (m[1]) throw new Error('negated POSIX classes are not supported');
          out += POSIX[m[2]!];
          i += m[0].length - 1;
          continue;
        }
      }
      if (c === '[') {
        out += '\\[';
        continue;
      }
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // A ] right after [ or [^ is a literal in PCRE.
      if (p[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (p[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (extended && /\s/.test(c)) continue;
    if (extended && c === '#') {
      while (i < p.length && p[i] !== '\n') i++;
      continue;
    }
    if (c === '$' && !multiline) {
      out += '(?=\\n?(?![\\s\\S]))';
      continue;
    }
    if (c === '(' && p[i + 1] === '?') {
      const rest = p.slice(i + 2);
      let m: RegExpExecArray | null;
      if ((m = /^P<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest))) { out += `(?<${m[1]}>`; i += 1 + m[0].length; continue; }
      if ((m = /^P=([A-Za-z_][A-Za-z0-9_]*)\)/.exec(rest))) { out += `\\k<${m[1]}>`; i += 1 + m[0].length; continue; }
      if (rest.startsWith('>')) { out += '(?:'; i += 2; continue; }
      const opt = /^([imsx]*)(?:-([imsx]*))?([):])/.exec(rest);
      if (opt && (opt[1] || opt[2] !== undefined)) {
        // (?i:…) that asks for what the whole pattern already does is a plain group.
        const on = opt[1]!;
        const off = opt[2] ?? '';
        if (opt[3] === ':' && /^i?$/.test(on) && /^i?$/.test(off) && (on === '' || caseless) && (off === '' || !caseless)) {
          out += '(?:';
          i += 1 + opt[0].length;
          continue;
        }
        throw new Error('option settings inside a pattern are not supported; put them at its start');
      }
    }
    if ((c === '+') && out.length > 0 && /[*+?}]$/.test(out) && !/\\[*+?}]$/.test(out)) continue; // possessive
    out += c;
  }
  if (inClass) throw new Error('missing terminating ] for character class');
  return out;
}

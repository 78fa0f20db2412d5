/** Pure parts of the filter bar: the word being completed, splicing a completion in, history. */

const HISTORY_KEY = 'packetloom.filterHistory';
const HISTORY_MAX = 30;
const FIELD_CHAR = /[A-Za-z0-9_.\-]/;

/** The field-name prefix ending at the caret ('' when the caret is not after a field name). */
export function completionPrefix(text: string, caret: number): string {
  let i = caret;
  while (i > 0 && FIELD_CHAR.test(text[i - 1]!)) i--;
  const word = text.slice(i, caret);
  // Numbers, addresses and values are not field names.
  return /^[A-Za-z_]/.test(word) ? word : '';
}

/** Replaces the word at the caret with `name`; returns the new text and caret. */
export function spliceCompletion(text: string, caret: number, name: string): { text: string; caret: number } {
  let i = caret;
  while (i > 0 && FIELD_CHAR.test(text[i - 1]!)) i--;
  let j = caret;
  while (j < text.length && FIELD_CHAR.test(text[j]!)) j++;
  const out = text.slice(0, i) + name + text.slice(j);
  return { text: out, caret: i + name.length };
}

export function addToHistory(history: readonly string[], filter: string): string[] {
  return [filter, ...history.filter((h) => h !== filter)].slice(0, HISTORY_MAX);
}

export function loadHistory(storage: Storage | null): string[] {
  try {
    const v = JSON.parse(storage?.getItem(HISTORY_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, HISTORY_MAX) : [];
  } catch {
    return [];
  }
}

export function saveHistory(storage: Storage | null, history: readonly string[]): void {
  try {
    storage?.setItem(HISTORY_KEY, JSON.stringify(history));
  } catch {
    /* not remembered */
  }
}

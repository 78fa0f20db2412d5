/** Small settings remembered in localStorage (theme, time format, hidden columns, recent files). */

const PREFIX = 'packetloom.';
const RECENT_MAX = 10;

/** A stored setting, or the default when it is missing, unreadable or not one of `allowed`. */
export function loadSetting<T>(storage: Storage | null, key: string, allowed: readonly unknown[] | null, fallback: T): T {
  try {
    const raw = storage?.getItem(PREFIX + key);
    if (raw == null) return fallback;
    const v = JSON.parse(raw) as unknown;
    if (allowed && !allowed.includes(v)) return fallback;
    if (!allowed && Array.isArray(fallback) !== Array.isArray(v)) return fallback;
    return v as T;
  } catch {
    return fallback;
  }
}

export function saveSetting(storage: Storage | null, key: string, value: unknown): void {
  try {
    storage?.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    /* storage full or disabled: not remembered */
  }
}

export function loadRecent(storage: Storage | null): string[] {
  const v = loadSetting<unknown[]>(storage, 'recent', null, []);
  return v.filter((x): x is string => typeof x === 'string').slice(0, RECENT_MAX);
}

export function addRecent(recent: readonly string[], path: string): string[] {
  return [path, ...recent.filter((p) => p !== path)].slice(0, RECENT_MAX);
}

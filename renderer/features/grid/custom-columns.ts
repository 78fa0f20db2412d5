/**
 * Custom columns (Wireshark's "Apply as Column"): the fields the user added to the packet list,
 * with their titles, remembered between runs. Pure functions; the engine's `setColumns` gives
 * each row the values (Row.custom), the grid shows them after the built-in columns.
 */
import { loadSetting, saveSetting } from '../../shell/settings.js';

export interface CustomColumn {
  /** Display-filter field name ("ip.ttl"). */
  field: string;
  /** Its title (the field's name, "Time to Live"). */
  title: string;
}

/** Most custom columns (the engine's limit). */
export const MAX_CUSTOM_COLUMNS = 32;
const FIELD_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,255}$/;

/** The grid's column id of a custom column. */
export const customColId = (field: string): string => `f:${field}`;

/** The field of a custom column's id ("f:http.time" → "http.time"), or null for a built-in column. */
export const customColField = (colId: string): string | null => (colId.startsWith('f:') ? colId.slice(2) : null);

/** The remembered custom columns (anything malformed is dropped). */
export function loadCustomColumns(storage: Storage | null): CustomColumn[] {
  const v = loadSetting<unknown[]>(storage, 'customColumns', null, []);
  const out: CustomColumn[] = [];
  for (const c of v) {
    if (!c || typeof c !== 'object') continue;
    const { field, title } = c as Record<string, unknown>;
    if (typeof field !== 'string' || !FIELD_NAME.test(field) || typeof title !== 'string' || title.length > 200) continue;
    if (out.some((o) => o.field === field) || out.length >= MAX_CUSTOM_COLUMNS) continue;
    out.push({ field, title });
  }
  return out;
}

export function saveCustomColumns(storage: Storage | null, cols: readonly CustomColumn[]): void {
  saveSetting(storage, 'customColumns', cols);
}

/** The columns with `col` added at the end (a field already shown stays where it is). */
export function withColumn(cols: readonly CustomColumn[], col: CustomColumn): CustomColumn[] {
  if (cols.some((c) => c.field === col.field) || cols.length >= MAX_CUSTOM_COLUMNS) return [...cols];
  return [...cols, col];
}

export function withoutColumn(cols: readonly CustomColumn[], field: string): CustomColumn[] {
  return cols.filter((c) => c.field !== field);
}

// The custom columns' model (renderer/features/grid/custom-columns.ts): what is remembered comes
// back, anything malformed in storage is dropped, a field is shown once, at most 32 columns.
import { describe, expect, it } from 'vitest';
import { loadCustomColumns, MAX_CUSTOM_COLUMNS, saveCustomColumns, withColumn, withoutColumn } from '../../../../renderer/features/grid/custom-columns.js';
import { memoryStorage } from '../memory-storage.js';


describe('custom columns', () => {
  it('are remembered', () => {
    const s = memoryStorage();
    const cols = withColumn(withColumn([], { field: 'ip.ttl', title: 'Time to Live' }), { field: 'http.host', title: 'Host' });
    saveCustomColumns(s, cols);
    expect(loadCustomColumns(s)).toEqual(cols);
    expect(loadCustomColumns(null)).toEqual([]);
  });

  it('drop what storage holds that is not a column', () => {
    const s = memoryStorage();
    const key = (() => { saveCustomColumns(s, []); return s.key(0)!; })();
    s.setItem(key, JSON.stringify([{ field: 'ip.ttl', title: 'TTL' }, { field: 'bad field', title: 'x' }, { field: 'ip.ttl', title: 'again' }, null, 7, { field: 'tcp.len' }, { field: 'tcp.len', title: 'x'.repeat(201) }, { field: 'udp.port', title: 'Port' }]));
    expect(loadCustomColumns(s)).toEqual([{ field: 'ip.ttl', title: 'TTL' }, { field: 'udp.port', title: 'Port' }]);
    s.setItem(key, '{not json');
    expect(loadCustomColumns(s)).toEqual([]);
    s.setItem(key, JSON.stringify({ field: 'ip.ttl' }));
    expect(loadCustomColumns(s)).toEqual([]);
  });

  it('show a field once, at most 32, and remove by field', () => {
    let cols = withColumn([], { field: 'ip.ttl', title: 'A' });
    cols = withColumn(cols, { field: 'ip.ttl', title: 'B' });
    expect(cols).toEqual([{ field: 'ip.ttl', title: 'A' }]);
    for (let i = 0; i < 40; i++) cols = withColumn(cols, { field: `f${i}`, title: `${i}` });
    expect(cols).toHaveLength(MAX_CUSTOM_COLUMNS);
    expect(withoutColumn(cols, 'ip.ttl').map((c) => c.field)).not.toContain('ip.ttl');
    expect(withoutColumn(cols, 'nope')).toHaveLength(MAX_CUSTOM_COLUMNS);
  });
});

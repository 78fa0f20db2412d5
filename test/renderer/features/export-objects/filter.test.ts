/** The HTTP objects view's text filter (renderer/features/export-objects): Wireshark's, over hostname, content type and filename. */
import { describe, expect, it } from 'vitest';
import type { ExportObjectRow } from '../../../../electron/api/contract.js';
import { filterObjects } from '../../../../renderer/features/export-objects/index.js';

const row = (index: number, hostname: string, contentType: string, filename: string): ExportObjectRow => ({ index, packet: index + 1, hostname, contentType, size: 1, filename, saveAs: filename });
const ROWS = [row(0, 'www.mozilla.org', 'text/css', 'enhanced.css'), row(1, 'cdn.example', 'image/PNG', 'logo'), row(2, '', '', '')];

describe('export objects: text filter', () => {
  it('keeps the rows whose hostname, content type or filename contains the text, in any case', () => {
    expect(filterObjects(ROWS, '').map((r) => r.index)).toEqual([0, 1, 2]);
    expect(filterObjects(ROWS, '  ').map((r) => r.index)).toEqual([0, 1, 2]);
    expect(filterObjects(ROWS, 'png').map((r) => r.index)).toEqual([1]);
    expect(filterObjects(ROWS, 'MOZILLA').map((r) => r.index)).toEqual([0]);
    expect(filterObjects(ROWS, 'css').map((r) => r.index)).toEqual([0]);
    expect(filterObjects(ROWS, 'nothing').map((r) => r.index)).toEqual([]);
  });
});

/**
 * Only the two entry points load Electron at run time (main.ts and preload.ts); every other
 * module of the desktop shell is plain TypeScript that tests import without Electron (type-only
 * imports are erased). Like VS Code's layer checks: a stray import fails here, not at launch.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const ENTRIES = new Set(['electron/main/main.ts', 'electron/preload/preload.ts']);

function runtimeImports(source: string): string[] {
  const specs: string[] = [];
  for (const m of source.matchAll(/^\s*import\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm)) specs.push(m[1]!);
  for (const m of source.matchAll(/\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]!);
  return specs;
}

describe('desktop shell layering', () => {
  const files = ['electron/main', 'electron/preload'].flatMap((dir) =>
    readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.ts')).map((f) => `${dir}/${f}`),
  );

  it('finds the modules', () => {
    expect(files).toEqual(expect.arrayContaining([...ENTRIES, 'electron/main/ipc-router.ts', 'electron/preload/bridge.ts']));
  });

  it.each(files)('%s imports electron only if it is an entry point', (file) => {
    const imports = runtimeImports(readFileSync(join(ROOT, file), 'utf8'));
    if (ENTRIES.has(file)) expect(imports).toContain('electron');
    else expect(imports).not.toContain('electron');
  });

  it('the preload bundles nothing but the bridge and the contract (it runs sandboxed)', () => {
    for (const file of files.filter((f) => f.startsWith('electron/preload/'))) {
      for (const spec of runtimeImports(readFileSync(join(ROOT, file), 'utf8'))) {
        expect(['electron', './bridge.js', '../api/contract.js'], `${file}: ${spec}`).toContain(spec);
      }
    }
  });
});

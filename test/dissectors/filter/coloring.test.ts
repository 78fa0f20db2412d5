import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLORING_RULES } from '../../../dissectors/filter/coloring-rules.js';
import { coloringRules } from '../../../dissectors/filter/coloring.js';
import '../../../dissectors/protocols/index.js';

/** Wireshark's default colorfilters, as the tshark package installs it (wireshark-common). */
const COLORFILTERS = '/usr/share/wireshark/colorfilters';

interface FileRule {
  name: string;
  filter: string;
  bg: number[];
  fg: number[];
}

function readColorfilters(): FileRule[] {
  const out: FileRule[] = [];
  for (const line of readFileSync(COLORFILTERS, 'utf8').split('\n')) {
    const m = /^@(.*?)@(.*)@\[(\d+),(\d+),(\d+)\]\[(\d+),(\d+),(\d+)\]\s*$/.exec(line);
    if (!m) continue;
    const n = m.slice(3).map(Number);
    out.push({ name: m[1]!, filter: m[2]!, bg: n.slice(0, 3), fg: n.slice(3) });
  }
  return out;
}

describe("Wireshark's default coloring rules", () => {
  it("are the installed colorfilters file's rules: names, order, filters and [background][foreground] colours", () => {
    const file = readColorfilters();
    expect(file.length).toBeGreaterThan(10);
    expect(COLORING_RULES.map((r) => r.name)).toEqual(file.map((r) => r.name));
    for (const [i, r] of COLORING_RULES.entries()) {
      const f = file[i]!;
      // Wireshark's own file writes "( ip.dst …" with inner spaces in some versions: compare without blanks.
      expect(r.wireshark.replace(/\s+/g, ''), r.name).toBe(f.filter.replace(/\s+/g, ''));
      expect([...r.bg], `${r.name} background`).toEqual(f.bg);
      expect([...r.fg], `${r.name} foreground`).toEqual(f.fg);
    }
  });

  it('compile, in order, every rule whose protocols we dissect', () => {
    const compiled = coloringRules();
    expect(compiled.map((r) => r.name)).toEqual(COLORING_RULES.filter((r) => r.filter !== null).map((r) => r.name));
  });
});

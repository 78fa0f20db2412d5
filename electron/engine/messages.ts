/**
 * Application messages (tcp/desegment.ts's message table) as the first pass found them.
 */

/**
 * The messages the first pass recorded. The message table also records what a revisit of a frame
 * decodes (without desegmentation): those records come after the first pass had gone past their
 * frame, or they overlap bytes a first-pass message already covers; both are dropped.
 */
export function firstPassMessages<T extends { frame: number; dir: 0 | 1; seq: number; len: number }>(all: readonly T[]): T[] {
  const out: T[] = [];
  let maxFrame = 0;
  const covered: [number, number][][] = [[], []];
  for (const m of all) {
    if (m.frame < maxFrame) continue;
    maxFrame = m.frame;
    const a = m.seq;
    const b = m.seq + m.len;
    if (covered[m.dir]!.some(([x, y]) => a < y && x < b)) continue;
    covered[m.dir]!.push([a, b]);
    out.push(m);
  }
  return out;
}

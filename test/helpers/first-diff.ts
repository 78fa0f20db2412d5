/** The first line where tshark's output and ours differ, for a failure message ('' when equal). */
export function firstDiff(tshark: string, ours: string): string {
  const x = tshark.split('\n');
  const y = ours.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}: tshark ${JSON.stringify(x[i])}, packetloom ${JSON.stringify(y[i])}`;
  }
  return '';
}

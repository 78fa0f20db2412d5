/**
 * JSON text parsed the way Elasticsearch would want tshark's `-T ek` lines read: tshark writes a
 * name that recurs in one object (`"tcp_tcp_option_kind"` from each TCP option, flattened into
 * the TCP object) as a second key, which JSON.parse would reduce to the last one. Here the values
 * of a repeated key are gathered into one array, in the order they were written — the shape
 * Packetloom's `-T ek` writes (dissectors/output/ek.ts).
 */
type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

export function parseGatheringDuplicates(text: string): Json {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const str = (): string => {
    let j = i + 1;
    while (text[j] !== '"') {
      if (text[j] === '\\') j++;
      j++;
      if (j >= text.length) throw new Error(`unterminated string at ${i}`);
    }
    const s = JSON.parse(text.slice(i, j + 1)) as string;
    i = j + 1;
    return s;
  };
  const value = (): Json => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const o: { [k: string]: Json } = {};
      const gathered = new Set<string>();
      ws();
      if (text[i] === '}') {
        i++;
        return o;
      }
      for (;;) {
        ws();
        const k = str();
        ws();
        i++; // ':'
        const v = value();
        if (!(k in o)) o[k] = v;
        else {
          if (!gathered.has(k)) {
            const first = o[k]!;
            o[k] = Array.isArray(first) ? [...first] : [first];
            gathered.add(k);
          }
          const arr = o[k] as Json[];
          if (Array.isArray(v)) arr.push(...v);
          else arr.push(v);
        }
        ws();
        if (text[i++] === ',') continue;
        return o;
      }
    }
    if (c === '[') {
      i++;
      const a: Json[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return a;
      }
      for (;;) {
        a.push(value());
        ws();
        if (text[i++] === ',') continue;
        return a;
      }
    }
    if (c === '"') return str();
    const m = /^(true|false|null|-?[0-9.eE+-]+)/.exec(text.slice(i, i + 64));
    if (!m) throw new Error(`unexpected ${JSON.stringify(text.slice(i, i + 10))} at ${i}`);
    i += m[0].length;
    return JSON.parse(m[0]) as Json;
  };
  const v = value();
  ws();
  if (i !== text.length) throw new Error(`trailing text at ${i}`);
  return v;
}

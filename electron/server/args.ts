/** Command line of `npm run serve`. */

export interface ServeArgs {
  file?: string;
  host: string;
  port: number;
}

export function parseServeArgs(argv: string[]): ServeArgs {
  const out: ServeArgs = { host: '127.0.0.1', port: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--host') out.host = value();
    else if (a.startsWith('--host=')) out.host = a.slice(7);
    else if (a === '--port' || a.startsWith('--port=')) {
      const v = a === '--port' ? value() : a.slice(7);
      const n = Number(v);
      if (!/^\d+$/.test(v) || n > 65535) throw new Error(`--port: "${v}" is not a port number (0–65535)`);
      out.port = n;
    } else if (a === '-h' || a === '--help') throw new Error('usage');
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else if (out.file !== undefined) throw new Error(`one capture file at most (got "${out.file}" and "${a}")`);
    else out.file = a;
  }
  return out;
}

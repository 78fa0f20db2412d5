/** Argument parsing: tshark's flag forms, -E values as tshark reads them, and one-line errors. */
import { describe, expect, it } from 'vitest';
import { applyFieldOption, ArgError, defaultOptions, OPTIONS, parseArgs, usage } from '../../../electron/cli/args.js';

function err(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(ArgError);
    return (e as Error).message;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

describe('parseArgs', () => {
  it('has tshark-like defaults', () => {
    const o = parseArgs([]);
    expect(o.format).toBe('text');
    expect(o.fields).toEqual([]);
    expect(o.fieldOptions).toEqual({ header: false, separator: '\t', occurrence: 'a', aggregator: ',', quote: '', bom: false });
    expect(o.resolve).toEqual({ mac: true, network: false, external: false, transport: false, dns: true, vlan: false });
  });

  it('takes values separate, attached, and as --long=value', () => {
    expect(parseArgs(['-r', 'a.pcap']).readFile).toBe('a.pcap');
    expect(parseArgs(['-ra.pcap']).readFile).toBe('a.pcap');
    expect(parseArgs(['--read-file', 'a.pcap']).readFile).toBe('a.pcap');
    expect(parseArgs(['--read-file=a.pcap']).readFile).toBe('a.pcap');
    expect(parseArgs(['-c', '10']).count).toBe(10);
    expect(parseArgs(['-c10']).count).toBe(10);
    expect(parseArgs(['-Tfields', '-eip.src']).format).toBe('fields');
  });

  it('repeats -e and -E in order, the last -r wins', () => {
    const o = parseArgs(['-e', 'a.b', '-e', 'c.d', '-e', 'a.b', '-E', 'header=y', '-E', 'separator=,', '-r', 'x', '-r', 'y']);
    expect(o.fields).toEqual(['a.b', 'c.d', 'a.b']);
    expect(o.fieldOptions.header).toBe(true);
    expect(o.fieldOptions.separator).toBe(',');
    expect(o.readFile).toBe('y');
  });

  it('reads clusters of flags, and a value at the end of a cluster', () => {
    const o = parseArgs(['-nVx', '-Nmt', '-Pc', '3']);
    expect(o.verbose && o.hex && o.printSummary).toBe(true);
    expect(o.resolve.mac && o.resolve.transport).toBe(true);
    expect(o.resolve.network).toBe(false);
    expect(o.count).toBe(3);
    expect(parseArgs(['-Vr', 'f.pcap']).readFile).toBe('f.pcap');
  });

  it('takes -j and -J protocol match filters as tshark does (split on spaces; -J\'s children rule stays)', () => {
    const j = parseArgs(['-T', 'json', '-j', 'ip tcp.flags']);
    expect([j.protocolFilter, j.protocolFilterChildren]).toEqual([['ip', 'tcp.flags'], undefined]);
    const J = parseArgs(['-T', 'ek', '-J', 'tcp']);
    expect([J.protocolFilter, J.protocolFilterChildren]).toEqual([['tcp'], true]);
    const both = parseArgs(['-J', 'tcp', '-j', 'udp']);
    expect([both.protocolFilter, both.protocolFilterChildren]).toEqual([['udp'], true]);
  });

  it('accepts every -N letter tshark accepts, and -n turns them off again', () => {
    const o = parseArgs(['-N', 'mnNtdv']);
    expect(o.resolve).toEqual({ mac: true, network: true, external: true, transport: true, dns: true, vlan: true });
    expect(Object.values(parseArgs(['-N', 'mt', '-n']).resolve).some(Boolean)).toBe(false);
    // As tshark's: each -N replaces what came before (the default's m, -n, an earlier -N).
    const only = (args: string[]) => Object.entries(parseArgs(args).resolve).filter(([, v]) => v).map(([k]) => k);
    expect(only(['-N', 't'])).toEqual(['transport']);
    expect(only(['-N', 'mt', '-N', 't'])).toEqual(['transport']);
    expect(only(['-n', '-N', 'm'])).toEqual(['mac']);
    expect(only(['-N', 'm', '-n'])).toEqual([]);
  });

  it('stops at -- and keeps other arguments as positional', () => {
    const o = parseArgs(['-r', 'f', 'tcp', '--', '-V']);
    expect(o.positional).toEqual(['tcp', '-V']);
    expect(o.verbose).toBe(false);
  });

  it('knows -h/--help and -v/--version', () => {
    expect(parseArgs(['--help']).help).toBe(true);
    expect(parseArgs(['-h']).help).toBe(true);
    expect(parseArgs(['--version']).version).toBe(true);
    expect(parseArgs(['-v']).version).toBe(true);
  });

  it('says what is wrong in one line', () => {
    expect(err(['--bogus'])).toBe('unrecognized option: --bogus');
    expect(err(['--bogus=1'])).toBe('unrecognized option: --bogus');
    expect(err(['-Z'])).toBe('unrecognized option: -Z');
    expect(err(['-nZ'])).toBe('unrecognized option: -Z');
    expect(err(['-r'])).toBe('option requires an argument: -r');
    expect(err(['--read-file'])).toBe('option requires an argument: --read-file');
    expect(err(['--help=yes'])).toBe("option --help doesn't take a value");
    expect(err(['-c', 'abc'])).toBe('The specified packet count "abc" isn\'t a decimal number');
    expect(err(['-c', '0'])).toBe('The specified packet count is zero');
    expect(err(['-c', '-1'])).toBe('The specified packet count "-1" is a negative number');
    expect(err(['-c', '1.5'])).toBe('The specified packet count "1.5" isn\'t a decimal number');
    expect(err(['-T', 'pdml'])).toBe('Invalid -T parameter "pdml"; it must be one of fields, json, ek, psml or text');
    expect(err(['-N', 'mq'])).toBe("-N specifies unknown resolving option 'q'; valid options are m, n, N, t, d and v");
    expect(err(['-E', 'occurrence=x'])).toMatch(/^"occurrence=x" is not a valid field output option=value pair; use header=y\|n/);
    for (const argv of [['--bogus'], ['-c', 'abc'], ['-E', 'nope=1'], ['-T', 'x']]) expect(err(argv)).not.toContain('\n');
  });
});

describe('-E (tshark output_fields_set_option)', () => {
  const opts = () => defaultOptions().fieldOptions;
  const set = (s: string) => {
    const f = opts();
    const e = applyFieldOption(f, s);
    return e ? e : f;
  };

  it('reads separators and aggregators as tshark does', () => {
    expect(set('separator=/t')).toMatchObject({ separator: '\t' });
    expect(set('separator=/s')).toMatchObject({ separator: ' ' });
    expect(set('separator=/x')).toMatchObject({ separator: '\\' });
    expect(set('separator=;')).toMatchObject({ separator: ';' });
    expect(set('separator=abc')).toMatchObject({ separator: 'a' });
    expect(set('aggregator=/s')).toMatchObject({ aggregator: ' ' });
    expect(set('aggregator=/t')).toMatchObject({ aggregator: '\\' });
    expect(set('aggregator=|')).toMatchObject({ aggregator: '|' });
  });

  it('reads header, bom, quote and occurrence', () => {
    expect(set('header=y')).toMatchObject({ header: true });
    expect(set('header=yes')).toMatchObject({ header: true });
    expect(set('header=n')).toMatchObject({ header: false });
    expect(set('bom=y')).toMatchObject({ bom: true });
    expect(set('quote=d')).toMatchObject({ quote: '"' });
    expect(set('quote=s')).toMatchObject({ quote: "'" });
    expect(set('quote=n')).toMatchObject({ quote: '' });
    for (const c of ['f', 'l', 'a'] as const) expect(set(`occurrence=${c}`)).toMatchObject({ occurrence: c });
    expect(set('occurrence=2')).toMatchObject({ occurrence: 2 });
    expect(set('occurrence=-1')).toMatchObject({ occurrence: -1 });
  });

  it('rejects what tshark rejects', () => {
    for (const bad of ['', 'header', 'header=', 'header=x', 'quote=x', 'occurrence=0', 'occurrence=x', 'bom=1', 'nope=1', '=y']) {
      expect(typeof set(bad), bad).toBe('string');
    }
  });
});

describe('usage', () => {
  it('lists every option', () => {
    const text = usage('9.9.9');
    expect(text).toContain('Packetloom 9.9.9');
    for (const o of OPTIONS) expect(text).toContain(o.short ? `-${o.short}` : `--${o.long}`);
  });
});

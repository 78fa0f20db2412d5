/**
 * `packetloom`: a tshark-style command line over the dissectors.
 *
 *   packetloom -r file                    summary lines (like `tshark -n -r file`)
 *   packetloom -r file -V [-x]            decode tree (and hex dump)
 *   packetloom -r file -T fields -e …     field values, -E for the format
 *   packetloom -r file -T json            tshark's JSON
 *   packetloom -r file -Y 'tcp.port == 80' … only the packets a display filter matches (any output)
 *   packetloom -r file -q -z follow,tcp,ascii,0    a TCP stream, as tshark's Follow TCP Stream
 *
 * Exit status: 0 fine; 2 a bad command line (unknown option, bad value, invalid field: tshark
 * exits 1 there), or the file cannot be read (missing, a directory, not a capture), or reading
 * stopped early because the file is cut short or damaged — in that case every complete packet before
 * the damage is printed first, then one line on stderr says where and why.
 *
 * `main` takes the argument vector (without node and the script) and optional output functions,
 * so tests run it in-process; bin/packetloom.js calls it on the real streams.
 */
import { statSync } from 'node:fs';
import type { CaptureFileError, CaptureMeta, PacketRecord, RecordBytes } from '../../dissectors/capture/types.js';
import type { FrameMeta } from '../../dissectors/core/pinfo.js';
import { JsonArrayWriter, packetFieldsJson, packetJson, type JsonProtocolFilter } from '../../dissectors/output/json.js';
import { packetHexDump, sourceName, treeText, type NamedSource } from '../../dissectors/output/text.js';
import { CaptureDissector } from '../../dissectors/packet.js';
import { compileFilter, type DisplayFilter } from '../../dissectors/filter/index.js';
import { CaptureOpenError, memoryStopMessage, readCaptureFile, stopMessage } from '../engine/read-capture.js';
import { MemoryGuard, limitsFromEnv } from '../engine/memory-guard.js';
import { ArgError, parseArgs, usage, type CliOptions, type FollowStat } from './args.js';
import { isLive, liveProblem, runLive, type PacketFeed } from './live.js';
import type { TableStat } from './stat-args.js';
import { StatTaps } from './stats-run.js';
import { CaptureFileWriter, exportConversationFile, exportProblem, Progress, statesColumn, WriteError } from './export.js';
import { ekFields, ekIndexLine, ekPacket } from '../../dissectors/output/ek.js';
import { summaryColumns, tsDigits, writeSummaryLine, type SummaryColumns } from './columns.js';
import { AddressTexts } from './address-texts.js';
import { makeResolver } from './resolver.js';
import { addCaptureNames, type HostNames } from '../../dissectors/resolve/host-names.js';
import { loadHostNames } from '../engine/hosts-file.js';
import { etherNameAt } from '../engine/oui.js';
import { ByteOut, textSink } from './byte-out.js';
import { runShardedSummary, shardThreads } from './sharded-summary.js';
import { StandInPass } from './fast-lines.js';
import { fieldsHeader, fieldsRow, invalidFields, needsColumns, selectFieldValues } from './fields-output.js';
import { firstPass, type FirstPass } from './two-pass.js';
import { followAll, followCollector, tapFollows } from './follow-taps.js';
import { ObjectExport } from './export-objects.js';
import { PSML_FINALE, psmlPacket, psmlPreamble } from './psml.js';
import pkg from '../../package.json' with { type: 'json' };
import { emptyFrameMeta, setFrameMeta } from '../../dissectors/capture/frame-meta.js';
import { TreeInterest } from '../../dissectors/core/reduced-tree.js';
import { fieldByName } from '../../dissectors/core/fields.js';
import { GLOSSARY_REPORTS, glossary, type GlossaryReport } from '../../dissectors/output/glossary.js';

export const VERSION: string = pkg.version;

/** Where the CLI writes. */
export interface CliIO {
  stdout(text: string): void;
  /** Standard output as UTF-8 bytes (the sink owns each buffer); without it, text goes to `stdout`. */
  stdoutBytes?(bytes: Uint8Array): void;
  stderr(text: string): void;
  /** Show progress on stderr during long reads (set when stderr is a terminal). */
  progress?: boolean;
  /**
   * Threads for plain summary lines (sharded-summary.ts); default PACKETLOOM_THREADS, else one
   * per core (up to four) for files of 16 MiB and more.
   */
  threads?: number;
}

const PROGRAM = 'packetloom';

/**
 * Exit statuses. A file that cannot be read, or stops early, exits 2 as in tshark; a wrong flag
 * or value also exits 2 (tshark uses 1 there; our issue asks for 2, so scripts see one code for
 * "this command line did not work").
 */
export const EXIT_OK = 0;
export const EXIT_USAGE = 2;
export const EXIT_FILE = 2;

let epipeHandled = false;

function processIO(): CliIO {
  if (!epipeHandled) {
    epipeHandled = true;
    // `packetloom … | head`: a closed pipe ends the output quietly, as it does for tshark.
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  return {
    stdout: (s) => void process.stdout.write(s),
    stdoutBytes: (b) => void process.stdout.write(b),
    stderr: (s) => void process.stderr.write(s),
    progress: process.stderr.isTTY === true,
  };
}

/** Standard output as bytes in large pieces (ByteOut), decoded for an `io` that takes only text. */
function outputOf(io: CliIO): { out: ByteOut; end: () => void } {
  if (io.stdoutBytes) {
    const out = new ByteOut((b) => io.stdoutBytes!(b));
    return { out, end: () => out.flush() };
  }
  const t = textSink((s) => io.stdout(s));
  const out = new ByteOut(t.sink);
  return {
    out,
    end: () => {
      out.flush();
      t.end();
    },
  };
}

/** tshark's message for a file that cannot be read at all, or null when it can be opened. */
function openProblem(path: string): string | null {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return `"${path}" is a directory (folder), not a file.`;
    return null;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return `The file "${path}" doesn't exist.`;
    if (err.code === 'EACCES') return `You don't have permission to read the file "${path}".`;
    return `The file "${path}" could not be opened: ${err.message}.`;
  }
}

function checkOptions(o: CliOptions): string | null {
  if (o.fields.length && o.format === 'text') {
    return 'Output fields were specified with "-e", but "-T fields" or "-T json" was not specified.';
  }
  if (o.format === 'fields' && o.fields.length === 0) return '"-T fields" was specified, but no fields were specified with "-e".';
  if (o.positional.length) {
    return `unexpected argument "${o.positional[0]}" (display and read filters are not supported yet)`;
  }
  const exp = exportProblem(o);
  if (exp) return exp;
  const live = liveProblem(o.live, o.writeFile, o.readFile);
  if (live) return live;
  if (o.twoPass && isLive(o.live)) return '-2 needs a capture file (-r): a live capture is read once, as it arrives';
  if (o.exportObjects && o.exportConversation) return '--export-objects and --export-conversation are two runs: give one of them';
  if (o.twoPass && o.exportConversation) return '-2 with --export-conversation is not needed: the export always shows what the whole capture knows';
  if (['d', 'dd', 'e'].includes(o.time.format) && o.stats.some((st) => st.kind === 'iostat')) return 'invalid -t operand. io,stat only supports -t <r|a|ad|adoy|u|ud|udoy>';
  if (o.readFile === undefined && !isLive(o.live)) return 'no capture file given: use -r <file>, or -i <interface> to capture live (-D lists them)';
  return null;
}

/** `-G [report]`: the field registry in tshark's glossary format (dissectors/output/glossary.ts). */
function printGlossary(report: string | undefined, io: CliIO, err: (line: string) => void): number {
  const r = report ?? 'fields';
  if (r === 'help') {
    io.stdout(`Usage: ${PROGRAM} -G [report]\n\nGlossary table reports:\n${GLOSSARY_HELP}`);
    return EXIT_OK;
  }
  if (!(GLOSSARY_REPORTS as readonly string[]).includes(r)) {
    err(`Invalid "${r}" option for -G flag, enter -G help for more help.`);
    return EXIT_USAGE;
  }
  io.stdout(glossary(r as GlossaryReport));
  return EXIT_OK;
}

const GLOSSARY_HELP = [
  '  -G fields                dump fields glossary and exit',
  '  -G protocols             dump protocols in registration database and exit',
  '  -G values                dump value and true/false strings and exit',
].join('\n') + '\n';

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const err = (line: string) => io.stderr(`${PROGRAM}: ${line}\n`);
  if (argv[0] === '-G') return printGlossary(argv[1], io, err);
  if (argv.includes('-G')) {
    err('-G only valid as first option');
    return EXIT_USAGE;
  }
  let o: CliOptions;
  try {
    o = parseArgs(argv);
  } catch (e) {
    if (e instanceof ArgError) {
      err(`${e.message} (see ${PROGRAM} --help)`);
      return EXIT_USAGE;
    }
    throw e;
  }
  if (o.help) {
    io.stdout(usage(VERSION));
    return EXIT_OK;
  }
  if (o.version) {
    io.stdout(`Packetloom ${VERSION} (tshark-compatible output, checked against TShark 4.0)\n`);
    return EXIT_OK;
  }
  for (const w of o.warnings) err(w);
  const problem = checkOptions(o);
  if (problem) {
    err(problem);
    return EXIT_USAGE;
  }
  const bad = invalidFields(o.fields);
  if (bad.length) {
    io.stderr(`${PROGRAM}: Some fields aren't valid:\n${bad.map((f) => `\t${f}\n`).join('')}`);
    return EXIT_USAGE;
  }
  // -Y: a filter that does not compile is one line with tshark's message, and exit 2.
  let filter: DisplayFilter | null = null;
  if (o.displayFilter !== undefined) {
    const r = compileFilter(o.displayFilter);
    if (!r.ok) {
      err(r.error.message);
      return EXIT_USAGE;
    }
    if (!r.filter.empty) filter = r.filter;
  }
  // -N n: host names from the personal hosts file, the capture's name resolution blocks and, with
  // -N d, its DNS answers (dissectors/resolve/host-names.ts).
  // The table is filled (hosts file, NRBs, DNS answers with d) for -z hosts too, and shown only with n.
  const hosts = o.resolve.network || o.stats.some((st) => st.kind === 'hosts') ? loadHostNames() : undefined;
  if (isLive(o.live)) {
    // Live capture (-i, -D): the same printer as for a file, fed as packets arrive (live.ts).
    // With -w, packets are only written (tshark prints them with -P).
    const printPackets = o.writeFile === undefined || o.printSummary || o.stats.length > 0;
    return runLive({ live: o.live, writeFile: o.writeFile, count: o.count, printPackets }, io, (feed) => run(o, '', io, filter, feed, undefined, hosts), PROGRAM);
  }
  const path = o.readFile!;
  const cannot = openProblem(path);
  if (cannot) {
    err(cannot);
    return EXIT_FILE;
  }
  if (o.exportConversation) {
    const r = exportConversationFile(path, o.exportConversation, o.outputFile, `packetloom ${VERSION}`, o.decodeAs, o.protocols);
    if (r.stdout) io.stdout(r.stdout);
    if (r.error) err(r.error);
    return r.code;
  }
  if (o.twoPass) {
    let first: FirstPass;
    try {
      first = firstPass(path, o.count, o.resolve.mac, o.decodeAs, o.protocols, {
        hosts: hosts && { names: hosts, fromDns: o.resolve.dns, shown: o.resolve.network },
        tcpAbsoluteSeq: o.tcpAbsoluteSeq,
      });
    } catch (e) {
      if (e instanceof CaptureOpenError) {
        if (e.code === 'not-a-capture' && isEmptyFile(path)) return EXIT_OK;
        err(openErrorText(path, e));
        return EXIT_FILE;
      }
      throw e;
    }
    try {
      return await run(o, path, io, filter, undefined, first, hosts);
    } finally {
      first.session.close();
    }
  }
  return run(o, path, io, filter, undefined, undefined, hosts);
}

/** Reads and prints the capture (only the packets `filter` matches); returns the exit status. */
async function run(o: CliOptions, path: string, io: CliIO, filter: DisplayFilter | null = null, feed?: PacketFeed, second?: FirstPass, hosts?: HostNames): Promise<number> {
  const { out, end: flushOut } = outputOf(io);
  // Host names: learned into `hosts`, shown only with -N n.
  const shownHosts = o.resolve.network ? hosts : undefined;
  const resolver = makeResolver(o.resolve, shownHosts);
  const addrs = new AddressTexts(resolver);
  const dissector = new CaptureDissector({
    ...(o.resolve.mac ? { etherName: etherNameAt } : {}),
    ...(shownHosts ? { hostNames: shownHosts } : {}),
    ...(hosts && o.resolve.dns ? { dnsHostNames: hosts } : {}),
    ...(o.tcpAbsoluteSeq ? { tcpAbsoluteSeq: true } : {}),
    decodeAs: o.decodeAs,
    protocols: o.protocols,
  });
  // The capture's name resolution blocks, as the reader meets them (-2: the first pass read them).
  let namesRead = 0;
  const fo = o.fieldOptions;
  const text = o.format === 'text';
  // -w while reading a file: matching packets go to the file; nothing is printed per packet (as tshark).
  let writer: CaptureFileWriter | null = null;
  if (!feed && o.writeFile !== undefined) {
    try {
      writer = new CaptureFileWriter(o.writeFile, o.writeFormat ?? 'pcapng');
    } catch (e) {
      io.stderr(`${PROGRAM}: The file "${o.writeFile}" could not be created: ${(e as Error).message}\n`);
      return EXIT_FILE;
    }
  }
  const quiet = o.quiet || (writer !== null && !o.printSummary);
  const progress = new Progress(io.stderr, feed ? 0 : fileSize(path), !feed && io.progress === true);
  const printSummary = !quiet && text && (o.printSummary || (!o.verbose && !o.hex));
  // -z conv, endpoints, io,phs, expert: accumulators fed with every packet read.
  const taps = new StatTaps(o.stats.filter((st): st is TableStat => st.kind !== 'follow'), second !== undefined, o.time, resolver, hosts && { names: hosts, path });
  dissector.pinfo.expertSink = taps.expertSink();
  // -2: every packet comes from the first pass's session (its packet details), none is dissected here.
  const plain = !second && !o.verbose && !o.hex && taps.empty && !o.stats.some((st) => st.kind === 'follow') && writer === null && !o.states && !o.exportObjects;
  const plainFields = plain && !quiet && o.format === 'fields' && !needsColumns(o.fields);
  // -Y with plain summary lines, or -T fields, on ports, addresses, streams, lengths and flags: no tree per packet (fast-lines.ts).
  const standIn = !feed && plain && ((filter !== null && printSummary) || plainFields) ? StandInPass.for(o.displayFilter, filter, plainFields ? o.fields : [], dissector) : null;
  const needTree = (!quiet && ((o.format !== 'text' && o.format !== 'psml' && standIn === null) || o.verbose || (filter !== null && standIn === null) || o.states)) || taps.needTree || (writer !== null && filter !== null);
  // A tree that only the display filter reads (summary lines, a count, a file written) is reduced
  // to the fields the filter reads, as tshark's is (core/reduced-tree.ts).
  // So is one read only for the filter and the fields of -T fields, as tshark's is too.
  const noTreeOutput = !taps.needTree && !o.verbose && !o.hex && !o.states;
  const forFilterOnly = filter !== null && noTreeOutput && (quiet || o.format === 'text');
  const forFields = noTreeOutput && !quiet && o.format === 'fields';
  const reducedTo = forFilterOnly || forFields ? new TreeInterest([...(filter?.treeFieldIds ?? []), ...(forFields ? fieldIdsOf(o.fields) : [])]) : null;
  const treeMode: boolean | TreeInterest = needTree && reducedTo !== null ? reducedTo : needTree;
  // -2: the session's packet details, reduced the same way (to nothing but protocols when no tree is read).
  const secondTree = reducedTo ?? (!needTree ? new TreeInterest([]) : null);
  // -z follow: collect the followed connections' segments while the packets are read.
  const follows = o.stats.filter((st): st is FollowStat => st.kind === 'follow').map((st) => ({ st, c: followCollector(st) }));
  const untap = follows.length && !second ? tapFollows(follows.map((f) => f.c), (p) => p.ctx === dissector.ctx) : null;
  // --export-objects: the bodies collected while the packets are read, written at the end.
  const objects = o.exportObjects ? new ObjectExport(o.exportObjects.proto, o.exportObjects.dir) : null;
  const untapObjects = objects && !second ? objects.tap((p) => p.ctx === dissector.ctx) : null;
  const columnsForFields = o.format !== 'text' && needsColumns(o.fields);
  // Only summary lines: read in place (records without a `data` view; -x and the taps want one).
  const inPlace = !second && printSummary && !o.verbose && !o.hex && taps.empty && follows.length === 0 && writer === null && !o.states && objects === null;
  const json = !quiet && o.format === 'json' ? new JsonArrayWriter((s) => out.text(s)) : null;
  const protocolFilter: JsonProtocolFilter | null = o.protocolFilter ? { names: new Set(o.protocolFilter), children: o.protocolFilterChildren === true } : null;
  // Plain summary lines of a large file: on several threads, one per flow shard (sharded-summary.ts);
  // not with -l (they come in batches).
  // Not with host names: a name learned from one packet's DNS answer shows on every later line.
  if (!feed && inPlace && filter === null && !o.flushEachPacket && !hosts && !o.tcpAbsoluteSeq) {
    const threads = shardThreads(fileSize(path), io.threads ?? envThreads());
    if (threads > 1) return runSharded(o, path, io, threads, out, flushOut, progress);
  }

  // -T psml: printed even with -q (as tshark 4.0); the preamble once the file opened.
  let psml = o.format === 'psml' ? 0 : -1;
  const psmlStart = () => {
    if (psml === 0) out.text(psmlPreamble(`${PROGRAM}/${VERSION}`));
    psml = 1;
  };
  const psmlEnd = () => {
    if (psml < 0) return;
    psmlStart();
    out.text(PSML_FINALE);
  };

  if (!quiet && o.format === 'fields') {
    if (fo.bom) out.text('\ufeff');
    if (fo.header) out.text(fieldsHeader(o.fields, fo) + '\n');
  }

  let printed = 0;
  const digitsCache = new Map<number, number>();
  const digitsOf = (m: CaptureMeta, id: number) => {
    let d = digitsCache.get(id);
    if (d === undefined) {
      d = tsDigits(m.interfaces[id]?.tsresol ?? (m.precision === 'nsec' ? 9 : 6));
      digitsCache.set(id, d);
    }
    return d;
  };

  let lastMeta: CaptureMeta | null = null;
  const lineMeta = emptyFrameMeta();
  // -2 -Y: the last packet shown (with a time), for the next one's frame.time_delta_displayed.
  let lastShown = -1;
  const onPacket = (rec: PacketRecord, m: CaptureMeta, bytes?: RecordBytes): boolean => {
    lastMeta = m;
    if (hosts && !second && m.names.length > namesRead) namesRead = addCaptureNames(hosts, m.names, namesRead);
    // Plain summary lines reuse one meta object, as the index pass does; otherwise a fresh one per
    // packet (what the taps and trees keep of a packet may point at it).
    const meta = setFrameMeta(inPlace ? lineMeta : emptyFrameMeta(), rec, m);
    // -2: the first pass stopped here (memory); the second pass stops with it.
    if (second && rec.num > second.session.count) return false;
    if (second && filter) second.session.shownBefore = { packet: rec.num - 1, prev: lastShown };
    // Plain summary lines: dissected in place in the reader's chunk (no view per packet).
    const pinfo = second ? second.session.details(rec.num - 1, secondTree)
      : inPlace && bytes ? dissector.dissect(meta, bytes.buf, treeMode, bytes.start, bytes.end) : dissector.dissect(meta, rec.data, treeMode);
    if (!taps.empty) taps.add(pinfo);
    progress.update(rec.num, rec.recordOffset);
    if (standIn) {
      if (inPlace && bytes) standIn.describe(pinfo, meta, bytes.buf, bytes.start, bytes.end);
      else standIn.describe(pinfo, meta, rec.data, 0, rec.data.length);
    }
    const shown = !filter || (quiet && !writer) || (standIn ? standIn.matches() : filter.matches(pinfo.tree, pinfo));
    if (shown && rec.hasTs) lastShown = rec.num - 1;
    if (!shown) {
      dissector.notDisplayed();
      // Not shown, but read: it counts for -c, as in tshark.
      printed++;
      return o.count === undefined || printed < o.count;
    }
    writer?.write(rec, m);
    let cols: SummaryColumns | undefined;
    if (!quiet && columnsForFields) cols = summaryColumns(pinfo, digitsOf(m, rec.interfaceId), addrs, o.time);

    if (psml >= 0) {
      psmlStart();
      out.text(psmlPacket(summaryColumns(pinfo, digitsOf(m, rec.interfaceId), addrs, o.time)));
    } else if (quiet) {
      // -q: nothing per packet.
    } else if (o.format === 'fields') {
      out.text(fieldsRow(selectFieldValues(standIn ? standIn.fieldsTree() : pinfo.tree, o.fields, fo.occurrence, cols), fo) + '\n');
    } else if (o.format === 'ek') {
      const ts = rec.hasTs ? rec.tsSec : 0;
      const ns = rec.hasTs ? rec.tsNsec : 0;
      let doc: string;
      if (o.fields.length) {
        const values = selectFieldValues(pinfo.tree, o.fields, fo.occurrence, cols);
        doc = ekFields(o.fields.map((n, i) => [n, values[i]!] as const), ts, ns);
      } else {
        doc = ekPacket(pinfo.tree, ts, ns, (n) => pinfo.sourceData(n), o.hex, protocolFilter);
      }
      out.text(`${ekIndexLine(ts)}\n${doc}\n`);
    } else if (json) {
      const ts = rec.hasTs ? rec.tsSec : 0;
      if (o.fields.length) {
        const values = selectFieldValues(pinfo.tree, o.fields, fo.occurrence, cols);
        json.element(packetFieldsJson(o.fields.map((n, i) => [n, values[i]!] as const).filter(([, v]) => v.length > 0), ts));
      } else {
        // -x: each item's bytes as a "<name>_raw" member (tshark -x -T json).
        json.element(packetJson(pinfo.tree, ts, 1, o.hex ? (n) => pinfo.sourceData(n) : undefined, protocolFilter));
      }
    } else {
      if (printSummary) {
        writeSummaryLine(out, pinfo, digitsOf(m, rec.interfaceId), addrs, o.states ? statesColumn(pinfo.tree) : '', o.time);
      }
      if (o.verbose) {
        out.text(treeText(pinfo.tree, { resolver, hexForData: !o.hex, sourceData: (n) => pinfo.sourceData(n), ...(o.onlyProtocols ? { onlyProtocols: o.onlyProtocols } : {}) }));
        if (!o.hex) out.text('\n');
      }
      if (o.hex) {
        if (printSummary || o.verbose) out.text('\n');
        const sources: NamedSource[] = [{ name: sourceName('Frame', rec.data.length), data: rec.data }];
        for (const src of pinfo.sources) sources.push({ name: sourceName(src.name, src.data.length), data: src.data });
        out.text(packetHexDump(sources) + '\n');
      }
    }
    printed++;
    if (o.flushEachPacket) out.flush();
    return o.count === undefined || printed < o.count;
  };

  let stop: CaptureFileError | null = null;
  let memoryStop: string | null = null;
  try {
    if (feed) stop = await feed(onPacket, () => out.flush());
    else {
      // A capture too big for the memory there is stops with a line, not a crash of the process.
      const r = readCaptureFile(path, onPacket, undefined, { views: !inPlace, guard: new MemoryGuard(limitsFromEnv(process.env)) });
      stop = r.error;
      if (r.memory) memoryStop = memoryStopMessage(path, r.memory);
      if (second?.stop && !stop) memoryStop = second.stop;
    }
  } catch (e) {
    untap?.();
    untapObjects?.();
    standIn?.close();
    progress.done();
    writer?.close(null);
    flushOut();
    if (e instanceof WriteError) {
      io.stderr(`${PROGRAM}: ${e.message}\n`);
      return EXIT_FILE;
    }
    if (e instanceof CaptureOpenError) {
      if (e.code === 'not-a-capture' && isEmptyFile(path)) {
        // tshark reads a 0-byte file as a capture without packets.
        json?.end();
        psmlEnd();
        flushOut();
        return EXIT_OK;
      }
      io.stderr(`${PROGRAM}: ${openErrorText(path, e)}\n`);
      return EXIT_FILE;
    }
    // A bug, not a property of the file: say so on one line (with where it happened) and stop.
    const where = e instanceof Error && e.stack ? e.stack.split('\n').find((l) => l.includes(' at ')) ?? '' : '';
    io.stderr(`${PROGRAM}: internal error after ${printed} packet(s): ${e instanceof Error ? e.message : String(e)}${where ? ` (${where.trim()})` : ''}\n`);
    return EXIT_FILE;
  }
  json?.end();
  psmlEnd();
  untap?.();
  untapObjects?.();
  if (second && follows.length) followAll(second.session, follows.map((f) => f.c));
  if (second && objects) objects.collectAgain(second.session);
  standIn?.close();
  progress.done();
  writer?.close(lastMeta);
  // tshark draws its taps newest first: the last -z is printed first.
  for (let i = o.stats.length - 1; i >= 0; i--) {
    const st = o.stats[i]!;
    if (st.kind === 'follow') {
      const f = follows.find((x) => x.st === st)!;
      out.text(f.c.text(st.mode));
    } else {
      out.text(taps.text(st));
    }
  }
  flushOut();
  const unsaved = objects?.save() ?? [];
  for (const line of unsaved) io.stderr(`${PROGRAM}: ${line}\n`);
  if (stop || memoryStop) {
    io.stderr(`${PROGRAM}: ${memoryStop ?? stopMessage(path, stop!)}\n`);
    return EXIT_FILE;
  }
  return unsaved.length ? EXIT_FILE : EXIT_OK;
}

/** PACKETLOOM_THREADS: threads for the plain summary lines (1: one thread), else undefined. */
function envThreads(): number | undefined {
  const v = process.env.PACKETLOOM_THREADS;
  if (v === undefined || !/^[0-9]+$/.test(v.trim())) return undefined;
  const n = Number(v);
  return n >= 1 ? n : undefined;
}

/** The plain summary lines of `path` on `threads` threads; the same output and exit status as run(). */
async function runSharded(o: CliOptions, path: string, io: CliIO, threads: number, out: ByteOut, flushOut: () => void, progress: Progress): Promise<number> {
  const r = await runShardedSummary(path, threads, { count: o.count, resolve: o.resolve, time: o.time, decodeAs: o.decodeAs, protocols: o.protocols }, out, progress);
  progress.done();
  flushOut();
  if (r.open) {
    if (r.open.code === 'not-a-capture' && isEmptyFile(path)) return EXIT_OK;
    io.stderr(`${PROGRAM}: ${openErrorText(path, new CaptureOpenError(path, r.open.message, r.open.code))}\n`);
    return EXIT_FILE;
  }
  if (r.internal) {
    io.stderr(`${PROGRAM}: internal error after ${r.packets} packet(s): ${r.internal}\n`);
    return EXIT_FILE;
  }
  if (r.stop) {
    io.stderr(`${PROGRAM}: ${r.stop}\n`);
    return EXIT_FILE;
  }
  return EXIT_OK;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function isEmptyFile(path: string): boolean {
  try {
    return statSync(path).size === 0;
  } catch {
    return false;
  }
}

function openErrorText(path: string, e: CaptureOpenError): string {
  if (e.code === 'not-a-capture') return `The file "${path}" isn't a capture file in a format Packetloom understands.`;
  return e.message;
}

/** Registry ids of the -e fields that name a field or protocol (columns and unknown names have none). */
function fieldIdsOf(names: readonly string[]): number[] {
  const ids: number[] = [];
  for (const n of names) {
    const f = fieldByName(n);
    if (f) ids.push(f.id);
  }
  return ids;
}

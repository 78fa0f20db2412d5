// The pure parts of live capture: the helper's framing and batches, ring-buffer files, link
// types, wire lengths of cut packets, and the CLI's capture flags. No privilege needed.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createReader } from '../../../dissectors/capture/open.js';
import { PcapngWriter } from '../../../dissectors/capture/pcapng-writer.js';
import { CaptureFiles, ringFileName } from '../../../electron/capture/files.js';
import { capUnavailableMessage, classify, linkTypeOf, privilegeMessage, wireLength } from '../../../electron/capture/pcap-info.js';
import { encodeFrame, FRAME_BATCH, FRAME_JSON, FrameReader, jsonFrame, parseBatch } from '../../../electron/capture/protocol.js';
import { optionsProblem } from '../../../electron/capture/client.js';
import { parseArgs } from '../../../electron/cli/args.js';
import { interfaceListText, liveProblem } from '../../../electron/cli/live.js';
import { tmp } from './env.js';

/** One EPB as the helper lays it out (µs timestamp). */
function epb(ifId: number, us: number, data: Uint8Array, origLen = data.length): Uint8Array {
  const padded = (data.length + 3) & ~3;
  const b = Buffer.alloc(32 + padded);
  b.writeUInt32LE(6, 0);
  b.writeUInt32LE(b.length, 4);
  b.writeUInt32LE(ifId, 8);
  b.writeUInt32LE(Math.floor(us / 2 ** 32), 12);
  b.writeUInt32LE(us % 2 ** 32, 16);
  b.writeUInt32LE(data.length, 20);
  b.writeUInt32LE(origLen, 24);
  b.set(data, 28);
  b.writeUInt32LE(b.length, 28 + padded);
  return b;
}

describe('helper framing', () => {
  it('cuts frames out of a stream that arrives in any pieces', () => {
    const got: [number, string][] = [];
    const r = new FrameReader((t, p) => got.push([t, p.toString('hex')]));
    const stream = Buffer.concat([jsonFrame({ t: 'filter-ok' }), encodeFrame(FRAME_BATCH, Uint8Array.of(1, 2, 3)), encodeFrame(FRAME_BATCH, new Uint8Array(0))]);
    for (let i = 0; i < stream.length; i++) expect(r.push(stream.subarray(i, i + 1))).toBeNull();
    expect(got).toEqual([[FRAME_JSON, Buffer.from('{"t":"filter-ok"}').toString('hex')], [FRAME_BATCH, '010203'], [FRAME_BATCH, '']]);
    expect(r.pending).toBe(0);
  });

  it('refuses a frame length that makes no sense', () => {
    const r = new FrameReader(() => undefined);
    const bad = Buffer.alloc(8);
    bad.writeUInt32LE(0xffffffff, 0);
    expect(r.push(bad)).toMatch(/frame of 4294967295 bytes/);
  });

  it('reads a batch of EPBs into packets with their own bytes, and rejects broken ones', () => {
    const a = Uint8Array.of(1, 2, 3, 4, 5);
    const b = new Uint8Array(60).fill(7);
    const batch = Buffer.concat([epb(0, 1_700_000_000_123_456, a), epb(1, 1_700_000_001_000_001, b, 1514)]);
    const pk = parseBatch(batch, [1, 113]);
    expect(typeof pk).not.toBe('string');
    if (typeof pk === 'string') return;
    expect(pk.map((p) => [p.interfaceId, p.linkType, p.tsSec, p.tsNsec, p.origLen, [...p.bytes].length])).toEqual([
      [0, 1, 1_700_000_000, 123_456_000, 5, 5],
      [1, 113, 1_700_000_001, 1000, 1514, 60],
    ]);
    batch[28] = 99; // the packet's bytes are a copy
    expect(pk[0]!.bytes[0]).toBe(1);
    expect(parseBatch(batch.subarray(0, 50), [1, 113])).toMatch(/ends inside a block|bad block/);
    expect(parseBatch(epb(5, 0, a), [1])).toMatch(/unknown interface 5/);
  });
});

describe('capture files and the ring buffer', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  it('names ring files like tshark', () => {
    expect(ringFileName('/x/out.pcapng', 3, new Date(2026, 10, 22, 1, 2, 3))).toBe('/x/out_00003_20261122010203.pcapng');
    expect(ringFileName('/x/cap', 12345, new Date(2026, 0, 1, 0, 0, 0))).toBe('/x/cap_12345_20260101000000');
  });

  it('switches files at the size, keeps only the newest N, and every file opens on its own', () => {
    const t = tmp('ring');
    cleanups.push(t.cleanup);
    const w = new PcapngWriter();
    const header = Buffer.concat([w.header(), w.addInterface({ linkType: 1, tsresol: 6 })]);
    const f = new CaptureFiles(join(t.dir, 'r.pcapng'), header, { filesizeKB: 1, files: 3 });
    f.open();
    const pkt = epb(0, 1_700_000_000_000_000, new Uint8Array(200));
    let switched = 0;
    for (let i = 0; i < 40; i++) {
      f.write(pkt, 1);
      if (f.wantsSwitch(Date.now())) {
        f.next();
        switched++;
      }
    }
    f.close();
    const names = readdirSync(t.dir).sort();
    expect(names.length).toBe(3);
    expect(f.files.map((p) => p.slice(t.dir.length + 1))).toEqual(names);
    expect(f.started).toBe(switched + 1);
    for (const [i, n] of names.entries()) {
      const bytes = readFileSync(join(t.dir, n));
      const r = createReader(new Uint8Array(bytes));
      if (!('push' in r)) throw new Error(r.message);
      r.end();
      let count = 0;
      while (r.next()) count++;
      expect(r.error).toBeNull();
      // The newest file may be just started (tshark switches right after the packet that filled it).
      if (i < names.length - 1) expect(count).toBeGreaterThan(0);
      expect(bytes.length).toBeLessThan(1000 + pkt.length + header.length);
    }
    expect(existsSync(join(t.dir, 'r.pcapng'))).toBe(false);
  });
});

describe('libpcap answers', () => {
  it("maps cap's link type names to LINKTYPE_* values", () => {
    expect(linkTypeOf('ETHERNET')).toBe(1);
    expect(linkTypeOf('LINKTYPE_LINUX_SLL')).toBe(113);
    expect(linkTypeOf('RAW')).toBe(101);
    expect(linkTypeOf('NULL')).toBe(0);
    expect(linkTypeOf('Unknown linktype 276')).toBe(276);
    expect(linkTypeOf('Unknown linktype 12')).toBe(101);
    expect(linkTypeOf('what')).toBeNull();
  });

  it('gives a cut packet its length on the wire from the IP header', () => {
    const eth = new Uint8Array(100);
    eth[12] = 0x08;
    eth[14] = 0x45;
    eth[16] = 0x05;
    eth[17] = 0xdc; // IPv4 total length 1500
    expect(wireLength(1, eth, 100)).toBe(1514);
    const v6 = new Uint8Array(80);
    v6[12] = 0x86;
    v6[13] = 0xdd;
    v6[18] = 0x10;
    v6[19] = 0x00; // payload 4096
    expect(wireLength(1, v6, 80)).toBe(14 + 40 + 4096);
    expect(wireLength(147, v6, 80)).toBe(80);
  });

  it('sorts libpcap errors and names the setcap remedy for a missing privilege', () => {
    const p = classify('eth0', "eth0: You don't have permission to perform this capture on that device (socket: Operation not permitted)");
    expect(p.kind).toBe('privilege');
    expect(p.message).toMatch(/sudo setcap cap_net_raw,cap_net_admin=eip \//);
    expect(p.message).toMatch(/sudo packetloom -i eth0/);
    expect(privilegeMessage('lo', 'x')).toContain('lo');
    expect(classify('nope0', 'No such device exists').kind).toBe('no-device');
  });

  it('says what to install when cap is missing or does not load', () => {
    const missing = Object.assign(new Error("Cannot find module 'cap'"), { code: 'MODULE_NOT_FOUND' });
    expect(capUnavailableMessage(missing)).toMatch(/apt-get install libpcap-dev build-essential.*npm install \(or npm ci\)/);
    expect(capUnavailableMessage(new Error('libpcap.so.0.8: cannot open shared object file'))).toMatch(/apt-get install libpcap0\.8/);
    expect(capUnavailableMessage(new Error('was compiled against a different Node.js version'))).toMatch(/npm rebuild cap/);
  });
});

describe('capture options', () => {
  it('parses -i, -D, -f, -a, -b, -s, -B and -w like tshark', () => {
    const o = parseArgs(['-i', 'lo', '-i', '2', '-f', 'tcp port 80', '-a', 'duration:5', '-a', 'packets:10', '-a', 'filesize:100', '-a', 'files:3',
      '-b', 'filesize:50', '-b', 'files:4', '-b', 'duration:9', '-b', 'packets:7', '-s', '128', '-B', '16', '-w', 'out.pcapng']);
    expect(o.live).toEqual({
      interfaces: ['lo', '2'], list: false, filter: 'tcp port 80', snaplen: 128, bufferMB: 16,
      autostop: { durationSec: 5, packets: 10, filesizeKB: 100, files: 3 },
      ring: { filesizeKB: 50, files: 4, durationSec: 9, packets: 7 },
    });
    expect(o.writeFile).toBe('out.pcapng');
    expect(parseArgs(['-D']).live.list).toBe(true);
    expect(() => parseArgs(['-i', 'lo', '-a', 'bogus:1'])).toThrow('Invalid or unknown -a flag "bogus:1"');
    expect(() => parseArgs(['-i', 'lo', '-a', 'duration:x'])).toThrow('Invalid or unknown -a flag "duration:x"');
    expect(() => parseArgs(['-i', 'lo', '-b', 'size:1'])).toThrow('Invalid or unknown -b arg "size:1"');
  });

  it("refuses what tshark refuses: a ring buffer without -w or without a switch condition, -r with -i", () => {
    const l = (argv: string[]) => {
      const o = parseArgs(argv);
      return liveProblem(o.live, o.writeFile, o.readFile);
    };
    expect(l(['-i', 'lo', '-b', 'filesize:10'])).toBe("Ring buffer requested, but capture isn't being saved to a permanent file.");
    expect(l(['-i', 'lo', '-w', 'x.pcapng', '-b', 'files:3'])).toBe('Ring buffer requested, but no maximum capture file size, duration or number of packets were specified.');
    expect(l(['-i', 'lo', '-r', 'x.pcap'])).toMatch(/Only one of -r and -i/);
    expect(l(['-i', 'lo', '-w', 'x.pcapng', '-b', 'filesize:10', '-b', 'files:2'])).toBeNull();
  });

  it('checks the capture options the engine passes through', () => {
    expect(optionsProblem({ interfaces: [], filter: '' })).toMatch(/No capture interface/);
    expect(optionsProblem({ interfaces: ['lo'], filter: '', stop: { durationSec: -1 } })).toMatch(/duration/);
    expect(optionsProblem({ interfaces: ['lo'], filter: '', ring: { filesizeKB: 0 } })).toMatch(/ring file size/);
    expect(optionsProblem({ interfaces: ['lo'], filter: 'tcp' })).toBeNull();
  });

  it('prints the interface list numbered, as tshark -D', () => {
    expect(interfaceListText([
      { name: 'eth0', addresses: ['10.0.0.1'], up: true, running: true, loopback: false },
      { name: 'lo', description: 'Loopback', addresses: ['127.0.0.1'], up: true, running: true, loopback: true },
    ])).toBe('1. eth0\n2. lo (Loopback)\n');
  });
});

// Live capture on the loopback interface, for real: the capture helper (built from source for
// this run) with libpcap through `cap`, traffic the test itself makes on 127.0.0.1, and the
// write-through file checked with tshark. Needs root and `cap` built: fails, not skips, without.
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureAvailability, CaptureError, checkFilter, listInterfaces, startCapture, type HelperLaunch, type LivePacket } from '../../../electron/capture/client.js';
import { main } from '../../../electron/cli/main.js';
import { buildHelper, collector, requireCaptureEnvironment, tmp, tsharkFields } from './env.js';

let launch: HelperLaunch;
const t = tmp('lo');

beforeAll(async () => {
  requireCaptureEnvironment();
  launch = { helperPath: await buildHelper() };
  // The CLI finds the helper through this variable (tests run from source, not from dist/).
  process.env.PACKETLOOM_CAPTURE_HELPER = launch.helperPath;
}, 60_000);

// Captures made without a path go to a temporary folder of their own, which the helper never
// deletes (a capture is never lost); the tests delete theirs.
const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
  t.cleanup();
  if (launch?.helperPath) rmSync(launch.helperPath, { force: true });
});

/** Sends one UDP datagram to 127.0.0.1:port. */
function udp(port: number, payload: Buffer = Buffer.from('marker')): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket('udp4');
    s.send(payload, port, '127.0.0.1', (e) => {
      s.close();
      if (e) reject(e);
      else resolve();
    });
  });
}

/** A free UDP/TCP port number on 127.0.0.1 (bound and released). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const p = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
}


/** The UDP destination port of an Ethernet/IPv4 packet (or -1). */
function udpDport(p: LivePacket): number {
  const b = p.bytes;
  if (b.length < 38 || b[12] !== 0x08 || b[13] !== 0x00 || b[23] !== 17) return -1;
  const ihl = (b[14]! & 0x0f) * 4;
  return (b[14 + ihl + 2]! << 8) | b[14 + ihl + 3]!;
}

/** A TCP exchange on 127.0.0.1: handshake, "hello" → "world", the client closes, then the server. */
async function tcpExchange(port: number): Promise<void> {
  const server = net.createServer((c) => {
    c.on('data', () => c.write('world'));
    c.on('end', () => c.end());
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  await new Promise<void>((resolve, reject) => {
    const c = net.connect(port, '127.0.0.1', () => c.write('hello'));
    c.on('data', () => c.end());
    c.on('close', () => resolve());
    c.on('error', reject);
  });
  await new Promise<void>((r) => server.close(() => r()));
}

describe('live capture on lo', () => {
  it('lists lo as an up loopback interface with its addresses', async () => {
    const list = await listInterfaces(launch);
    const lo = list.find((d) => d.name === 'lo');
    expect(lo).toMatchObject({ up: true, running: true, loopback: true });
    expect(lo!.addresses).toContain('127.0.0.1');
    expect(list.find((d) => d.name === 'any')).toBeDefined();
    expect(await captureAvailability(launch)).toEqual({ available: true });
    const missing = await captureAvailability({ helperPath: '/nonexistent/capture-helper.js' });
    expect(missing.available).toBe(false);
    expect(missing.reason).toMatch(/capture helper is missing/);
  }, 30_000);

  it("refuses a wrong BPF filter with libpcap's message, and starts nothing", async () => {
    expect(await checkFilter('tcp port 80', 'lo', launch)).toEqual({ ok: true });
    expect(await checkFilter('tcp port 99999', 'lo', launch)).toEqual({ ok: false, kind: 'filter', message: 'illegal port number 99999 > 65535' });
    expect(await checkFilter('tcp and and', 'lo', launch)).toEqual({ ok: false, kind: 'filter', message: "can't parse filter expression: syntax error" });
    const path = join(t.dir, 'never.pcapng');
    const err = await startCapture({ interfaces: ['lo'], filter: 'ip proto nonsense', path }, {}, launch).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaptureError);
    expect((err as CaptureError).kind).toBe('filter');
    expect((err as CaptureError).message).toMatch(/unknown ip proto 'nonsense'/);
    expect(existsSync(path)).toBe(false);
    const noDev = await startCapture({ interfaces: ['nosuchif0'], filter: '', path }, {}, launch).catch((e: unknown) => e);
    expect((noDev as CaptureError).kind).toBe('no-device');
    expect(existsSync(path)).toBe(false);
  }, 60_000);

  it('without the capture privilege, says so and names the setcap remedy', async () => {
    // The helper as "nobody": no CAP_NET_RAW, as for a user who has not been given it.
    const err = await startCapture({ interfaces: ['lo'], filter: '', path: join(t.dir, 'nopriv.pcapng') }, {}, { ...launch, uid: 65534, gid: 65534 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaptureError);
    expect((err as CaptureError).kind).toBe('privilege');
    expect((err as CaptureError).message).toMatch(/You don't have permission to capture on lo/);
    expect((err as CaptureError).message).toMatch(/sudo setcap cap_net_raw,cap_net_admin=eip \/\S*node/);
    expect((err as CaptureError).message).not.toMatch(/\n\s+at /); // no stack trace
  }, 60_000);

  it('captures a TCP exchange, hands it over in batches, and the write-through file opens in tshark with the same packets', async () => {
    const port = await freePort();
    const marker = await freePort();
    const col = collector();
    const cap = await startCapture({ interfaces: ['lo'], filter: `tcp port ${port} or udp port ${marker}` }, { onPackets: (b) => col.onPackets(b) }, launch);
    expect(cap.interfaces).toEqual([{ id: 0, name: 'lo', linkType: 1 }]);
    expect(cap.tempDir).toBeDefined();
    temps.push(cap.tempDir!);
    expect(dirname(cap.path)).toBe(cap.tempDir);
    await tcpExchange(port);
    await udp(marker);
    await col.until((ps) => ps.some((p) => udpDport(p) === marker));
    const s = await cap.stop();
    expect(s.reason).toBe('user');
    expect(s.received).toBe(col.packets.length);
    expect(s.files).toEqual([cap.path]);
    const tcp = col.packets.filter((p) => udpDport(p) !== marker);
    expect(tcp.length).toBeGreaterThanOrEqual(8); // SYN, SYN/ACK, ACK, data, ack/data, FINs, last ACK

    // tshark reads the file: same packets, same lengths, and the TCP flags of a whole connection.
    const rows = await tsharkFields(cap.path, ['frame.len', 'tcp.flags']);
    expect(rows.length).toBe(col.packets.length);
    expect(rows.map((r) => Number(r.split('\t')[0]))).toEqual(col.packets.map((p) => p.origLen));
    const flags = rows.map((r) => r.split('\t')[1]).filter((f) => f);
    expect(flags[0]).toBe('0x0002'); // SYN
    expect(flags[1]).toBe('0x0012'); // SYN, ACK
    expect(flags.filter((f) => (Number(f) & 1) === 1).length).toBe(2); // a FIN each way
    // Packetloom's dissectors read the same file to the same values.
    const ours = await cli(['-r', cap.path, '-T', 'fields', '-e', 'frame.len', '-e', 'tcp.flags']);
    expect(ours.stdout.split('\n').filter((l) => l !== '')).toEqual(rows);
    // Timestamps: in order, and within the test's own time.
    for (let i = 1; i < col.packets.length; i++) {
      const a = col.packets[i - 1]!;
      const b = col.packets[i]!;
      expect(b.tsSec * 1e9 + b.tsNsec).toBeGreaterThanOrEqual(a.tsSec * 1e9 + a.tsNsec);
    }
    expect(Math.abs(col.packets[0]!.tsSec - Date.now() / 1000)).toBeLessThan(120);
  }, 60_000);

  it('stops after N packets (-a packets), after N seconds (-a duration) and at a file size (-a filesize)', async () => {
    const port = await freePort();
    const byPackets = await startCapture({ interfaces: ['lo'], filter: `udp port ${port}`, path: join(t.dir, 'p.pcapng'), stop: { packets: 5 } }, {}, launch);
    for (let i = 0; i < 12; i++) await udp(port);
    const s1 = await byPackets.stopped;
    expect(s1.reason).toBe('packets');
    expect(s1.received).toBe(5);
    expect(await tsharkFields(byPackets.path, ['frame.number'])).toEqual(['1', '2', '3', '4', '5']);

    const byTime = await startCapture({ interfaces: ['lo'], filter: `udp port ${port}`, path: join(t.dir, 'd.pcapng'), stop: { durationSec: 1 } }, {}, launch);
    const s2 = await byTime.stopped;
    expect(s2.reason).toBe('duration');

    const bySize = await startCapture({ interfaces: ['lo'], filter: `udp port ${port}`, path: join(t.dir, 'f.pcapng'), stop: { filesizeKB: 2 } }, {}, launch);
    const big = Buffer.alloc(200);
    let sent = 0;
    while (sent < 100 && bySize.files.length && !(await Promise.race([bySize.stopped.then(() => true), udp(port, big).then(() => false)]))) sent++;
    const s3 = await bySize.stopped;
    expect(s3.reason).toBe('filesize');
    const size = statSync(bySize.path).size;
    expect(size).toBeGreaterThanOrEqual(2000);
    expect(size).toBeLessThan(2000 + 300); // stopped at the packet that reached the size
    expect((await tsharkFields(bySize.path, ['frame.len'])).length).toBe(s3.received);
  }, 60_000);

  it('keeps only snaplen bytes of each packet (-s), with its length on the wire', async () => {
    const port = await freePort();
    const cap = await startCapture({ interfaces: ['lo'], filter: `udp port ${port}`, path: join(t.dir, 's.pcapng'), snaplen: 60, stop: { packets: 2 } }, {}, launch);
    await udp(port, Buffer.alloc(200));
    await udp(port, Buffer.alloc(10));
    await cap.stopped;
    expect(await tsharkFields(cap.path, ['frame.cap_len', 'frame.len'])).toEqual(['60\t242', '52\t52']);
  }, 60_000);

  it('keeps what it wrote when the app dies (stdin closed) and when the helper itself is killed', async () => {
    const port = await freePort();
    // The app going away: the helper sees its stdin end, closes the file and exits.
    const path = join(t.dir, 'orphan.pcapng');
    const rq = { op: 'capture', interfaces: ['lo'], filter: `udp port ${port}`, snaplen: 65535, bufferSize: 8 << 20, path, stop: {}, flushMs: 50 };
    const helper = spawn(process.execPath, [launch.helperPath!, JSON.stringify(rq)], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    helper.stdout.on('data', (d: Buffer) => {
      out += d.toString('latin1');
    });
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (out.includes('"t":"started"')) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
    for (let i = 0; i < 7; i++) await udp(port);
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (existsSync(path) && statSync(path).size > 7 * 40) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
    helper.stdin.destroy();
    const code = await new Promise<number | null>((r) => helper.on('close', (c) => r(c)));
    expect(code).toBe(0);
    expect((await tsharkFields(path, ['udp.dstport'])).length).toBe(7);

    // The helper killed outright: every packet the client had is already in the file.
    const col = collector();
    const cap = await startCapture({ interfaces: ['lo'], filter: `udp port ${port}`, path: join(t.dir, 'killed.pcapng') }, { onPackets: (b) => col.onPackets(b) }, launch);
    for (let i = 0; i < 9; i++) await udp(port);
    await col.until((ps) => ps.length >= 9);
    process.kill(cap.pid, 'SIGKILL');
    const s = await cap.stopped;
    expect(s.reason).toBe('error');
    expect(s.message).toMatch(/killed by SIGKILL.*packets captured so far are in/);
    expect((await tsharkFields(cap.path, ['udp.dstport'])).length).toBe(9);
  }, 60_000);
});

/** Runs the CLI in-process; `onStderr` sees stderr as it comes (to start traffic once capturing). */
async function cli(argv: string[], onStderr?: (all: string) => void): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
      onStderr?.(stderr);
    },
  });
  return { code, stdout, stderr };
}

describe('packetloom -D / -i', () => {
  it('-D lists the interfaces numbered, lo as Loopback', async () => {
    const r = await cli(['-D']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^1\. \S+/);
    expect(r.stdout).toMatch(/^\d+\. lo \(Loopback\)$/m);
  }, 30_000);

  it('-i lo prints live summary lines exactly as -r prints the file, then "N packets captured"', async () => {
    const port = await freePort();
    let started = false;
    const run = cli(['-i', 'lo', '-f', `udp port ${port}`, '-c', '4'], (err) => {
      if (!started && err.includes("Capturing on 'Loopback: lo'")) {
        started = true;
        void (async () => {
          for (let i = 0; i < 6; i++) await udp(port, Buffer.from(`packet ${i}`));
        })();
      }
    });
    const r = await run;
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBe(4);
    expect(lines[0]).toMatch(/^\s+1\s+0\.000000\s+127\.0\.0\.1 → 127\.0\.0\.1\s+UDP 50 \d+ → \d+ Len=8$/);
    expect(r.stderr).toMatch(/^Capturing on 'Loopback: lo'\n4 packets captured\nThe capture is kept in (\S+)\n$/);
    const kept = /kept in (\S+)/.exec(r.stderr)![1]!;
    temps.push(dirname(kept));
    const again = await cli(['-r', kept]);
    expect(again.stdout).toBe(r.stdout);
    // tshark agrees with the kept file.
    expect((await tsharkFields(kept, ['udp.length'])).length).toBe(4);
  }, 60_000);

  it('-i lo writes each summary line out as its packet arrives, not when the capture ends', async () => {
    const port = await freePort();
    let stdout = '';
    let started = false;
    const run = main(['-i', 'lo', '-f', `udp port ${port}`, '-c', '3', '-t', 'ad'], {
      stdout: (s) => {
        stdout += s;
      },
      stderr: (s) => {
        if (!started && s.includes("Capturing on 'Loopback: lo'")) {
          started = true;
          void udp(port, Buffer.from('first'));
        }
      },
    });
    // The first line comes while the capture still runs (it waits for two more packets).
    for (let i = 0; i < 100 && !stdout.includes('\n'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(stdout).toMatch(/^\s+1 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\s+127\.0\.0\.1 → 127\.0\.0\.1\s+UDP 47 \d+ → \d+ Len=5\n$/);
    for (let i = 0; i < 2; i++) await udp(port, Buffer.from('next'));
    expect(await run).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(3);
  }, 60_000);

  it('-w with -b filesize / files keeps a ring of numbered files, each a capture of its own', async () => {
    const port = await freePort();
    const base = join(t.dir, 'ring', 'out.pcapng');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(t.dir, 'ring'));
    let started = false;
    const r = await cli(['-i', 'lo', '-f', `udp port ${port}`, '-w', base, '-b', 'filesize:1', '-b', 'files:3', '-a', 'packets:40'], (err) => {
      if (!started && err.includes('Capturing on')) {
        started = true;
        void (async () => {
          for (let i = 0; i < 40; i++) await udp(port, Buffer.alloc(100));
        })();
      }
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(''); // -w without -P: nothing on stdout, as tshark
    expect(r.stderr).toMatch(/40 packets captured/);
    const names = readdirSync(join(t.dir, 'ring')).sort();
    expect(names.length).toBe(3);
    for (const n of names) expect(n).toMatch(/^out_\d{5}_\d{14}\.pcapng$/);
    const numbers = names.map((n) => Number(n.slice(4, 9)));
    expect(numbers[2]! - numbers[0]!).toBe(2); // the newest three of the ring
    let total = 0;
    for (const n of names) {
      const rows = await tsharkFields(join(t.dir, 'ring', n), ['frame.len']);
      for (const row of rows) expect(row).toBe('142');
      total += rows.length;
    }
    // Each full file: header + 7 packets (7 × 160 B EPBs ≥ 1 kB); the kept ones hold the last packets.
    expect(total).toBeGreaterThan(7);
    expect(total).toBeLessThanOrEqual(21);
  }, 60_000);

  it('a wrong -f is libpcap\'s message and exit status 2', async () => {
    const r = await cli(['-i', 'lo', '-f', 'port 99999']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'packetloom: illegal port number 99999 > 65535\n' });
  }, 30_000);
});

// Live capture in network namespaces the test creates: a veth pair between namespace A (client,
// where the helper captures on eth0) and B (servers), real kernel TCP/IP, traffic the test makes.
// TCP handshake/data/close with the endpoint states, DNS and HTTP to servers in B, and the
// interface disappearing mid-capture. Needs root: fails, not skips, without.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCapture, type HelperLaunch, type LivePacket } from '../../../electron/capture/client.js';
import { main } from '../../../electron/cli/main.js';
import { buildHelper, collector, nsPair, program, requireCaptureEnvironment, tmp, tsharkFields, waitFor, type NsPair } from './env.js';

let helperPath: string;
const t = tmp('netns');
const pairs: NsPair[] = [];

beforeAll(async () => {
  requireCaptureEnvironment();
  helperPath = await buildHelper();
}, 60_000);

afterAll(() => {
  for (const p of pairs) p.cleanup();
  t.cleanup();
  if (helperPath) rmSync(helperPath, { force: true });
});

const NODE = process.execPath;

// Small programs for the namespaces (bounded: each exits on its own or is killed by cleanup()).
const TCP_SERVER = `
import net from 'node:net';
const [host, port] = process.argv.slice(2);
const srv = net.createServer((c) => { c.on('data', () => c.write('world')); c.on('end', () => c.end()); });
srv.listen(Number(port), host, () => console.log('listening'));`;
const TCP_CLIENT = `
import net from 'node:net';
const [host, port] = process.argv.slice(2);
const c = net.connect(Number(port), host, () => c.write('hello'));
c.on('data', () => c.end());
c.on('close', () => process.exit(0));
setTimeout(() => process.exit(3), 10000).unref();`;
const DNS_SERVER = `
import dgram from 'node:dgram';
const [host, answer] = process.argv.slice(2);
const s = dgram.createSocket('udp4');
s.on('message', (q, from) => {
  let o = 12; while (o < q.length && q[o] !== 0) o += q[o] + 1; const qend = o + 5;
  const head = Buffer.from(q.subarray(0, 12)); head.writeUInt16BE(0x8180, 2); head.writeUInt16BE(1, 6);
  const rr = Buffer.alloc(16); rr.writeUInt16BE(0xc00c, 0); rr.writeUInt16BE(1, 2); rr.writeUInt16BE(1, 4); rr.writeUInt32BE(60, 6); rr.writeUInt16BE(4, 10);
  answer.split('.').forEach((x, i) => { rr[12 + i] = Number(x); });
  s.send(Buffer.concat([head, q.subarray(12, qend), rr]), from.port, from.address);
});
s.bind(53, host, () => console.log('listening'));`;
const DNS_CLIENT = `
import dgram from 'node:dgram';
const [server, name] = process.argv.slice(2);
const labels = name.split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)]));
const q = Buffer.concat([Buffer.from([0x4a, 0x7e, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]), ...labels, Buffer.from([0, 0, 1, 0, 1])]);
const s = dgram.createSocket('udp4');
s.on('message', (r) => { console.log('answer ' + [...r.subarray(r.length - 4)].join('.')); s.close(); });
s.send(q, 53, server);
setTimeout(() => process.exit(3), 10000).unref();`;
const HTTP_SERVER = `
import http from 'node:http';
const [host, port] = process.argv.slice(2);
http.createServer((req, res) => { res.setHeader('Content-Type', 'text/plain'); res.end('hello from the namespace\\n'); })
  .listen(Number(port), host, () => console.log('listening'));`;
const HTTP_CLIENT = `
import http from 'node:http';
const [host, port] = process.argv.slice(2);
http.get({ host, port: Number(port), path: '/index.txt', agent: false }, (res) => {
  res.resume(); res.on('end', () => { console.log('status ' + res.statusCode); setTimeout(() => process.exit(0), 100); });
});
setTimeout(() => process.exit(3), 10000).unref();`;
const MARKER = `
import dgram from 'node:dgram';
const s = dgram.createSocket('udp4');
s.send(Buffer.from('marker'), 9999, process.argv[2], () => s.close());`;


const isMarker = (p: LivePacket) => p.bytes.length >= 42 && p.bytes[23] === 17 && p.bytes[36] === 0x27 && p.bytes[37] === 0x0f;

async function cliFields(file: string, fields: string[], filter?: string): Promise<string[]> {
  let out = '';
  const argv = ['-r', file, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])];
  if (filter) argv.push('-Y', filter);
  const code = await main(argv, { stdout: (s) => void (out += s), stderr: () => undefined });
  expect(code).toBe(0);
  return out.split('\n').filter((l) => l !== '');
}

describe('live capture between network namespaces', () => {
  it('captures a TCP handshake, data and close with the right endpoint states, DNS and HTTP, as tshark reads them', async () => {
    const ns = nsPair(97);
    pairs.push(ns);
    const launch: HelperLaunch = { helperPath, prefix: ['ip', 'netns', 'exec', ns.a] };
    const prog = (name: string, src: string) => program(t.dir, name, src);
    const servers = [
      ns.start(ns.b, [NODE, prog('tcp-server.mjs', TCP_SERVER), ns.ipB, '7000']),
      ns.start(ns.b, [NODE, prog('dns-server.mjs', DNS_SERVER), ns.ipB, '10.97.0.53']),
      ns.start(ns.b, [NODE, prog('http-server.mjs', HTTP_SERVER), ns.ipB, '8080']),
    ];
    await Promise.all(servers.map((s) => waitFor(s, 'listening')));

    const col = collector();
    const cap = await startCapture({ interfaces: ['eth0'], filter: '', path: join(t.dir, 'ns.pcapng') }, { onPackets: (b) => col.onPackets(b) }, launch);
    expect(cap.interfaces).toEqual([{ id: 0, name: 'eth0', linkType: 1 }]);
    await ns.exec(ns.a, [NODE, prog('tcp-client.mjs', TCP_CLIENT), ns.ipB, '7000']);
    expect(await ns.exec(ns.a, [NODE, prog('dns-client.mjs', DNS_CLIENT), ns.ipB, 'www.packetloom.test'])).toBe('answer 10.97.0.53\n');
    expect(await ns.exec(ns.a, [NODE, prog('http-client.mjs', HTTP_CLIENT), ns.ipB, '8080'])).toBe('status 200\n');
    // Packets arrive in order: once the marker is here, everything before it is too.
    await ns.exec(ns.a, [NODE, prog('marker.mjs', MARKER), ns.ipB]);
    await col.until((ps) => ps.some(isMarker));
    const s = await cap.stop();
    expect(s.reason).toBe('user');
    expect(s.received).toBe(col.packets.length);

    // The TCP connection to port 7000: every segment, with both endpoints' states after it.
    const tcp = await cliFields(cap.path, ['tcp.flags', 'tcp.len', 'tcp.state.client', 'tcp.state.server'], 'tcp.port == 7000');
    const rows = tcp.map((r) => r.split('\t'));
    expect(rows[0]).toEqual(['0x0002', '0', 'SYN-SENT', 'LISTEN']);
    expect(rows[1]).toEqual(['0x0012', '0', 'ESTABLISHED', 'SYN-RECEIVED']);
    expect(rows[2]).toEqual(['0x0010', '0', 'ESTABLISHED', 'ESTABLISHED']);
    expect(rows.filter((r) => r[1] === '5').length).toBe(2); // "hello" and "world"
    const states = rows.map((r) => `${r[2]}/${r[3]}`);
    // The client closes first: FIN-WAIT-1, then TIME-WAIT once the server's FIN is in (through
    // FIN-WAIT-2 when the server acknowledged separately); the server CLOSE-WAIT → LAST-ACK → CLOSED.
    const fins = rows.map((r, i) => ((Number(r[0]) & 1) === 1 ? i : -1)).filter((i) => i >= 0);
    expect(fins.length).toBe(2);
    expect(states[fins[0]!]).toBe('FIN-WAIT-1/CLOSE-WAIT');
    expect(states[fins[1]!]).toBe('TIME-WAIT/LAST-ACK');
    expect(states.slice(fins[0]! + 1, fins[1]!).every((x) => x === 'FIN-WAIT-2/CLOSE-WAIT')).toBe(true);
    expect(states[states.length - 1]).toBe('TIME-WAIT/CLOSED');
    expect(fins[1]).toBe(rows.length - 2);
    // Each state only moves forward along RFC 9293's diagram.
    const order = ['LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSE-WAIT', 'FIN-WAIT-2', 'CLOSING', 'LAST-ACK', 'TIME-WAIT', 'CLOSED'];
    for (let i = 1; i < rows.length; i++) {
      expect(order.indexOf(rows[i]![2]!)).toBeGreaterThanOrEqual(order.indexOf(rows[i - 1]![2]!));
      expect(order.indexOf(rows[i]![3]!)).toBeGreaterThanOrEqual(order.indexOf(rows[i - 1]![3]!));
    }

    // tshark reads the same file to the same packets and values (DNS and HTTP included).
    const fields = ['frame.len', 'ip.src', 'ip.dst', 'tcp.flags', 'udp.dstport', 'dns.qry.name', 'dns.a', 'http.request.method', 'http.request.uri', 'http.response.code'];
    const theirs = await tsharkFields(cap.path, fields);
    expect(theirs.length).toBe(col.packets.length);
    expect(await cliFields(cap.path, fields)).toEqual(theirs);
    expect(theirs.some((r) => r.includes('www.packetloom.test\t10.97.0.53'))).toBe(true);
    expect(theirs.some((r) => r.includes('GET\t/index.txt'))).toBe(true);
    expect(theirs.some((r) => r.endsWith('\t200'))).toBe(true);
    expect(theirs.map((r) => Number(r.split('\t')[0]))).toEqual(col.packets.map((p) => p.origLen));
  }, 120_000);

  it('ends the capture with a message when its interface disappears, keeping what it captured', async () => {
    const ns = nsPair(96);
    pairs.push(ns);
    const col = collector();
    const cap = await startCapture({ interfaces: ['eth0'], filter: 'icmp', path: join(t.dir, 'gone.pcapng') }, { onPackets: (b) => col.onPackets(b) }, { helperPath, prefix: ['ip', 'netns', 'exec', ns.a] });
    await ns.exec(ns.a, ['ping', '-c', '3', '-i', '0.2', ns.ipB]);
    await col.until((ps) => ps.length >= 6);
    // Deleting one end of a veth pair deletes both: eth0 vanishes under the capture.
    await ns.exec(ns.b, ['ip', 'link', 'del', 'eth0']);
    const s = await cap.stopped;
    expect(s.reason).toBe('interface-gone');
    expect(s.message).toMatch(/The interface eth0 (went down or disappeared|disappeared|went down)/);
    expect((await tsharkFields(cap.path, ['icmp.type'])).length).toBeGreaterThanOrEqual(6);
  }, 60_000);
});

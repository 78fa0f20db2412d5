/**
 * `-z credentials` (dissectors/stats/credentials.ts) against tshark 4.0: every kind of HTTP
 * Authorization header its credentials tap tells apart (test/helpers/credentials-capture.ts), in
 * one pass and with -2, and captures without any. tshark prints a user that is not UTF-8 as its
 * raw bytes; Packetloom's output is UTF-8, with U+FFFD for such a byte (checked apart).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CREDENTIAL_REQUESTS, credentialsCapture } from '../../helpers/credentials-capture.js';
import { runCli } from './run-cli.js';

const TMP = mkdtempSync(join(tmpdir(), 'packetloom-credentials-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const CAPTURE = join(TMP, 'credentials.pcap');
writeFileSync(CAPTURE, credentialsCapture());
const OWN = fileURLToPath(new URL('../../../fixtures/own/', import.meta.url));

const tshark = (args: string[]) => spawnSync('tshark', args, { encoding: 'utf8', env: { ...process.env, HOME: TMP, WIRESHARK_CONFIG_DIR: TMP } }).stdout;

describe('-z credentials against tshark', () => {
  it('lists HTTP Basic users and other Authorization schemes as tshark does, one pass and -2', async () => {
    for (const flags of [[], ['-2'], ['-Y', 'http']]) {
      for (const z of ['credentials', 'credentials,ignored']) {
        const args = [...flags, '-q', '-z', z, '-r', CAPTURE];
        const ours = await runCli(args);
        expect(ours.code).toBe(0);
        expect(ours.stdout, args.join(' ')).toBe(tshark(args));
      }
    }
    const rows = (await runCli(['-q', '-z', 'credentials', '-r', CAPTURE])).stdout.split('\n').filter((l) => /^\d/.test(l));
    expect(rows.map((r) => r.replace(/ +/g, ' ').trim())).toEqual([
      '1 HTTP basic auth user', '2 HTTP basic auth josé', '3 HTTP basic auth', '4 HTTP basic auth nopass', '6 HTTP basic auth spaces',
      '8 HTTP basic auth a', '8 HTTP basic auth second', '9 HTTP header auth n.a.', '10 HTTP header auth n.a.', '16 HTTP basic auth alice',
    ]);
  });

  it('prints the empty table for captures without credentials, and the table after the packets without -q', async () => {
    const own = readdirSync(OWN).filter((n) => /\.pcap(ng)?$/.test(n)).slice(0, 6).map((n) => join(OWN, n));
    for (const file of own) {
      const args = ['-q', '-z', 'credentials', '-r', file];
      expect((await runCli(args)).stdout, file).toBe(tshark(args));
    }
    // (Without the NTLM, Negotiate and Kerberos requests: tshark dissects their tokens, Packetloom shows them as the header's text.)
    const plain = join(TMP, 'plain.pcap');
    writeFileSync(plain, credentialsCapture(CREDENTIAL_REQUESTS.slice(0, 11)));
    const args = ['-z', 'credentials', '-r', plain];
    expect((await runCli(args)).stdout).toBe(tshark(args));
  });

  it('a user that is not UTF-8: U+FFFD for each such byte (tshark: the raw bytes)', async () => {
    const file = join(TMP, 'latin1.pcap');
    writeFileSync(file, credentialsCapture([`GET / HTTP/1.1\r\nAuthorization: Basic ${Buffer.from([0x66, 0xff, 0xfe, 0x3a, 0x78]).toString('base64')}\r\n\r\n`]));
    const row = (await runCli(['-q', '-z', 'credentials', '-r', file])).stdout.split('\n')[3]!;
    expect(row.startsWith('1          HTTP basic auth  f\ufffd\ufffd')).toBe(true);
    expect((await runCli(['-T', 'fields', '-e', 'http.authbasic', '-r', file])).stdout).toBe('f\ufffd\ufffd:x\n');
  });
});

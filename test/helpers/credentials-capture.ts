/**
 * A crafted capture of HTTP requests with every kind of Authorization header Wireshark 4.0's
 * credentials tap tells apart (test/electron/cli/credentials.test.ts shows it to tshark): Basic
 * with a user in ASCII and in UTF-8, an empty user, an empty password, no colon, white space
 * before the base64, base64 cut short, Proxy-Authorization, two requests in one segment, `basic`
 * in lower case and a Bearer token (both "HTTP header auth"), and the schemes it taps nowhere
 * (Digest, NTLM, Negotiate, Kerberos, CitrixAGBasic).
 */
import { CRAFT_EPOCH, pcapOf, tcpFrameWith, type FrameInput } from './tcp-frames.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const get = (header: string) => `GET /secret HTTP/1.1\r\nHost: example.com\r\n${header}\r\n\r\n`;

export const CREDENTIAL_REQUESTS: readonly string[] = [
  get(`Authorization: Basic ${b64('user:pass')}`),
  get(`Authorization: Basic ${b64('josé:pässwörd')}`),
  get(`Proxy-Authorization: Basic ${b64(':emptyuser')}`),
  get(`Authorization: Basic ${b64('nopass:')}`),
  get(`Authorization: Basic ${b64('nocolon')}`),
  get(`Authorization: Basic    ${b64('spaces:before')}`),
  get(`Authorization: Basic ${b64('trunc:x').slice(0, 5)}`),
  get(`Authorization: Basic ${b64('a:b')}`) + get(`Authorization: Basic ${b64('second:request')}`),
  get(`Authorization: basic ${b64('lower:case')}`),
  get('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc'),
  get('Authorization: Digest username="bob", realm="x", nonce="1", uri="/", response="2"'),
  get('Authorization: NTLM TlRMTVNTUAABAAAAB4IIAAAAAAAAAAAAAAAAAAAAAAA='),
  get('Authorization: Negotiate YIIB'),
  get('Authorization: Kerberos YIIB'),
  get(`Authorization: CitrixAGBasic username="${b64('citrix')}"`),
  get(`Authorization: Basic ${b64('alice:s3cr3t:with:colons')}`),
];

export function credentialFrames(requests: readonly string[] = CREDENTIAL_REQUESTS): FrameInput[] {
  return requests.map((p, i) => ({
    tsSec: CRAFT_EPOCH + i,
    tsNsec: 0,
    data: tcpFrameWith({ t: 0, src: '10.0.0.1', dst: '10.0.0.2', sport: 41000 + i, dport: 80, seq: 1, ack: 1, flags: 'PA' }, new TextEncoder().encode(p)),
  }));
}

export function credentialsCapture(requests?: readonly string[]): Uint8Array {
  return pcapOf(credentialFrames(requests));
}

/** dissectors/stats/credentials.ts over decode trees (the CLI's table against tshark: test/electron/cli/credentials.test.ts). */
import { describe, expect, it } from 'vitest';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { Credentials, NO_USER } from '../../../dissectors/stats/credentials.js';
import { credentialFrames } from '../../helpers/credentials-capture.js';

function rows(requests?: readonly string[]) {
  const d = new CaptureDissector({ catchErrors: false });
  const c = new Credentials();
  credentialFrames(requests).forEach((f, i) => {
    const pi = d.dissect({ num: i + 1, tsSec: f.tsSec, tsNsec: f.tsNsec, hasTs: true, linkType: 1, interfaceId: 0, origLen: f.data.length }, f.data, true);
    c.addTree(pi.tree, i + 1);
  });
  return c.rows().map((r) => `${r.packet} ${r.protocol} ${r.username}`);
}

describe('credentials tap', () => {
  it('takes Basic users, names other schemes "n.a.", and skips those Wireshark taps elsewhere', () => {
    expect(rows()).toEqual([
      '1 HTTP basic auth user', '2 HTTP basic auth josé', '3 HTTP basic auth ', '4 HTTP basic auth nopass', '6 HTTP basic auth spaces',
      '8 HTTP basic auth a', '8 HTTP basic auth second', `9 HTTP header auth ${NO_USER}`, `10 HTTP header auth ${NO_USER}`, '16 HTTP basic auth alice',
    ]);
  });

  it('finds nothing in a request without Authorization', () => {
    expect(rows(['GET / HTTP/1.1\r\nHost: x\r\n\r\n'])).toEqual([]);
  });
});

/**
 * `-z credentials` (Wireshark's Tools › Credentials, the "credentials" tap): what packets carry
 * to authenticate, read from their decode trees as Wireshark 4.0's HTTP dissector taps it, for
 * each Authorization or Proxy-Authorization header:
 *   - `Basic …`: its decoded `user:password` (http.authbasic) when it has a colon, the user being
 *     what comes before the first one ("HTTP basic auth");
 *   - NTLM, Negotiate, CitrixAGBasic, Kerberos and Digest: nothing (Wireshark's NTLMSSP
 *     dissector, which Packetloom does not have, taps NTLM's user);
 *   - any other scheme (a Bearer token, `basic` in lower case …): "HTTP header auth" with the user
 *     "n.a." (TAP_CREDENTIALS_PLACEHOLDER).
 * One row per header, in packet order.
 */
import { fieldByName } from '../core/fields.js';
import type { ProtoNode } from '../core/tree.js';

const AUTHORIZATION = fieldByName('http.authorization')!;
const PROXY_AUTHORIZATION = fieldByName('http.proxy_authorization')!;
const AUTH_BASIC = fieldByName('http.authbasic')!;
/** Schemes whose credentials Wireshark's HTTP dissector taps nowhere (checked as its strncmp does). */
const UNTAPPED = ['NTLM ', 'Negotiate ', 'CitrixAGBasic ', 'Kerberos ', 'Digest'];
/** Wireshark's TAP_CREDENTIALS_PLACEHOLDER: a user the protocol does not say. */
export const NO_USER = 'n.a.';

export interface CredentialRow {
  packet: number;
  protocol: string;
  username: string;
  /** What else the protocol says (empty for HTTP). */
  info: string;
}

export class Credentials {
  private readonly list: CredentialRow[] = [];

  /** The credentials in packet `num`'s decode tree. */
  addTree(tree: ProtoNode, num: number): void {
    const walk = (n: ProtoNode): void => {
      if ((n.field === AUTHORIZATION || n.field === PROXY_AUTHORIZATION) && typeof n.value === 'string') this.header(n, n.value, num);
      for (const c of n.children ?? []) walk(c);
    };
    walk(tree);
  }

  private header(n: ProtoNode, value: string, num: number): void {
    if (value.startsWith('Basic ')) {
      const basic = n.children?.find((c) => c.field === AUTH_BASIC);
      const creds = typeof basic?.value === 'string' ? basic.value : '';
      const colon = creds.indexOf(':');
      if (colon >= 0) this.list.push({ packet: num, protocol: 'HTTP basic auth', username: creds.slice(0, colon), info: '' });
      return;
    }
    if (UNTAPPED.some((s) => value.startsWith(s))) return;
    this.list.push({ packet: num, protocol: 'HTTP header auth', username: NO_USER, info: '' });
  }

  rows(): readonly CredentialRow[] {
    return this.list;
  }
}

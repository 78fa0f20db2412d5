/*
 * EDNS(0) options (RFC 6891) in an OPT record's rdata, as Wireshark 4.0 shows them: each option's
 * code, length and data, then what its code means — DAU/DHU/N3U (RFC 6975), Client Subnet (RFC
 * 7871, and its experimental code 20730), COOKIE (RFC 7873), TCP Keepalive (RFC 7828), PADDING
 * (RFC 7830: what DoT and DoH clients add), CHAIN (RFC 7901), Extended DNS Error (RFC 8914).
 *
 *   | code (2) | length (2) | data … | code | length | data … |
 *
 * The loop is Wireshark's to the letter: it counts down what is left of the rdata by what each
 * option's decoder consumed, so an odd option (an Extended DNS Error of 1 byte) reads on from
 * where it stopped, as tshark does.
 */
import { defineExpert } from '../../core/expert.js';
import { defineField } from '../../core/fields.js';
import type { PacketInfo } from '../../core/pinfo.js';
import type { ProtoNode } from '../../core/tree.js';
import { eiTrailingStray, hasStrayAfterNul } from '../../core/string-item.js';
import type { Tvb } from '../../core/tvb.js';
import { asciiItem } from './rdata.js';
import { DNSSEC_ALGORITHMS } from './rdata-dnssec.js';

const OPT_CODES: Record<number, string> = {
  0: 'Reserved', 1: 'LLQ - Long-lived query', 2: 'UL - Update lease', 3: 'NSID - Name Server Identifier',
  4: 'Owner (reserved)', 5: 'DAU - DNSSEC Algorithm Understood (RFC6975)', 6: 'DHU - DS Hash Understood (RFC6975)',
  7: 'N3U - NSEC3 Hash Understood (RFC6975)', 20730: 'Experimental - CSUBNET - Client subnet',
  8: 'CSUBNET - Client subnet', 9: 'EDNS EXPIRE (RFC7314)', 10: 'COOKIE', 11: 'EDNS TCP Keepalive', 12: 'PADDING',
  13: 'CHAIN', 15: 'Extended DNS Error',
};
const O_DAU = 5, O_DHU = 6, O_N3U = 7, O_CLIENT_SUBNET = 8, O_COOKIE = 10, O_TCP_KEEPALIVE = 11, O_PADDING = 12;
const O_CHAIN = 13, O_EXT_ERROR = 15, O_CLIENT_SUBNET_EXP = 20730;

/** RFC 8914's info codes, as Wireshark 4.0 names them (its range string). */
const EXT_ERRORS = [
  'Other Error', 'Unsupported DNSKEY Algorithm', 'Unsupported DS Digest Type', 'Stale Answer', 'Forged Answer',
  'DNSSEC Indeterminate', 'DNSSEC Bogus', 'Signature Expired', 'Signature Not Yet Valid', 'DNSKEY Missing',
  'RRSIGs Missing', 'No Zone Key Bit Set', 'NSEC Missing', 'Cached Error', 'Not Ready', 'Blocked', 'Censored',
  'Filtered', 'Prohibited', 'Stale NXDomain Answer', 'Not Authoritative', 'Not Supported', 'No Reachable Authority',
  'Network Error', 'Invalid Data', 'Signature Expired before Valid', 'Too Early', 'Unsupported NSEC3 Iterations Value',
  'Unable to conform to policy', 'Synthesized',
];

function extErrorName(code: number): string {
  return EXT_ERRORS[code] ?? (code < 49152 ? 'Unassigned' : 'Reserved for Private Use');
}

const UTF8 = new TextDecoder();

const hfOpt = defineField('dns.opt', 'Option', 'none');
const hfOptCode = defineField('dns.opt.code', 'Option Code', 'uint16', { vals: OPT_CODES });
const hfOptLen = defineField('dns.opt.len', 'Option Length', 'uint16');
const hfOptData = defineField('dns.opt.data', 'Option Data', 'bytes');
const hfDau = defineField('dns.opt.dau', 'DAU', 'uint8', { vals: DNSSEC_ALGORITHMS, blurb: 'DNSSEC Algorithm Understood' });
const hfDhu = defineField('dns.opt.dhu', 'DHU', 'uint8', { vals: { 0: 'Reserved digest', 1: 'SHA-1', 2: 'SHA-256', 3: 'GOST R 34.11-94', 4: 'SHA-384' }, blurb: 'DS Hash Understood' });
const hfN3u = defineField('dns.opt.n3u', 'N3U', 'uint8', { vals: { 0: 'Reserved', 1: 'SHA-1' }, blurb: 'NSEC3 Hash Understood' });
const hfClientFamily = defineField('dns.opt.client.family', 'Family', 'uint16', { vals: { 1: 'IPv4', 2: 'IPv6' } });
const hfClientNetmask = defineField('dns.opt.client.netmask', 'Source Netmask', 'uint8');
const hfClientScope = defineField('dns.opt.client.scope', 'Scope Netmask', 'uint8');
const hfClientAddr = defineField('dns.opt.client.addr', 'Client Subnet', 'bytes');
const hfClientAddr4 = defineField('dns.opt.client.addr4', 'Client Subnet', 'ipv4');
const hfClientAddr6 = defineField('dns.opt.client.addr6', 'Client Subnet', 'ipv6');
const hfCookieClient = defineField('dns.opt.cookie.client', 'Client Cookie', 'bytes');
const hfCookieServer = defineField('dns.opt.cookie.server', 'Server Cookie', 'bytes');
const hfKeepaliveTimeout = defineField('dns.opt.edns_tcp_keepalive.timeout', 'Timeout', 'uint16', { blurb: 'an idle timeout value for the TCP connection, specified in units of 100 milliseconds' });
const hfPadding = defineField('dns.opt.padding', 'Padding', 'bytes', { blurb: 'The PADDING octets SHOULD be set to 0x00' });
const hfChainFqdn = defineField('dns.opt.chain.fqdn', 'Closest Trust Point', 'string', { blurb: 'A variable length Fully Qualified Domain Name (FQDN) in DNS wire format of the requested start point of the chain' });
const hfExtErrorCode = defineField('dns.opt.ext_error.info_code', 'Info Code', 'uint16');
const hfExtErrorText = defineField('dns.opt.ext_error.extra_text', 'Extra Text', 'string');
const eiBadLength = defineExpert('dns.rr.opt.bad_length', 'malformed', 'error', 'Length too long for any type of IP address.');
const eiDeprecated = defineExpert('dns.depr.opc', 'protocol', 'warn', 'Deprecated opcode');

/** A bytes item as proto_tree_add_item adds one (an empty one shows `<MISSING>`). */
function bytesItem(t: ProtoNode, f: typeof hfOptData, msg: Tvb, off: number, len: number): void {
  msg.check(off, len);
  if (!t.real) return;
  const n = t.add(f, msg, off, len, msg.bytes(off, len));
  if (len === 0 && n.detailed) n.setLabel(`${f.name}: <MISSING>`);
}

/** The options of an OPT record: `len` bytes of rdata at `off` of the message. */
export function ednsOptions(msg: Tvb, rr: ProtoNode, pinfo: PacketInfo, off: number, len: number): void {
  let o = off;
  let rest = len;
  while (rest > 0) {
    const code = msg.u16(o);
    const optLen = msg.u16(o + 2);
    rest -= 4;
    const opt = rr.add(hfOpt, msg, o, 4 + optLen, null);
    if (opt.detailed) opt.setLabel(`Option: ${OPT_CODES[code] ?? `Unknown (${code})`}`);
    const codeNode = opt.add(hfOptCode, msg, o, 2, code);
    const lenNode = opt.add(hfOptLen, msg, o + 2, 2, optLen);
    o += 4;
    bytesItem(opt, hfOptData, msg, o, optLen);
    switch (code) {
      case O_DAU: case O_DHU: case O_N3U: {
        const f = code === O_DAU ? hfDau : code === O_DHU ? hfDhu : hfN3u;
        for (let i = 0; i < optLen; i++) {
          opt.add(f, msg, o, 1, msg.u8(o));
          o++;
          rest--;
        }
        break;
      }
      case O_CLIENT_SUBNET_EXP: case O_CLIENT_SUBNET: {
        if (code === O_CLIENT_SUBNET_EXP) {
          pinfo.expert(codeNode, eiDeprecated, msg, o - 4, 2, pinfo.wantExpertText ? `Deprecated opcode. Client subnet OPT assigned as ${O_CLIENT_SUBNET}.` : undefined);
        }
        const family = msg.u16(o);
        opt.add(hfClientFamily, msg, o, 2, family);
        opt.add(hfClientNetmask, msg, o + 2, 1, msg.u8(o + 2));
        opt.add(hfClientScope, msg, o + 3, 1, msg.u8(o + 3));
        o += 4;
        // An unsigned short in Wireshark: shorter than 4 wraps round, and anything above 16 is cut.
        let addrLen = (optLen - 4) & 0xffff;
        if (addrLen > 16) {
          pinfo.expert(lenNode, eiBadLength, msg, o - 6, 2);
          addrLen = 16;
        }
        const addr = new Uint8Array(16);
        addr.set(msg.bytes(o, addrLen));
        if (family === 1) {
          opt.add(hfClientAddr4, msg, o, addrLen, ((addr[0]! << 24) | (addr[1]! << 16) | (addr[2]! << 8) | addr[3]!) >>> 0);
        } else if (family === 2) {
          opt.add(hfClientAddr6, msg, o, addrLen, addr);
        } else {
          bytesItem(opt, hfClientAddr, msg, o, (optLen - 4) & 0xffff);
        }
        o += optLen - 4;
        rest -= optLen;
        break;
      }
      case O_COOKIE: {
        bytesItem(opt, hfCookieClient, msg, o, 8);
        o += 8;
        rest -= 8;
        // An unsigned short again: a cookie option under 8 bytes asks for a huge server cookie.
        const serverLen = (optLen - 8) & 0xffff;
        bytesItem(opt, hfCookieServer, msg, o, serverLen);
        o += serverLen;
        rest -= serverLen;
        break;
      }
      case O_TCP_KEEPALIVE:
        if (optLen === 2) opt.add(hfKeepaliveTimeout, msg, o, 2, msg.u16(o));
        o += optLen;
        rest -= optLen;
        break;
      case O_PADDING:
        bytesItem(opt, hfPadding, msg, o, optLen);
        o += optLen;
        rest -= optLen;
        break;
      case O_CHAIN:
        if (optLen) asciiItem(opt, hfChainFqdn, msg, o, optLen, pinfo);
        o += optLen;
        rest -= optLen;
        break;
      case O_EXT_ERROR:
        // Under 2 bytes nothing is read and nothing counted: the next option starts in this one's data.
        if (optLen >= 2) {
          const info = msg.u16(o);
          const n = opt.add(hfExtErrorCode, msg, o, 2, info);
          if (n.detailed) n.setLabel(`Info Code: ${extErrorName(info)} (${info})`);
          o += 2;
          rest -= 2;
          if (optLen > 2) {
            // UTF-8, as a C string: up to a NUL, with the stray-characters note for more after it.
            const b = msg.bytes(o, optLen - 2);
            const nul = b.indexOf(0);
            const t = opt.add(hfExtErrorText, msg, o, optLen - 2, UTF8.decode(nul < 0 ? b : b.subarray(0, nul)));
            if (hasStrayAfterNul(b)) pinfo.expert(t, eiTrailingStray, msg, o, optLen - 2);
            o += optLen - 2;
            rest -= optLen - 2;
          }
        }
        break;
      default:
        o += optLen;
        rest -= optLen;
        break;
    }
  }
}

/*
 * SVCB and HTTPS records (RFC 9460), which browsers ask for beside A and AAAA, as Wireshark 4.0
 * shows them: priority (0 is alias mode), target name, then SvcParams, each labelled in
 * presentation form (`SvcParam: alpn=h2,h3`, `SvcParam: ipv4hint=192.0.2.1`).
 *
 *   | SvcPriority (2) | TargetName | SvcParamKey (2) | length (2) | value … | …
 */
import { formatIPv4Bytes, formatIPv6 } from '../../core/addr.js';
import { base64 } from '../../core/base64.js';
import { defineField } from '../../core/fields.js';
import type { ProtoNode } from '../../core/tree.js';
import { formatText } from './names.js';
import { asciiItem, nameItem, type Rdata, type RdataDecoder } from './rdata.js';

/** Wireshark's dns_svcb_param_key_vals. */
const KEYS: Record<number, string> = {
  0: 'mandatory', 1: 'alpn', 2: 'no-default-alpn', 3: 'port', 4: 'ipv4hint', 5: 'echconfig', 6: 'ipv6hint',
  32769: 'odohconfig', 65535: 'key65535',
};
const K_MANDATORY = 0, K_ALPN = 1, K_NOALPN = 2, K_PORT = 3, K_IPV4HINT = 4, K_ECHCONFIG = 5, K_IPV6HINT = 6, K_ODOHCONFIG = 32769;

const hfPriority = defineField('dns.svcb.svcpriority', 'SvcPriority', 'uint16');
const hfTarget = defineField('dns.svcb.targetname', 'TargetName', 'string');
const hfParamKey = defineField('dns.svcb.svcparam.key', 'SvcParamKey', 'uint16', { vals: KEYS });
const hfParamLength = defineField('dns.svcb.svcparam.value.length', 'SvcParamValue length', 'uint16');
const hfParamValue = defineField('dns.svcb.svcparam.value', 'SvcParamValue', 'bytes');
const hfParam = defineField('dns.svcb.svcparam', 'SvcParam', 'none');
const hfMandatoryKey = defineField('dns.svcb.svcparam.mandatory.key', 'Mandatory key', 'uint16', { vals: KEYS, blurb: 'Mandatory keys in this RR' });
const hfAlpnLength = defineField('dns.svcb.svcparam.alpn.length', 'ALPN length', 'uint8');
const hfAlpn = defineField('dns.svcb.svcparam.alpn', 'ALPN', 'string', { blurb: 'Additional supported protocols' });
const hfPort = defineField('dns.svcb.svcparam.port', 'Port', 'uint16', { blurb: 'Port for alternative endpoint' });
const hfIpv4Hint = defineField('dns.svcb.svcparam.ipv4hint.ip', 'IP', 'ipv4', { blurb: 'IPv4 address hints' });
const hfEchConfig = defineField('dns.svcb.svcparam.echconfig', 'ECHConfig', 'bytes', { blurb: 'Encrypted ClientHello (ECH) infos' });
const hfIpv6Hint = defineField('dns.svcb.svcparam.ipv6hint.ip', 'IP', 'ipv6', { blurb: 'IPv6 address hints' });
const hfOdohConfig = defineField('dns.svcb.svcparam.odohconfig', 'ODoHConfig', 'bytes', { blurb: 'Oblivious DoH keys' });

function keyName(k: number): string {
  return KEYS[k] ?? `key${k}`;
}

/**
 * One SvcParam's item: its label grows as its values are read (Wireshark appends to it, so a long
 * one is cut at its label buffer's size with no "[truncated]" mark).
 */
class ParamLabel {
  constructor(private node: ProtoNode) {}
  append(s: string): void {
    if (this.node.detailed) this.node.appendLabel(s, () => hfParam.name);
  }
}

/** A base64-shown value (echconfig, odohconfig). */
function base64Value(r: Rdata, t: ProtoNode, label: ParamLabel, f: typeof hfEchConfig, off: number, len: number): void {
  const b = r.msg.bytes(off, len);
  const text = base64(b);
  const n = t.add(f, r.msg, off, len, b);
  if (n.detailed) n.setLabel(`${f.name}: ${text}`);
  label.append(`=${text}`);
}

function svcb(r: Rdata): string {
  const { msg, rr, off, len } = r;
  let o = off;
  rr.add(hfPriority, msg, o, 2, msg.u16(o));
  o += 2;
  o += nameItem(r, hfTarget, o);
  while (len > o - off) {
    // Added to the end of the message first, then cut to its length (proto_item_set_len stops
    // at the captured end), so a parameter cut short still shows.
    const t = rr.add(hfParam, msg, o, msg.remaining(o), null);
    const label = new ParamLabel(t);
    const key = msg.u16(o);
    t.add(hfParamKey, msg, o, 2, key);
    const plen = msg.u16(o + 2);
    t.add(hfParamLength, msg, o + 2, 2, plen);
    label.append(`: ${keyName(key)}`);
    t.setLength(Math.min(plen + 4, msg.remaining(o)));
    o += 4;
    switch (key) {
      case K_MANDATORY:
        for (let i = 0; i < plen; i += 2) {
          const k = msg.u16(o);
          t.add(hfMandatoryKey, msg, o, 2, k);
          label.append(`${i === 0 ? '=' : ','}${keyName(k)}`);
          o += 2;
        }
        break;
      case K_ALPN:
        for (let i = 0; i < plen;) {
          const alen = msg.u8(o);
          t.add(hfAlpnLength, msg, o, 1, alen);
          const alpn = asciiItem(t, hfAlpn, msg, o + 1, alen, r.pinfo);
          label.append(`${i === 0 ? '=' : ','}${alpn}`);
          o += 1 + alen;
          i += 1 + alen;
        }
        break;
      case K_NOALPN:
        // Wireshark reads no value here, whatever the length says.
        break;
      case K_PORT: {
        const port = msg.u16(o);
        t.add(hfPort, msg, o, 2, port);
        label.append(`=${port}`);
        o += 2;
        break;
      }
      case K_IPV4HINT:
        for (let i = 0; i < plen; i += 4) {
          msg.check(o, 4);
          t.add(hfIpv4Hint, msg, o, 4);
          label.append(`${i === 0 ? '=' : ','}${formatIPv4Bytes(msg.data, msg.abs(o))}`);
          o += 4;
        }
        break;
      case K_IPV6HINT:
        for (let i = 0; i < plen; i += 16) {
          msg.check(o, 16);
          t.add(hfIpv6Hint, msg, o, 16);
          label.append(`${i === 0 ? '=' : ','}${formatIPv6(msg.data, msg.abs(o))}`);
          o += 16;
        }
        break;
      case K_ECHCONFIG: case K_ODOHCONFIG:
        base64Value(r, t, label, key === K_ECHCONFIG ? hfEchConfig : hfOdohConfig, o, plen);
        o += plen;
        break;
      default:
        if (plen > 0) {
          const b = msg.bytes(o, plen);
          t.add(hfParamValue, msg, o, plen, b);
          label.append(`=${formatText(b, plen)}`);
          o += plen;
        }
        break;
    }
  }
  return '';
}

export const SVCB_RDATA: Readonly<Record<number, RdataDecoder>> = { 64: svcb, 65: svcb };

/*
 * Records that hold addresses of other kinds, as Wireshark 4.0 shows them: WKS (RFC 1035), A6
 * (RFC 2874), X25 and ISDN (RFC 1183), NSAP and NSAP-PTR (RFC 1706), PX (RFC 2163), GPOS (RFC
 * 1712), APL (RFC 3123: address prefix lists), the ILNP records NID, L32, L64 and LP (RFC 6742),
 * EUI48 (RFC 7043) and XPF (a proxy's note of its client's addresses). For most of them
 * Wireshark puts the record's owner in the Info column.
 */
import { formatIPv4Bytes, formatIPv6 } from '../../core/addr.js';
import { defineField } from '../../core/fields.js';
import { IPPROTO_NAMES } from '../ipv4.js';
import { readDnsName } from './names.js';
import { addBytes, asciiItem, nameItem, ownerInfo, type Rdata, type RdataDecoder } from './rdata.js';

const hfX25Length = defineField('dns.x25.length', 'Length', 'uint8');
const hfX25Address = defineField('dns.x25.psdn_address', 'PSDN-Address', 'string');
const hfIsdnLength = defineField('dns.idsn.length', 'Length', 'uint8');
const hfIsdnAddress = defineField('dns.idsn.address', 'ISDN Address', 'string');
const hfIsdnSaLength = defineField('dns.idsn.sa.length', 'Length', 'uint8');
const hfIsdnSa = defineField('dns.idsn.sa.address', 'Sub Address', 'string');
const hfNsap = defineField('dns.nsap.rdata', 'NSAP Data', 'bytes');
const hfNsapPtr = defineField('dns.nsap_ptr.owner', 'Owner', 'string');
const hfPxPreference = defineField('dns.px.preference', 'Preference', 'uint16');
const hfPxMap822 = defineField('dns.px.map822', 'MAP822', 'string');
const hfPxMap400 = defineField('dns.px.map400', 'MAPX400', 'string');
const hfGposLongLen = defineField('dns.gpos.longitude_length', 'Longitude length', 'uint8');
const hfGposLong = defineField('dns.gpos.longitude', 'Longitude', 'string');
const hfGposLatLen = defineField('dns.gpos.latitude_length', 'Latitude length', 'uint8');
const hfGposLat = defineField('dns.gpos.latitude', 'Latitude', 'string');
const hfGposAltLen = defineField('dns.gpos.altitude_length', 'Altitude length', 'uint8');
const hfGposAlt = defineField('dns.gpos.altitude', 'Altitude', 'string');
const hfAplFamily = defineField('dns.apl.address_family', 'Address Family', 'uint16', { vals: { 1: 'IPv4', 2: 'IPv6' } });
const hfAplPrefix = defineField('dns.apl.coded_prefix', 'Prefix Length', 'uint8');
const hfAplNegation = defineField('dns.apl.negation', 'Negation Flag', 'boolean', { bits: 8, mask: 0x80, tfs: ['Yes (!)', 'No (0)'] });
const hfAplAfdLength = defineField('dns.apl.afdlength', 'Address Length', 'uint8', { mask: 0x7f, blurb: 'in octets' });
const hfAplIpv4 = defineField('dns.apl.afdpart.ipv4', 'Address', 'ipv4');
const hfAplIpv6 = defineField('dns.apl.afdpart.ipv6', 'Address', 'ipv6');
const hfAplData = defineField('dns.apl.afdpart.data', 'Address', 'bytes');
const hfNidPreference = defineField('dns.ilnp.nid.preference', 'Preference', 'uint16');
const hfNid = defineField('dns.ilnp.nid', 'NodeID', 'bytes');
const hfL32Preference = defineField('dns.ilnp.l32.preference', 'Preference', 'uint16');
const hfL32 = defineField('dns.ilnp.l32', 'Locator32', 'ipv4');
const hfL64Preference = defineField('dns.ilnp.l64.preference', 'Preference', 'uint16');
const hfL64 = defineField('dns.ilnp.l64', 'Locator64', 'bytes');
const hfLpPreference = defineField('dns.ilnp.lp.preference', 'Preference', 'uint16');
const hfLp = defineField('dns.ilnp.lp', 'Locator FQDN', 'string');
const hfEui48 = defineField('dns.eui48', 'EUI48 Address', 'ether');
const hfEui64 = defineField('dns.eui64', 'EUI64 Address', 'eui64');
const hfXpfVersion = defineField('dns.xpf.ip_version', 'IP Version', 'uint16', { vals: { 0: 'Reserved', 4: 'IPv4', 5: 'ST Datagram', 6: 'IPv6', 7: 'TP/IX', 8: 'PIP', 9: 'TUBA' } });
const hfXpfProtocol = defineField('dns.xpf.protocol', 'Protocol', 'uint8', { vals: new Map(IPPROTO_NAMES.map((n, i) => [i, n])) });
const hfXpfSrc4 = defineField('dns.xpf.source_ipv4', 'IPv4 Source', 'ipv4');
const hfXpfDst4 = defineField('dns.xpf.destination_ipv4', 'IPv4 Destination', 'ipv4');
const hfXpfSrc6 = defineField('dns.xpf.source_ipv6', 'IPv6 Source', 'ipv6');
const hfXpfDst6 = defineField('dns.xpf.destination_ipv6', 'IPv6 Destination', 'ipv6');
const hfXpfSport = defineField('dns.xpf.sport', 'Source port', 'uint16');
const hfXpfDport = defineField('dns.xpf.dport', 'Destination port', 'uint16');
const hfWksAddress = defineField('dns.wks.address', 'Address', 'ipv4');
const hfWksProtocol = defineField('dns.wks.protocol', 'Protocol', 'uint8', { vals: new Map(IPPROTO_NAMES.map((n, i) => [i, n])) });
const hfWksBits = defineField('dns.wks.bits', 'Bits', 'uint8', { base: 'hex' });
const hfA6PrefixLen = defineField('dns.a6.prefix_len', 'Prefix len', 'uint8');
const hfA6Suffix = defineField('dns.a6.address_suffix', 'Address Suffix', 'ipv6');
const hfA6PrefixName = defineField('dns.a6.prefix_name', 'Prefix name', 'string');

function x25(r: Rdata): string {
  const { msg, rr, off, pinfo } = r;
  ownerInfo(r);
  const l = msg.u8(off);
  rr.add(hfX25Length, msg, off, 1, l);
  asciiItem(rr, hfX25Address, msg, off + 1, l, pinfo);
  return '';
}

function isdn(r: Rdata): string {
  const { msg, rr, off, pinfo } = r;
  ownerInfo(r);
  let o = off;
  let rest = r.len;
  const l = msg.u8(o);
  rr.add(hfIsdnLength, msg, o, 1, l);
  o++;
  rest--;
  asciiItem(rr, hfIsdnAddress, msg, o, l, pinfo);
  o += l;
  rest -= l;
  // The subaddress is optional.
  if (rest > 1) {
    const sl = msg.u8(o);
    rr.add(hfIsdnSaLength, msg, o, 1, sl);
    asciiItem(rr, hfIsdnSa, msg, o + 1, sl, pinfo);
  }
  return '';
}

function nsap(r: Rdata): string {
  ownerInfo(r);
  addBytes(r, hfNsap, r.off, r.len);
  return '';
}

function nsapPtr(r: Rdata): string {
  ownerInfo(r);
  nameItem(r, hfNsapPtr, r.off);
  return '';
}

function px(r: Rdata): string {
  const { msg, rr, off } = r;
  ownerInfo(r);
  rr.add(hfPxPreference, msg, off, 2, msg.u16(off));
  const used = nameItem(r, hfPxMap822, off + 2);
  nameItem(r, hfPxMap400, off + 2 + used);
  return '';
}

function gpos(r: Rdata): string {
  const { msg, rr, pinfo } = r;
  ownerInfo(r);
  let o = r.off;
  for (const [fl, fs] of [[hfGposLongLen, hfGposLong], [hfGposLatLen, hfGposLat], [hfGposAltLen, hfGposAlt]] as const) {
    const l = msg.u8(o);
    rr.add(fl, msg, o, 1, l);
    asciiItem(rr, fs, msg, o + 1, l, pinfo);
    o += 1 + l;
  }
  return '';
}

/** APL: items (family, prefix, negation and length, address part) while more than a byte is left. */
function apl(r: Rdata): string {
  const { msg, rr } = r;
  ownerInfo(r);
  let o = r.off;
  let rest = r.len;
  while (rest > 1) {
    const family = msg.u16(o);
    rr.add(hfAplFamily, msg, o, 2, family);
    rr.add(hfAplPrefix, msg, o + 2, 1, msg.u8(o + 2));
    o += 3;
    const b = msg.u8(o);
    const afdLen = b & 0x7f;
    rr.add(hfAplNegation, msg, o, 1);
    rr.add(hfAplAfdLength, msg, o, 1);
    o++;
    rest -= 4;
    // The address part is the leading bytes of the address (the rest are zero).
    msg.check(o, afdLen);
    if (family === 1 && afdLen <= 4) {
      const a = new Uint8Array(4);
      a.set(msg.bytes(o, afdLen));
      rr.add(hfAplIpv4, msg, o, afdLen, ((a[0]! << 24) | (a[1]! << 16) | (a[2]! << 8) | a[3]!) >>> 0);
    } else if (family === 2 && afdLen <= 16) {
      const a = new Uint8Array(16);
      a.set(msg.bytes(o, afdLen));
      rr.add(hfAplIpv6, msg, o, afdLen, a);
    } else {
      addBytes(r, hfAplData, o, afdLen);
    }
    o += afdLen;
    rest -= afdLen;
  }
  return '';
}

function ilnp(pref: typeof hfNidPreference, value: typeof hfNid, len: number): RdataDecoder {
  return (r) => {
    const { msg, rr, off } = r;
    rr.add(pref, msg, off, 2, msg.u16(off));
    msg.check(off + 2, len);
    rr.add(value, msg, off + 2, len, value.type === 'bytes' ? msg.bytes(off + 2, len) : undefined);
    return '';
  };
}

function lp(r: Rdata): string {
  const { msg, rr, off } = r;
  rr.add(hfLpPreference, msg, off, 2, msg.u16(off));
  nameItem(r, hfLp, off + 2);
  return '';
}

function eui48(r: Rdata): string {
  r.msg.check(r.off, 6);
  r.rr.add(hfEui48, r.msg, r.off, 6);
  return '';
}

function eui64(r: Rdata): string {
  r.msg.check(r.off, 8);
  r.rr.add(hfEui64, r.msg, r.off, 8);
  return '';
}

/** WKS (RFC 1035 §3.4.2): an address, a protocol, and a bitmap of its ports (shown per byte). */
function wks(r: Rdata): string {
  const { msg, rr, off, pinfo } = r;
  msg.check(off, 4);
  const addr = formatIPv4Bytes(msg.data, msg.abs(off));
  if (pinfo.wantInfo) pinfo.appendInfo(` ${addr}`);
  r.appendToLabel(`, addr ${addr}`);
  rr.add(hfWksAddress, msg, off, 4);
  const proto = msg.u8(off + 4);
  rr.add(hfWksProtocol, msg, off + 4, 1, proto);
  let o = off + 5;
  let rest = r.len - 5;
  let port = 0;
  // Until exactly 0 is left, as Wireshark's loop (each turn takes a byte; the message's end stops it).
  while (rest !== 0) {
    const bits = msg.u8(o);
    if (bits !== 0) {
      const ports: number[] = [];
      for (let i = 0, mask = 0x80; i < 8; i++, mask >>= 1) if (bits & mask) ports.push(port + i);
      const n = rr.add(hfWksBits, msg, o, 1, bits);
      if (n.detailed) n.setLabel(`Bits: 0x${bits.toString(16).padStart(2, '0')} (${ports.join(', ')})`);
    }
    port += 8;
    o++;
    rest--;
  }
  return '';
}

/** A6 (RFC 2874, obsolete): a prefix length, the address bits after it, and the prefix's name. */
function a6(r: Rdata): string {
  const { msg, rr, off, pinfo } = r;
  const preLen = msg.u8(off);
  const sufLen = (128 - preLen) & 0xffff;
  const octets = sufLen ? Math.floor((sufLen - 1) / 8) + 1 : 0;
  const suffix = new Uint8Array(16);
  // Wireshark's loops: zeros up to 16 − octets, then bytes to the end of the 16 (a prefix length
  // over 128 makes `octets` huge, so all 16 are read).
  const first = Math.max(0, 16 - octets);
  for (let i = first, o = off + 1; i < 16; i++, o++) suffix[i] = msg.u8(o);
  let name = '';
  let used = 0;
  if (preLen > 0) {
    const nm = readDnsName(msg, off + 1 + (16 - first), true);
    name = nm.text;
    used = nm.used;
  }
  const addr = formatIPv6(suffix, 0);
  if (pinfo.wantInfo) pinfo.appendInfo(` ${preLen} ${addr} ${name}`);
  rr.add(hfA6PrefixLen, msg, off, 1, preLen);
  if (sufLen) rr.add(hfA6Suffix, msg, off + 1, octets, suffix);
  // After the suffix item's own length, which a prefix length over 128 makes run past the end.
  if (preLen > 0) {
    msg.check(off + 1 + octets, used);
    rr.add(hfA6PrefixName, msg, off + 1 + octets, used, name);
  }
  return `, addr ${preLen} ${addr} ${name}`;
}

/** XPF (draft-bellis-dnsop-xpf): the original client's addresses and ports, from a proxy. */
function xpf(r: Rdata): string {
  const { msg, rr, off } = r;
  const version = msg.u8(off);
  rr.add(hfXpfVersion, msg, off, 1, version);
  if (version !== 4 && version !== 6) return '';
  const alen = version === 4 ? 4 : 16;
  let o = off + 1;
  rr.add(hfXpfProtocol, msg, o, 1, msg.u8(o));
  o++;
  for (const f of version === 4 ? [hfXpfSrc4, hfXpfDst4] : [hfXpfSrc6, hfXpfDst6]) {
    msg.check(o, alen);
    rr.add(f, msg, o, alen);
    o += alen;
  }
  rr.add(hfXpfSport, msg, o, 2, msg.u16(o));
  rr.add(hfXpfDport, msg, o + 2, 2, msg.u16(o + 2));
  return '';
}

export const ADDRESS_RDATA: Readonly<Record<number, RdataDecoder>> = {
  11: wks,
  19: x25,
  20: isdn,
  22: nsap,
  23: nsapPtr,
  26: px,
  27: gpos,
  38: a6,
  42: apl,
  104: ilnp(hfNidPreference, hfNid, 8),
  105: ilnp(hfL32Preference, hfL32, 4),
  106: ilnp(hfL64Preference, hfL64, 8),
  107: lp,
  108: eui48,
  109: eui64,
  65422: xpf,
};

/*
 * Records about a host and its services, as Wireshark 4.0 shows them: HINFO (RFC 1035 §3.3.2:
 * CPU and OS), LOC (RFC 1876: where it is), NAPTR (RFC 3403: rewrite rules, as SIP uses), SPF
 * (RFC 4408: a mail policy in TXT form).
 *
 *   HINFO  | CPU length | CPU | OS length | OS
 *   LOC    | version | size | horiz pre | vert pre | latitude (4) | longitude (4) | altitude (4)
 *   NAPTR  | order (2) | preference (2) | flags | service | regexp (each length + text) | replacement
 */
import { defineField } from '../../core/fields.js';
import { gFormat } from '../../core/format.js';
import { cString, readDnsName, utf8Cut } from './names.js';
import { addBytes, asciiItem, type Rdata, type RdataDecoder } from './rdata.js';

const hfCpuLength = defineField('dns.hinfo.cpu_length', 'CPU Length', 'uint8');
const hfCpu = defineField('dns.hinfo.cpu', 'CPU', 'string');
const hfOsLength = defineField('dns.hinfo.os_length', 'OS Length', 'uint8');
const hfOs = defineField('dns.hinfo.os', 'OS', 'string');

const hfLocVersion = defineField('dns.loc.version', 'Version', 'uint8');
const hfLocSize = defineField('dns.loc.size', 'Size', 'uint8');
const hfLocHorizPre = defineField('dns.loc.horizontal_precision', 'Horizontal Precision', 'uint8');
const hfLocVertPre = defineField('dns.loc.vertical_precision', 'Vertical Precision', 'uint8');
const hfLocLatitude = defineField('dns.loc.latitude', 'Latitude', 'uint32');
const hfLocLongitude = defineField('dns.loc.longitude', 'Longitude', 'uint32');
const hfLocAltitude = defineField('dns.loc.altitude', 'Altitude', 'uint32');
const hfLocUnknown = defineField('dns.loc.unknown_data', 'Unknown data', 'bytes');

const hfSpfLength = defineField('dns.spf.length', 'SPF Length', 'uint8');
const hfSpf = defineField('dns.spf', 'SPF', 'string');
const hfNaptrOrder = defineField('dns.naptr.order', 'Order', 'uint16');
const hfNaptrPreference = defineField('dns.naptr.preference', 'Preference', 'uint16');
const hfNaptrFlagsLength = defineField('dns.naptr.flags_length', 'Flags Length', 'uint8');
const hfNaptrFlags = defineField('dns.naptr.flags', 'Flags', 'string');
const hfNaptrServiceLength = defineField('dns.naptr.service_length', 'Service Length', 'uint8');
const hfNaptrService = defineField('dns.naptr.service', 'Service', 'string');
const hfNaptrRegexLength = defineField('dns.naptr.regex_length', 'Regex Length', 'uint8');
const hfNaptrRegex = defineField('dns.naptr.regex', 'Regex', 'string');
const hfNaptrReplacementLength = defineField('dns.naptr.replacement_length', 'Replacement Length', 'uint8');
const hfNaptrReplacement = defineField('dns.naptr.replacement', 'Replacement', 'string');

function hinfo(r: Rdata): string {
  const { msg, rr, off, pinfo } = r;
  const cpuLen = msg.u8(off);
  const cpu = cString(msg, off + 1, cpuLen);
  const osOff = off + 1 + cpuLen;
  const osLen = msg.u8(osOff);
  const os = cString(msg, osOff + 1, osLen);
  // Info and label print each with C's %.*s over its byte length.
  const cpuText = utf8Cut(cpu, cpuLen), osText = utf8Cut(os, osLen);
  if (pinfo.wantInfo) pinfo.appendInfo(` ${cpuText} ${osText}`);
  rr.add(hfCpuLength, msg, off, 1, cpuLen);
  asciiItem(rr, hfCpu, msg, off + 1, cpuLen, pinfo);
  rr.add(hfOsLength, msg, osOff, 1, osLen);
  asciiItem(rr, hfOs, msg, osOff + 1, osLen, pinfo);
  return `, CPU ${cpuText}, OS ${osText}`;
}

/** RFC 1876's size and precision byte: mantissa and power of ten, in centimetres; shown in metres. */
function locSize(v: number): string {
  return `${v} (${gFormat(((v >> 4) * 10 ** (v & 0x0f)) / 100)} m)`;
}

/** RFC 1876's angle: thousandths of an arc second from 2^31 (the equator or prime meridian). */
function locAngle(v: number, longitude: boolean): string {
  let angle: number, dir: string;
  if (v < 0x80000000) {
    angle = 0x80000000 - v;
    dir = longitude ? 'W' : 'S';
  } else {
    angle = v - 0x80000000;
    dir = longitude ? 'E' : 'N';
  }
  if (angle > (longitude ? 648000000 : 324000000)) return `${v} (Value out of range)`;
  const tsecs = angle % 1000;
  angle = Math.floor(angle / 1000);
  const secs = angle % 60;
  angle = Math.floor(angle / 60);
  return `${v} (${Math.floor(angle / 60)} deg ${angle % 60} min ${secs}.${String(tsecs).padStart(3, '0')} sec ${dir})`;
}

function loc(r: Rdata): string {
  const { msg, rr, off } = r;
  const version = msg.u8(off);
  rr.add(hfLocVersion, msg, off, 1, version);
  if (version !== 0) {
    addBytes(r, hfLocUnknown, off, r.len);
    return '';
  }
  // One item at a time, as Wireshark adds them: a record cut short keeps what came before.
  const det = rr.detailed;
  const labels: [typeof hfLocSize, number, number, (v: number) => string][] = [
    [hfLocSize, off + 1, 1, (v) => `Size: ${locSize(v)}`],
    [hfLocHorizPre, off + 2, 1, (v) => `Horizontal Precision: ${locSize(v)}`],
    [hfLocVertPre, off + 3, 1, (v) => `Vertical Precision: ${locSize(v)}`],
    [hfLocLatitude, off + 4, 4, (v) => `Latitude: ${locAngle(v, false)}`],
    [hfLocLongitude, off + 8, 4, (v) => `Longitude: ${locAngle(v, true)}`],
    // Centimetres above a base 100,000 m below the WGS 84 ellipsoid (the difference as a 32-bit
    // signed number, as Wireshark computes it).
    [hfLocAltitude, off + 12, 4, (v) => `Altitude: ${v} (${gFormat(((v - 10000000) | 0) / 100)} m)`],
  ];
  for (const [f, o, n, label] of labels) {
    const v = n === 1 ? msg.u8(o) : msg.u32(o);
    const node = rr.add(f, msg, o, n, v);
    if (det) node.setLabel(label(v));
  }
  return '';
}

function naptr(r: Rdata): string {
  const { msg, rr, off, pinfo } = r;
  let o = off;
  const order = msg.u16(o);
  rr.add(hfNaptrOrder, msg, o, 2, order);
  const pref = msg.u16(o + 2);
  rr.add(hfNaptrPreference, msg, o + 2, 2, pref);
  o += 4;
  const strings: string[] = [];
  for (const [fl, fs] of [[hfNaptrFlagsLength, hfNaptrFlags], [hfNaptrServiceLength, hfNaptrService], [hfNaptrRegexLength, hfNaptrRegex]] as const) {
    const l = msg.u8(o);
    rr.add(fl, msg, o, 1, l);
    strings.push(asciiItem(rr, fs, msg, o + 1, l, pinfo));
    o += 1 + l;
  }
  const repl = readDnsName(msg, o, rr.real);
  if (rr.real) {
    rr.addGenerated(hfNaptrReplacementLength, repl.len, msg, o, 0);
    rr.add(hfNaptrReplacement, msg, o, repl.used, repl.text);
  }
  const flags = strings[0]!;
  if (pinfo.wantInfo) pinfo.appendInfo(` ${order} ${pref} ${flags}`);
  return `, order ${order}, preference ${pref}, flags ${flags}`;
}

/**
 * SPF (RFC 4408, obsolete): strings like TXT's. As Wireshark's loop: until the count left is
 * exactly 0, so a length past the rdata reads on into what follows (each turn takes a byte, and
 * the message's end stops it).
 */
function spf(r: Rdata): string {
  const { msg, rr, pinfo } = r;
  let o = r.off;
  let rest = r.len;
  while (rest !== 0) {
    const l = msg.u8(o);
    rr.add(hfSpfLength, msg, o, 1, l);
    asciiItem(rr, hfSpf, msg, o + 1, l, pinfo);
    o += 1 + l;
    rest -= 1 + l;
  }
  return '';
}

export const HOST_RDATA: Readonly<Record<number, RdataDecoder>> = { 13: hinfo, 29: loc, 35: naptr, 99: spf };

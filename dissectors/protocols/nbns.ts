/**
 * NetBIOS Name Service (UDP 137), as Wireshark 4.0's packet-nbt.c shows it: how Windows hosts
 * find each other's names on a LAN (`Name query NB WPAD<00>`), register and release them.
 *
 * The message is laid out like DNS (a 12-byte header, then questions and resource records whose
 * names may use compression pointers), but each name's first label is a NetBIOS name in
 * "first-level encoding": 16 bytes, each written as two letters A–P (one per nibble); the 16th
 * byte is the name's type, shown as `<1d>` and described (`Local Master Browser`).
 *
 * As in Wireshark 4.0 (quirks kept): the ONT (owner node type) of a name's flags is named only
 * for B-node (its value table expects the unshifted bits); an NB record's name in the tree starts
 * one byte after the name; an NBSTAT record counts its number-of-names byte twice when it checks
 * what is left; a record's data that is not used is not skipped.
 *
 * One difference: for the Info column Wireshark reads an NB answer's first address even when the
 * record is shorter than that, so a short record makes tshark's summary line `[Malformed
 * Packet]`, while its -V output (which builds no columns) shows the record. Packetloom always
 * reads it: its tree and its summary line agree (malformed).
 */
import { formatIPv4Bytes, hex2 } from '../core/addr.js';
import type { ProtocolSpec } from '../core/dispatch.js';
import { bitmaskLabel, MISSING_BYTES } from '../core/format.js';
import { defineExpert } from '../core/expert.js';
import { defineField, defineProtocol, type FieldDef } from '../core/fields.js';
import type { PacketInfo } from '../core/pinfo.js';
import { timeSecsText } from '../core/time-text.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { DNS_CLASSES, readDnsName } from './dns.js';

export const proto = defineProtocol('nbns', 'NetBIOS Name Service', 'NBNS', 'application');

const OPCODES: Record<number, string> = {
  0: 'Name query', 5: 'Registration', 6: 'Release', 7: 'Wait for acknowledgment', 8: 'Refresh', 9: 'Refresh (alternate opcode)', 15: 'Multi-homed registration',
};
const RCODES: Record<number, string> = {
  0: 'No error', 1: 'Request was invalidly formatted', 2: 'Server failure', 3: 'Requested name does not exist', 4: 'Request is not implemented',
  5: 'Request was refused', 6: 'Name is owned by another node', 7: 'Name is in conflict',
};
const TYPES: Record<number, string> = { 32: 'NB', 33: 'NBSTAT' };
/** Owner node types, keyed by the unshifted bits (so only B-node resolves: Wireshark 4.0's table). */
const ONT: Record<number, string> = { 0x0000: 'B-node', 0x2000: 'P-node', 0x4000: 'M-node', 0x6000: 'H-node' };
const NAME_TYPES: Record<number, string> = {
  0x00: 'Workstation/Redirector', 0x01: 'Browser', 0x02: 'Workstation/Redirector', 0x03: 'Messenger service/Main name', 0x05: 'Forwarded name',
  0x06: 'RAS Server service', 0x1b: 'Domain Master Browser', 0x1c: 'Domain Controllers', 0x1d: 'Local Master Browser', 0x1e: 'Browser Election Service',
  0x1f: 'Net DDE Service', 0x20: 'Server service', 0x21: 'RAS client service', 0x22: 'Exchange Interchange (MSMail Connector)', 0x23: 'Exchange Store',
  0x24: 'Exchange Directory', 0x2b: 'Lotus Notes Server service', 0x30: 'Modem sharing server service', 0x31: 'Modem sharing client service',
  0x43: 'SMS Clients Remote Control', 0x44: 'SMS Administrators Remote Control Tool', 0x45: 'SMS Clients Remote Chat', 0x46: 'SMS Clients Remote Transfer',
  0x4c: 'DEC Pathworks TCP/IP Service on Windows NT', 0x52: 'DEC Pathworks TCP/IP Service on Windows NT', 0x6a: 'Microsoft Exchange IMC',
  0x87: 'Microsoft Exchange MTA', 0xbe: 'Network Monitor Agent', 0xbf: 'Network Monitor Analyzer',
};

const hfId = defineField('nbns.id', 'Transaction ID', 'uint16', { base: 'hex', blurb: 'Identification of transaction' });
const hfFlags = defineField('nbns.flags', 'Flags', 'uint16', { base: 'hex' });
const F16 = { bits: 16 } as const;
const hfResponse = defineField('nbns.flags.response', 'Response', 'boolean', { ...F16, mask: 0x8000, tfs: ['Message is a response', 'Message is a query'], blurb: 'Is the message a response?' });
const hfOpcode = defineField('nbns.flags.opcode', 'Opcode', 'uint16', { mask: 0x7800, vals: OPCODES, blurb: 'Operation code' });
const hfAuthoritative = defineField('nbns.flags.authoritative', 'Authoritative', 'boolean', { ...F16, mask: 0x0400, tfs: ['Server is an authority for domain', 'Server is not an authority for domain'], blurb: 'Is the server is an authority for the domain?' });
const hfTruncated = defineField('nbns.flags.truncated', 'Truncated', 'boolean', { ...F16, mask: 0x0200, tfs: ['Message is truncated', 'Message is not truncated'], blurb: 'Is the message truncated?' });
const hfRecDesired = defineField('nbns.flags.recdesired', 'Recursion desired', 'boolean', { ...F16, mask: 0x0100, tfs: ['Do query recursively', "Don't do query recursively"], blurb: 'Do query recursively?' });
const hfRecAvail = defineField('nbns.flags.recavail', 'Recursion available', 'boolean', { ...F16, mask: 0x0080, tfs: ['Server can do recursive queries', "Server can't do recursive queries"], blurb: 'Can the server do recursive queries?' });
const hfBroadcast = defineField('nbns.flags.broadcast', 'Broadcast', 'boolean', { ...F16, mask: 0x0010, tfs: ['Broadcast packet', 'Not a broadcast packet'], blurb: 'Is this a broadcast packet?' });
const hfRcode = defineField('nbns.flags.rcode', 'Reply code', 'uint16', { mask: 0x000f, vals: RCODES });
const hfQueries = defineField('nbns.count.queries', 'Questions', 'uint16', { blurb: 'Number of queries in packet' });
const hfAnswers = defineField('nbns.count.answers', 'Answer RRs', 'uint16', { blurb: 'Number of answers in packet' });
const hfAuthRr = defineField('nbns.count.auth_rr', 'Authority RRs', 'uint16', { blurb: 'Number of authoritative records in packet' });
const hfAddRr = defineField('nbns.count.add_rr', 'Additional RRs', 'uint16', { blurb: 'Number of additional records in packet' });
const hfName = defineField('nbns.name', 'Name', 'string');
const hfType = defineField('nbns.type', 'Type', 'uint16', { vals: TYPES });
const hfClass = defineField('nbns.class', 'Class', 'uint16', { vals: DNS_CLASSES });
const hfTtl = defineField('nbns.ttl', 'Time to live', 'uint32');
const hfDataLength = defineField('nbns.data_length', 'Data length', 'uint16');
const hfNbFlags = defineField('nbns.nb_flags', 'Name flags', 'uint16', { base: 'hex' });
const hfNbGroup = defineField('nbns.nb_flags.group', 'Name type', 'boolean', { ...F16, mask: 0x8000, tfs: ['Group name', 'Unique name'] });
const hfNbOnt = defineField('nbns.nb_flags.ont', 'ONT', 'uint16', { mask: 0x6000, vals: ONT });
const hfAddr = defineField('nbns.addr', 'Addr', 'ipv4');
const hfData = defineField('nbns.data', 'Data', 'bytes');
const hfNumberOfNames = defineField('nbns.number_of_names', 'Number of names', 'uint8');
const hfNetbiosName = defineField('nbns.netbios_name', 'Name', 'string');
const hfNameFlags = defineField('nbns.name_flags', 'Name flags', 'uint16', { base: 'hex' });
const YES_NO = ['Yes', 'No'] as const;
const hfNameGroup = defineField('nbns.name_flags.group', 'Name type', 'boolean', { ...F16, mask: 0x8000, tfs: ['Group name', 'Unique name'] });
const hfNameOnt = defineField('nbns.name_flags.ont', 'ONT', 'uint16', { mask: 0x6000, vals: { 0x0000: 'B-node', 0x2000: 'P-node', 0x4000: 'M-node' } });
const hfNameDrg = defineField('nbns.name_flags.drg', 'Name is being deregistered', 'boolean', { ...F16, mask: 0x1000, tfs: YES_NO });
const hfNameCnf = defineField('nbns.name_flags.cnf', 'Name is in conflict', 'boolean', { ...F16, mask: 0x0800, tfs: YES_NO });
const hfNameAct = defineField('nbns.name_flags.act', 'Name is active', 'boolean', { ...F16, mask: 0x0400, tfs: YES_NO });
const hfNamePrm = defineField('nbns.name_flags.prm', 'Permanent node name', 'boolean', { ...F16, mask: 0x0200, tfs: YES_NO });
const hfUnitId = defineField('nbns.unit_id', 'Unit ID', 'ether');
/** The node status statistics after the unit ID: [field, size]. */
const STATS: [FieldDef, number][] = [
  [defineField('nbns.jumpers', 'Jumpers', 'uint8', { base: 'hex' }), 1],
  [defineField('nbns.test_result', 'Test result', 'uint8', { base: 'hex' }), 1],
  [defineField('nbns.version_number', 'Version number', 'uint16', { base: 'hex' }), 2],
  [defineField('nbns.period_of_statistics', 'Period of statistics', 'uint16', { base: 'hex' }), 2],
  [defineField('nbns.num_crcs', 'Number of CRCs', 'uint16'), 2],
  [defineField('nbns.num_alignment_errors', 'Number of alignment errors', 'uint16'), 2],
  [defineField('nbns.num_collisions', 'Number of collisions', 'uint16'), 2],
  [defineField('nbns.num_send_aborts', 'Number of send aborts', 'uint16'), 2],
  [defineField('nbns.num_good_sends', 'Number of good sends', 'uint32'), 4],
  [defineField('nbns.num_good_receives', 'Number of good receives', 'uint32'), 4],
  [defineField('nbns.numretransmits', 'Number of retransmits', 'uint16'), 2],
  [defineField('nbns.num_no_resource_conditions', 'Number of no resource conditions', 'uint16'), 2],
  [defineField('nbns.numcommand_blocks', 'Number of command blocks', 'uint16'), 2],
  [defineField('nbns.numpending_sessions', 'Number of pending sessions', 'uint16'), 2],
  [defineField('nbns.max_num_pending_sessions', 'Max number of pending sessions', 'uint16'), 2],
  [defineField('nbns.max_total_sessions_possible', 'Max total sessions possible', 'uint16'), 2],
  [defineField('nbns.session_data_packet_size', 'Session data packet size', 'uint16'), 2],
];

const eiIncomplete = defineExpert('nbns.incomplete_entry', 'malformed', 'error', 'incomplete entry');

/** A 16-bit flags line's label (core/format.ts bitmaskLabel). */
function flagsLabel(label: string, value: number, fields: readonly FieldDef[]): string {
  return bitmaskLabel(label, value, 4, fields);
}

/** The header flags (a query lists fewer); `rcode`: list the reply code too. */
function headerFlags(t: ProtoNode, tvb: Tvb, off: number, rcode: boolean): void {
  const v = tvb.u16(off);
  const response = (v & 0x8000) !== 0;
  const fields = response
    ? [hfResponse, hfOpcode, hfAuthoritative, hfTruncated, hfRecDesired, hfRecAvail, hfBroadcast, ...(rcode ? [hfRcode] : [])]
    : [hfResponse, hfOpcode, hfTruncated, hfRecDesired, hfBroadcast];
  const n = t.add(hfFlags, tvb, off, 2, v).setLabel(flagsLabel('Flags', v, fields));
  for (const f of fields) n.add(f, tvb, off, 2);
}

interface NbName {
  /** The name as shown, without the type's description. */
  text: string;
  /** The name type (the 16th byte), −1 when the name is not a valid NetBIOS name. */
  type: number;
  /** Bytes the name takes where it was read. */
  used: number;
}

/** process_netbios_name: bytes 0..14 (printable as is, else `<xx>`), trailing spaces trimmed. */
function netbiosName(b: readonly number[], n = 15): string {
  let s = '';
  for (let i = 0; i < n && i < b.length; i++) s += b[i]! >= 0x20 && b[i]! <= 0x7e ? String.fromCharCode(b[i]!) : `<${hex2(b[i]!)}>`;
  const trimmed = s.replace(/ +$/, '');
  // (A name of spaces only stays as it is: the trim finds no other character.)
  return trimmed === '' ? s : trimmed;
}

/** A name at `off`: the DNS-style name, its first label decoded from first-level encoding. */
function readName(msg: Tvb, off: number): NbName {
  const dn = readDnsName(msg, off);
  const full = dn.text;
  const dot = full.indexOf('.');
  const first = dot < 0 ? full : full.slice(0, dot);
  const bytes: number[] = [];
  const illegal = (why: string): NbName => ({ text: `Illegal NetBIOS name (${why})`, type: -1, used: dn.used });
  for (let i = 0; i < first.length || i === 0; i += 2) {
    const c1 = first.charCodeAt(i);
    if (!(c1 >= 65 && c1 <= 90)) return illegal('1st character not between A and Z in first-level encoding');
    if (i + 1 >= first.length) return illegal('odd number of bytes');
    const c2 = first.charCodeAt(i + 1);
    if (!(c2 >= 65 && c2 <= 90)) return illegal('2nd character not between A and Z in first-level encoding');
    if (bytes.length < 16) bytes.push((((c1 - 65) << 4) | (c2 - 65)) & 0xff);
  }
  if (bytes.length < 16) return illegal(`${bytes.length} bytes long`);
  const type = bytes[15]!;
  return { text: `${netbiosName(bytes)}<${hex2(type)}>${dot < 0 ? '' : full.slice(dot)}`, type, used: dn.used };
}

const describe = (type: number) => NAME_TYPES[type] ?? 'Unknown';
const typeText = (type: number) => TYPES[type] ?? 'Unknown';
const classText = (cls: number) => DNS_CLASSES[cls] ?? 'Unknown';

function question(msg: Tvb, pinfo: PacketInfo, t: ProtoNode, off: number, response: boolean): number {
  const nm = readName(msg, off);
  const type = msg.u16(off + nm.used);
  const cls = msg.u16(off + nm.used + 2);
  if (!response && pinfo.wantInfo) pinfo.appendInfo(` ${typeText(type)} ${nm.text}`);
  const q = t.addText(msg, off, nm.used + 4, `${nm.text}: type ${typeText(type)}, class ${classText(cls)}`);
  q.add(hfName, msg, off, nm.used, nm.text).setLabel(`Name: ${nm.text}${nm.type >= 0 ? ` (${describe(nm.type)})` : ''}`);
  q.add(hfType, msg, off + nm.used, 2, type);
  q.add(hfClass, msg, off + nm.used + 2, 2, cls);
  return off + nm.used + 4;
}

/** One resource record; returns the offset after what was parsed (unused data is not skipped). */
function record(msg: Tvb, pinfo: PacketInfo, t: ProtoNode, off: number, opcode: number, inAnswers: boolean): number {
  const nm = readName(msg, off);
  let at = off + nm.used;
  const type = msg.u16(at);
  const cls = msg.u16(at + 2);
  const ttl = msg.u32(at + 4);
  let dataLen = msg.u16(at + 8);
  const r = t.addText(msg, off, nm.used + 10 + dataLen, `${nm.text}: type ${typeText(type)}, class ${classText(cls)}`);
  const nameText = type === 32 ? `${nm.text} (${describe(nm.type)})` : nm.text;
  r.add(hfName, msg, off + 1, nm.used - 1, nameText).setLabel(`Name: ${nameText}`);
  r.add(hfType, msg, at, 2, type);
  r.add(hfClass, msg, at + 2, 2, cls);
  r.add(hfTtl, msg, at + 4, 4, ttl).setLabel(`Time to live: ${timeSecsText(ttl | 0)}`);
  r.add(hfDataLength, msg, at + 8, 2, dataLen);
  at += 10;
  if (type === 32) {
    if (inAnswers && opcode !== 7) {
      // The first address, read whatever the data length says (as Wireshark does).
      const first = msg.bytes(at + 2, 4);
      if (pinfo.wantInfo) pinfo.appendInfo(` NB ${formatIPv4Bytes(first, 0)}`);
    }
    while (dataLen > 0) {
      if (dataLen < 2) return incomplete(pinfo, r, msg, at, dataLen);
      if (opcode === 7) {
        headerFlags(r, msg, at, false);
        at += 2;
        dataLen -= 2;
        continue;
      }
      const f = msg.u16(at);
      const ont = ONT[f & 0x6000]!;
      const n = r.add(hfNbFlags, msg, at, 2, f).setLabel(`${flagsLabel('Name flags', f, [hfNbGroup, hfNbOnt])} (${ont}, ${f & 0x8000 ? 'group' : 'unique'})`);
      n.add(hfNbGroup, msg, at, 2);
      n.add(hfNbOnt, msg, at, 2);
      at += 2;
      dataLen -= 2;
      if (dataLen < 4) return incomplete(pinfo, r, msg, at, dataLen);
      r.add(hfAddr, msg, at, 4, msg.u32(at));
      at += 4;
      dataLen -= 4;
    }
    return at;
  }
  if (type === 33) {
    if (inAnswers && pinfo.wantInfo) pinfo.appendInfo(' NBSTAT');
    if (dataLen < 1) return incomplete(pinfo, r, msg, at, dataLen);
    const count = msg.u8(at);
    r.add(hfNumberOfNames, msg, at, 1, count);
    at += 1;
    // (Wireshark 4.0 does not count the byte just read.)
    for (let i = 0; i < count; i++) {
      if (dataLen < 16) return incomplete(pinfo, r, msg, at, dataLen);
      const raw = Array.from(msg.bytes(at, 16));
      const name = netbiosName(raw, Math.min(15, nm.used - 1));
      r.add(hfNetbiosName, msg, at, 16, name).setLabel(`Name: ${name}<${hex2(raw[15]!)}> (${describe(raw[15]!)})`);
      at += 16;
      dataLen -= 16;
      if (dataLen < 2) return incomplete(pinfo, r, msg, at, dataLen);
      const f = msg.u16(at);
      const fields = [hfNameGroup, hfNameOnt, hfNameDrg, hfNameCnf, hfNameAct, hfNamePrm];
      const n = r.add(hfNameFlags, msg, at, 2, f).setLabel(flagsLabel('Name flags', f, fields));
      for (const h of fields) n.add(h, msg, at, 2);
      at += 2;
      dataLen -= 2;
    }
    if (dataLen < 6) return incomplete(pinfo, r, msg, at, dataLen);
    r.add(hfUnitId, msg, at, 6, msg.bytes(at, 6));
    at += 6;
    dataLen -= 6;
    for (const [f, size] of STATS) {
      if (dataLen < size) return incomplete(pinfo, r, msg, at, dataLen);
      r.add(f, msg, at, size, size === 1 ? msg.u8(at) : size === 2 ? msg.u16(at) : msg.u32(at));
      at += size;
      dataLen -= size;
    }
    return at;
  }
  if (inAnswers && pinfo.wantInfo) pinfo.appendInfo(' Unknown');
  r.add(hfData, msg, at, dataLen, dataLen === 0 ? MISSING_BYTES : msg.bytes(at, dataLen));
  return at + dataLen;
}

/** "incomplete entry" over what the record says is left (past the message's end: malformed after it). */
function incomplete(pinfo: PacketInfo, r: ProtoNode, msg: Tvb, at: number, left: number): number {
  pinfo.expert(r.addText(msg, at, left, 'incomplete entry'), eiIncomplete, msg, at, left);
  msg.check(at, left);
  return at;
}

export const nbns: ProtocolSpec = {
  proto,
  bind: [['udp.port', 137]],
  dissect(tvb, pinfo, tree) {
    pinfo.setProtocol('NBNS');
    pinfo.setInfo('');
    const id = tvb.u16(0);
    const flags = tvb.u16(2);
    const response = (flags & 0x8000) !== 0;
    const opcode = (flags >> 11) & 0xf;
    const rcode = flags & 0xf;
    if (pinfo.wantInfo) {
      pinfo.setInfo(`${OPCODES[opcode] ?? `Unknown operation (${opcode})`}${response ? ' response' : ''}`);
      if (response && rcode !== 0) pinfo.appendInfo(`, ${RCODES[rcode] ?? 'Unknown error'}`);
    }
    const t = tree.addProto(proto, tvb, 0, tvb.length);
    t.add(hfId, tvb, 0, 2, id);
    headerFlags(t, tvb, 2, true);
    const counts = [hfQueries, hfAnswers, hfAuthRr, hfAddRr].map((f, i) => {
      const n = tvb.u16(4 + 2 * i);
      t.add(f, tvb, 4 + 2 * i, 2, n);
      return n;
    });
    let off = 12;
    if (counts[0]! > 0) {
      const q = t.addText(tvb, off, 0, 'Queries');
      const start = off;
      for (let i = 0; i < counts[0]!; i++) off = question(tvb, pinfo, q, off, response);
      q.setLength(off - start);
    }
    const sections = ['Answers', 'Authoritative nameservers', 'Additional records'];
    for (let s = 0; s < 3; s++) {
      const n = counts[s + 1]!;
      if (n === 0) continue;
      const sec = t.addText(tvb, off, 0, sections[s]!);
      const start = off;
      for (let i = 0; i < n; i++) off = record(tvb, pinfo, sec, off, opcode, s === 0 && response);
      sec.setLength(off - start);
    }
  },
};

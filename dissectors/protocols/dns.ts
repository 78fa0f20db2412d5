/*
 * DNS (RFC 1035) over UDP port 53, with mDNS (5353) and LLMNR (5355), as Wireshark 4.0's
 * packet-dns.c shows them: header and flags, the four sections, rdata of the common types, EDNS
 * OPT, name compression with its loop and length guards (dns/names.ts), and the Info column
 * (`Standard query response 0x1a2b A example.com A 93.184.216.34`). The rdata of the types beyond
 * RFC 1035 (HTTPS/SVCB, DNSSEC, CAA, TLSA, LOC …) is decoded in dns/rdata-*.ts, one table line
 * per type in RDATA.
 *
 *   0       2       4       6       8       10      12
 *   +-------+-------+-------+-------+-------+-------+------------------------------
 *   | ID    | flags | QD    | AN    | NS    | AR    | questions, answers, authority, additional …
 *
 * `dissectDnsMessage` decodes one message from a Tvb that starts at its ID. Over TCP (port 53)
 * each message has a 2-byte length prefix (RFC 1035 4.2.2); several may share a segment and one
 * may span segments: tcpDissectPdus (dissectors/tcp/desegment.ts) splits and reassembles them.
 *
 * Queries and responses are paired per conversation (UDP: the two endpoints; TCP: the stream) and
 * transaction ID, in one pass, as Wireshark 4.0 does: a response shows dns.response_to and
 * dns.time; one without a query dns.unsolicited; a query repeated within 5 s before any response,
 * or a second response, dns.retransmission with dns.retransmit_request_in / _response_in (and an
 * expert item on the transaction ID). dns.response_in needs knowledge of the future: like tshark's
 * single pass it is not shown. Messages quoted in ICMP errors are not paired.
 */
import { type ProtocolSpec } from '../core/dispatch.js';
import { defineExpert } from '../core/expert.js';
import { defineField, defineFieldAgain, defineProtocol, type ProtocolDef } from '../core/fields.js';
import { formatIPv4Bytes, formatIPv6, hex2 } from '../core/addr.js';
import { bitPattern } from '../core/format.js';
import type { PacketInfo } from '../core/pinfo.js';
import { NodeFlags, type ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { notePdu, tcpDissectPdus } from '../tcp/desegment.js';
import { udpStreamOf } from '../udp/conversations.js';
import { proto as udpProto } from './udp.js';
import { DnsTransactions } from './dns/transactions.js';
import { timeSecsText } from '../core/time-text.js';
import { lastNameHost, newDnsMessage, readDnsName } from './dns/names.js';
import { DNS_TYPE_DESCRIPTIONS, DNS_TYPE_NAMES } from './dns/types.js';
import { asciiItem, type RdataDecoder } from './dns/rdata.js';
import { ednsOptions } from './dns/edns-options.js';
import { ADDRESS_RDATA } from './dns/rdata-addresses.js';
import { DNSSEC_RDATA } from './dns/rdata-dnssec.js';
import { HOST_RDATA } from './dns/rdata-host.js';
import { NAME_RDATA } from './dns/rdata-names.js';
import { PKI_RDATA } from './dns/rdata-pki.js';
import { SVCB_RDATA } from './dns/rdata-svcb.js';
import { TRANSACTION_RDATA } from './dns/rdata-transaction.js';
import { WINS_RDATA } from './dns/rdata-wins.js';

export { formatText, readDnsName, type DnsName } from './dns/names.js';
export { DNS_TYPE_DESCRIPTIONS, DNS_TYPE_NAMES } from './dns/types.js';

export const proto = defineProtocol('dns', 'Domain Name System', 'DNS', 'application');
// Short name as Wireshark registers it (`-z expert`, [Malformed Packet: mDNS]); the Protocol column says MDNS.
export const protoMdns = defineProtocol('mdns', 'Multicast Domain Name System', 'mDNS', 'application');
export const protoLlmnr = defineProtocol('llmnr', 'Link-local Multicast Name Resolution', 'LLMNR', 'application');


export const DNS_CLASSES: Record<number, string> = { 1: 'IN', 2: 'CS', 3: 'CH', 4: 'HS', 254: 'NONE', 255: 'ANY' };
export const DNS_OPCODES: Record<number, string> = {
  0: 'Standard query', 1: 'Inverse query', 2: 'Server status request', 4: 'Zone change notification',
  5: 'Dynamic update', 6: 'DNS Stateful operations (DSO)',
};
export const DNS_RCODES: Record<number, string> = {
  0: 'No error', 1: 'Format error', 2: 'Server failure', 3: 'No such name', 4: 'Not implemented', 5: 'Refused',
  6: 'Name exists', 7: 'RRset exists', 8: 'RRset does not exist', 9: 'Not authoritative', 10: 'Name out of zone',
  11: 'DSO-Type not implemented', 16: 'Bad OPT Version or TSIG Signature Failure', 17: 'Key not recognized',
  18: 'Signature out of time window', 19: 'Bad TKEY Mode', 20: 'Duplicate key name', 21: 'Algorithm not supported',
  22: 'Bad Truncation', 23: 'Bad/missing Server Cookie',
};
const T_A = 1, T_NS = 2, T_CNAME = 5, T_SOA = 6, T_PTR = 12, T_MX = 15, T_TXT = 16, T_AAAA = 28, T_SRV = 33;
const T_OPT = 41, T_NSEC = 47;
const OPCODE_UPDATE = 5;

/** Decoders of the record types beyond RFC 1035's, by type (dissectors/protocols/dns/rdata-*.ts). */
const RDATA: Readonly<Record<number, RdataDecoder>> = { ...ADDRESS_RDATA, ...DNSSEC_RDATA, ...HOST_RDATA, ...NAME_RDATA, ...PKI_RDATA, ...SVCB_RDATA, ...TRANSACTION_RDATA, ...WINS_RDATA };

const hfId = defineField('dns.id', 'Transaction ID', 'uint16', { base: 'hex', blurb: 'Identification of transaction' });
const hfFlags = defineField('dns.flags', 'Flags', 'uint16', { base: 'hex' });
const F16 = { bits: 16 };
const hfResponse = defineField('dns.flags.response', 'Response', 'boolean', { ...F16, mask: 0x8000, tfs: ['Message is a response', 'Message is a query'], blurb: 'Is the message a response?' });
const hfOpcode = defineField('dns.flags.opcode', 'Opcode', 'uint16', { mask: 0x7800, vals: DNS_OPCODES, blurb: 'Operation code' });
const hfAuthoritative = defineField('dns.flags.authoritative', 'Authoritative', 'boolean', { ...F16, mask: 0x0400, tfs: ['Server is an authority for domain', 'Server is not an authority for domain'], blurb: 'Is the server is an authority for the domain?' });
const hfConflict = defineField('dns.flags.conflict', 'Conflict', 'boolean', { ...F16, mask: 0x0400, tfs: ['The sender received multiple responses', 'None'], blurb: 'Did we receive multiple responses to a query?' });
/** LLMNR's conflict bit in a response (Wireshark registers the name twice, one meaning each way). */
const hfConflictResponse = defineFieldAgain('dns.flags.conflict', 'Conflict', 'boolean', { ...F16, mask: 0x0400, tfs: ['The name is not considered unique', 'The name is considered unique'], blurb: 'Is the name considered unique?' });
const hfTruncated = defineField('dns.flags.truncated', 'Truncated', 'boolean', { ...F16, mask: 0x0200, tfs: ['Message is truncated', 'Message is not truncated'], blurb: 'Is the message truncated?' });
const hfRecDesired = defineField('dns.flags.recdesired', 'Recursion desired', 'boolean', { ...F16, mask: 0x0100, tfs: ['Do query recursively', "Don't do query recursively"], blurb: 'Do query recursively?' });
const hfTentative = defineField('dns.flags.tentative', 'Tentative', 'boolean', { ...F16, mask: 0x0100, tfs: ['Tentative', 'Not tentative'], blurb: 'Is the responder authoritative for the name, but not yet verified the uniqueness?' });
const hfRecAvail = defineField('dns.flags.recavail', 'Recursion available', 'boolean', { ...F16, mask: 0x0080, tfs: ['Server can do recursive queries', "Server can't do recursive queries"], blurb: 'Can the server do recursive queries?' });
const hfZ = defineField('dns.flags.z', 'Z', 'boolean', { ...F16, mask: 0x0040, tfs: ['reserved - incorrect!', 'reserved (0)'], blurb: 'Z flag' });
const hfAuthenticated = defineField('dns.flags.authenticated', 'Answer authenticated', 'boolean', { ...F16, mask: 0x0020, tfs: ['Answer/authority portion was authenticated by the server', 'Answer/authority portion was not authenticated by the server'], blurb: 'Was the reply data authenticated by the server?' });
const hfCheckDisable = defineField('dns.flags.checkdisable', 'Non-authenticated data', 'boolean', { ...F16, mask: 0x0010, tfs: ['Acceptable', 'Unacceptable'], blurb: 'Is non-authenticated data acceptable?' });
const hfRcode = defineField('dns.flags.rcode', 'Reply code', 'uint16', { mask: 0x000f, vals: DNS_RCODES });
const hfCountQueries = defineField('dns.count.queries', 'Questions', 'uint16', { blurb: 'Number of queries in packet' });
const hfCountZones = defineField('dns.count.zones', 'Zones', 'uint16', { blurb: 'Number of zones in packet' });
const hfCountAnswers = defineField('dns.count.answers', 'Answer RRs', 'uint16', { blurb: 'Number of answers in packet' });
const hfCountPrereq = defineField('dns.count.prerequisites', 'Prerequisites', 'uint16', { blurb: 'Number of prerequisites in packet' });
const hfCountAuth = defineField('dns.count.auth_rr', 'Authority RRs', 'uint16', { blurb: 'Number of authoritative records in packet' });
const hfCountUpdates = defineField('dns.count.updates', 'Updates', 'uint16', { blurb: 'Number of updates records in packet' });
const hfCountAdd = defineField('dns.count.add_rr', 'Additional RRs', 'uint16', { blurb: 'Number of additional records in packet' });
const hfQryName = defineField('dns.qry.name', 'Name', 'string', { blurb: 'Query Name' });
const hfQryNameLen = defineField('dns.qry.name.len', 'Name Length', 'uint16', { blurb: 'Query Name Len' });
const hfCountLabels = defineField('dns.count.labels', 'Label Count', 'uint16', { blurb: 'Query Label Count' });
const hfQryType = defineField('dns.qry.type', 'Type', 'uint16', { vals: DNS_TYPE_DESCRIPTIONS, blurb: 'Query Type' });
const hfQryClass = defineField('dns.qry.class', 'Class', 'uint16', { base: 'hex', vals: DNS_CLASSES, blurb: 'Query Class' });
const hfQryClassMdns = defineField('dns.qry.class', 'Class', 'uint16', { base: 'hex', vals: DNS_CLASSES });
const hfQryQu = defineField('dns.qry.qu', '"QU" question', 'boolean', { ...F16, mask: 0x8000, tfs: ['True', 'False'], blurb: 'QU flag' });
const hfRespName = defineField('dns.resp.name', 'Name', 'string', { blurb: 'Response Name' });
const hfRespType = defineField('dns.resp.type', 'Type', 'uint16', { vals: DNS_TYPE_DESCRIPTIONS, blurb: 'Response Type' });
const hfRespClass = defineField('dns.resp.class', 'Class', 'uint16', { base: 'hex', vals: DNS_CLASSES, blurb: 'Response Class' });
const hfCacheFlush = defineField('dns.resp.cache_flush', 'Cache flush', 'boolean', { ...F16, mask: 0x8000, tfs: ['True', 'False'], blurb: 'Cache flush flag' });
const hfTtl = defineField('dns.resp.ttl', 'Time to live', 'uint32', { blurb: 'Response TTL' });
const hfRdLen = defineField('dns.resp.len', 'Data length', 'uint16', { blurb: 'Response Length' });
const hfA = defineField('dns.a', 'Address', 'ipv4', { blurb: 'Response Address' });
const hfAaaa = defineField('dns.aaaa', 'AAAA Address', 'ipv6', { blurb: 'AAAA Response Address' });
const hfCname = defineField('dns.cname', 'CNAME', 'string', { blurb: 'Response Primary Name' });
const hfNs = defineField('dns.ns', 'Name Server', 'string');
const hfPtr = defineField('dns.ptr.domain_name', 'Domain Name', 'string');
const hfMxPref = defineField('dns.mx.preference', 'Preference', 'uint16');
const hfMxExchange = defineField('dns.mx.mail_exchange', 'Mail Exchange', 'string');
const hfTxtLen = defineField('dns.txt.length', 'TXT Length', 'uint8');
const hfTxt = defineField('dns.txt', 'TXT', 'string');
const hfSoaMname = defineField('dns.soa.mname', 'Primary name server', 'string');
const hfSoaRname = defineField('dns.soa.rname', "Responsible authority's mailbox", 'string');
const hfSoaSerial = defineField('dns.soa.serial_number', 'Serial Number', 'uint32');
const hfSoaRefresh = defineField('dns.soa.refresh_interval', 'Refresh Interval', 'uint32');
const hfSoaRetry = defineField('dns.soa.retry_interval', 'Retry Interval', 'uint32');
const hfSoaExpire = defineField('dns.soa.expire_limit', 'Expire limit', 'uint32');
const hfSoaMinimum = defineField('dns.soa.minimum_ttl', 'Minimum TTL', 'uint32');
/** The SOA's four intervals, each shown with its duration in words. */
const SOA_INTERVALS = [hfSoaRefresh, hfSoaRetry, hfSoaExpire, hfSoaMinimum];
const hfSrvService = defineField('dns.srv.service', 'Service', 'string', { blurb: 'Desired service' });
const hfSrvProto = defineField('dns.srv.proto', 'Protocol', 'string', { blurb: 'Desired protocol' });
const hfSrvName = defineField('dns.srv.name', 'Name', 'string', { blurb: 'Domain this resource record refers to' });
const hfSrvPriority = defineField('dns.srv.priority', 'Priority', 'uint16');
const hfSrvWeight = defineField('dns.srv.weight', 'Weight', 'uint16');
const hfSrvPort = defineField('dns.srv.port', 'Port', 'uint16');
const hfSrvTarget = defineField('dns.srv.target', 'Target', 'string');
const hfNsecNext = defineField('dns.nsec.next_domain_name', 'Next Domain Name', 'string');
const hfUdpPayload = defineField('dns.rr.udp_payload_size', 'UDP payload size', 'uint16');
const hfUdpPayloadMdns = defineField('dns.rr.udp_payload_size_mdns', 'UDP payload size', 'uint16', { base: 'hex', mask: 0x7fff });
const hfExtRcode = defineField('dns.resp.ext_rcode', 'Higher bits in extended RCODE', 'uint8', { base: 'hex' });
const hfEdnsVersion = defineField('dns.resp.edns0_version', 'EDNS0 version', 'uint8');
const hfZField = defineField('dns.resp.z', 'Z', 'uint16', { base: 'hex' });
const hfZDo = defineField('dns.resp.z.do', 'DO bit', 'boolean', { ...F16, mask: 0x8000, tfs: ['Accepts DNSSEC security RRs', 'Cannot handle DNSSEC security RRs'], blurb: 'DNSSEC OK' });
const hfZReserved = defineField('dns.resp.z.reserved', 'Reserved', 'uint16', { base: 'hex', mask: 0x7fff });
const hfData = defineField('dns.data', 'Data', 'bytes');
const eiUndecodedType = defineExpert('dns.undecoded.type', 'undecoded', 'note', 'Undecoded option');
const hfExtraneous = defineField('dns.extraneous.data', 'Extraneous Data Bytes', 'bytes');
const hfExtraneousLen = defineField('dns.extraneous.length', 'Extraneous Data Length', 'int32');
const eiExtraneous = defineExpert('dns.extraneous', 'undecoded', 'note', 'Extraneous data');
/**
 * The record types Wireshark 4.0's DNS dissector has a case for (from tshark on every type
 * number): another type's rdata gets 'Dissector for DNS Type (n) code not implemented'.
 */
const WS_DECODED_TYPES: ReadonlySet<number> = new Set([
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 33, 35, 36, 37,
  38, 39, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 55, 59, 60, 61, 62, 63, 64, 65, 99, 104, 105, 106, 107, 108, 109, 249,
  250, 257, 32769, 65281, 65282, 65422,
]);
const eiTtlNegative = defineExpert('dns.ttl.high_bit_set', 'protocol', 'warn', 'The uppermost bit of the TTL is set (RFC 2181, section 8)');
const hfLength = defineField('dns.length', 'Length', 'uint16', { blurb: 'Length of DNS-over-TCP request or response' });
const hfResponseIn = defineField('dns.response_in', 'Response In', 'framenum', { blurb: 'The response to this DNS query is in this frame' });
const hfResponseTo = defineField('dns.response_to', 'Request In', 'framenum', { blurb: 'This is a response to the DNS query in this frame' });
const hfTime = defineField('dns.time', 'Time', 'rel_time', { unit: ' seconds', blurb: 'The time between the Query and the Response' });
const hfUnsolicited = defineField('dns.unsolicited', 'Unsolicited', 'boolean', { tfs: ['True', 'False'], blurb: 'This is an unsolicited response' });
const hfRetransmission = defineField('dns.retransmission', 'Retransmission', 'boolean', { tfs: ['True', 'False'], blurb: 'This is a retransmission' });
const hfRetransmitRequestIn = defineField('dns.retransmit_request_in', 'Retransmitted request. Original request in', 'framenum', { blurb: 'This is a retransmitted DNS query' });
const hfRetransmitResponseIn = defineField('dns.retransmit_response_in', 'Retransmitted response. Original response in', 'framenum', { blurb: 'This is a retransmitted DNS response' });
const eiRetransmitRequest = defineExpert('dns.retransmit_request', 'protocol', 'warn', 'DNS query retransmission');
const eiRetransmitResponse = defineExpert('dns.retransmit_response', 'protocol', 'warn', 'DNS response retransmission');

// The dissector of Wireshark 4.0 registers mDNS's class field as `dns.qry.class` too; keep one id.
void hfQryClassMdns;

/** Which protocol a message is read as (changes flags, class bits and names). */
export type DnsVariant = 'dns' | 'mdns' | 'llmnr';

const PROTOS: Record<DnsVariant, ProtocolDef> = { dns: proto, mdns: protoMdns, llmnr: protoLlmnr };
const COLUMNS: Record<DnsVariant, string> = { dns: 'DNS', mdns: 'MDNS', llmnr: 'LLMNR' };

/** The number of labels Wireshark counts: dots plus one, for names longer than one character. */
function labelCount(text: string, len: number): number {
  if (len <= 1) return 0;
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x2e) n++;
  return n;
}

function typeName(t: number): string {
  return DNS_TYPE_NAMES[t] ?? `Unknown (${t})`;
}

/** ` A`, ` AAAA` …: a type's Info text, made once per type rather than once per record. */
const SPACED_TYPE_NAMES: Record<number, string> = {};
for (const k of Object.keys(DNS_TYPE_NAMES)) SPACED_TYPE_NAMES[Number(k)] = ` ${DNS_TYPE_NAMES[Number(k)]}`;

function spacedTypeName(t: number): string {
  return SPACED_TYPE_NAMES[t] ?? ` ${typeName(t)}`;
}

function className(c: number): string {
  return DNS_CLASSES[c] ?? 'Unknown';
}

/** Set by dissectQueries: a question asked AXFR or IXFR (a zone transfer, answered by many messages). */
let queriesAskTransfer = false;
const T_IXFR = 251, T_AXFR = 252;

/** Decodes the questions at `off`; returns the offset after them. */
function dissectQueries(msg: Tvb, off: number, count: number, pinfo: PacketInfo, tree: ProtoNode, variant: DnsVariant, title: string): number {
  const start = off;
  let sect = tree;
  // Wireshark adds the section to the end of the message (length -1), which needs a byte left.
  msg.check(off, 1);
  if (tree.real) sect = tree.addText(msg, off, 0, title);
  for (let i = 0; i < count; i++) {
    const qStart = off;
    const wantInfo = pinfo.wantInfo;
    const nm = readDnsName(msg, off, wantInfo || tree.real);
    const text = nm.text, nlen = nm.len, used = nm.used;
    off += used;
    const type = msg.u16(off);
    let cls = msg.u16(off + 2);
    off += 4;
    if (type === T_AXFR || type === T_IXFR) queriesAskTransfer = true;
    let qu = 0;
    if (variant === 'mdns') {
      qu = cls & 0x8000;
      cls &= 0x7fff;
    }
    const tn = wantInfo || sect.real ? typeName(type) : '';
    if (wantInfo) {
      pinfo.appendInfo(` ${tn} ${text}`);
      if (variant === 'mdns') pinfo.appendInfo(qu ? ', "QU" question' : ', "QM" question');
    }
    if (sect.real) {
      // The text item's label only in a full tree (a reduced one drops text items).
      let label = '';
      if (sect.detailed) {
        label = `${text}: type ${tn}, class ${className(cls)}`;
        if (variant === 'mdns') label += qu ? ', "QU" question' : ', "QM" question';
      }
      // A formatted label (proto_tree_add_subtree_format): tshark 4.0 cuts a long one at its
      // buffer's end with no "[truncated]" mark, as appended text.
      const q = sect.addText(msg, qStart, off - qStart, label).setFlags(NodeFlags.LabelAppended);
      q.add(hfQryName, msg, qStart, used, text);
      q.addGenerated(hfQryNameLen, nlen > 1 ? nlen : 0, msg, qStart, used);
      q.addGenerated(hfCountLabels, labelCount(text, nlen), msg, qStart, used);
      q.add(hfQryType, msg, qStart + used, 2, type);
      const cn = q.add(hfQryClass, msg, qStart + used + 2, 2, cls);
      if (variant === 'mdns') {
        // mDNS's class is the low 15 bits (the top one is "QU"): Wireshark draws them.
        if (cn.detailed) cn.setLabel(`${bitPattern(0x7fff, 16, cls)}Class: ${className(cls)} (0x${cls.toString(16).padStart(4, '0')})`);
        q.add(hfQryQu, msg, qStart + used + 2, 2, qu ? 1 : 0);
      }
    }
  }
  if (sect.real) sect.setLength(off - start);
  return off;
}

/** Decodes `count` resource records at `off`; returns the offset after them. */
function dissectAnswers(msg: Tvb, off: number, count: number, pinfo: PacketInfo, tree: ProtoNode, variant: DnsVariant, title: string): number {
  const start = off;
  let sect = tree;
  // Wireshark adds the section to the end of the message (length -1), which needs a byte left.
  msg.check(off, 1);
  if (tree.real) sect = tree.addText(msg, off, 0, title);
  for (let i = 0; i < count; i++) off = dissectRR(msg, off, pinfo, sect, variant);
  if (sect.real) sect.setLength(off - start);
  return off;
}

/**
 * An NSEC type bitmap (RFC 4034 §4.1.2, Wireshark's dissect_type_bitmap): windows of (block,
 * length, bits); every set bit is a type, shown as `RR type in bit map: …` (field dns.resp.type).
 * With `nxt`, NXT's plain bitmap (dissect_type_bitmap_nxt).
 */
function typeBitmap(rr: ProtoNode, msg: Tvb, off: number, len: number, nxt = false): void {
  // Until exactly 0 is left, as Wireshark's loop: a block running past the rdata reads on into
  // what follows (each turn takes a byte or more, and the message's end stops it).
  if (nxt) {
    // NXT's older form (RFC 2535): one plain bitmap from type 0.
    for (let type = 0; len !== 0; off++, len--, type += 8) typeBits(rr, msg, off, type);
    return;
  }
  while (len !== 0) {
    const base = msg.u8(off) * 256;
    let size = msg.u8(off + 1);
    off += 2;
    len -= 2;
    for (let type = base; size > 0; size--, off++, len--, type += 8) typeBits(rr, msg, off, type);
  }
}

/** One bitmap byte at `off`: a `dns.resp.type` item for each set bit, the first bit being `type`. */
function typeBits(rr: ProtoNode, msg: Tvb, off: number, type: number): void {
  const bits = msg.u8(off);
  if (!rr.real) return;
  for (let mask = 0x80; mask > 0; mask >>= 1, type++) {
    if (bits & mask) rr.add(hfRespType, msg, off, 1, type).setLabel(`RR type in bit map: ${DNS_TYPE_DESCRIPTIONS[type] ?? `Unknown (${type})`}`);
  }
}

function dissectRR(msg: Tvb, off: number, pinfo: PacketInfo, sect: ProtoNode, variant: DnsVariant): number {
  const rrStart = off;
  const full = sect.real;
  const wantInfo = pinfo.wantInfo;
  const text = wantInfo || full;
  // `-N d`: the owner name of an address record names its address (read on the first visit only).
  const opts = pinfo.ctx.options;
  const learn = opts.dnsHostNames !== undefined && !pinfo.visited;
  const nm = readDnsName(msg, off, full);
  const name = nm.text, used = nm.used;
  off += used;
  const type = msg.u16(off);
  // An address record's owner name, as Wireshark names the address by it (read now: the next name read replaces it).
  const host = learn && (type === T_A || type === T_AAAA) ? lastNameHost() : '';
  let cls = msg.u16(off + 2);
  const ttl = msg.u32(off + 4);
  const rdlen = msg.u16(off + 8);
  const hdrEnd = off + 10;
  let flush = 0;
  if (variant === 'mdns') {
    flush = cls & 0x8000;
    cls &= 0x7fff;
  }
  const tn = full ? typeName(type) : '';
  if (wantInfo) pinfo.appendInfo(flush ? `${spacedTypeName(type)}, cache flush` : spacedTypeName(type));
  // Wireshark adds the record's item over its whole length first (tvb_ensure_bytes_exist); both
  // passes check it, so that they fail alike.
  msg.check(rrStart, used + 10 + rdlen);
  let rr = sect;
  let label = '';
  // Labels only in a full tree (a reduced one drops the text items and keeps values).
  const det = sect.detailed;
  if (full) {
    if (det) {
      label = type === T_OPT ? `${name}: type ${tn}` : `${name}: type ${tn}, class ${className(cls)}`;
      if (flush) label += ', cache flush';
    }
    rr = sect.addText(msg, rrStart, used + 10 + rdlen, label).setFlags(NodeFlags.LabelAppended);
    if (type === T_OPT) {
      rr.add(hfRespName, msg, rrStart, used, name);
      rr.add(hfRespType, msg, off, 2, type);
      if (variant === 'mdns') {
        rr.add(hfUdpPayloadMdns, msg, off + 2, 2, cls);
        rr.add(hfCacheFlush, msg, off + 2, 2, flush ? 1 : 0);
      } else {
        rr.add(hfUdpPayload, msg, off + 2, 2, cls | flush);
      }
      rr.add(hfExtRcode, msg, off + 4, 1, ttl >>> 24);
      rr.add(hfEdnsVersion, msg, off + 5, 1, (ttl >>> 16) & 0xff);
      const z = rr.add(hfZField, msg, off + 6, 2, ttl & 0xffff);
      z.add(hfZDo, msg, off + 6, 2, (ttl >>> 15) & 1);
      z.add(hfZReserved, msg, off + 6, 2, ttl & 0x7fff);
    } else {
      if (type === T_SRV && name.length > 0) {
        // _service._proto.name, split in three at the first two dots.
        const a = name.indexOf('.');
        const b = a < 0 ? -1 : name.indexOf('.', a + 1);
        rr.add(hfSrvService, msg, rrStart, used, a < 0 ? name : name.slice(0, a));
        if (a >= 0) {
          rr.add(hfSrvProto, msg, rrStart, used, b < 0 ? name.slice(a + 1) : name.slice(a + 1, b));
          if (b >= 0) rr.add(hfSrvName, msg, rrStart, used, name.slice(b + 1));
        }
      } else {
        rr.add(hfRespName, msg, rrStart, used, name);
      }
      rr.add(hfRespType, msg, off, 2, type);
      const cn = rr.add(hfRespClass, msg, off + 2, 2, cls);
      if (variant === 'mdns') {
        // As in questions: the class is the low 15 bits (the top one is "cache flush").
        if (det) cn.setLabel(`${bitPattern(0x7fff, 16, cls)}Class: ${className(cls)} (0x${cls.toString(16).padStart(4, '0')})`);
        rr.add(hfCacheFlush, msg, off + 2, 2, flush ? 1 : 0);
      }
      const tn2 = rr.add(hfTtl, msg, off + 4, 4, ttl);
      if (det) tn2.setLabel(`Time to live: ${ttl} (${timeSecsText(ttl)})`);
      if (ttl & 0x80000000) pinfo.expert(tn2, eiTtlNegative, msg, off + 4, 4);
    }
    rr.add(hfRdLen, msg, off + 8, 2, rdlen);
  } else if (type !== T_OPT && ttl & 0x80000000) {
    pinfo.expert(sect, eiTtlNegative);
  }
  // Wireshark decodes no empty rdata (not even an A record's address, nor the note on a type it
  // does not decode).
  if (rdlen === 0) return hdrEnd;
  let suffix = '';
  const d = hdrEnd;
  switch (type) {
    case T_A: {
      msg.check(d, 4);
      // Class IN, the cache-flush bit of mDNS aside (Wireshark's `(dns_class & 0x7f) == C_IN`).
      if (learn && ((cls | flush) & 0x7f) === 1) opts.dnsHostNames!.addIpv4(msg.u32(d), host);
      if (!text) break;
      const addr = formatIPv4Bytes(msg.data, msg.abs(d));
      if (wantInfo) pinfo.appendInfo(` ${addr}`);
      if (full) {
        rr.add(hfA, msg, d, 4);
        suffix = `, addr ${addr}`;
      }
      break;
    }
    case T_AAAA: {
      msg.check(d, 16);
      if (learn && ((cls | flush) & 0x7f) === 1) opts.dnsHostNames!.addIpv6(msg.data, msg.abs(d), host);
      if (!text) break;
      const addr = formatIPv6(msg.data, msg.abs(d));
      if (wantInfo) pinfo.appendInfo(` ${addr}`);
      if (full) {
        rr.add(hfAaaa, msg, d, 16);
        suffix = `, addr ${addr}`;
      }
      break;
    }
    case T_NS: case T_CNAME: case T_PTR: case T_NSEC: {
      const nm2 = readDnsName(msg, d, text);
      const t2 = nm2.text, u2 = nm2.used;
      if (wantInfo) pinfo.appendInfo(` ${t2}`);
      if (full) {
        const f = type === T_NS ? hfNs : type === T_CNAME ? hfCname : type === T_PTR ? hfPtr : hfNsecNext;
        rr.add(f, msg, d, u2, t2);
        suffix = type === T_NS ? `, ns ${t2}` : type === T_CNAME ? `, cname ${t2}` : type === T_PTR ? `, ${t2}` : `, next domain name ${t2}`;
        // On the record's label now: a bitmap cut short below leaves it there, as in Wireshark.
        if (det) rr.setLabel(label + suffix);
      }
      // Read in both passes: a bitmap cut short fails the same way with and without a tree.
      if (type === T_NSEC) typeBitmap(rr, msg, d + u2, rdlen - u2);
      break;
    }
    case T_MX: {
      const pref = msg.u16(d);
      const nm2 = readDnsName(msg, d + 2, text);
      const t2 = nm2.text, u2 = nm2.used;
      if (wantInfo) pinfo.appendInfo(` ${pref} ${t2}`);
      if (full) {
        rr.add(hfMxPref, msg, d, 2, pref);
        rr.add(hfMxExchange, msg, d + 2, u2, t2);
        suffix = `, preference ${pref}, mx ${t2}`;
      }
      break;
    }
    case T_SOA: {
      // Item by item, as Wireshark adds them: a record cut short keeps what came before the cut.
      const m = readDnsName(msg, d, text);
      const mname = m.text, mu = m.used;
      if (wantInfo) pinfo.appendInfo(` ${mname}`);
      if (full) {
        suffix = `, mname ${mname}`;
        if (det) rr.setLabel(label + suffix);
        rr.add(hfSoaMname, msg, d, mu, mname);
      }
      const r = readDnsName(msg, d + mu, text);
      const ru = r.used;
      rr.add(hfSoaRname, msg, d + mu, ru, r.text);
      let o = d + mu + ru;
      rr.add(hfSoaSerial, msg, o, 4, msg.u32(o));
      o += 4;
      for (const f of SOA_INTERVALS) {
        const v = msg.u32(o);
        const n = rr.add(f, msg, o, 4, v);
        if (n.detailed) n.setLabel(`${f.name}: ${v} (${timeSecsText(v)})`);
        o += 4;
      }
      break;
    }
    case T_SRV: {
      // The numbers are added before the target is read (Wireshark's order).
      const prio = msg.u16(d);
      rr.add(hfSrvPriority, msg, d, 2, prio);
      const weight = msg.u16(d + 2);
      rr.add(hfSrvWeight, msg, d + 2, 2, weight);
      const port = msg.u16(d + 4);
      rr.add(hfSrvPort, msg, d + 4, 2, port);
      const nm2 = readDnsName(msg, d + 6, text);
      const t2 = nm2.text, u2 = nm2.used;
      if (wantInfo) pinfo.appendInfo(` ${prio} ${weight} ${port} ${t2}`);
      if (full) {
        rr.add(hfSrvTarget, msg, d + 6, u2, t2);
        suffix = `, priority ${prio}, weight ${weight}, port ${port}, target ${t2}`;
      }
      break;
    }
    case T_TXT: {
      // The length bytes are read in both passes, so that both fail alike on a cut message. As
      // Wireshark's loop: until the count left is exactly 0, so a string longer than the rdata
      // reads on into what follows (each turn takes a byte; the message's end stops it).
      let o = d;
      let rest = rdlen;
      while (rest !== 0) {
        const l = msg.u8(o);
        if (full) {
          rr.add(hfTxtLen, msg, o, 1, l);
          asciiItem(rr, hfTxt, msg, o + 1, l, pinfo);
        } else {
          msg.check(o + 1, l);
        }
        o += 1 + l;
        rest -= 1 + l;
      }
      break;
    }
    case T_OPT:
      ednsOptions(msg, rr, pinfo, d, rdlen);
      break;
    default: {
      const decode = RDATA[type];
      if (decode) {
        const appendToLabel = (text: string): void => {
          suffix += text;
          if (det) rr.setLabel(label + suffix);
        };
        suffix += decode({ msg, pinfo, rr, off: d, len: rdlen, ownerOff: rrStart, typeBitmap, appendToLabel });
        break;
      }
      // Types not decoded here (APL, IPSECKEY, URI, …): the rdata as bytes, after Wireshark's note
      // for a type it does not decode either.
      if (!WS_DECODED_TYPES.has(type)) {
        pinfo.expert(rr, eiUndecodedType, msg, d, rdlen, pinfo.wantExpertText ? `Dissector for DNS Type (${type}) code not implemented, Contact Wireshark developers if you want this supported` : undefined);
      }
      msg.check(d, rdlen);
      if (full && rdlen > 0) rr.add(hfData, msg, d, rdlen, msg.bytes(d, rdlen));
      break;
    }
  }
  if (det && suffix) rr.setLabel(label + suffix);
  return hdrEnd + rdlen;
}

/** A message over TCP: `pdu` is the PDU with its 2-byte length prefix, `stream` its tcp.stream. */
export interface DnsTcp {
  pdu: Tvb;
  stream: number;
}

/**
 * Decodes one DNS message: `msg` starts at the transaction ID and ends where the message ends.
 * Sets the Protocol and Info columns and adds the protocol subtree. Returns the bytes consumed.
 */
export function dissectDnsMessage(msg: Tvb, pinfo: PacketInfo, tree: ProtoNode, variant: DnsVariant = 'dns', tcp?: DnsTcp): number {
  const p = PROTOS[variant];
  newDnsMessage(msg);
  pinfo.setProtocol(COLUMNS[variant]);
  pinfo.setInfo('');
  const id = msg.u16(0);
  const flags = msg.u16(2);
  const isResponse = (flags & 0x8000) !== 0;
  const opcode = (flags >>> 11) & 0xf;
  const rcode = flags & 0xf;
  const text = pinfo.wantInfo || tree.real;
  const opName = text ? DNS_OPCODES[opcode] ?? `Unknown operation (${opcode})` : '';
  const rcName = text ? DNS_RCODES[rcode] ?? `Unknown error (${rcode})` : '';
  if (pinfo.wantInfo) {
    pinfo.setInfo(`${opName}${isResponse ? ' response' : ''} 0x${hex2(id >> 8)}${hex2(id)}`);
    if (isResponse && rcode !== 0) pinfo.appendInfo(` ${rcName}`);
  }
  const pairing = pinfo.inErrorPkt ? null : pair(pinfo, id, isResponse, tcp ? tcp.stream : -1);
  let t = tree;
  let idNode = tree;
  if (tree.real) {
    const whole = tcp ? tcp.pdu : msg;
    t = tree.addProto(p, whole, 0, whole.reportedLength, tree.protocolLabels ? `${p.name} (${isResponse ? 'response' : 'query'})` : undefined);
    if (tcp) t.add(hfLength, tcp.pdu, 0, 2, tcp.pdu.u16(0));
    idNode = t.add(hfId, msg, 0, 2, id);
    // The Flags label names unknown codes without their number (Info gives it).
    const f = t.add(hfFlags, msg, 2, 2, flags);
    if (f.detailed) {
      let flagsText = DNS_OPCODES[opcode] ?? 'Unknown operation';
      if (isResponse) flagsText += ` response, ${DNS_RCODES[rcode] ?? 'Unknown error'}`;
      f.setLabel(`Flags: 0x${flags.toString(16).padStart(4, '0')} ${flagsText}`);
    }
    f.add(hfResponse, msg, 2, 2, isResponse ? 1 : 0);
    f.add(hfOpcode, msg, 2, 2, opcode);
    if (variant === 'llmnr') {
      f.add(isResponse ? hfConflictResponse : hfConflict, msg, 2, 2, (flags >>> 10) & 1);
      f.add(hfTruncated, msg, 2, 2, (flags >>> 9) & 1);
      f.add(hfTentative, msg, 2, 2, (flags >>> 8) & 1);
      if (isResponse) f.add(hfRcode, msg, 2, 2, rcode);
    } else {
      if (isResponse) f.add(hfAuthoritative, msg, 2, 2, (flags >>> 10) & 1);
      f.add(hfTruncated, msg, 2, 2, (flags >>> 9) & 1);
      f.add(hfRecDesired, msg, 2, 2, (flags >>> 8) & 1);
      if (isResponse) f.add(hfRecAvail, msg, 2, 2, (flags >>> 7) & 1);
      f.add(hfZ, msg, 2, 2, (flags >>> 6) & 1);
      if (isResponse) f.add(hfAuthenticated, msg, 2, 2, (flags >>> 5) & 1);
      // A query's AD bit (RFC 6840), only when set: Wireshark 4.0 files it as dns.flags.authenticated, labelled "AD bit".
      else if (flags & 0x0020) f.add(hfAuthenticated, msg, 2, 2, 1).setLabel(`${bitPattern(0x0020, 16, 1)}AD bit: Set`);
      f.add(hfCheckDisable, msg, 2, 2, (flags >>> 4) & 1);
      if (isResponse) f.add(hfRcode, msg, 2, 2, rcode);
    }
  }
  const isUpdate = opcode === OPCODE_UPDATE;
  const qd = msg.u16(4);
  t.add(isUpdate ? hfCountZones : hfCountQueries, msg, 4, 2, qd);
  const an = msg.u16(6);
  t.add(isUpdate ? hfCountPrereq : hfCountAnswers, msg, 6, 2, an);
  const ns = msg.u16(8);
  t.add(isUpdate ? hfCountUpdates : hfCountAuth, msg, 8, 2, ns);
  const ar = msg.u16(10);
  t.add(hfCountAdd, msg, 10, 2, ar);
  let off = 12;
  if (qd > 0) {
    queriesAskTransfer = false;
    off = dissectQueries(msg, off, qd, pinfo, t, variant, isUpdate ? 'Zone' : 'Queries');
    // Every message with questions sets its transaction's flag (Wireshark's multiple_responds).
    if (pairing && pairing.row >= 0) pairing.table!.setMultipleResponds(pairing.row, queriesAskTransfer);
  }
  if (an > 0) off = dissectAnswers(msg, off, an, pinfo, t, variant, isUpdate ? 'Prerequisites' : 'Answers');
  if (ns > 0) off = dissectAnswers(msg, off, ns, pinfo, t, variant, isUpdate ? 'Updates' : 'Authoritative nameservers');
  if (ar > 0) off = dissectAnswers(msg, off, ar, pinfo, t, variant, 'Additional records');
  if (pairing) pairingItems(pinfo, t, idNode, msg, pairing);
  const extra = msg.reportedRemaining(off);
  if (extra > 0) extraneousData(pinfo, t, msg, off, extra);
  if (tcp) notePdu(pinfo, t, tcp.pdu, 0, tcp.pdu.reportedLength, p.abbrev);
  return msg.reportedLength;
}

/** Bytes after the last record: shown, with a hidden note (Wireshark's dns.extraneous). */
function extraneousData(pinfo: PacketInfo, t: ProtoNode, msg: Tvb, off: number, len: number): void {
  // The bytes must be there (both passes, so that they fail alike).
  msg.check(off, len);
  let x = t;
  if (t.real) {
    x = t.addText(msg, off, len, `Extraneous Data (${len} bytes)`);
    x.add(hfExtraneous, msg, off, len, msg.bytes(off, len));
    x.addGenerated(hfExtraneousLen, len, msg, 0, 0);
    x = x.addText(msg, off, len, eiExtraneous.summary);
    x.flags |= NodeFlags.Hidden;
  }
  pinfo.expert(x, eiExtraneous, msg, off, len);
}

// --- Query/response pairing (Wireshark's dns_transaction_t) ------------------------------------

/** Seconds within which a repeated query (before any response) is a retransmission. */
const RETRANSMISSION_TIMER = 5;

/** What the pairing found for one message. */
interface Pairing {
  response: boolean;
  retransmission: boolean;
  /** The transaction's table and row; row −1: a response without a query (Wireshark's "fake" transaction). */
  table: DnsTransactions | null;
  row: number;
  /** The transaction key and transport (for the same message in a hindsight pass). */
  key: number;
  tcp: boolean;
}

/**
 * Per conversation (UDP: by udp.stream; TCP: by tcp.stream): the latest transaction of each ID,
 * in one table per transport keyed by `conversation * 65536 + id` (one table for the capture, not
 * one per conversation: most UDP conversations carry a single query).
 */
interface DnsConversations {
  udp: DnsTransactions;
  tcp: DnsTransactions;
}

/** A module-level function, not a closure per message. */
const newConversations = (): DnsConversations => ({ udp: new DnsTransactions(), tcp: new DnsTransactions() });

function pair(pinfo: PacketInfo, id: number, isResponse: boolean, tcpStream: number): Pairing {
  const convs = pinfo.ctx.state<DnsConversations>(proto, newConversations);
  // The conversation: Wireshark's, i.e. the UDP stream (both endpoints) or the TCP stream.
  const table = tcpStream >= 0 ? convs.tcp : convs.udp;
  const conv = tcpStream >= 0 ? tcpStream : udpStreamOf(pinfo, udpProto, pinfo.srcPort, pinfo.dstPort);
  const key = conv * 65536 + id;
  const meta = pinfo.meta;
  const sec = meta.hasTs ? meta.tsSec : 0;
  const nsec = meta.hasTs ? meta.tsNsec : 0;
  let row: number;
  let retransmission = false;
  if (pinfo.visited) {
    // A revisit reads what the first pass recorded: the transaction of this frame, and whether
    // this message repeats its query or its response (Wireshark's visited branch).
    row = table.at(key, meta.num);
    if (row >= 0) retransmission = isResponse ? table.repFrame(row) !== meta.num && !table.multipleResponds(row) : table.reqFrame(row) !== meta.num;
  } else {
    row = table.get(key);
    if (!isResponse) {
      let fresh = row < 0 || table.repFrame(row) > 0;
      if (!fresh) {
        const delta = sec - table.reqSec(row) + (nsec - table.reqNsec(row)) / 1e9;
        if (delta < RETRANSMISSION_TIMER) retransmission = true;
        else fresh = true;
      }
      if (fresh) row = table.add(key, meta.num, sec, nsec);
    } else if (row >= 0) {
      if (table.repFrame(row) === 0) table.setRepFrame(row, meta.num);
      else if (!table.multipleResponds(row)) retransmission = true;
    }
  }
  const p = pairResult;
  p.response = isResponse;
  p.retransmission = retransmission;
  p.table = table;
  p.row = row;
  p.key = key;
  p.tcp = tcpStream >= 0;
  return p;
}

/** The result of `pair` (reused: read it before the next message). */
const pairResult: Pairing = { response: false, retransmission: false, table: null, row: -1, key: 0, tcp: false };

/**
 * The response frame of the query of this frame as a finished first pass over the same frames
 * knows it (CaptureContext.hindsight: a replayed TCP stream), 0 when none.
 */
function laterResponse(pinfo: PacketInfo, p: Pairing): number {
  const convs = pinfo.ctx.hindsight?.existingState<DnsConversations>(proto);
  if (convs === undefined) return 0;
  const table = p.tcp ? convs.tcp : convs.udp;
  const row = table.at(p.key, pinfo.meta.num);
  return row >= 0 && table.reqFrame(row) === pinfo.meta.num ? table.repFrame(row) : 0;
}

function pairingItems(pinfo: PacketInfo, t: ProtoNode, idNode: ProtoNode, msg: Tvb, p: Pairing): void {
  const table = p.table!;
  const row = p.row;
  if (!p.response) {
    if (p.retransmission && row >= 0) {
      const reqFrame = table.reqFrame(row);
      pinfo.expert(idNode, eiRetransmitRequest, msg, 0, 2, pinfo.wantExpertText ? `DNS query retransmission. Original request in frame ${reqFrame}` : undefined);
      t.addGenerated(hfRetransmitRequestIn, reqFrame, msg, 0, 0);
      t.addGenerated(hfRetransmission, 1, msg, 0, 0);
    } else if (pinfo.visited && row >= 0 && table.repFrame(row) > 0) {
      // Known once the first pass has seen the response (tshark -2, Wireshark's packet details).
      t.addGenerated(hfResponseIn, table.repFrame(row), msg, 0, 0);
    } else if (t.real && pinfo.ctx.hindsight !== null) {
      const later = laterResponse(pinfo, p);
      if (later > 0) t.addGenerated(hfResponseIn, later, msg, 0, 0);
    }
    return;
  }
  if (row >= 0) {
    if (p.retransmission) {
      const repFrame = table.repFrame(row);
      pinfo.expert(idNode, eiRetransmitResponse, msg, 0, 2, pinfo.wantExpertText ? `DNS response retransmission. Original response in frame ${repFrame}` : undefined);
      t.addGenerated(hfRetransmitResponseIn, repFrame, msg, 0, 0);
      t.addGenerated(hfRetransmission, 1, msg, 0, 0);
    } else {
      t.addGenerated(hfResponseTo, table.reqFrame(row), msg, 0, 0);
      if (t.real) {
        const meta = pinfo.meta;
        let sec = (meta.hasTs ? meta.tsSec : 0) - table.reqSec(row);
        let nsec = (meta.hasTs ? meta.tsNsec : 0) - table.reqNsec(row);
        if (sec > 0 && nsec < 0) { sec--; nsec += 1e9; } else if (sec < 0 && nsec > 0) { sec++; nsec -= 1e9; }
        t.addGenerated(hfTime, { sec, nsec }, msg, 0, 0);
      }
    }
  } else if (!p.retransmission) {
    t.addGenerated(hfUnsolicited, 1, msg, 0, 0);
  }
}

/** Over TCP: the 2-byte length prefix, then the message (tcp_dissect_pdus). */
function dissectDnsTcp(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode, data: unknown): number {
  const info = data as { stream?: unknown } | undefined;
  const stream = info && typeof info.stream === 'number' ? info.stream : -1;
  return tcpDissectPdus(tvb, pinfo, tree, true, 2, (b, off) => b.u16(off) + 2, (pdu, pi, tr) => {
    dissectDnsMessage(pdu.sub(2), pi, tr, 'dns', { pdu, stream });
  });
}

/** True when the layer below this one is TCP (DNS messages before this one in the frame skipped). */
function overTcp(pinfo: PacketInfo): boolean {
  let i = pinfo.layerCount - 2;
  while (i >= 0 && pinfo.layers[i] === proto.id) i--;
  return i >= 0 && pinfo.layers[i] === TCP_LAYER_ID;
}

const TCP_LAYER_ID = defineProtocol('tcp', 'Transmission Control Protocol', 'TCP', 'transport').id;

/**
 * Wireshark's "DNS over UDP" heuristic (dissect_dns_heur, `dns_udp`, on by default): a UDP payload
 * on a port nothing is bound to is DNS when its header looks like a standard query (one question,
 * no answers) or response (at most one question, 100 answers, 10 authority records), with at most
 * 10 additional records and more than the header. Its header reads may throw on a payload cut
 * short by the snap length, as Wireshark's do (the packet is then malformed).
 */
function heuristicUdp(tvb: Tvb, pinfo: PacketInfo, tree: ProtoNode): boolean {
  if (tvb.reportedLength <= 12) return false;
  const flags = tvb.u16(2);
  if ((flags & 0x7800) !== 0) return false;
  const quest = tvb.u16(4);
  const ans = tvb.u16(6);
  const auth = tvb.u16(8);
  if (!(flags & 0x8000)) {
    if (quest !== 1 || ans !== 0 || auth !== 0) return false;
  } else if (quest > 1 || ans > 100 || auth > 10) {
    return false;
  }
  if (tvb.u16(10) > 10) return false;
  dissectDnsMessage(tvb, pinfo, tree, 'dns');
  return true;
}

export const dns: ProtocolSpec = {
  proto,
  bind: [['udp.port', 53], ['tcp.port', 53]],
  heuristics: [{ table: 'udp', name: 'dns_udp', fn: heuristicUdp }],
  dissect(tvb, pinfo, tree, data) {
    if (overTcp(pinfo)) return dissectDnsTcp(tvb, pinfo, tree, data);
    return dissectDnsMessage(tvb, pinfo, tree, 'dns');
  },
};

export const mdns: ProtocolSpec = {
  proto: protoMdns,
  bind: [['udp.port', 5353]],
  dissect(tvb, pinfo, tree) {
    return dissectDnsMessage(tvb, pinfo, tree, 'mdns');
  },
};

export const llmnr: ProtocolSpec = {
  proto: protoLlmnr,
  bind: [['udp.port', 5355]],
  dissect(tvb, pinfo, tree) {
    return dissectDnsMessage(tvb, pinfo, tree, 'llmnr');
  },
};

// The registration list holds one spec per file; mDNS and LLMNR register themselves here.


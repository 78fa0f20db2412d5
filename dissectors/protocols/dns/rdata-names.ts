/*
 * The older record types that hold domain names, as Wireshark 4.0 shows them: MD, MF, MB, MG,
 * MR (RFC 1035 §3.3, mostly obsolete), NULL, MINFO, RP and AFSDB (RFC 1183), RT (RFC 1183), KX
 * (RFC 2230), NXT (RFC 2535), DNAME (RFC 6672). For most of them Wireshark puts the record's
 * owner, not its data, in the Info column.
 *
 *   MD/MF/MB/MG/MR  | name          MINFO, RP  | name | name
 *   AFSDB, RT, KX   | preference or subtype (2) | name
 */
import { defineField, type FieldDef } from '../../core/fields.js';
import { readDnsName } from './names.js';
import { addBytes, nameItem, ownerInfo, type Rdata, type RdataDecoder } from './rdata.js';

const hfMd = defineField('dns.md', 'Mail Destination', 'string');
const hfMf = defineField('dns.mf', 'Mail Forwarder', 'string');
const hfMb = defineField('dns.mb', 'MailBox Domaine', 'string');
const hfMg = defineField('dns.mg', 'Mail Group member', 'string');
const hfMr = defineField('dns.mr', 'Mail Rename domaine', 'string');
const hfNull = defineField('dns.null', 'Null (data)', 'bytes');
const hfMinfoR = defineField('dns.minfo.r', 'Responsible Mailbox', 'string');
const hfMinfoE = defineField('dns.minfo.e', 'Error Mailbox', 'string');
const hfRpMailbox = defineField('dns.rp.mailbox', 'Mailbox', 'string');
const hfRpTxtRr = defineField('dns.rp.txt_rr', 'TXT RR', 'string');
const hfAfsdbSubtype = defineField('dns.afsdb.subtype', 'Subtype', 'uint16');
const hfAfsdbHostname = defineField('dns.afsdb.hostname', 'Hostname', 'string');
const hfRtPreference = defineField('dns.rt.subtype', 'Preference', 'uint16');
const hfRtHost = defineField('dns.rt.intermediate_host', 'Intermediate Hostname', 'string');
const hfKxPreference = defineField('dns.kx.preference', 'Preference', 'uint16');
const hfKxExchange = defineField('dns.kx.key_exchange', 'Key Exchange', 'string');
const hfDname = defineField('dns.dname', 'Dname', 'string');
const hfNxtNext = defineField('dns.nxt.next_domain_name', 'Next Domain Name', 'string');

/** MD, MF, MB, MG, MR: one name. */
function oneName(f: FieldDef): RdataDecoder {
  return (r) => {
    ownerInfo(r);
    nameItem(r, f, r.off);
    return '';
  };
}

/** MINFO, RP: two names. */
function twoNames(first: FieldDef, second: FieldDef): RdataDecoder {
  return (r) => {
    ownerInfo(r);
    const used = nameItem(r, first, r.off);
    nameItem(r, second, r.off + used);
    return '';
  };
}

/** AFSDB, RT: a 16-bit number, then a name (read before the number is shown, as Wireshark does). */
function numberAndName(num: FieldDef, name: FieldDef): RdataDecoder {
  return (r) => {
    const { msg, rr, off } = r;
    ownerInfo(r);
    const nm = readDnsName(msg, off + 2, rr.real);
    const used = nm.used, text = nm.text;
    rr.add(num, msg, off, 2, msg.u16(off));
    rr.add(name, msg, off + 2, used, text);
    return '';
  };
}

function nullRecord(r: Rdata): string {
  ownerInfo(r);
  addBytes(r, hfNull, r.off, r.len);
  return '';
}

/** KX: preference and exchanger in the Info column and the record's label. */
function kx(r: Rdata): string {
  const { msg, rr, off, pinfo } = r;
  const nm = readDnsName(msg, off + 2, true);
  const used = nm.used, text = nm.text;
  const pref = msg.u16(off);
  if (pinfo.wantInfo) pinfo.appendInfo(` ${pref} ${text}`);
  rr.add(hfKxPreference, msg, off, 2, pref);
  rr.add(hfKxExchange, msg, off + 2, used, text);
  return `, preference ${pref}, kx ${text}`;
}

/** DNAME (RFC 6672): the target in Info and the record's label. */
function dname(r: Rdata): string {
  const { msg, rr, off, pinfo } = r;
  const nm = readDnsName(msg, off, true);
  const used = nm.used, text = nm.text;
  if (pinfo.wantInfo) pinfo.appendInfo(` ${text}`);
  const suffix = `, dname ${text}`;
  rr.add(hfDname, msg, off, used, text);
  return suffix;
}

/** NXT (RFC 2535, NSEC's predecessor): the next name, then a plain bitmap of the types present. */
function nxt(r: Rdata): string {
  const { msg, rr, off, pinfo } = r;
  const nm = readDnsName(msg, off, true);
  const used = nm.used, text = nm.text;
  if (pinfo.wantInfo) pinfo.appendInfo(` ${text}`);
  r.appendToLabel(`, next domain name ${text}`);
  rr.add(hfNxtNext, msg, off, used, text);
  r.typeBitmap(rr, msg, off + used, r.len - used, true);
  return '';
}

export const NAME_RDATA: Readonly<Record<number, RdataDecoder>> = {
  3: oneName(hfMd),
  4: oneName(hfMf),
  7: oneName(hfMb),
  8: oneName(hfMg),
  9: oneName(hfMr),
  10: nullRecord,
  14: twoNames(hfMinfoR, hfMinfoE),
  17: twoNames(hfRpMailbox, hfRpTxtRr),
  18: numberAndName(hfAfsdbSubtype, hfAfsdbHostname),
  21: numberAndName(hfRtPreference, hfRtHost),
  30: nxt,
  36: kx,
  39: dname,
};

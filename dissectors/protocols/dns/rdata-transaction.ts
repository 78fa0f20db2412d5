/*
 * Transaction security records, as Wireshark 4.0 shows them: TKEY (RFC 2930: agreeing on a key)
 * and TSIG (RFC 8945: the MAC that signs a zone transfer or an update). A TKEY's key in GSSAPI
 * mode is a GSS-API token that Packetloom shows as bytes (Wireshark dissects it further).
 *
 *   TKEY  | algorithm | inception (4) | expiration (4) | mode (2) | error (2) | key size | key | other size | other
 *   TSIG  | algorithm | time signed (6) | fudge (2) | MAC size | MAC | original ID | error | other len | other
 */
import { defineExpert } from '../../core/expert.js';
import { defineField } from '../../core/fields.js';
import { formatUtc } from '../../core/format.js';
import { lastNameRaw, readDnsName } from './names.js';
import { addBytes, nameItem, type Rdata, type RdataDecoder } from './rdata.js';

/** The response codes TKEY and TSIG errors use (Wireshark's rcode_vals). */
const ERRORS: Record<number, string> = {
  0: 'No error', 1: 'Format error', 2: 'Server failure', 3: 'No such name', 4: 'Not implemented', 5: 'Refused',
  6: 'Name exists', 7: 'RRset exists', 8: 'RRset does not exist', 9: 'Not authoritative', 10: 'Name out of zone',
  11: 'DSO-Type not implemented', 16: 'Bad OPT Version or TSIG Signature Failure', 17: 'Key not recognized',
  18: 'Signature out of time window', 19: 'Bad TKEY Mode', 20: 'Duplicate key name', 21: 'Algorithm not supported',
  22: 'Bad Truncation', 23: 'Bad/missing Server Cookie',
};

const hfTkeyAlgo = defineField('dns.tkey.algo_name', 'Algorithm name', 'string');
const hfTkeyInception = defineField('dns.tkey.signature_inception', 'Signature Inception', 'abs_time', { base: 'utc', blurb: 'Specify a validity period for the signature' });
const hfTkeyExpiration = defineField('dns.tkey.signature_expiration', 'Signature Expiration', 'abs_time', { base: 'utc', blurb: 'Specify a validity period for the signature' });
const hfTkeyMode = defineField('dns.tkey.mode', 'Mode', 'uint16', { vals: { 1: 'Server assigned', 2: 'Diffie Hellman', 3: 'GSSAPI', 4: 'Resolver assigned', 5: 'Delete' } });
const hfTkeyError = defineField('dns.tkey.error', 'Error', 'uint16', { vals: ERRORS });
const hfTkeyKeySize = defineField('dns.tkey.key_size', 'Key Size', 'uint16');
const hfTkeyKeyData = defineField('dns.tkey.key_data', 'Key Data', 'bytes');
const hfTkeyOtherSize = defineField('dns.tkey.other_size', 'Other Size', 'uint16');
const hfTkeyOtherData = defineField('dns.tkey.other_data', 'Other Data', 'bytes');

const hfTsigAlgo = defineField('dns.tsig.algorithm_name', 'Algorithm Name', 'string', { blurb: 'Name of algorithm used for the MAC' });
const hfTsigTime = defineField('dns.tsig.time_signed', 'Time Signed', 'abs_time', { base: 'utc' });
const hfTsigFudge = defineField('dns.tsig.fudge', 'Fudge', 'uint16', { blurb: 'Number of bytes for the MAC' });
const hfTsigMacSize = defineField('dns.tsig.mac_size', 'MAC Size', 'uint16', { blurb: 'Number of bytes for the MAC' });
const hfTsigMac = defineField('dns.tsig.mac', 'MAC', 'none');
const hfTsigOriginalId = defineField('dns.tsig.original_id', 'Original Id', 'uint16');
const hfTsigError = defineField('dns.tsig.error', 'Error', 'uint16', { vals: ERRORS, blurb: 'Expanded RCODE for TSIG' });
const hfTsigOtherLen = defineField('dns.tsig.other_len', 'Other Len', 'uint16', { blurb: 'Number of bytes for Other Data' });
const hfTsigOtherData = defineField('dns.tsig.other_data', 'Other Data', 'bytes');
const eiNoAlgorithm = defineExpert('dns.tsig.noalg', 'undecoded', 'warn', 'No dissector for algorithm');

function tkey(r: Rdata): string {
  const { msg, rr, off } = r;
  let o = off + nameItem(r, hfTkeyAlgo, off);
  rr.add(hfTkeyInception, msg, o, 4, { sec: msg.u32(o), nsec: 0 });
  rr.add(hfTkeyExpiration, msg, o + 4, 4, { sec: msg.u32(o + 4), nsec: 0 });
  o += 8;
  const mode = msg.u16(o);
  rr.add(hfTkeyMode, msg, o, 2, mode);
  rr.add(hfTkeyError, msg, o + 2, 2, msg.u16(o + 2));
  const keyLen = msg.u16(o + 4);
  rr.add(hfTkeyKeySize, msg, o + 4, 2, keyLen);
  o += 6;
  // In GSSAPI mode (3) Wireshark hands the key to its GSS-API dissector; here it stays bytes.
  if (keyLen !== 0) o += addBytes(r, hfTkeyKeyData, o, keyLen);
  const otherLen = msg.u16(o);
  rr.add(hfTkeyOtherSize, msg, o, 2, otherLen);
  if (otherLen !== 0) addBytes(r, hfTkeyOtherData, o + 2, otherLen);
  return '';
}

function tsig(r: Rdata): string {
  const { msg, rr, off, pinfo } = r;
  const algo = readDnsName(msg, off, true);
  // The expert message takes the name unformatted (a C string), as Wireshark's does.
  const algoName = lastNameRaw();
  let o = off + algo.used;
  rr.add(hfTsigAlgo, msg, off, algo.used, algo.text);
  // 48 bits of seconds; the upper 16 are noted when set (a time past 2106).
  const hi = msg.u16(o);
  const signed = { sec: hi * 4294967296 + msg.u32(o + 2), nsec: 0 };
  const t = rr.add(hfTsigTime, msg, o, 6, signed);
  if (hi && t.detailed) t.setLabel(`Time Signed: ${formatUtc(signed)} (high bits set)`);
  o += 6;
  rr.add(hfTsigFudge, msg, o, 2, msg.u16(o));
  o += 2;
  const macLen = msg.u16(o);
  rr.add(hfTsigMacSize, msg, o, 2, macLen);
  o += 2;
  if (macLen !== 0) {
    // A text-like item: Wireshark adds it even past the message's end (what follows fails then).
    const mac = rr.add(hfTsigMac, msg, o, macLen, null);
    // Wireshark 4.0 registers no dissector for any algorithm's MAC.
    pinfo.expert(mac, eiNoAlgorithm, msg, o, macLen, pinfo.wantExpertText ? `No dissector for algorithm:${algoName}` : undefined);
    o += macLen;
  }
  rr.add(hfTsigOriginalId, msg, o, 2, msg.u16(o));
  rr.add(hfTsigError, msg, o + 2, 2, msg.u16(o + 2));
  const otherLen = msg.u16(o + 4);
  rr.add(hfTsigOtherLen, msg, o + 4, 2, otherLen);
  if (otherLen !== 0) addBytes(r, hfTsigOtherData, o + 6, otherLen);
  return '';
}

export const TRANSACTION_RDATA: Readonly<Record<number, RdataDecoder>> = { 249: tkey, 250: tsig };

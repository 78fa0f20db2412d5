/*
 * DNSSEC records as Wireshark 4.0 shows them: DS (RFC 4034 §5, also CDS and DLV), DNSKEY (§2,
 * also CDNSKEY, and the older KEY) with the key tag it computes (Appendix B), RRSIG (§3, also the
 * older SIG), CSYNC (RFC 7477), ZONEMD (RFC 8976), NSEC3
 * and NSEC3PARAM (RFC 5155) with the next hashed owner in base32hex.
 *
 *   DS      | key tag (2) | algorithm | digest type | digest …
 *   DNSKEY  | flags (2) | protocol (3) | algorithm | public key …
 *   RRSIG   | type covered (2) | algorithm | labels | original TTL (4) | expiration (4) |
 *           | inception (4) | key tag (2) | signer's name | signature …
 *   NSEC3   | hash alg | flags | iterations (2) | salt len | salt | hash len | hash | type bitmap
 */
import { defineExpert } from '../../core/expert.js';
import { defineField, type FieldDef } from '../../core/fields.js';
import { timeSecsText } from '../../core/time-text.js';
import { NodeFlags } from '../../core/tree.js';
import { addBytes, itemLength, nameItem, ownerInfo, type Rdata, type RdataDecoder } from './rdata.js';
import { DNS_TYPE_DESCRIPTIONS } from './types.js';

/** Wireshark's dnssec_algo_vals. */
export const DNSSEC_ALGORITHMS: Readonly<Record<number, string>> = {
  1: 'RSA/MD5', 2: 'Diffie-Hellman', 3: 'DSA', 4: 'Elliptic curve crypto', 5: 'RSA/SHA1', 6: 'DSA + NSEC3/SHA1',
  7: 'RSA/SHA1 + NSEC3/SHA1', 8: 'RSA/SHA-256', 10: 'RSA/SHA-512', 12: 'GOST R 34.10-2001',
  13: 'ECDSA Curve P-256 with SHA-256', 14: 'ECDSA Curve P-386 with SHA-386', 15: 'Ed25519', 16: 'Ed448',
  157: 'HMAC/MD5', 252: 'Indirect key', 253: 'Private, domain name', 254: 'Private, OID',
};
const ALGO_RSAMD5 = 1;

const hfRrsigTypeCovered = defineField('dns.rrsig.type_covered', 'Type Covered', 'uint16', { vals: DNS_TYPE_DESCRIPTIONS, blurb: 'Identifies the type of the RRset that is covered by this RRSIG record' });
const hfRrsigAlgorithm = defineField('dns.rrsig.algorithm', 'Algorithm', 'uint8', { vals: DNSSEC_ALGORITHMS, blurb: 'Identifies the cryptographic algorithm used to create the signature' });
const hfRrsigLabels = defineField('dns.rrsig.labels', 'Labels', 'uint8', { blurb: 'Specifies the number of labels in the original RRSIG RR owner name' });
const hfRrsigOriginalTtl = defineField('dns.rrsig.original_ttl', 'Original TTL', 'uint32', { blurb: 'Specifies the TTL of the covered RRset as it appears in the authoritative zone' });
const hfRrsigExpiration = defineField('dns.rrsig.signature_expiration', 'Signature Expiration', 'abs_time', { base: 'utc', blurb: 'Specify a validity period for the signature' });
const hfRrsigInception = defineField('dns.rrsig.signature_inception', 'Signature Inception', 'abs_time', { base: 'utc', blurb: 'Specify a validity period for the signature' });
const hfRrsigKeyTag = defineField('dns.rrsig.key_tag', 'Key Tag', 'uint16', { blurb: 'Contains the key tag value of the DNSKEY RR that validates this signature' });
const hfRrsigSigner = defineField('dns.rrsig.signers_name', "Signer's name", 'string', { blurb: 'Identifies the owner name of the DNSKEY RR that a validator is supposed to use to validate this signature' });
const hfRrsigSignature = defineField('dns.rrsig.signature', 'Signature', 'bytes', { blurb: 'Contains the cryptographic signature that covers the RRSIG RDATA' });

const hfDnskeyFlags = defineField('dns.dnskey.flags', 'Flags', 'uint16', { base: 'hex' });
const F16 = { bits: 16 };
const hfDnskeyZoneKey = defineField('dns.dnskey.flags.zone_key', 'Zone Key', 'boolean', { ...F16, mask: 0x0100, tfs: ['This is the zone key for specified zone', 'This it not a zone key'] });
const hfDnskeyRevoked = defineField('dns.dnskey.flags.key_revoked', 'Key Revoked', 'boolean', { ...F16, mask: 0x0080, tfs: ['Yes', 'No'] });
const hfDnskeySep = defineField('dns.dnskey.flags.secure_entry_point', 'Key Signing Key', 'boolean', { ...F16, mask: 0x0001, tfs: ['Yes', 'No'] });
const hfDnskeyReserved = defineField('dns.dnskey.flags.reserved', 'Key Signing Key', 'uint16', { base: 'hex', mask: 0xfe7e, blurb: 'Must be zero' });
const hfDnskeyProtocol = defineField('dns.dnskey.protocol', 'Protocol', 'uint8', { blurb: 'Must be 3' });
const hfDnskeyAlgorithm = defineField('dns.dnskey.algorithm', 'Algorithm', 'uint8', { vals: DNSSEC_ALGORITHMS, blurb: "Identifies the public key's cryptographic algorithm and determines the format of the Public Key field" });
const hfDnskeyKeyId = defineField('dns.dnskey.key_id', 'Key id', 'uint16');
const hfDnskeyPublicKey = defineField('dns.dnskey.public_key', 'Public Key', 'bytes');
const eiKeyIdTooShort = defineExpert('dns.key_id_buffer_too_short', 'protocol', 'warn', 'Buffer too short to compute a key id');

const hfKeyFlags = defineField('dns.key.flags', 'Flags', 'uint16', { base: 'hex' });
const hfKeyAuth = defineField('dns.key.flags.authentication', 'Key allowed for authentication', 'boolean', { ...F16, mask: 0x8000, tfs: ['Not Allowed', 'Allowed'] });
const hfKeyConf = defineField('dns.key.flags.confidentiality', 'Key allowed for confidentiality', 'boolean', { ...F16, mask: 0x4000, tfs: ['Not Allowed', 'Allowed'] });
const hfKeyRequired = defineField('dns.key.flags.required', 'Key required', 'boolean', { ...F16, mask: 0x2000, tfs: ['Experimental or optional', 'Required'] });
const hfKeyUser = defineField('dns.key.flags.associated_user', 'Key is associated with a user', 'boolean', { ...F16, mask: 0x0400, tfs: ['Yes', 'No'] });
const hfKeyEntity = defineField('dns.key.flags.associated_named_entity', 'Key is associated with the named entity', 'boolean', { ...F16, mask: 0x0200, tfs: ['Yes', 'No'] });
const hfKeyIpsec = defineField('dns.key.flags.ipsec', 'Key use with IPSEC', 'boolean', { ...F16, mask: 0x0080, tfs: ['Valid', 'Invalid'] });
const hfKeyMime = defineField('dns.key.flags.mime', 'Key use with MIME security multiparts', 'boolean', { ...F16, mask: 0x0040, tfs: ['Valid', 'Invalid'] });
const hfKeySignatory = defineField('dns.key.flags.signatory', 'Signatory', 'uint16', { mask: 0x000f });
const hfKeyProtocol = defineField('dns.key.protocol', 'Protocol', 'uint8');
const hfKeyAlgorithm = defineField('dns.key.algorithm', 'Algorithm', 'uint8', { vals: DNSSEC_ALGORITHMS });
const hfKeyKeyId = defineField('dns.key.key_id', 'Key ID', 'uint16');
const hfKeyPublicKey = defineField('dns.key.public_key', 'Public Key', 'bytes');

const hfDsKeyId = defineField('dns.ds.key_id', 'Key id', 'uint16', { base: 'hex' });
const hfDsAlgorithm = defineField('dns.ds.algorithm', 'Algorithm', 'uint8', { vals: DNSSEC_ALGORITHMS });
const hfDsDigestType = defineField('dns.ds.digest_type', 'Digest Type', 'uint8', { vals: { 0: 'Reserved digest', 1: 'SHA-1', 2: 'SHA-256', 3: 'GOST R 34.11-94', 4: 'SHA-384' } });
const hfDsDigest = defineField('dns.ds.digest', 'Digest', 'bytes');

const hfCsyncSoa = defineField('dns.csync.soa', 'SOA', 'uint32');
const hfCsyncFlags = defineField('dns.csync.flags', 'Flags', 'uint16', { base: 'hex' });
const hfCsyncImmediate = defineField('dns.csync.flags.immediate', 'immediate', 'boolean', { ...F16, mask: 0x0001, tfs: ['True', 'False'] });
const hfCsyncSoaMinimum = defineField('dns.csync.flags.soaminimum', 'soaminimum', 'boolean', { ...F16, mask: 0x0002, tfs: ['True', 'False'] });
const hfCsyncBitmap = defineField('dns.csync.type_bitmap', 'Type Bitmap', 'bytes');
const hfZonemdSerial = defineField('dns.zonemd.serial', 'Serial', 'uint32');
const hfZonemdScheme = defineField('dns.zonemd.scheme', 'Scheme', 'uint8');
const hfZonemdHashAlgo = defineField('dns.zonemd.hash_algo', 'Hash Algorithm', 'uint8');
const hfZonemdDigest = defineField('dns.zonemd.digest', 'Digest', 'bytes');
const hfNsec3Algo = defineField('dns.nsec3.algo', 'Hash algorithm', 'uint8', { vals: { 0: 'Reserved', 1: 'SHA-1' } });
const hfNsec3Flags = defineField('dns.nsec3.flags', 'NSEC3 flags', 'uint8');
const hfNsec3OptOut = defineField('dns.nsec3.flags.opt_out', 'NSEC3 Opt-out flag', 'boolean', { bits: 8, mask: 0x01, tfs: ['Additional insecure delegations allowed', 'Additional insecure delegations forbidden'] });
const hfNsec3Iterations = defineField('dns.nsec3.iterations', 'NSEC3 iterations', 'uint16', { blurb: 'Number of hashing iterations' });
const hfNsec3SaltLength = defineField('dns.nsec3.salt_length', 'Salt length', 'uint8', { blurb: 'Length of salt in bytes' });
const hfNsec3SaltValue = defineField('dns.nsec3.salt_value', 'Salt value', 'bytes');
const hfNsec3HashLength = defineField('dns.nsec3.hash_length', 'Hash length', 'uint8', { blurb: 'Length in bytes of next hashed owner' });
const hfNsec3HashValue = defineField('dns.nsec3.hash_value', 'Next hashed owner', 'string');

/** DS, CDS, DLV. */
function ds(r: Rdata): string {
  const { msg, rr, off } = r;
  rr.add(hfDsKeyId, msg, off, 2, msg.u16(off));
  rr.add(hfDsAlgorithm, msg, off + 2, 1, msg.u8(off + 2));
  rr.add(hfDsDigestType, msg, off + 3, 1, msg.u8(off + 3));
  addBytes(r, hfDsDigest, off + 4, r.len - 4);
  return '';
}

/**
 * The key tag of RFC 4034 Appendix B over `size` bytes of rdata at `off` (Wireshark's
 * compute_key_id), or -1 when there are fewer than 4.
 */
function keyTag(r: Rdata, off: number, size: number, algo: number): number {
  const { msg } = r;
  if (size < 4) return -1;
  if (algo === ALGO_RSAMD5) return ((msg.u8(off + size - 3) << 8) + msg.u8(off + size - 2)) & 0xffff;
  let ac = 0;
  for (; size > 1; size -= 2, off += 2) ac += (msg.u8(off) << 8) + msg.u8(off + 1);
  if (size > 0) ac += msg.u8(off) << 8;
  ac += (ac >>> 16) & 0xffff;
  return ac & 0xffff;
}

/**
 * The key tag of a KEY or DNSKEY record (generated item `f`), or, for an rdata too short for
 * one, a generated text item with the expert under it (proto_tree_add_expert).
 */
function keyIdItem(r: Rdata, algo: number, f: FieldDef): void {
  const { msg, rr, off, len } = r;
  const tag = keyTag(r, off, len, algo);
  if (tag < 0) {
    const item = rr.real ? rr.addText(msg, off, len, eiKeyIdTooShort.summary).setFlags(NodeFlags.Generated) : rr;
    r.pinfo.expert(item, eiKeyIdTooShort, msg, off, len);
  } else if (rr.real) {
    rr.addGenerated(f, tag);
  }
}

/** KEY (RFC 2535, the DNSKEY before DNSSEC's revision): its flags as RFC 2535 read them. */
function key(r: Rdata): string {
  const { msg, rr, off, len } = r;
  const flags = msg.u16(off);
  if (rr.real) {
    const f = rr.add(hfKeyFlags, msg, off, 2, flags);
    f.add(hfKeyAuth, msg, off, 2);
    f.add(hfKeyConf, msg, off, 2);
    // Both "not allowed" bits: no key, so the other flags are not shown.
    if ((flags & 0xc000) !== 0xc000) {
      for (const b of [hfKeyRequired, hfKeyUser, hfKeyEntity, hfKeyIpsec, hfKeyMime, hfKeySignatory]) f.add(b, msg, off, 2);
    }
  }
  rr.add(hfKeyProtocol, msg, off + 2, 1, msg.u8(off + 2));
  const algo = msg.u8(off + 3);
  rr.add(hfKeyAlgorithm, msg, off + 3, 1, algo);
  keyIdItem(r, algo, hfKeyKeyId);
  if (len - 4 !== 0) addBytes(r, hfKeyPublicKey, off + 4, len - 4);
  return '';
}

/** DNSKEY, CDNSKEY. */
function dnskey(r: Rdata): string {
  const { msg, rr, off, len } = r;
  msg.check(off, 2);
  if (rr.real) {
    const flags = rr.add(hfDnskeyFlags, msg, off, 2);
    flags.add(hfDnskeyZoneKey, msg, off, 2);
    flags.add(hfDnskeyRevoked, msg, off, 2);
    flags.add(hfDnskeySep, msg, off, 2);
    flags.add(hfDnskeyReserved, msg, off, 2);
  }
  rr.add(hfDnskeyProtocol, msg, off + 2, 1, msg.u8(off + 2));
  const algo = msg.u8(off + 3);
  rr.add(hfDnskeyAlgorithm, msg, off + 3, 1, algo);
  keyIdItem(r, algo, hfDnskeyKeyId);
  addBytes(r, hfDnskeyPublicKey, off + 4, len - 4);
  return '';
}

/** RRSIG, SIG. */
function rrsig(r: Rdata): string {
  const { msg, rr, off, len } = r;
  rr.add(hfRrsigTypeCovered, msg, off, 2, msg.u16(off));
  rr.add(hfRrsigAlgorithm, msg, off + 2, 1, msg.u8(off + 2));
  rr.add(hfRrsigLabels, msg, off + 3, 1, msg.u8(off + 3));
  const ttl = msg.u32(off + 4);
  const t = rr.add(hfRrsigOriginalTtl, msg, off + 4, 4, ttl);
  if (t.detailed) t.setLabel(`Original TTL: ${ttl} (${timeSecsText(ttl)})`);
  rr.add(hfRrsigExpiration, msg, off + 8, 4, { sec: msg.u32(off + 8), nsec: 0 });
  rr.add(hfRrsigInception, msg, off + 12, 4, { sec: msg.u32(off + 12), nsec: 0 });
  rr.add(hfRrsigKeyTag, msg, off + 16, 2, msg.u16(off + 16));
  const used = nameItem(r, hfRrsigSigner, off + 18);
  const rest = len - 18 - used;
  if (rest !== 0) addBytes(r, hfRrsigSignature, off + 18 + used, rest);
  return '';
}

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/**
 * The `len` bytes at `off` in base32hex (RFC 4648 §7), five bits at a time as Wireshark reads
 * them: the last group may take bits from the byte after the hash.
 */
function base32hex(r: Rdata, off: number, len: number): string {
  let s = '';
  for (let bit = 0; bit >> 3 < len; bit += 5) {
    const byte = off + (bit >> 3);
    const shift = bit & 7;
    let v = msg16(r, byte, shift);
    v = (v >> (11 - shift)) & 0x1f;
    s += BASE32HEX[v]!;
  }
  return s;
}

/** The byte at `off` and, when the 5 bits from `shift` cross into it, the next one (as 16 bits). */
function msg16(r: Rdata, off: number, shift: number): number {
  return (r.msg.u8(off) << 8) | (shift > 3 ? r.msg.u8(off + 1) : 0);
}

function nsec3(r: Rdata): string {
  const { msg, rr, off, len } = r;
  let o = off;
  rr.add(hfNsec3Algo, msg, o, 1, msg.u8(o));
  o++;
  msg.check(o, 1);
  if (rr.real) rr.add(hfNsec3Flags, msg, o, 1).add(hfNsec3OptOut, msg, o, 1);
  o++;
  rr.add(hfNsec3Iterations, msg, o, 2, msg.u16(o));
  o += 2;
  const saltLen = msg.u8(o);
  rr.add(hfNsec3SaltLength, msg, o, 1, saltLen);
  o++;
  o += addBytes(r, hfNsec3SaltValue, o, saltLen);
  const hashLen = msg.u8(o);
  rr.add(hfNsec3HashLength, msg, o, 1, hashLen);
  o++;
  if (hashLen) {
    const hash = base32hex(r, o, hashLen);
    itemLength(msg, o, hashLen);
    if (rr.real) rr.addGenerated(hfNsec3HashValue, hash, msg, o, hashLen);
    o += hashLen;
  }
  r.typeBitmap(rr, msg, o, len - (o - off));
  return '';
}

function nsec3param(r: Rdata): string {
  const { msg, rr, off } = r;
  ownerInfo(r);
  rr.add(hfNsec3Algo, msg, off, 1, msg.u8(off));
  rr.add(hfNsec3Flags, msg, off + 1, 1, msg.u8(off + 1));
  rr.add(hfNsec3Iterations, msg, off + 2, 2, msg.u16(off + 2));
  const saltLen = msg.u8(off + 4);
  rr.add(hfNsec3SaltLength, msg, off + 4, 1, saltLen);
  addBytes(r, hfNsec3SaltValue, off + 5, saltLen);
  return '';
}

/** CSYNC (RFC 7477): the SOA serial, flags, and the types to copy as a type bitmap. */
function csync(r: Rdata): string {
  const { msg, rr, off, len } = r;
  rr.add(hfCsyncSoa, msg, off, 4, msg.u32(off));
  const flags = msg.u16(off + 4);
  if (rr.real) {
    const f = rr.add(hfCsyncFlags, msg, off + 4, 2, flags);
    f.add(hfCsyncImmediate, msg, off + 4, 2);
    f.add(hfCsyncSoaMinimum, msg, off + 4, 2);
  }
  addBytes(r, hfCsyncBitmap, off + 6, len - 6);
  r.typeBitmap(rr, msg, off + 6, len - 6);
  return '';
}

/** Names of ZONEMD's scheme and hash algorithm (Wireshark's range strings). */
function zonemdName(v: number, known: Record<number, string>): string {
  return known[v] ?? (v === 0 || v === 255 ? 'Reserved' : v >= 240 ? 'Private Use' : 'Unassigned');
}

/** ZONEMD (RFC 8976): a digest over the whole zone. */
function zonemd(r: Rdata): string {
  const { msg, rr, off, len } = r;
  rr.add(hfZonemdSerial, msg, off, 4, msg.u32(off));
  const scheme = msg.u8(off + 4);
  const s = rr.add(hfZonemdScheme, msg, off + 4, 1, scheme);
  if (s.detailed) s.setLabel(`Scheme: ${zonemdName(scheme, { 1: 'SIMPLE' })} (${scheme})`);
  const algo = msg.u8(off + 5);
  const a = rr.add(hfZonemdHashAlgo, msg, off + 5, 1, algo);
  if (a.detailed) a.setLabel(`Hash Algorithm: ${zonemdName(algo, { 1: 'SHA-384', 2: 'SHA-512' })} (${algo})`);
  addBytes(r, hfZonemdDigest, off + 6, len - 6);
  return '';
}

export const DNSSEC_RDATA: Readonly<Record<number, RdataDecoder>> = {
  24: rrsig, // SIG
  25: key,
  43: ds,
  46: rrsig,
  48: dnskey,
  50: nsec3,
  51: nsec3param,
  59: ds, // CDS
  60: dnskey, // CDNSKEY
  62: csync,
  63: zonemd,
  32769: ds, // DLV
};

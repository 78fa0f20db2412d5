/*
 * Records about certificates and keys, as Wireshark 4.0 shows them: CAA (RFC 8659: which CAs may
 * issue for a name), SSHFP (RFC 4255: SSH host key fingerprints), TLSA (RFC 6698: DANE).
 *
 *   CAA    | flags | tag length | tag | value …
 *   SSHFP  | algorithm | fingerprint type | fingerprint …
 *   TLSA   | usage | selector | matching type | certificate association data …
 */
import { defineField, type FieldDef } from '../../core/fields.js';
import { cString, formattedAscii, readDnsName } from './names.js';
import { addBytes, type Rdata, type RdataDecoder } from './rdata.js';

const hfCaaFlags = defineField('dns.caa.flags', 'CAA Flags', 'uint8', { base: 'hex' });
const hfCaaCritical = defineField('dns.caa.flags.issuer_critical', 'Issuer Critical', 'boolean', { bits: 8, mask: 0x80, tfs: ['Critical', 'Not critical'], blurb: 'Other CAs must not issue certificates' });
const hfCaaIssue = defineField('dns.caa.issue', 'Issue', 'string', { blurb: 'CA which is allowed to issue certificates' });
const hfCaaIssueWild = defineField('dns.caa.issuewild', 'Issue Wildcard', 'string', { blurb: 'CA which is allowed to issue wildcard certificates' });
const hfCaaIodef = defineField('dns.caa.iodef', 'Report URL', 'string', { blurb: 'URL or email address for certificate issue requests and violation reports' });
const hfCaaUnknown = defineField('dns.caa.unknown', 'Unknown tag', 'string');
const hfCaaTagLength = defineField('dns.caa.tag_length', 'Tag length', 'uint8');
const hfCaaTag = defineField('dns.caa.tag', 'Tag', 'string');
const hfCaaValue = defineField('dns.caa.value', 'Value', 'string');

const hfSshfpAlgorithm = defineField('dns.sshfp.algorithm', 'Algorithm', 'uint8', { vals: { 0: 'Reserved', 1: 'RSA', 2: 'DSA', 3: 'ECDSA', 4: 'Ed25519', 5: 'XMSS' } });
const hfSshfpType = defineField('dns.sshfp.fingerprint.type', 'Fingerprint type', 'uint8', { vals: { 0: 'Reserved', 1: 'SHA1', 2: 'SHA256' } });
const hfSshfpFingerprint = defineField('dns.sshfp.fingerprint', 'Fingerprint', 'bytes');

const hfTlsaUsage = defineField('dns.tlsa.certificate_usage', 'Certificate Usage', 'uint8', {
  vals: { 0: 'CA constraint (PKIX-TA)', 1: 'Service certificate constraint (PKIX-EE)', 2: 'Trust anchor assertion (DANE-TA)', 3: 'Domain-issued certificate (DANE-EE)' },
  blurb: 'Specifies the provided association that will be used to match the certificate presented in the TLS handshake',
});
const hfTlsaSelector = defineField('dns.tlsa.selector', 'Selector', 'uint8', {
  vals: { 0: 'Full certificate (Cert)', 1: 'SubjectPublicKeyInfo (SPKI)' },
  blurb: 'Specifies which part of the TLS certificate presented by the server will be matched against the association data',
});
const hfTlsaMatching = defineField('dns.tlsa.matching_type', 'Matching Type', 'uint8', {
  vals: { 0: 'No Hash Used (Full)', 1: '256 bit hash by SHA2 (SHA2-256)', 2: '512 bit hash by SHA2 (SHA2-512)' },
  blurb: 'Specifies how the certificate association is presented',
});
const hfTlsaData = defineField('dns.tlsa.certificate_association_data', 'Certificate Association Data', 'bytes', { blurb: 'The data refers to the certificate in the association' });

/**
 * Which item a CAA tag gets: Wireshark compares with strncmp over the tag's own length, so a tag
 * that is the start of a known one (`iss`, or none at all) counts as that one.
 */
function caaField(tag: string): FieldDef {
  if ('issue'.startsWith(tag)) return hfCaaIssue;
  if ('issuewild'.startsWith(tag)) return hfCaaIssueWild;
  if ('iodef'.startsWith(tag)) return hfCaaIodef;
  return hfCaaUnknown;
}

function caa(r: Rdata): string {
  const { msg, rr, off, len } = r;
  msg.check(off, 1);
  if (rr.real) rr.add(hfCaaFlags, msg, off, 1).add(hfCaaCritical, msg, off, 1);
  const o = off + 1;
  const tagLen = msg.u8(o);
  const tag = cString(msg, o + 1, tagLen);
  // An unsigned short in Wireshark: a tag longer than the rdata wraps round to a huge length.
  const valueLen = (len - (tagLen + 2)) & 0xffff;
  const value = formattedAscii(msg, o + 1 + tagLen, valueLen);
  if (rr.real) {
    const t = rr.add(caaField(tag), msg, o, 1 + tagLen + valueLen, value);
    t.add(hfCaaTagLength, msg, o, 1, tagLen);
    t.add(hfCaaTag, msg, o + 1, tagLen, tag);
    t.add(hfCaaValue, msg, o + 1 + tagLen, valueLen, value);
  }
  return '';
}

function sshfp(r: Rdata): string {
  const { msg, rr, off, len } = r;
  rr.add(hfSshfpAlgorithm, msg, off, 1, msg.u8(off));
  rr.add(hfSshfpType, msg, off + 1, 1, msg.u8(off + 1));
  if (len - 2 !== 0) addBytes(r, hfSshfpFingerprint, off + 2, len - 2);
  return '';
}

function tlsa(r: Rdata): string {
  const { msg, rr, off, len, pinfo } = r;
  if (pinfo.wantInfo) pinfo.appendInfo(` ${readDnsName(msg, r.ownerOff).text}`);
  rr.add(hfTlsaUsage, msg, off, 1, msg.u8(off));
  rr.add(hfTlsaSelector, msg, off + 1, 1, msg.u8(off + 1));
  rr.add(hfTlsaMatching, msg, off + 2, 1, msg.u8(off + 2));
  addBytes(r, hfTlsaData, off + 3, len - 3);
  return '';
}

export const PKI_RDATA: Readonly<Record<number, RdataDecoder>> = { 44: sshfp, 52: tlsa, 257: caa };

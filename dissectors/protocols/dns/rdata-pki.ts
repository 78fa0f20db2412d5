/*
 * Records about certificates and keys, as Wireshark 4.0 shows them: CAA (RFC 8659: which CAs may
 * issue for a name), SSHFP (RFC 4255: SSH host key fingerprints), TLSA (RFC 6698: DANE), CERT
 * (RFC 4398), IPSECKEY (RFC 4025), DHCID (RFC 4701), HIP (RFC 8005) and OPENPGPKEY (RFC 7929).
 *
 *   CAA    | flags | tag length | tag | value …
 *   SSHFP  | algorithm | fingerprint type | fingerprint …
 *   TLSA   | usage | selector | matching type | certificate association data …
 */
import { defineField, type FieldDef } from '../../core/fields.js';
import { cString, formattedAscii } from './names.js';
import { addBytes, asciiItem, nameItem, ownerInfo, type Rdata, type RdataDecoder } from './rdata.js';
import { DNSSEC_ALGORITHMS } from './rdata-dnssec.js';

const hfCaaFlags = defineField('dns.caa.flags', 'CAA Flags', 'uint8', { base: 'hex' });
const hfCaaCritical = defineField('dns.caa.flags.issuer_critical', 'Issuer Critical', 'boolean', { bits: 8, mask: 0x80, tfs: ['Critical', 'Not critical'], blurb: 'Other CAs must not issue certificates' });
const hfCaaIssue = defineField('dns.caa.issue', 'Issue', 'string', { blurb: 'CA which is allowed to issue certificates' });
const hfCaaIssueWild = defineField('dns.caa.issuewild', 'Issue Wildcard', 'string', { blurb: 'CA which is allowed to issue wildcard certificates' });
const hfCaaIodef = defineField('dns.caa.iodef', 'Report URL', 'string', { blurb: 'URL or email address for certificate issue requests and violation reports' });
const hfCaaUnknown = defineField('dns.caa.unknown', 'Unknown tag', 'string');
const hfCaaTagLength = defineField('dns.caa.tag_length', 'Tag length', 'uint8');
const hfCaaTag = defineField('dns.caa.tag', 'Tag', 'string');
const hfCaaValue = defineField('dns.caa.value', 'Value', 'string');

const hfCertType = defineField('dns.cert.type', 'Type', 'uint16', {
  vals: { 1: 'PKIX', 2: 'SPKI', 3: 'PGP', 4: 'IPKIX', 5: 'ISPKI', 6: 'IPGP', 7: 'ACPKIX', 8: 'IACPKIX', 253: 'Private, URI', 254: 'Private, OID' },
});
const hfCertKeyTag = defineField('dns.cert.key_tag', 'Key Tag', 'uint16', { base: 'hex' });
const hfCertAlgorithm = defineField('dns.cert.algorithm', 'Algorithm', 'uint8', { vals: DNSSEC_ALGORITHMS });
const hfCertCertificate = defineField('dns.cert.certificate', 'Certificate (or CRL)', 'bytes');
const hfIpseckeyPrecedence = defineField('dns.ipseckey.gateway_precedence', 'Gateway Precedence', 'uint8');
const hfIpseckeyAlgorithm = defineField('dns.ipseckey.gateway_algorithm', 'Gateway Algorithm', 'uint8', { vals: { 1: 'DSA', 2: 'RSA' } });
const hfIpseckeyType = defineField('dns.ipseckey.gateway_type', 'Gateway Type', 'uint8', { vals: { 0: 'No Gateway', 1: 'IPv4 Gateway', 2: 'IPv6 Gateway', 3: 'DNS Gateway' } });
const hfIpseckeyIpv4 = defineField('dns.ipseckey.gateway_ipv4', 'IPv4 Gateway', 'ipv4');
const hfIpseckeyIpv6 = defineField('dns.ipseckey.gateway_ipv6', 'IPv6 Gateway', 'ipv6');
const hfIpseckeyDns = defineField('dns.ipseckey.gateway_dns', 'DNS Gateway', 'string');
const hfIpseckeyKey = defineField('dns.ipseckey.public_key', 'Public Key', 'bytes');
const hfDhcid = defineField('dns.dhcid.rdata', 'DHCID Data', 'bytes');
const hfOpenpgpkey = defineField('dns.openpgpkey', 'OpenPGP Key', 'string');
const hfHipHitLength = defineField('dns.hip.hit.length', 'HIT length', 'uint8');
const hfHipPkAlgo = defineField('dns.hip.hit.pk.algo', 'HIT length', 'uint8', { vals: { 0: 'Reserved', 1: 'DSA', 2: 'RSA' } });
const hfHipPkLength = defineField('dns.hip.pk.length', 'PK length', 'uint16');
const hfHipHit = defineField('dns.hip.hit', 'Host Identity Tag', 'bytes');
const hfHipPk = defineField('dns.hip.pk', 'HIP Public Key', 'bytes');
const hfHipRvs = defineField('dns.hip.rendezvous_server', 'Rendezvous Server', 'string');

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

/** C's strncmp(a, b, n) === 0 for strings that end at their first NUL. */
function strnEqual(a: string, b: string, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const ca = i < a.length ? a.charCodeAt(i) : 0;
    const cb = i < b.length ? b.charCodeAt(i) : 0;
    if (ca !== cb) return false;
    if (ca === 0) return true;
  }
  return true;
}

/**
 * Which item a CAA tag gets: Wireshark compares the tag (a C string) with strncmp over the tag's
 * length, so a tag that is the start of a known one (`iss`, or none at all) counts as that one.
 */
function caaField(tag: string, tagLen: number): FieldDef {
  if (strnEqual(tag, 'issue', tagLen)) return hfCaaIssue;
  if (strnEqual(tag, 'issuewild', tagLen)) return hfCaaIssueWild;
  if (strnEqual(tag, 'iodef', tagLen)) return hfCaaIodef;
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
    const t = rr.add(caaField(tag, tagLen), msg, o, 1 + tagLen + valueLen, value);
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
  const { msg, rr, off, len } = r;
  ownerInfo(r);
  rr.add(hfTlsaUsage, msg, off, 1, msg.u8(off));
  rr.add(hfTlsaSelector, msg, off + 1, 1, msg.u8(off + 1));
  rr.add(hfTlsaMatching, msg, off + 2, 1, msg.u8(off + 2));
  addBytes(r, hfTlsaData, off + 3, len - 3);
  return '';
}

function cert(r: Rdata): string {
  const { msg, rr, off, len } = r;
  rr.add(hfCertType, msg, off, 2, msg.u16(off));
  rr.add(hfCertKeyTag, msg, off + 2, 2, msg.u16(off + 2));
  rr.add(hfCertAlgorithm, msg, off + 4, 1, msg.u8(off + 4));
  if (len - 5 !== 0) addBytes(r, hfCertCertificate, off + 5, len - 5);
  return '';
}

function ipseckey(r: Rdata): string {
  const { msg, rr, off } = r;
  let o = off;
  let rest = r.len;
  rr.add(hfIpseckeyPrecedence, msg, o, 1, msg.u8(o));
  const type = msg.u8(o + 1);
  rr.add(hfIpseckeyType, msg, o + 1, 1, type);
  rr.add(hfIpseckeyAlgorithm, msg, o + 2, 1, msg.u8(o + 2));
  o += 3;
  rest -= 3;
  if (type === 1) {
    msg.check(o, 4);
    rr.add(hfIpseckeyIpv4, msg, o, 4);
    o += 4;
    rest -= 4;
  } else if (type === 2) {
    msg.check(o, 16);
    rr.add(hfIpseckeyIpv6, msg, o, 16);
    o += 16;
    rest -= 16;
  } else if (type === 3) {
    const used = nameItem(r, hfIpseckeyDns, o);
    o += used;
    rest -= used;
  }
  if (rest !== 0) addBytes(r, hfIpseckeyKey, o, rest);
  return '';
}

function dhcid(r: Rdata): string {
  ownerInfo(r);
  addBytes(r, hfDhcid, r.off, r.len);
  return '';
}

function openpgpkey(r: Rdata): string {
  asciiItem(r.rr, hfOpenpgpkey, r.msg, r.off, r.len, r.pinfo);
  return '';
}

/** HIP (RFC 8005): the host identity tag and public key, then rendezvous servers. */
function hip(r: Rdata): string {
  const { msg, rr, off } = r;
  ownerInfo(r);
  const hitLen = msg.u8(off);
  rr.add(hfHipHitLength, msg, off, 1, hitLen);
  rr.add(hfHipPkAlgo, msg, off + 1, 1, msg.u8(off + 1));
  const pkLen = msg.u16(off + 2);
  rr.add(hfHipPkLength, msg, off + 2, 2, pkLen);
  let o = off + 4;
  let rest = r.len - 4;
  o += addBytes(r, hfHipHit, o, hitLen);
  rest -= hitLen;
  o += addBytes(r, hfHipPk, o, pkLen);
  rest -= pkLen;
  while (rest > 1) {
    const used = nameItem(r, hfHipRvs, o);
    o += used;
    rest -= used;
  }
  return '';
}

export const PKI_RDATA: Readonly<Record<number, RdataDecoder>> = {
  37: cert, 44: sshfp, 45: ipseckey, 49: dhcid, 52: tlsa, 55: hip, 61: openpgpkey, 257: caa,
};

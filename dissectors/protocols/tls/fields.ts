/*
 * TLS fields and expert items, with Wireshark 4.0's names, labels and types (packet-tls.c and the
 * common list of packet-tls-utils.h), shared by the record layer (tls.ts) and the handshake
 * (tls/handshake.ts).
 */
import { defineExpert } from '../../core/expert.js';
import { defineField, defineFieldAgain, defineProtocol, type FieldDef, type FieldOptions, type FieldType } from '../../core/fields.js';
import { BLURBS } from './blurbs.js';
import {
  ALERT_DESCRIPTIONS, ALERT_LEVELS, CERT_STATUS_TYPES, CIPHER_SUITES, CLIENT_CERTIFICATE_TYPES, COMPRESSION_METHODS,
  CERT_CHAIN_TYPES, CERTIFICATE_TYPES, CONTENT_TYPES, CURVE_TYPES, HEARTBEAT_MODES, EC_POINT_FORMATS, EXTENSION_TYPES, GROUPS, HANDSHAKE_TYPES, HASH_ALGORITHMS,
  KEY_UPDATE_REQUESTS, SSL2_CERTIFICATE_TYPES, SSL2_MSG_TYPES, MAX_FRAGMENT_LENGTHS, PSK_KE_MODES, SERVER_NAME_TYPES, SIGNATURE_ALGORITHMS, SIGNATURE_SCHEMES, VERSIONS,
} from './names.js';

export const proto = defineProtocol('tls', 'Transport Layer Security', 'TLS', 'application');

/** defineField with Wireshark's description of the field (blurbs.ts). */
const field = (abbrev: string, name: string, type: FieldType, opts: FieldOptions = {}): FieldDef => {
  const blurb = BLURBS.get(abbrev);
  return defineField(abbrev, name, type, blurb === undefined ? opts : { ...opts, blurb });
};

const u8 = (abbrev: string, name: string, vals?: ReadonlyMap<number, string>) => field(abbrev, name, 'uint8', vals ? { vals } : {});
const u16 = (abbrev: string, name: string, vals?: ReadonlyMap<number, string>) => field(abbrev, name, 'uint16', vals ? { vals } : {});
const u24 = (abbrev: string, name: string) => field(abbrev, name, 'uint24');
const bytes = (abbrev: string, name: string) => field(abbrev, name, 'bytes');
const none = (abbrev: string, name: string) => field(abbrev, name, 'none');
const str = (abbrev: string, name: string) => field(abbrev, name, 'string');

/*
 * Names Wireshark registers twice, SSLv2's first (-G fields lists the first): SSLv2 is not
 * dissected, the second registration is the one used.
 */
defineField('tls.handshake.type', 'Handshake Message Type', 'uint8', { vals: SSL2_MSG_TYPES, blurb: 'SSLv2 handshake message type' });
defineField('tls.handshake.session_id_length', 'Session ID Length', 'uint16', { blurb: 'Length of session ID field' });
defineField('tls.handshake.cert_type', 'Certificate Type', 'uint8', { vals: SSL2_CERTIFICATE_TYPES });
const again = (abbrev: string, name: string, type: FieldType, opts: FieldOptions = {}): FieldDef => {
  const blurb = BLURBS.get(abbrev);
  return defineFieldAgain(abbrev, name, type, blurb === undefined ? opts : { ...opts, blurb });
};

// Record layer (packet-tls.c)
export const hfRecord = none('tls.record', 'Record Layer');
export const hfContentType = u8('tls.record.content_type', 'Content Type', CONTENT_TYPES);
export const hfOpaqueType = u8('tls.record.opaque_type', 'Opaque Type', CONTENT_TYPES);
export const hfRecordVersion = field('tls.record.version', 'Version', 'uint16', { base: 'hex', vals: VERSIONS });
export const hfRecordLength = u16('tls.record.length', 'Length');
export const hfAppData = bytes('tls.app_data', 'Encrypted Application Data');
export const hfAppDataProto = str('tls.app_data_proto', 'Application Data Protocol');
export const hfAlert = none('tls.alert_message', 'Alert Message');
export const hfAlertLevel = u8('tls.alert_message.level', 'Level', ALERT_LEVELS);
export const hfAlertDesc = u8('tls.alert_message.desc', 'Description', ALERT_DESCRIPTIONS);
export const hfChangeCipherSpec = none('tls.change_cipher_spec', 'Change Cipher Spec Message');

// Handshake messages split across records (packet-tls.c)
export const hfHsFragments = none('tls.handshake.fragments', 'Reassembled Handshake Fragments');
export const hfHsFragment = field('tls.handshake.fragment', 'Handshake Fragment', 'framenum');
export const hfHsReassembledIn = field('tls.handshake.reassembled_in', 'Reassembled Handshake Message in frame', 'framenum');
export const hfHsFragmentCount = field('tls.handshake.fragment.count', 'Handshake Fragment count', 'uint32');
export const hfSegmentOverlap = field('tls.segment.overlap', 'Segment overlap', 'boolean', { tfs: ['True', 'False'] });
export const hfSegmentOverlapConflict = field('tls.segment.overlap.conflict', 'Conflicting data in segment overlap', 'boolean', { tfs: ['True', 'False'] });
export const hfSegmentMultipleTails = field('tls.segment.multipletails', 'Multiple tail segments found', 'boolean', { tfs: ['True', 'False'] });
export const hfSegmentTooLong = field('tls.segment.toolongfragment', 'Segment too long', 'boolean', { tfs: ['True', 'False'] });

// Handshake messages
export const hfHandshake = none('tls.handshake', 'Handshake Protocol');
export const hfHsType = again('tls.handshake.type', 'Handshake Type', 'uint8', { vals: HANDSHAKE_TYPES });
export const hfHsLength = u24('tls.handshake.length', 'Length');
export const hfHsVersion = field('tls.handshake.version', 'Version', 'uint16', { base: 'hex', vals: VERSIONS });
export const hfRandom = bytes('tls.handshake.random', 'Random');
export const hfRandomTime = field('tls.handshake.random_time', 'GMT Unix Time', 'abs_time', { base: 'utc' });
export const hfRandomBytes = bytes('tls.handshake.random_bytes', 'Random Bytes');
export const hfSessionIdLength = again('tls.handshake.session_id_length', 'Session ID Length', 'uint8');
export const hfSessionId = bytes('tls.handshake.session_id', 'Session ID');
export const hfCipherSuitesLength = u16('tls.handshake.cipher_suites_length', 'Cipher Suites Length');
export const hfCipherSuites = none('tls.handshake.ciphersuites', 'Cipher Suites');
export const hfCipherSuite = field('tls.handshake.ciphersuite', 'Cipher Suite', 'uint16', { base: 'hex', vals: CIPHER_SUITES, valsExt: true });
export const hfCompMethodsLength = u8('tls.handshake.comp_methods_length', 'Compression Methods Length');
export const hfCompMethods = none('tls.handshake.comp_methods', 'Compression Methods');
export const hfCompMethod = u8('tls.handshake.comp_method', 'Compression Method', COMPRESSION_METHODS);
export const hfJa3Full = str('tls.handshake.ja3_full', 'JA3 Fullstring');
export const hfJa3 = str('tls.handshake.ja3', 'JA3');
export const hfJa3sFull = str('tls.handshake.ja3s_full', 'JA3S Fullstring');
export const hfJa3s = str('tls.handshake.ja3s', 'JA3S');
export const hfCertificatesLength = u24('tls.handshake.certificates_length', 'Certificates Length');
export const hfCertificates = none('tls.handshake.certificates', 'Certificates');
export const hfCertificateLength = u24('tls.handshake.certificate_length', 'Certificate Length');
export const hfCertificate = bytes('tls.handshake.certificate', 'Certificate');
export const hfCertRequestContextLength = u8('tls.handshake.certificate_request_context_length', 'Certificate Request Context Length');
export const hfCertRequestContext = bytes('tls.handshake.certificate_request_context', 'Certificate Request Context');
export const hfCertTypesCount = u8('tls.handshake.cert_types_count', 'Certificate types count');
export const hfCertTypes = none('tls.handshake.cert_types', 'Certificate types');
export const hfCertType = again('tls.handshake.cert_type', 'Certificate type', 'uint8', { vals: CLIENT_CERTIFICATE_TYPES });
export const hfDnamesLength = u16('tls.handshake.dnames_len', 'Distinguished Names Length');
export const hfDnames = none('tls.handshake.dnames', 'Distinguished Names');
export const hfDnameLength = u16('tls.handshake.dname_len', 'Distinguished Name Length');
export const hfDname = none('tls.handshake.dname', 'Distinguished Name');
export const hfTicketLifetime = field('tls.handshake.session_ticket_lifetime_hint', 'Session Ticket Lifetime Hint', 'uint32', { unit: ' seconds' });
export const hfTicketAgeAdd = field('tls.handshake.session_ticket_age_add', 'Session Ticket Age Add', 'uint32');
export const hfTicketNonceLength = u8('tls.handshake.session_ticket_nonce_length', 'Session Ticket Nonce Length');
export const hfTicketNonce = bytes('tls.handshake.session_ticket_nonce', 'Session Ticket Nonce');
export const hfTicketLength = u16('tls.handshake.session_ticket_length', 'Session Ticket Length');
export const hfTicket = bytes('tls.handshake.session_ticket', 'Session Ticket');
export const hfVerifyData = none('tls.handshake.verify_data', 'Verify Data');
export const hfCertUrlType = u8('tls.handshake.cert_url_type', 'Certificate Chain Type', CERT_CHAIN_TYPES);
export const hfCertUrlListLength = u16('tls.handshake.cert_url.url_hash_len', 'URL and Hash list Length');
export const hfCertUrlItem = none('tls.handshake.cert_url.url_hash', 'URL and Hash');
export const hfCertUrlLength = u16('tls.handshake.cert_url.url_len', 'URL Length');
export const hfCertUrl = str('tls.handshake.cert_url.url', 'URL');
export const hfCertUrlPadding = none('tls.handshake.cert_url.padding', 'Padding');
export const hfCertUrlSha1 = bytes('tls.handshake.cert_url.sha1', 'SHA1 Hash');
export const hfKeyUpdateRequest = u8('tls.handshake.key_update.request_update', 'Key Update Request', KEY_UPDATE_REQUESTS);

// Key exchange
export const hfCurveType = field('tls.handshake.server_curve_type', 'Curve Type', 'uint8', { base: 'hex', vals: CURVE_TYPES });
export const hfNamedCurve = field('tls.handshake.server_named_curve', 'Named Curve', 'uint16', { base: 'hex', vals: GROUPS });
export const hfServerPointLength = u8('tls.handshake.server_point_len', 'Pubkey Length');
export const hfServerPoint = bytes('tls.handshake.server_point', 'Pubkey');
export const hfClientPointLength = u8('tls.handshake.client_point_len', 'Pubkey Length');
export const hfClientPoint = bytes('tls.handshake.client_point', 'Pubkey');
export const hfPLength = u16('tls.handshake.p_len', 'p Length');
export const hfP = bytes('tls.handshake.p', 'p');
export const hfGLength = u16('tls.handshake.g_len', 'g Length');
export const hfG = bytes('tls.handshake.g', 'g');
export const hfYsLength = u16('tls.handshake.ys_len', 'Pubkey Length');
export const hfYs = bytes('tls.handshake.ys', 'Pubkey');
export const hfYcLength = u16('tls.handshake.yc_len', 'Pubkey Length');
export const hfYc = bytes('tls.handshake.yc', 'Pubkey');
export const hfModulusLength = u16('tls.handshake.modulus_len', 'Modulus Length');
export const hfModulus = bytes('tls.handshake.modulus', 'Modulus');
export const hfExponentLength = u16('tls.handshake.exponent_len', 'Exponent Length');
export const hfExponent = bytes('tls.handshake.exponent', 'Exponent');
export const hfSigLength = u16('tls.handshake.sig_len', 'Signature Length');
export const hfSig = bytes('tls.handshake.sig', 'Signature');
export const hfEpmsLength = u16('tls.handshake.epms_len', 'Encrypted PreMaster length');
export const hfEpms = bytes('tls.handshake.epms', 'Encrypted PreMaster');
export const hfCertVerifySigLength = u16('tls.handshake.client_cert_vrfy.sig_len', 'Signature length');
export const hfCertVerifySig = bytes('tls.handshake.client_cert_vrfy.sig', 'Signature');
export const hfSigHashAlgLength = u16('tls.handshake.sig_hash_alg_len', 'Signature Hash Algorithms Length');
export const hfSigHashAlgs = none('tls.handshake.sig_hash_algs', 'Signature Algorithms');
export const hfSigHashAlg = field('tls.handshake.sig_hash_alg', 'Signature Algorithm', 'uint16', { base: 'hex', vals: SIGNATURE_SCHEMES });
export const hfSigHashHash = u8('tls.handshake.sig_hash_hash', 'Signature Hash Algorithm Hash', HASH_ALGORITHMS);
export const hfSigHashSig = u8('tls.handshake.sig_hash_sig', 'Signature Hash Algorithm Signature', SIGNATURE_ALGORITHMS);

// Extensions
export const hfExtensionsLength = u16('tls.handshake.extensions_length', 'Extensions Length');
export const hfExtType = u16('tls.handshake.extension.type', 'Type', EXTENSION_TYPES);
export const hfExtLength = u16('tls.handshake.extension.len', 'Length');
export const hfExtData = bytes('tls.handshake.extension.data', 'Data');
export const hfSniListLength = u16('tls.handshake.extensions_server_name_list_len', 'Server Name list length');
export const hfSniType = u8('tls.handshake.extensions_server_name_type', 'Server Name Type', SERVER_NAME_TYPES);
export const hfSniLength = u16('tls.handshake.extensions_server_name_len', 'Server Name length');
export const hfSni = str('tls.handshake.extensions_server_name', 'Server Name');
export const hfMaxFragmentLength = u8('tls.handshake.max_fragment_length', 'Maximum Fragment Length', MAX_FRAGMENT_LENGTHS);
export const hfGroupsLength = u16('tls.handshake.extensions_supported_groups_length', 'Supported Groups List Length');
export const hfGroups = none('tls.handshake.extensions_supported_groups', 'Supported Groups List');
export const hfGroup = field('tls.handshake.extensions_supported_group', 'Supported Group', 'uint16', { base: 'hex', vals: GROUPS });
export const hfEcPointFormatsLength = u8('tls.handshake.extensions_ec_point_formats_length', 'EC point formats Length');
export const hfEcPointFormats = none('tls.handshake.extensions_ec_point_formats', 'EC point formats');
export const hfEcPointFormat = u8('tls.handshake.extensions_ec_point_format', 'EC point format', EC_POINT_FORMATS);
export const hfAlpnLength = u16('tls.handshake.extensions_alpn_len', 'ALPN Extension Length');
export const hfAlpnList = none('tls.handshake.extensions_alpn_list', 'ALPN Protocol');
export const hfAlpnStrLength = u8('tls.handshake.extensions_alpn_str_len', 'ALPN string length');
export const hfAlpnStr = str('tls.handshake.extensions_alpn_str', 'ALPN Next Protocol');
export const hfRenegInfoLength = u8('tls.handshake.extensions_reneg_info_len', 'Renegotiation info extension length');
export const hfRenegInfo = bytes('tls.handshake.extensions_reneg_info', 'Renegotiation info');
export const hfKeyShareClientLength = u16('tls.handshake.extensions_key_share_client_length', 'Client Key Share Length');
export const hfKeyShareGroup = u16('tls.handshake.extensions_key_share_group', 'Group', GROUPS);
export const hfKeyShareKeyLength = u16('tls.handshake.extensions_key_share_key_exchange_length', 'Key Exchange Length');
export const hfKeyShareKey = bytes('tls.handshake.extensions_key_share_key_exchange', 'Key Exchange');
export const hfKeyShareSelectedGroup = u16('tls.handshake.extensions_key_share_selected_group', 'Selected Group', GROUPS);
export const hfPskIdentitiesLength = u16('tls.handshake.extensions.psk.identities.length', 'Identities Length');
export const hfPskIdentityLength = u16('tls.handshake.extensions.psk.identity.identity_length', 'Identity Length');
export const hfPskIdentity = bytes('tls.handshake.extensions.psk.identity.identity', 'Identity');
export const hfPskTicketAge = field('tls.handshake.extensions.psk.identity.obfuscated_ticket_age', 'Obfuscated Ticket Age', 'uint32');
export const hfPskBindersLength = u16('tls.handshake.extensions.psk.binders_len', 'PSK Binders length');
export const hfPskBinders = none('tls.handshake.extensions.psk.binders', 'PSK Binders');
export const hfPskSelected = u16('tls.handshake.extensions.psk.identity.selected', 'Selected Identity');
export const hfSupportedVersionsLength = u8('tls.handshake.extensions.supported_versions_len', 'Supported Versions length');
export const hfSupportedVersion = field('tls.handshake.extensions.supported_version', 'Supported Version', 'uint16', { base: 'hex', vals: VERSIONS });
export const hfCookieLength = u16('tls.handshake.extensions.cookie_len', 'Cookie length');
export const hfCookie = bytes('tls.handshake.extensions.cookie', 'Cookie');
export const hfPskKeModesLength = u8('tls.extension.psk_ke_modes_length', 'PSK Key Exchange Modes Length');
export const hfPskKeMode = u8('tls.extension.psk_ke_mode', 'PSK Key Exchange Mode', PSK_KE_MODES);
export const hfPadding = bytes('tls.handshake.extensions_padding_data', 'Padding Data');
export const hfHeartbeatMode = u8('tls.handshake.extension.heartbeat.mode', 'Mode', HEARTBEAT_MODES);
export const hfCertTypesLength = u8('tls.handshake.cert_type.types_len', 'Certificate Type List Length');
export const hfCertTypeList = none('tls.handshake.cert_type.types', 'Certificate Type List');
export const hfExtCertType = field('tls.handshake.cert_type.type', 'Certificate Type', 'uint8', { base: 'hex', vals: CERTIFICATE_TYPES });
export const hfRecordSizeLimit = u16('tls.record_size_limit', 'Record Size Limit');
export const hfMaxEarlyData = field('tls.early_data.max_early_data_size', 'Maximum Early Data Size', 'uint32');
export const hfStatusType = u8('tls.handshake.extensions_status_request_type', 'Certificate Status Type', CERT_STATUS_TYPES);
export const hfOcspResponseListLength = u24('tls.handshake.ocsp_response_list_len', 'OCSP Response List Length');
export const hfOcspResponseLength = u24('tls.handshake.ocsp_response_len', 'OCSP Response Length');
export const hfStatusResponderIdsLength = u16('tls.handshake.extensions_status_request_responder_ids_len', 'Responder ID list Length');
export const hfStatusExtsLength = u16('tls.handshake.extensions_status_request_exts_len', 'Request Extensions Length');

// Expert items (ssl_common_dissect_t's, and packet-tls.c's own)
export const eiVectorLength = defineExpert('tls.malformed.vector_length', 'protocol', 'warn', 'Variable vector length is outside the permitted range');
export const eiTooSmall = defineExpert('tls.malformed.buffer_too_small', 'malformed', 'error', 'Malformed message, not enough data is available');
export const eiTrailing = defineExpert('tls.malformed.trailing_data', 'protocol', 'warn', 'Undecoded trailing data is present');
export const eiStatusUndecoded = defineExpert('tls.handshake.status_request.undecoded', 'undecoded', 'note',
  'Responder ID list or Request Extensions are not implemented, contact Wireshark developers if you want this to be supported');
export const eiResumed = defineExpert('tls.resumed', 'sequence', 'note', 'This session reuses previously negotiated keys (Session resumption)');
export const eiRecordLength = defineExpert('tls.record.length.invalid', 'protocol', 'error', 'Record fragment length is too small or too large');
export const eiIgnoredUnknownRecord = defineExpert('tls.ignored_unknown_record', 'protocol', 'warn', 'Ignored Unknown Record');
export const eiUnexpectedMessage = defineExpert('tls.unexpected_message', 'protocol', 'error', 'Unexpected message');

import { defineField, defineProtocol, type FieldDef } from './fields.js';

/** Wireshark's expert severities, lowest first. */
export const SEVERITIES = ['comment', 'chat', 'note', 'warn', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Wireshark's expert groups. */
export type ExpertGroup =
  | 'checksum' | 'sequence' | 'response-code' | 'request-code' | 'undecoded' | 'reassemble'
  | 'malformed' | 'debug' | 'protocol' | 'security' | 'comment' | 'decryption' | 'assumption'
  | 'deprecated';

export interface ExpertDef {
  /** Filterable name, e.g. `tcp.analysis.retransmission`; also registered as a field. */
  abbrev: string;
  group: ExpertGroup;
  severity: Severity;
  /** Default message. */
  summary: string;
  field: FieldDef;
  /** severityRank(severity), precomputed for the per-packet counts. */
  rank: number;
  /**
   * The protocol `-z expert` names for this item when it is not the protocol whose subtree holds
   * it: Wireshark's expert tap names the protocol whose dissector raised the item (the Ethernet
   * padding check runs in the Ethertype dissector, its item hangs in the Ethernet tree).
   */
  tapProtocol?: string;
}

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Declares an expert item (Wireshark's ei_register_info). */
export function defineExpert(abbrev: string, group: ExpertGroup, severity: Severity, summary: string, opts: { tapProtocol?: string; proto?: string } = {}): ExpertDef {
  // Registered as a field as Wireshark does (expert_register_field_array): named by its summary;
  // `proto`: the protocol whose expert module registers it, where its name says another.
  const field = defineField(abbrev, summary, 'none', opts.proto !== undefined ? { proto: opts.proto } : {});
  const def: ExpertDef = { abbrev, group, severity, summary, field, rank: severityRank(severity) };
  if (opts.tapProtocol !== undefined) def.tapProtocol = opts.tapProtocol;
  return def;
}

/** The expert item attached to a tree node. */
export interface ExpertItem {
  def: ExpertDef;
  message: string;
  /**
   * Raised inside the copy of a packet an ICMP error quotes. It is in the tree, but Wireshark's
   * taps (so `-z expert` and the expert view) leave such items out.
   */
  inErrorPkt: boolean;
}

/**
 * Wireshark's "Malformed Packet" protocol: the item a dissector exception leaves in the tree, and
 * a hidden item beside every expert item of the Malformed group (so `_ws.malformed` finds them).
 */
export const PROTO_MALFORMED = defineProtocol('_ws.malformed', 'Malformed Packet', 'Malformed');

/** Framework-level expert items. */
export const EI_MALFORMED = defineExpert('_ws.malformed.expert', 'malformed', 'error', 'Malformed Packet (Exception occurred)');
export const EI_BUG = defineExpert('_ws.dissector_bug', 'malformed', 'error', 'Dissector bug');

/** Wireshark's names for severities and groups, as printed in `[Expert Info (Chat/Sequence): …]`. */
export const SEVERITY_NAMES: Readonly<Record<Severity, string>> = {
  comment: 'Comment', chat: 'Chat', note: 'Note', warn: 'Warning', error: 'Error',
};

export const GROUP_NAMES: Readonly<Record<ExpertGroup, string>> = {
  checksum: 'Checksum', sequence: 'Sequence', 'response-code': 'Response', 'request-code': 'Request',
  undecoded: 'Undecoded', reassemble: 'Reassemble', malformed: 'Malformed', debug: 'Debug', protocol: 'Protocol',
  security: 'Security', comment: 'Comment', decryption: 'Decryption', assumption: 'Assumption', deprecated: 'Deprecated',
};

/** `Expert Info (Chat/Sequence): message`, tshark's text for an expert item. */
export function expertText(item: ExpertItem): string {
  return `Expert Info (${SEVERITY_NAMES[item.def.severity]}/${GROUP_NAMES[item.def.group]}): ${item.message}`;
}

/**
 * Fields every expert item carries in Wireshark (`_ws.expert` and its children), so filters and
 * `-e` can name them; the tree holds them implicitly on nodes that have `expert` set.
 */
export const HF_EXPERT = defineField('_ws.expert', 'Expert Info', 'none');
export const HF_EXPERT_MESSAGE = defineField('_ws.expert.message', 'Message', 'string');
export const HF_EXPERT_SEVERITY = defineField('_ws.expert.severity', 'Severity level', 'string');
export const HF_EXPERT_GROUP = defineField('_ws.expert.group', 'Group', 'string');

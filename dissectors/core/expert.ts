import { defineField, type FieldDef } from './fields.js';

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
}

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Declares an expert item (Wireshark's ei_register_info). */
export function defineExpert(abbrev: string, group: ExpertGroup, severity: Severity, summary: string): ExpertDef {
  const field = defineField(abbrev, summary, 'none', { blurb: `Expert info: ${summary}` });
  return { abbrev, group, severity, summary, field };
}

/** The expert item attached to a tree node. */
export interface ExpertItem {
  def: ExpertDef;
  message: string;
}

/** Framework-level expert items. */
export const EI_MALFORMED = defineExpert('_ws.malformed', 'malformed', 'error', 'Malformed Packet (Exception occurred)');
export const EI_TRUNCATED = defineExpert('_ws.short', 'malformed', 'warn', 'Packet size limited during capture');
export const EI_BUG = defineExpert('_ws.dissector_bug', 'malformed', 'error', 'Dissector bug');

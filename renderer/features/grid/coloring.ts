/**
 * Wireshark's default coloring rules as the packet list paints them: background and foreground of
 * each rule, by the rule name the engine puts in Row.color. Values are Wireshark's `colorfilters`
 * file ([background][foreground], 16-bit RGB), written here as CSS colours.
 */

export interface RowColors {
  bg: string;
  fg: string;
}

function rgb16(r: number, g: number, b: number): string {
  const h = (v: number) => Math.round(v / 257).toString(16).padStart(2, '0');
  return `#${h(r)}${h(g)}${h(b)}`;
}

const DARK = rgb16(4626, 10023, 11822);

/** In Wireshark's order (the first matching rule wins, in the engine). */
export const COLOR_RULES: readonly { name: string; colors: RowColors }[] = [
  { name: 'Bad TCP', colors: { bg: rgb16(4626, 10023, 11822), fg: rgb16(63479, 34695, 34695) } },
  { name: 'HSRP State Change', colors: { bg: DARK, fg: rgb16(65535, 64764, 40092) } },
  { name: 'Spanning Tree Topology  Change', colors: { bg: rgb16(65535, 64764, 40092), fg: DARK } },
  { name: 'OSPF State Change', colors: { bg: DARK, fg: rgb16(65535, 64764, 40092) } },
  { name: 'ICMP errors', colors: { bg: DARK, fg: rgb16(47031, 63479, 29812) } },
  { name: 'ARP', colors: { bg: rgb16(64250, 61680, 55255), fg: DARK } },
  { name: 'ICMP', colors: { bg: rgb16(64764, 57568, 65535), fg: DARK } },
  { name: 'TCP RST', colors: { bg: rgb16(42148, 0, 0), fg: rgb16(65535, 64764, 40092) } },
  { name: 'SCTP ABORT', colors: { bg: rgb16(42148, 0, 0), fg: rgb16(65535, 64764, 40092) } },
  { name: 'TTL low or unexpected', colors: { bg: rgb16(42148, 0, 0), fg: rgb16(65535, 65535, 65535) } },
  { name: 'Checksum Errors', colors: { bg: DARK, fg: rgb16(63479, 34695, 34695) } },
  { name: 'SMB', colors: { bg: rgb16(65278, 65535, 53456), fg: DARK } },
  { name: 'HTTP', colors: { bg: rgb16(58596, 65535, 51143), fg: DARK } },
  { name: 'DCERPC', colors: { bg: rgb16(51143, 38807, 65535), fg: DARK } },
  { name: 'Routing', colors: { bg: rgb16(65535, 62451, 54998), fg: DARK } },
  { name: 'TCP SYN/FIN', colors: { bg: rgb16(41120, 41120, 41120), fg: DARK } },
  { name: 'TCP', colors: { bg: rgb16(59367, 59110, 65535), fg: DARK } },
  { name: 'UDP', colors: { bg: rgb16(56026, 61166, 65535), fg: DARK } },
  { name: 'Broadcast', colors: { bg: rgb16(65535, 65535, 65535), fg: rgb16(47802, 48573, 46774) } },
  { name: 'System Event', colors: { bg: rgb16(59110, 59110, 59110), fg: rgb16(11565, 28527, 39578) } },
];

const BY_NAME = new Map(COLOR_RULES.map((r) => [r.name, r.colors]));

export function rowColors(rule: string): RowColors | undefined {
  return rule ? BY_NAME.get(rule) : undefined;
}

/** i18n key of a rule's name in the legend ("color.TCP SYN/FIN" is awkward as a key). */
export function ruleKey(name: string): string {
  return 'coloring.' + name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

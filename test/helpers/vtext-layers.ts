/**
 * `-V` text (tshark's or ours) cut into packets and, per packet, its top-level items ("layers":
 * Frame, Ethernet II, Internet Protocol Version 4, Transmission Control Protocol …), for tests
 * that compare decode trees with tshark layer by layer.
 *
 * A layer is keyed by its label before the first comma or parenthesis; a truncation mark is not
 * part of the key (a label cut differently must be compared, not taken for another layer). Left
 * out: `[Protocols in frame: …]`, and on our side (`ours`) what Packetloom adds and tshark has
 * not — the `[Endpoint states]` subtree under TCP, TCP's "Possible SYN flood" expert item and
 * the `[Reason: …]` line of a malformed packet. On tshark's side, the X.509 contents of a TLS
 * certificate or distinguished name (Wireshark's x509af/x509if dissectors, which Packetloom does
 * not have: it shows the DER bytes) are left out, and the subject Wireshark appends to the
 * certificate's label.
 */
export function vtextLayers(text: string, ours: boolean): Map<string, string[]>[] {
  const packets: Map<string, string[]>[] = [];
  let cur: string[] | null = null;
  let skip = false;
  /** Indentation under which tshark's X.509 subtree lines are dropped (−1: none). */
  let x509 = -1;
  for (let line of text.split('\n')) {
    if (line === '') continue;
    if (!ours) {
      const indent = line.length - line.trimStart().length;
      if (x509 >= 0 && indent > x509) continue;
      x509 = -1;
      const cert = /^(\s+Certificate: [0-9a-f]+…?) \(.*\)$/.exec(line);
      if (cert) line = cert[1]!;
      if (/^\s+Distinguished Name: \(/.test(line)) line = line.slice(0, line.indexOf(':'));
      if (/^\s+(Certificate: [0-9a-f]|Distinguished Name$)/.test(line)) x509 = indent;
    }
    if (line.startsWith('Frame ')) packets.push(new Map());
    const pk = packets[packets.length - 1];
    if (!pk) continue;
    if (!line.startsWith(' ')) {
      const name = line.replace(' [truncated]', '').split(/[,(]/)[0]!.trim();
      cur = pk.get(name) ?? [];
      pk.set(name, cur);
      cur.push(line);
      skip = false;
      continue;
    }
    if (ours && (line === '    [Endpoint states]' || line.startsWith('    [Expert Info (Warning/Security): Possible SYN flood: '))) {
      skip = true;
      continue;
    }
    if (skip && line.startsWith('        ')) continue;
    skip = false;
    if (line.startsWith('    [Protocols in frame: ')) continue;
    if (ours && /^ {4}\[Reason: /.test(line)) continue;
    cur?.push(line);
  }
  return packets;
}

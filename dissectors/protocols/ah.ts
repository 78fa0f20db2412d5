/*
 * IP Authentication Header (AH, RFC 4302; IP protocol 51), as Wireshark 4.0's packet-ipsec.c
 * shows it. The integrity check value is shown, not verified (no keys).
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   | Next Header   |  Payload Len  |          RESERVED             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                 Security Parameters Index (SPI)               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Sequence Number Field                      |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                Integrity Check Value-ICV (variable)           |
 *
 * The header is (Payload Len + 2) × 4 bytes. Over IPv6 it is an extension header: its item goes
 * inside the IPv6 tree and the chain goes on after it (ipv6.ts); over IPv4 it is a layer of its
 * own, and what it protects goes to the `ip.proto` table, else data.
 */
import type { ProtocolSpec } from '../core/dispatch.js';
import { defineField, defineProtocol } from '../core/fields.js';
import { MISSING_BYTES } from '../core/format.js';
import type { PacketInfo } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { callData, IPPROTO_VALS, ipProtos } from './ipv4.js';

export const proto = defineProtocol('ah', 'Authentication Header', 'AH', 'network');
const hfNext = defineField('ah.next_header', 'Next header', 'uint8', { vals: IPPROTO_VALS });
const hfLength = defineField('ah.length', 'Length', 'uint8');
const hfReserved = defineField('ah.reserved', 'Reserved', 'bytes');
const hfSpi = defineField('ah.spi', 'AH SPI', 'uint32', { base: 'hex', blurb: 'IP Authentication Header Security Parameters Index' });
const hfSequence = defineField('ah.sequence', 'AH Sequence', 'uint32', { blurb: 'IP Authentication Header Sequence Number' });
const hfIcv = defineField('ah.icv', 'AH ICV', 'bytes', { blurb: 'IP Authentication Header Integrity Check Value' });

/**
 * The header's items under `parent` (IPv6's tree in its chain, else the root); returns the next
 * header and the header's length in bytes. The caller has entered the layer (the dispatcher, or
 * IPv6's chain).
 */
export function ahHeader(tvb: Tvb, pinfo: PacketInfo, parent: ProtoNode): { nxt: number; len: number } {
  pinfo.setProtocol('AH');
  if (pinfo.wantInfo) pinfo.setInfo('');
  const nxt = tvb.u8(0);
  const words = tvb.u8(1);
  const len = (words + 2) * 4;
  const icvLen = words ? (words - 1) * 4 : 0;
  const t = parent.addProto(proto, tvb, 0, tvb.length, proto.name);
  t.add(hfNext, tvb, 0, 1, nxt);
  t.add(hfLength, tvb, 1, 1, words).appendLabel(` (${len} bytes)`, () => `${hfLength.name}: ${words}`);
  t.add(hfReserved, tvb, 2, 2, tvb.bytes(2, 2));
  const spi = tvb.u32(4);
  t.add(hfSpi, tvb, 4, 4, spi);
  if (pinfo.wantInfo) pinfo.setInfo(`AH (SPI=0x${spi.toString(16).padStart(8, '0')})`);
  t.add(hfSequence, tvb, 8, 4, tvb.u32(8));
  t.add(hfIcv, tvb, 12, icvLen, icvLen === 0 ? MISSING_BYTES : tvb.bytes(12, icvLen));
  t.setLength(len);
  return { nxt, len };
}

export const ah: ProtocolSpec = {
  proto,
  bind: [['ip.proto', 51]],
  dissect(tvb, pinfo, tree) {
    const { nxt, len } = ahHeader(tvb, pinfo, tree);
    // Over IPv4: the protected payload by the IP protocol table, else data (no heuristics).
    const next = tvb.sub(len);
    if (ipProtos.call(nxt, next, pinfo, tree) < 0) callData(next, pinfo, tree);
  },
};

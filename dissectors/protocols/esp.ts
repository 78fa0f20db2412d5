/*
 * IP Encapsulating Security Payload (ESP, RFC 4303; IP protocol 50), as Wireshark 4.0's
 * packet-ipsec.c shows it without keys (its default): the SPI and sequence number; the encrypted
 * rest is not shown. Sequence analysis per SPI, as Wireshark's (on by default): a sequence number
 * other than the previous one plus one gets the expected number, the SPI's previous frame and a
 * "Wrong Sequence Number" warning.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |               Security Parameters Index (SPI)                 |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                      Sequence Number                          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Payload Data* (variable, encrypted) …      |
 */
import type { ProtocolSpec } from '../core/dispatch.js';
import { defineExpert } from '../core/expert.js';
import { defineField, defineProtocol } from '../core/fields.js';
import type { PacketInfo } from '../core/pinfo.js';

export const proto = defineProtocol('esp', 'Encapsulating Security Payload', 'ESP', 'network');
const hfSpi = defineField('esp.spi', 'ESP SPI', 'uint32', { base: 'hex_dec', blurb: 'IP Encapsulating Security Payload Security Parameters Index' });
const hfSequence = defineField('esp.sequence', 'ESP Sequence', 'uint32', { blurb: 'IP Encapsulating Security Payload Sequence Number' });
const hfExpectedSn = defineField('esp.sequence-analysis.expected-sn', 'Expected SN', 'uint32');
const hfPreviousFrame = defineField('esp.sequence-analysis.previous-frame', 'Previous Frame', 'framenum');
const eiWrongSequence = defineExpert('esp.sequence-analysis.wrong-sequence-number', 'sequence', 'warn', 'Wrong Sequence Number');

/** Per SPI: the last sequence number and its frame; per frame: what was expected when it was not it. */
interface EspState {
  bySpi: Map<number, { seq: number; frame: number }>;
  reports: Map<number, { seq: number; frame: number }>;
}

/** Made once: a closure written in the call would be allocated per packet. */
const newEspState = (): EspState => ({ bySpi: new Map(), reports: new Map() });

/** check_esp_sequence_info (first pass), then what show_esp_sequence_info shows for the frame. */
function sequenceReport(pinfo: PacketInfo, spi: number, seq: number): { seq: number; frame: number } | undefined {
  const st = pinfo.ctx.state(proto, newEspState);
  const num = pinfo.meta.num;
  if (!pinfo.visited) {
    const prev = st.bySpi.get(spi);
    if (prev === undefined) {
      st.bySpi.set(spi, { seq, frame: num });
    } else {
      if (seq !== ((prev.seq + 1) >>> 0)) st.reports.set(num, { ...prev });
      prev.seq = seq;
      prev.frame = num;
    }
  }
  return st.reports.get(num);
}

export const esp: ProtocolSpec = {
  proto,
  bind: [['ip.proto', 50]],
  dissect(tvb, pinfo, tree) {
    pinfo.setProtocol('ESP');
    if (pinfo.wantInfo) pinfo.setInfo('');
    const t = tree.addProto(proto, tvb, 0, tvb.length, proto.name);
    const spi = tvb.u32(0);
    t.add(hfSpi, tvb, 0, 4, spi);
    const seq = tvb.u32(4);
    t.add(hfSequence, tvb, 4, 4, seq);
    if (pinfo.wantInfo) pinfo.setInfo(`ESP (SPI=0x${hex8(spi)})`);
    const r = sequenceReport(pinfo, spi, seq);
    if (r === undefined) return;
    const expected = (r.seq + 1) >>> 0;
    const sn = t.addGenerated(hfExpectedSn, expected, tvb, 0, 0);
    if (seq > expected) sn.appendLabel(` (${seq - expected} SNs missing)`, () => `${hfExpectedSn.name}: ${expected}`);
    t.addGenerated(hfPreviousFrame, r.frame, tvb, 0, 0);
    const spiText = hex8(spi);
    const text = seq === r.seq ? `Wrong Sequence Number for SPI ${spiText} - ${seq} repeated`
      : seq > expected ? `Wrong Sequence Number for SPI ${spiText} - ${seq - expected} missing`
        : `Wrong Sequence Number for SPI ${spiText} - ${expected - seq} less than expected`;
    pinfo.expert(sn, eiWrongSequence, tvb, 0, 0, pinfo.wantExpertText ? text : undefined);
  },
};

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

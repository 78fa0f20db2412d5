/**
 * -T json: the serializer's rules on a hand-made tree (exact text), tshark's `_index` dates, the
 * JSON Schema (ajv, draft 2020-12) over our output for every corpus file, and one protocol layer
 * compared with tshark's own JSON.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defineExpert } from '../../../dissectors/core/expert.js';
import { defineField, defineProtocol } from '../../../dissectors/core/fields.js';
import { PacketInfo } from '../../../dissectors/core/pinfo.js';
import { ProtoNode } from '../../../dissectors/core/tree.js';
import { Tvb } from '../../../dissectors/core/tvb.js';
import { JsonArrayWriter, jsonIndexName, packetFieldsJson, packetJson } from '../../../dissectors/output/json.js';
import schema from '../../../dissectors/output/packets.schema.json' with { type: 'json' };
import { runCli } from '../../electron/cli/run-cli.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));

const pProto = defineProtocol('pljson', 'JSON Test Protocol', 'PLJSON');
const fFlags = defineField('pljson.flags', 'Flags', 'uint16', { base: 'hex' });
const fSyn = defineField('pljson.flags.syn', 'Syn', 'boolean', { mask: 0x0002, bits: 16 });
const fAddr = defineField('pljson.addr', 'Address', 'ipv4');
const fData = defineField('pljson.data', 'Data', 'bytes');
const fNone = defineField('pljson.marker', 'Marker', 'none');
const eiSyn = defineExpert('pljson.syn', 'sequence', 'chat', 'Connection establish request (SYN)');
const pEmpty = defineProtocol('pljson_empty', 'Empty Protocol', 'EMPTY');
const pFrame = defineProtocol('frame', 'Frame', 'FRAME');
const fNumber = defineField('frame.number', 'Frame Number', 'uint32');

/** A small tree with every kind of node the serializer handles. */
function sampleTree(): ProtoNode {
  const bytes = new Uint8Array([0x00, 0x02, 10, 0, 0, 1, 10, 0, 0, 2, 0xde, 0xad]);
  const tvb = Tvb.frame(bytes, bytes.length);
  const root = new ProtoNode(null, 0, bytes.length, null);
  root.addProto(pFrame, tvb, 0, 12, 'Frame 1').add(fNumber, tvb, 0, 0, 1);
  const p = root.addProto(pProto, tvb, 0, 12, 'JSON Test Protocol, two addresses');
  const flags = p.add(fFlags, tvb, 0, 2);
  const syn = flags.add(fSyn, tvb, 0, 2);
  const pinfo = new PacketInfo();
  pinfo.reset({ num: 1, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: 12 }, bytes, root);
  pinfo.expert(syn, eiSyn, tvb, 0, 2, 'Connection establish request (SYN): server port 80');
  p.add(fAddr, tvb, 2, 4);
  p.addHidden(fAddr, tvb, 6, 4);
  p.add(fData, tvb, 10, 2);
  p.add(fNone, tvb, 0, 0);
  const text = p.addText(tvb, 0, 0, 'Timestamps');
  text.addGenerated(fAddr, 0x7f000001);
  p.addText(tvb, 0, 0, 'Queries');
  root.addProto(pEmpty, tvb, 0, 0, '[Empty Protocol: nothing here]');
  return root;
}

const SAMPLE_JSON = `{
    "_index": "packets-2012-11-11",
    "_type": "doc",
    "_score": null,
    "_source": {
      "layers": {
        "frame": {
          "frame.number": "1"
        },
        "pljson": {
          "pljson.flags": "0x0002",
          "pljson.flags_tree": {
            "pljson.flags.syn": "1",
            "pljson.flags.syn_tree": {
              "_ws.expert": {
                "pljson.syn": "",
                "_ws.expert.message": "Connection establish request (SYN): server port 80",
                "_ws.expert.severity": "2097152",
                "_ws.expert.group": "33554432"
              }
            }
          },
          "pljson.addr": "10.0.0.1",
          "pljson.addr": "10.0.0.2",
          "pljson.data": "de:ad",
          "pljson.marker": "",
          "Timestamps": {
            "pljson.addr": "127.0.0.1"
          },
          "Queries": ""
        },
        "pljson_empty": "[Empty Protocol: nothing here]"
      }
    }
  }`;

describe('dissectors/output/json', () => {
  it('writes a tree in tshark -T json form (duplicate keys, _tree, expert, labels)', () => {
    expect(packetJson(sampleTree(), 1352595620)).toBe(SAMPLE_JSON);
  });

  it('writes the top-level array like tshark (and [] when there are no packets)', () => {
    let s = '';
    const w = new JsonArrayWriter((t) => (s += t));
    w.end();
    expect(s).toBe('[]\n');
    s = '';
    const w2 = new JsonArrayWriter((t) => (s += t));
    w2.element('{}');
    w2.element('{}');
    w2.end();
    expect(s).toBe('[\n  {},\n  {}\n]\n');
  });

  it('writes -e values as arrays', () => {
    const text = packetFieldsJson([['ip.src', ['192.168.1.102', '192.168.1.1']], ['frame.number', ['1']]], 1258547335);
    expect(text).toBe(`{
    "_index": "packets-2009-11-18",
    "_type": "doc",
    "_score": null,
    "_source": {
      "layers": {
        "ip.src": [
          "192.168.1.102",
          "192.168.1.1"
        ],
        "frame.number": [
          "1"
        ]
      }
    }
  }`);
  });

  it('names the index after the UTC date, for any year', () => {
    expect(jsonIndexName(0)).toBe('packets-1970-01-01');
    expect(jsonIndexName(1352595620)).toBe('packets-2012-11-11');
    expect(jsonIndexName(951782400)).toBe('packets-2000-02-29');
    expect(jsonIndexName(-86400)).toBe('packets-1969-12-31');
    // pcpp-pcapng-example.pcapng frames 60-159: tshark 4.0 prints packets-586524-01-19.
    expect(jsonIndexName(18446744073204)).toBe('packets-586524-01-19');
  });

  it('gives the _index values tshark gives on a file with 64-bit timestamps', async () => {
    const res = await runCli(['-r', join(CORPUS, 'pcpp-pcapng-example.pcapng'), '-T', 'json']);
    const counts = new Map<string, number>();
    for (const p of JSON.parse(res.stdout) as { _index: string }[]) counts.set(p._index, (counts.get(p._index) ?? 0) + 1);
    // tshark -T json on the same file: 58 × 2015-01-29, 1 × 2061-09-21, 100 × 586524-01-19.
    expect(Object.fromEntries(counts)).toEqual({ 'packets-2015-01-29': 58, 'packets-2061-09-21': 1, 'packets-586524-01-19': 100 });
  });

  it('writes the ARP layer exactly as tshark does (arkime-cloudshark-arp.pcap frame 1)', async () => {
    const res = await runCli(['-r', join(CORPUS, 'arkime-cloudshark-arp.pcap'), '-T', 'json', '-c', '1']);
    const start = res.stdout.indexOf('        "arp": {');
    // From `tshark -n -r arkime-cloudshark-arp.pcap -T json -c 1`.
    expect(res.stdout.slice(start, res.stdout.indexOf('        }', start) + 9)).toBe(`        "arp": {
          "arp.hw.type": "1",
          "arp.proto.type": "0x0800",
          "arp.hw.size": "6",
          "arp.proto.size": "4",
          "arp.opcode": "1",
          "arp.src.hw_mac": "00:1a:6b:6c:0c:cc",
          "arp.src.proto_ipv4": "10.10.10.2",
          "arp.dst.hw_mac": "00:00:00:00:00:00",
          "arp.dst.proto_ipv4": "10.10.10.1"
        }`);
  });
});

describe('dissectors/output/packets.schema.json', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(schema);

  it('is a draft 2020-12 schema with an $id and a version note', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toMatch(/^urn:packetloom:schema:packets-json:\d+$/);
    expect(schema.$comment).toMatch(/Schema version \d+\.\d+\.\d+/);
  });

  it('accepts the hand-made tree and rejects what tshark would never write', () => {
    expect(validate(JSON.parse(`[${packetJson(sampleTree(), 0)}]`)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate([{ _index: 'packets-2012-11-11', _type: 'doc', _score: null, _source: { layers: { frame: { 'frame.number': 1 } } } }])).toBe(false);
    expect(validate([{ _index: 'x', _type: 'doc', _score: null, _source: { layers: { frame: {} } } }])).toBe(false);
    expect(validate([{ _index: 'packets-2012-11-11', _type: 'doc', _score: null, _source: { layers: { frame: { 'ip.flags_tree': '1' } } } }])).toBe(false);
  });

  const files = readdirSync(CORPUS).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort();
  for (const file of files) {
    it(`validates -T json of ${file}`, async () => {
      const res = await runCli(['-r', join(CORPUS, file), '-T', 'json']);
      const doc = JSON.parse(res.stdout) as unknown[];
      expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      const fields = await runCli(['-r', join(CORPUS, file), '-T', 'json', '-e', 'frame.number', '-e', 'ip.src', '-e', 'eth.src']);
      expect(validate(JSON.parse(fields.stdout)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    });
  }
});

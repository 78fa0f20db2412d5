/*
 * Microsoft's WINS and WINS-R records (types 65281 and 65282: a Windows DNS server's pointers to
 * WINS for names and addresses it does not hold), as Wireshark 4.0 shows them.
 *
 *   WINS    | local flag (4) | lookup timeout (4) | cache timeout (4) | server count (4) | servers (4 each)
 *   WINS-R  | local flag (4) | lookup timeout (4) | cache timeout (4) | name result domain
 */
import { defineField, type FieldDef } from '../../core/fields.js';
import { readDnsName } from './names.js';
import type { Rdata, RdataDecoder } from './rdata.js';

const B32 = { bits: 32, mask: 0x1, tfs: ['True', 'False'] as const };
const hfWinsLocal = defineField('dns.wins.local_flag', 'Local Flag', 'boolean', B32);
const hfWinsLookup = defineField('dns.wins.lookup_timeout', 'Lookup timeout', 'uint32', { blurb: 'In seconds' });
const hfWinsCache = defineField('dns.wins.cache_timeout', 'Cache timeout', 'uint32', { blurb: 'In seconds' });
const hfWinsCount = defineField('dns.wins.nb_wins_servers', 'Number of WINS servers', 'uint32');
const hfWinsServer = defineField('dns.wins.wins_server', 'WINS Server Address', 'ipv4');
const hfWinsrLocal = defineField('dns.winsr.local_flag', 'Local Flag', 'boolean', B32);
const hfWinsrLookup = defineField('dns.winsr.lookup_timeout', 'Lookup timeout', 'uint32', { blurb: 'In seconds' });
const hfWinsrCache = defineField('dns.winsr.cache_timeout', 'Cache timeout', 'uint32', { blurb: 'In seconds' });
const hfWinsrDomain = defineField('dns.winsr.name_result_domain', 'Name Result Domain', 'string');

/** The three 32-bit fields both records start with. */
function header(r: Rdata, local: FieldDef, lookup: FieldDef, cache: FieldDef): void {
  const { msg, rr, off } = r;
  msg.check(off, 4);
  rr.add(local, msg, off, 4);
  rr.add(lookup, msg, off + 4, 4, msg.u32(off + 4));
  rr.add(cache, msg, off + 8, 4, msg.u32(off + 8));
}

function wins(r: Rdata): string {
  const { msg, rr, off } = r;
  header(r, hfWinsLocal, hfWinsLookup, hfWinsCache);
  let n = msg.u32(off + 12);
  rr.add(hfWinsCount, msg, off + 12, 4, n);
  let o = off + 16;
  let rest = r.len - 16;
  // Until nothing is left or every server is read, as Wireshark's loop (each turn takes 4 bytes).
  while (rest !== 0 && n !== 0) {
    msg.check(o, 4);
    rr.add(hfWinsServer, msg, o, 4);
    o += 4;
    rest -= 4;
    n--;
  }
  return '';
}

function winsr(r: Rdata): string {
  const { msg, rr, off, pinfo } = r;
  header(r, hfWinsrLocal, hfWinsrLookup, hfWinsrCache);
  const nm = readDnsName(msg, off + 12, true);
  const used = nm.used, text = nm.text;
  rr.add(hfWinsrDomain, msg, off + 12, used, text);
  if (pinfo.wantInfo) pinfo.appendInfo(` ${text}`);
  return `, name result domain ${text}`;
}

export const WINS_RDATA: Readonly<Record<number, RdataDecoder>> = { 65281: wins, 65282: winsr };

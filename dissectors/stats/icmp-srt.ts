/**
 * `-z icmp,srt` and `-z icmpv6,srt`: tshark's ICMP / ICMPv6 Service Response Time statistics
 * (ui/cli/tap-icmpstat.c, tap-icmpv6stat.c) over echo requests and replies. ICMP's tap hands over
 * an echo's transaction: a request not yet answered counts as a request; a reply matched to its
 * request (icmp.resp_to) counts as a reply with its response time (icmp.resptime, in ms). An echo
 * quoted by an ICMP error is not tapped; neither is a reply without its request.
 */
import { fieldByName, type FieldDef } from '../core/fields.js';
import type { ProtoNode } from '../core/tree.js';
import { fixed } from './stats-tree.js';

const field = (name: string): FieldDef => fieldByName(name)!;

interface Family {
  proto: FieldDef;
  type: FieldDef;
  respIn: FieldDef;
  respTo: FieldDef;
  respTime: FieldDef;
  request: number;
  reply: number;
  title: string;
}

const FAMILIES: Record<'icmp' | 'icmpv6', () => Family> = {
  icmp: () => ({ proto: field('icmp'), type: field('icmp.type'), respIn: field('icmp.resp_in'), respTo: field('icmp.resp_to'), respTime: field('icmp.resptime'), request: 8, reply: 0, title: 'ICMP' }),
  icmpv6: () => ({ proto: field('icmpv6'), type: field('icmpv6.type'), respIn: field('icmpv6.resp_in'), respTo: field('icmpv6.resp_to'), respTime: field('icmpv6.resptime'), request: 128, reply: 129, title: 'ICMPv6' }),
};

const G_MAXUINT = 4294967295;

export class IcmpSrt {
  private readonly f: Family;
  private requests = 0;
  private readonly times: number[] = [];
  private minMs = G_MAXUINT;
  private maxMs = 0;
  private minFrame = 0;
  private maxFrame = 0;
  private totMs = 0;

  constructor(readonly which: 'icmp' | 'icmpv6') {
    this.f = FAMILIES[which]();
  }

  /** Counts one packet from its decode tree (its top-level ICMP messages; `frame`: its number). */
  addTree(tree: ProtoNode, frame: number): void {
    const f = this.f;
    for (const m of tree.children ?? []) {
      if (m.field !== f.proto) continue;
      const kids = m.children ?? [];
      const type = kids.find((c) => c.field === f.type)?.value;
      if (type === f.request) {
        // A request already answered is a reply to the tap (its transaction has a response frame).
        if (!kids.some((c) => c.field === f.respIn)) this.requests++;
      } else if (type === f.reply && kids.some((c) => c.field === f.respTo)) {
        const t = kids.find((c) => c.field === f.respTime)?.value;
        if (typeof t !== 'number') continue;
        this.times.push(t);
        if (this.minMs > t) {
          this.minMs = t;
          this.minFrame = frame;
        }
        if (this.maxMs < t) {
          this.maxMs = t;
          this.maxFrame = frame;
        }
        this.totMs += t;
      }
    }
  }

  /** tshark's table. */
  text(filter?: string): string {
    const rule = '==========================================================================\n';
    let out = `\n${rule}${this.f.title} Service Response Time (SRT) Statistics (all times in ms):\nFilter: ${filter ?? '<none>'}\n\nRequests  Replies   Lost      % Loss\n`;
    const col = (s: string | number) => String(s).padEnd(10, ' ');
    const n = this.times.length;
    if (this.requests) {
      const lost = (this.requests - n) >>> 0;
      const sorted = [...this.times].sort((a, b) => a - b);
      const mean = n ? this.totMs / n : 0;
      const med = !n ? 0 : n & 1 ? sorted[n >> 1]! : (sorted[(n - 1) >> 1]! + sorted[n >> 1]!) / 2;
      let sq = 0;
      for (const t of sorted) sq += (t - mean) * (t - mean);
      const sdev = n > 1 ? Math.sqrt(sq / (n - 1)) : 0;
      out += `${col(this.requests)}${col(n)}${col(lost)}${fixed((100 * lost) / this.requests, 1).padStart(5, ' ')}%\n\n`;
      out += 'Minimum   Maximum   Mean      Median    SDeviation     Min Frame Max Frame\n';
      out += `${col(fixed(this.minMs >= G_MAXUINT ? 0 : this.minMs, 3))}${col(fixed(this.maxMs, 3))}${col(fixed(mean, 3))}${col(fixed(med, 3))}${col(fixed(sdev, 3))}     ${col(this.minFrame)}${col(this.maxFrame)}\n`;
    } else {
      out += '0         0         0           0.0%\n\n';
      out += 'Minimum   Maximum   Mean      Median    SDeviation     Min Frame Max Frame\n';
      out += '0.000     0.000     0.000     0.000     0.000          0         0\n';
    }
    return out + rule;
  }
}

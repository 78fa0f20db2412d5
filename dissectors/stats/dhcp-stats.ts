/**
 * `-z dhcp,stat` (Wireshark's "DHCP (BOOTP) Statistics", a stats tree): packets per DHCP message
 * type, from option 53 (the last one when a packet has several). Every known type is listed, in
 * its numeric order, even at 0; a type Wireshark has no name for is not counted.
 */
import { fieldByName } from '../core/fields.js';
import type { ProtoNode } from '../core/tree.js';
import { MESSAGE_TYPES } from '../protocols/dhcp.js';

const MESSAGE_TYPE = fieldByName('dhcp.option.dhcp')!;

export class DhcpStats {
  private readonly counts = new Map<number, number>(Object.keys(MESSAGE_TYPES).map((k) => [Number(k), 0]));

  /** Counts one packet from its decode tree. */
  addTree(tree: ProtoNode): void {
    let type = -1;
    const walk = (n: ProtoNode): void => {
      if (n.field === MESSAGE_TYPE && typeof n.value === 'number') type = n.value;
      for (const c of n.children ?? []) walk(c);
    };
    walk(tree);
    const c = this.counts.get(type);
    if (c !== undefined) this.counts.set(type, c + 1);
  }

  /** [message type name, packets], every known type in order. */
  rows(): [string, number][] {
    return [...this.counts.entries()].sort((a, b) => a[0] - b[0]).map(([t, n]) => [MESSAGE_TYPES[t]!, n]);
  }
}

import type { ProtocolSpec } from '../core/dispatch.js';
import { defineProtocol } from '../core/fields.js';

// PLACEHOLDER: to be written.
export const proto = defineProtocol('icmp', 'Internet Control Message Protocol', 'ICMP', 'network');

export const icmp: ProtocolSpec = {
  proto,
  dissect() {
    return 0;
  },
};

import type { ProtocolSpec } from '../core/dispatch.js';
import { defineProtocol } from '../core/fields.js';

// PLACEHOLDER: to be written.
export const proto = defineProtocol('icmpv6', 'Internet Control Message Protocol v6', 'ICMPv6', 'network');

export const icmpv6: ProtocolSpec = {
  proto,
  dissect() {
    return 0;
  },
};

import type { ProtocolSpec } from '../core/dispatch.js';
import { defineProtocol } from '../core/fields.js';

// PLACEHOLDER: to be written.
export const proto = defineProtocol('arp', 'Address Resolution Protocol', 'ARP', 'network');

export const arp: ProtocolSpec = {
  proto,
  dissect() {
    return 0;
  },
};

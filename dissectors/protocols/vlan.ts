import type { ProtocolSpec } from '../core/dispatch.js';
import { defineProtocol } from '../core/fields.js';

// PLACEHOLDER: to be written.
export const proto = defineProtocol('vlan', '802.1Q Virtual LAN', '802.1Q', 'link');

export const vlan: ProtocolSpec = {
  proto,
  dissect() {
    return 0;
  },
};

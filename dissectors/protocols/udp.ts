import type { ProtocolSpec } from '../core/dispatch.js';
import { defineProtocol } from '../core/fields.js';

// PLACEHOLDER: to be written.
export const proto = defineProtocol('udp', 'User Datagram Protocol', 'UDP', 'transport');

export const udp: ProtocolSpec = {
  proto,
  dissect() {
    return 0;
  },
};

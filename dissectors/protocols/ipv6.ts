import type { ProtocolSpec } from '../core/dispatch.js';
import { defineProtocol } from '../core/fields.js';

// PLACEHOLDER: to be written.
export const proto = defineProtocol('ipv6', 'Internet Protocol Version 6', 'IPv6', 'network');

export const ipv6: ProtocolSpec = {
  proto,
  dissect() {
    return 0;
  },
};

import type { ProtocolSpec } from '../core/dispatch.js';
import { defineProtocol } from '../core/fields.js';

// PLACEHOLDER: to be written.
export const proto = defineProtocol('ip', 'Internet Protocol Version 4', 'IPv4', 'network');

export const ipv4: ProtocolSpec = {
  proto,
  dissect() {
    return 0;
  },
};

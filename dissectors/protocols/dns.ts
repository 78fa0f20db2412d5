import type { ProtocolSpec } from '../core/dispatch.js';
import { defineProtocol } from '../core/fields.js';

// PLACEHOLDER: to be written.
export const proto = defineProtocol('dns', 'Domain Name System', 'DNS', 'application');

export const dns: ProtocolSpec = {
  proto,
  dissect() {
    return 0;
  },
};

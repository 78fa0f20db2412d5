import type { ProtocolSpec } from '../core/dispatch.js';
import { defineProtocol } from '../core/fields.js';

// PLACEHOLDER: to be written.
export const proto = defineProtocol('raw', 'Raw packet data', 'RAW', 'link');

export const rawIp: ProtocolSpec = {
  proto,
  dissect() {
    return 0;
  },
};

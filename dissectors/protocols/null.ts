import type { ProtocolSpec } from '../core/dispatch.js';
import { defineProtocol } from '../core/fields.js';

// PLACEHOLDER: to be written.
export const proto = defineProtocol('null', 'Null/Loopback', 'NULL', 'link');

export const nullLoop: ProtocolSpec = {
  proto,
  dissect() {
    return 0;
  },
};

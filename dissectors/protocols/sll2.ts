import type { ProtocolSpec } from '../core/dispatch.js';
import { defineProtocol } from '../core/fields.js';

// PLACEHOLDER: to be written.
export const proto = defineProtocol('sll2', 'Linux cooked capture v2', 'SLL2', 'link');

export const sll2: ProtocolSpec = {
  proto,
  dissect() {
    return 0;
  },
};

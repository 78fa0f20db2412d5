import type { ProtocolSpec } from '../core/dispatch.js';
import { defineProtocol } from '../core/fields.js';

// PLACEHOLDER: to be written.
export const proto = defineProtocol('sll', 'Linux cooked capture v1', 'SLL', 'link');

export const sll: ProtocolSpec = {
  proto,
  dissect() {
    return 0;
  },
};

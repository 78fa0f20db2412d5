import type { ProtocolSpec } from '../core/dispatch.js';
import { defineProtocol } from '../core/fields.js';

// PLACEHOLDER: to be written.
export const proto = defineProtocol('tcp', 'Transmission Control Protocol', 'TCP', 'transport');

export const tcp: ProtocolSpec = {
  proto,
  dissect() {
    return 0;
  },
};

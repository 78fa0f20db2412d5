/** The name resolver that the CLI's -N letters turn on (none by default, as `tshark -n`). */
import type { Resolver } from '../../dissectors/core/format.js';
import { serviceName } from '../../dissectors/resolve/services.js';
import { etherName, eui64Name } from '../engine/oui.js';
import type { CliOptions } from './args.js';

/** The resolver for the -N letters, or undefined when nothing is resolved. */
export function makeResolver(o: Pick<CliOptions['resolve'], 'mac' | 'transport'>): Resolver | undefined {
  if (!o.mac && !o.transport) return undefined;
  const r: Resolver = {};
  if (o.mac) {
    r.ether = etherName;
    r.eui64 = eui64Name;
  }
  if (o.transport) r.port = serviceName;
  return r;
}

/** The name resolver that the CLI's -N letters turn on (none by default, as `tshark -n`). */
import type { Resolver } from '../../dissectors/core/format.js';
import { hostResolver, type HostNames } from '../../dissectors/resolve/host-names.js';
import { serviceName } from '../../dissectors/resolve/services.js';
import { etherName, eui64Name } from '../engine/oui.js';
import type { CliOptions } from './args.js';

/** The resolver for the -N letters, or undefined when nothing is resolved; `hosts`: the names of `-N n`. */
export function makeResolver(o: Pick<CliOptions['resolve'], 'mac' | 'transport'>, hosts?: HostNames): Resolver | undefined {
  if (!o.mac && !o.transport && !hosts) return undefined;
  const r: Resolver = hosts ? hostResolver(hosts) : {};
  if (o.mac) {
    r.ether = etherName;
    r.eui64 = eui64Name;
  }
  if (o.transport) r.port = serviceName;
  return r;
}

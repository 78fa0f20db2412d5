/**
 * Tools › Credentials (tshark's `-z credentials`, dissectors/stats/credentials.ts): the HTTP
 * packets of the session dissected as the packet details show them, in slices (sliced.ts), and the
 * credentials their Authorization headers carry, in packet order.
 */
import type { CredentialRow } from '../api/contract.js';
import { compileFilter } from '../../dissectors/filter/index.js';
import { Credentials } from '../../dissectors/stats/credentials.js';
import { FastFilter } from './fast-filter.js';
import type { Session } from './session.js';
import { forEachSliced } from './sliced.js';

const HTTP = 'http';

export async function credentials(s: Session): Promise<CredentialRow[]> {
  const r = compileFilter(HTTP);
  if (!r.ok) throw new Error(r.error.message);
  const fast = FastFilter.for(HTTP, r.filter);
  const c = new Credentials();
  await forEachSliced(s, 'credentials', s.count, (i) => {
    if (!s.matches(i, r.filter, fast)) return;
    c.addTree(s.details(i).tree, i + 1);
  });
  return [...c.rows()];
}

/**
 * The hosts file that network name resolution (`-N n`, the app's "Resolve network addresses")
 * reads, as tshark 4.0 reads it: the `hosts` file of the user's Wireshark configuration folder
 * (`$WIRESHARK_CONFIG_DIR` when set, else `~/.wireshark` when it exists, else
 * `$XDG_CONFIG_HOME/wireshark`, by default `~/.config/wireshark`). The system's /etc/hosts is only read by tshark's external resolver
 * (`-N N`), which Packetloom never uses. A missing or unreadable file is no names, as in tshark.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { addHostsFile, HostNames } from '../../dissectors/resolve/host-names.js';

/** Where the personal hosts file is for this environment. */
export function personalHostsFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.WIRESHARK_CONFIG_DIR) return join(env.WIRESHARK_CONFIG_DIR, 'hosts');
  const home = env.HOME || homedir();
  const legacy = join(home, '.wireshark');
  if (existsSync(legacy)) return join(legacy, 'hosts');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'wireshark', 'hosts');
}

/** A name table holding the personal hosts file's names (none when it cannot be read). */
export function loadHostNames(env: NodeJS.ProcessEnv = process.env): HostNames {
  const names = new HostNames();
  let text = '';
  try {
    text = readFileSync(personalHostsFile(env), 'utf8');
  } catch {
    return names;
  }
  addHostsFile(names, text);
  return names;
}

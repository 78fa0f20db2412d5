/**
 * Pure pieces of the capture helper, kept apart so tests and the client can use them without
 * starting a helper: messages for a missing `cap`/libpcap and for a missing capture privilege,
 * libpcap errors sorted into kinds, cap's link type names as LINKTYPE_* numbers, and the length on
 * the wire of a packet `cap` cut short.
 */
import { realpathSync } from 'node:fs';
import type { ErrorKind } from './protocol.js';

export function capUnavailableMessage(err: unknown): string {
  const why = err instanceof Error ? err.message.split('\n')[0]! : String(err);
  const code = (err as { code?: string } | null)?.code;
  if (code !== 'MODULE_NOT_FOUND' && /libpcap\.so|libpcap/i.test(why)) {
    return `Live capture needs libpcap, which could not be loaded (${why}). Install it (Debian/Ubuntu: sudo apt-get install libpcap0.8; Fedora: sudo dnf install libpcap) and try again.`;
  }
  if (code === 'MODULE_NOT_FOUND') {
    // npm leaves an optional module out when its build fails (no libpcap headers, no compiler).
    return (
      'Live capture needs the optional module "cap", which was not installed: its build needs libpcap\'s headers and a C++ compiler. ' +
      'Debian/Ubuntu: sudo apt-get install libpcap-dev build-essential; Fedora: sudo dnf install libpcap-devel gcc-c++ make; ' +
      'macOS: xcode-select --install; Windows: install Npcap (WinPcap API-compatible mode). Then run npm install (or npm ci) in the Packetloom folder again.'
    );
  }
  return (
    `Live capture needs the optional module "cap" built against libpcap, and it does not load (${why}). ` +
    'Rebuild it for this Node: npm rebuild cap (Debian/Ubuntu need libpcap-dev and build-essential for that).'
  );
}

export function privilegeMessage(iface: string, pcapMessage: string): string {
  let node = process.execPath;
  try {
    node = realpathSync(node);
  } catch {
    // keep the path as given
  }
  if (process.platform === 'linux') {
    return (
      `You don't have permission to capture on ${iface} (${pcapMessage}). ` +
      `Give the Node binary that runs the capture helper the capture capabilities:\n` +
      `  sudo setcap cap_net_raw,cap_net_admin=eip ${node}\n` +
      `or run the capture as root: sudo packetloom -i ${iface} … (the desktop app can run its helper through pkexec).`
    );
  }
  if (process.platform === 'darwin') {
    return `You don't have permission to capture on ${iface} (${pcapMessage}). Give your user read access to /dev/bpf* (Wireshark's ChmodBPF does this), or run the capture with sudo.`;
  }
  return `You don't have permission to capture on ${iface} (${pcapMessage}). Install Npcap without "restrict to administrators", or run as administrator.`;
}

export function classify(iface: string, message: string): { kind: ErrorKind; message: string } {
  if (/permission|not permitted|EPERM|EACCES/i.test(message)) return { kind: 'privilege', message: privilegeMessage(iface, message) };
  if (/no such device|doesn't exist|does not exist|not found|ENODEV|ENXIO/i.test(message)) {
    return { kind: 'no-device', message: `The capture session could not be initiated on interface '${iface}' (${message}).` };
  }
  if (/network is down|ENETDOWN|not up/i.test(message)) {
    return { kind: 'capture', message: `The interface ${iface} is down (${message}).` };
  }
  return { kind: 'capture', message: `The capture session could not be initiated on interface '${iface}' (${message}).` };
}

/** cap's link type names (pcap_datalink's DLT) → LINKTYPE_* numbers. */
export function linkTypeOf(name: string): number | null {
  switch (name) {
    case 'NULL': return 0;
    case 'ETHERNET': return 1;
    case 'IEEE802_11_RADIO': return 127;
    case 'LINKTYPE_LINUX_SLL': return 113;
    case 'RAW': return 101;
  }
  const m = /^Unknown linktype (\d+)$/.exec(name);
  if (!m) return null;
  const dlt = Number(m[1]);
  // DLT_RAW is 12 (14 on OpenBSD) but LINKTYPE_RAW is 101; the others used today are equal.
  return dlt === 12 || dlt === 14 ? 101 : dlt;
}

/**
 * The length on the wire of a packet `cap` cut to its buffer: from the IP header's length field
 * where the link type lets us find it; otherwise the captured length (all we know).
 */
export function wireLength(linkType: number, b: Uint8Array, caplen: number): number {
  let off = -1;
  let et = -1;
  if (linkType === 1 && caplen >= 14) {
    off = 14;
    et = (b[12]! << 8) | b[13]!;
    while ((et === 0x8100 || et === 0x88a8) && caplen >= off + 4) {
      et = (b[off + 2]! << 8) | b[off + 3]!;
      off += 4;
    }
  } else if (linkType === 113 && caplen >= 16) {
    off = 16;
    et = (b[14]! << 8) | b[15]!;
  } else if (linkType === 276 && caplen >= 20) {
    off = 20;
    et = (b[0]! << 8) | b[1]!;
  } else if (linkType === 101 || linkType === 228 || linkType === 229) {
    off = 0;
    const ver = caplen > 0 ? b[0]! >> 4 : 0;
    et = ver === 4 ? 0x0800 : ver === 6 ? 0x86dd : -1;
  }
  if (off < 0) return caplen;
  if (et === 0x0800 && caplen >= off + 4) {
    const total = (b[off + 2]! << 8) | b[off + 3]!;
    return Math.max(caplen, off + total);
  }
  if (et === 0x86dd && caplen >= off + 6) {
    const payload = (b[off + 4]! << 8) | b[off + 5]!;
    return Math.max(caplen, off + 40 + payload);
  }
  return caplen;
}


/**
 * Transport-layer port names (`-N t`), as data: the usual names Wireshark's `services` file gives
 * (the IANA service names) for common TCP and UDP ports. A small table on purpose: a port that is
 * not here is shown as its number, as Wireshark shows a port it has no name for.
 */

export type Transport = 'tcp' | 'udp';

/** Ports whose name is the same over TCP and UDP. */
const BOTH: ReadonlyArray<readonly [number, string]> = [
  [7, 'echo'], [9, 'discard'], [13, 'daytime'], [20, 'ftp-data'], [21, 'ftp'], [22, 'ssh'], [23, 'telnet'],
  [25, 'smtp'], [37, 'time'], [43, 'nicname'], [49, 'tacacs'], [53, 'domain'], [67, 'bootps'], [68, 'bootpc'],
  [69, 'tftp'], [70, 'gopher'], [79, 'finger'], [80, 'http'], [88, 'kerberos'], [102, 'iso-tsap'],
  [110, 'pop3'], [111, 'sunrpc'], [113, 'auth'], [119, 'nntp'], [123, 'ntp'], [135, 'epmap'],
  [137, 'netbios-ns'], [138, 'netbios-dgm'], [139, 'netbios-ssn'], [161, 'snmp'], [162, 'snmptrap'],
  [179, 'bgp'], [194, 'irc'], [389, 'ldap'], [427, 'svrloc'], [443, 'https'], [445, 'microsoft-ds'],
  [464, 'kpasswd'], [500, 'isakmp'], [515, 'printer'], [543, 'klogin'], [544, 'kshell'],
  [546, 'dhcpv6-client'], [547, 'dhcpv6-server'], [554, 'rtsp'], [587, 'submission'], [631, 'ipp'],
  [636, 'ldaps'], [646, 'ldp'], [853, 'domain-s'], [873, 'rsync'], [989, 'ftps-data'], [990, 'ftps'],
  [995, 'pop3s'], [1080, 'socks'], [1194, 'openvpn'], [1433, 'ms-sql-s'], [1434, 'ms-sql-m'],
  [1645, 'sightline'], [1701, 'l2f'], [1723, 'pptp'], [1812, 'radius'], [1813, 'radius-acct'],
  [1883, 'mqtt'], [1900, 'ssdp'], [2049, 'nfs'], [2181, 'eforward'], [3128, 'ndl-aas'], [3260, 'iscsi-target'],
  [3306, 'mysql'], [3389, 'ms-wbt-server'], [3478, 'stun'], [4500, 'ipsec-nat-t'], [4789, 'vxlan'],
  [5004, 'avt-profile-1'], [5060, 'sip'], [5061, 'sips'], [5222, 'xmpp-client'], [5353, 'mdns'],
  [5355, 'llmnr'], [5432, 'postgresql'], [5900, 'rfb'], [6000, 'x11'], [6443, 'sun-sr-https'],
  [8000, 'irdmi'], [8080, 'http-alt'], [8443, 'pcsync-https'], [9100, 'hp-pdl-datastr'],
  [11211, 'memcache'],
];

/** Ports whose name depends on the transport (or that exist for one transport only). */
const TCP_ONLY: ReadonlyArray<readonly [number, string]> = [
  [143, 'imap'], [465, 'urd'], [512, 'exec'], [513, 'login'], [514, 'shell'], [520, 'efs'], [993, 'imaps'],
  [6379, 'redis'], [27017, 'mongodb'],
];
const UDP_ONLY: ReadonlyArray<readonly [number, string]> = [
  [465, 'igmpv3lite'], [512, 'biff'], [513, 'who'], [514, 'syslog'], [520, 'router'], [521, 'ripng'],
];

function table(specific: ReadonlyArray<readonly [number, string]>): ReadonlyMap<number, string> {
  return new Map([...BOTH, ...specific]);
}

export const SERVICES: Readonly<Record<Transport, ReadonlyMap<number, string>>> = {
  tcp: table(TCP_ONLY),
  udp: table(UDP_ONLY),
};

/** The service name of `port` over `transport`, or undefined when the table has none. */
export function serviceName(transport: Transport, port: number): string | undefined {
  return SERVICES[transport].get(port);
}

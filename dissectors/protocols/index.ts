/**
 * Every protocol Packetloom knows, in one list. Adding a protocol = one file in this folder plus
 * one line here; its bindings (EtherType, IP protocol, ports, heuristics) live in its own file.
 */
import { registerProtocols, type ProtocolSpec } from '../core/dispatch.js';
import { arp } from './arp.js';
import { data } from './data.js';
import { dhcp } from './dhcp.js';
import { dns, llmnr, mdns } from './dns.js';
import { eth, ethWithoutFcs } from './eth.js';
import { http } from './http.js';
import { icmp } from './icmp.js';
import { icmpv6 } from './icmpv6.js';
import { igmp } from './igmp.js';
import { ipAnyVersion, ipv4 } from './ipv4.js';
import { imageGif } from './image-gif.js';
import { imageJfif } from './image-jfif.js';
import { ipv6 } from './ipv6.js';
import { json } from './json.js';
import { nbns } from './nbns.js';
import { loop, nullLoop } from './null.js';
import { png } from './png.js';
import { rawIp, rawIPv4, rawIPv6 } from './rawip.js';
import { sll } from './sll.js';
import { ssdp } from './ssdp.js';
import { sll2 } from './sll2.js';
import { tcp } from './tcp.js';
import { tls } from './tls.js';
import '../tcp/tracker.js'; // TCP stream tracking: tcp.stream, relative numbers, tcp.analysis.*, endpoint states
import '../tcp/desegment.js'; // TCP desegmentation: sub-dissectors get whole PDUs (after the tracker)
import { udp } from './udp.js';
import { udplite } from './udplite.js';
import { ah } from './ah.js';
import { esp } from './esp.js';
import { gre } from './gre.js';
import { etherip } from './etherip.js';
import { urlencodedForm } from './urlencoded-form.js';
import { ieee8021ad, vlan } from './vlan.js';
import { xml } from './xml.js';
import { media, textLines } from './http/media.js';

export const PROTOCOLS: readonly ProtocolSpec[] = [
  data,
  // link
  eth,
  ethWithoutFcs,
  vlan,
  ieee8021ad,
  sll,
  sll2,
  nullLoop,
  loop,
  rawIp,
  rawIPv4,
  rawIPv6,
  // network
  arp,
  ipv4,
  ipAnyVersion,
  ipv6,
  icmp,
  icmpv6,
  igmp,
  ah,
  esp,
  gre,
  etherip,
  // transport
  tcp,
  udp,
  udplite,
  http,
  // application
  tls,
  dns,
  dhcp,
  ssdp,
  nbns,
  mdns,
  llmnr,
  urlencodedForm,
  json,
  imageGif,
  imageJfif,
  png,
  xml,
  // called by HTTP by media type (named here so that they can be disabled)
  textLines,
  media,
];

registerProtocols(PROTOCOLS);

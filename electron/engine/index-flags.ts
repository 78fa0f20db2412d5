/** Bits of PacketIndex.flags as the session uses them. */
export const F_MALFORMED = 1;
export const F_NO_TS = 2;
/** The packet's tree is not what the index columns describe (tunnels, ICMP errors, a TCP header without a known length …): filters dissect it again. */
export const F_COMPLEX = 4;
export const F_TCP = 8;
export const F_UDP = 16;
export const F_IPV4 = 32;
export const F_IPV6 = 64;

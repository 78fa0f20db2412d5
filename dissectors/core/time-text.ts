/**
 * Durations in words as Wireshark writes them (time_secs_to_str and its signed and unsigned
 * forms): ICMP router lifetimes, DHCP lease times.
 */

/** Wireshark's time_secs_to_str: `3 minutes, 20 seconds`. */
export function timeSecsText(v: number, frac = -1): string {
  if (v === 0 && frac <= 0) return '0 seconds';
  const neg = v < 0;
  if (neg) v = -v;
  const days = Math.floor(v / 86400);
  const hours = Math.floor(v / 3600) % 24;
  const mins = Math.floor(v / 60) % 60;
  const secs = v % 60;
  const parts: string[] = [];
  const pl = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (days) parts.push(pl(days, 'day'));
  if (hours) parts.push(pl(hours, 'hour'));
  if (mins) parts.push(pl(mins, 'minute'));
  if (secs || frac > 0) parts.push(frac > 0 ? `${secs}.${String(frac).padStart(3, '0')} second${secs === 1 && !frac ? '' : 's'}` : pl(secs, 'second'));
  return (neg ? '-' : '') + parts.join(', ');
}

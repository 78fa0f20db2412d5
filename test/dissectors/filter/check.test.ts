/**
 * The semantic check, through compileFilter: which filters tshark 4.0 accepts and which it
 * rejects, with its messages (each message here was taken from `tshark -Y` 4.0.17) and the range
 * of the filter text it is about.
 */
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../dissectors/filter/index.js';

function error(text: string): { message: string; start: number; end: number } {
  const r = compileFilter(text);
  if (r.ok) throw new Error(`accepted: ${text}`);
  return r.error;
}

const msg = (text: string) => error(text).message;

function accepts(text: string): void {
  const r = compileFilter(text);
  expect(r.ok ? 'ok' : `${r.error.message} [${r.error.start},${r.error.end}]`, text).toBe('ok');
}

describe('display-filter semantic check', () => {
  it('rejects names that are neither fields nor protocols', () => {
    expect(error('ip.sorc')).toEqual({ message: 'ip.sorc is neither a field nor a protocol name.', start: 0, end: 7 });
    expect(error('tcp and foo')).toEqual({ message: 'foo is neither a field nor a protocol name.', start: 8, end: 11 });
    expect(error('"abc"')).toMatchObject({ message: '"abc" is neither a field nor a protocol name.' });
    expect(error('80')).toMatchObject({ message: '80 is neither a field nor a protocol name.' });
  });

  it('wants a field or function on the left of a comparison', () => {
    expect(error('ip.sorc == 1')).toEqual({ message: 'Left side of "==" expression must be a field or function, not ip.sorc.', start: 0, end: 7 });
    expect(msg('1 == ip.src')).toBe('Left side of "==" expression must be a field or function, not 1.');
    expect(msg('"abc" eq ip.src')).toBe('Left side of "eq" expression must be a field or function, not "abc".');
    expect(msg("'a' == ip.src")).toBe("Left side of \"==\" expression must be a field or function, not 'a'.");
    expect(error('tcp.port > 1 > 2')).toMatchObject({ message: 'Left side of ">" expression must be a field or function, not 1.', start: 11, end: 12 });
    expect(msg('"abc" contains "a"')).toBe('Left side of contains expression must be a field or function, not "abc".');
    expect(msg('{80} == tcp.port')).toBe('Left side of "==" expression must be a field or function, not 80.');
    expect(error('1 + tcp.port == 81')).toEqual({ message: 'Constant arithmetic expression on the LHS is invalid.', start: 0, end: 1 });
    expect(msg('"a" in {1}')).toBe('Only a field may be tested for membership in a set.');
    expect(msg('count(ip.src) in {1}')).toBe('Only a field may be tested for membership in a set.');
  });

  it('converts unsigned integers from every number form, and says why not', () => {
    for (const f of ['tcp.port == 80', 'tcp.port == 0x50', 'tcp.port == 0X50', 'tcp.port == 0120', 'frame.len == 0b1010', "tcp.port == 'P'", 'tcp.port == +80', 'tcp.port == -1']) accepts(f);
    expect(error('tcp.port == abc')).toEqual({ message: '"abc" is not a valid number.', start: 12, end: 15 });
    expect(msg('frame.number == 08')).toBe('"08" is not a valid number.');
    expect(msg('frame.number == 0x')).toBe('"0x" is not a valid number.');
    expect(msg('tcp.port == 80.5')).toBe('"80.5" is not a valid number.');
    expect(msg('tcp.port == 99999999999')).toBe('"99999999999" too big for this field, maximum 65535.');
    expect(msg('ip.ttl == 256')).toBe('"256" too big for this field, maximum 255.');
    expect(error('tcp.port == "80"')).toEqual({ message: 'Unsigned integer (2 bytes) cannot be converted from a string ("80").', start: 12, end: 16 });
    expect(msg('tcp.port in {"a".."b"}')).toBe('Unsigned integer (2 bytes) cannot be converted from a string ("a").');
  });

  it('takes value names for fields that have them, case-insensitively', () => {
    for (const f of ['ip.proto == UDP', 'ip.proto == udp'.replace('udp', 'Udp'), 'ip.proto == "tcp"', 'ip.proto in {TCP, UDP}', 'arp.opcode == reply', 'dns.qry.class == IN']) accepts(f);
    expect(msg('ip.proto == XYZ')).toBe('"XYZ" cannot be found among the possible values for ip.proto.');
    expect(msg('ip.proto == "XYZ"')).toBe('"XYZ" cannot be found among the possible values for ip.proto.');
    // `tcp` is a protocol, so this compares a number with a protocol.
    expect(error('ip.proto == tcp')).toEqual({ message: 'ip.proto and tcp are not of compatible types.', start: 12, end: 15 });
  });

  it('takes booleans as numbers, True/False and the field\'s own words', () => {
    for (const f of ['tcp.flags.syn == 1', 'tcp.flags.syn == 2', 'tcp.flags.syn == True', 'tcp.flags.syn == FALSE', 'tcp.flags.syn', 'dns.flags.response == "message is a response"']) accepts(f);
    expect(msg('tcp.flags.syn == true')).toBe('"true" cannot be found among the possible values for tcp.flags.syn.');
    expect(msg('dns.flags.response == "1"')).toBe('"1" cannot be found among the possible values for dns.flags.response.');
    expect(msg('dns.flags.response == -1')).toBe('FT_BOOLEAN cannot -.');
  });

  it('reads addresses with their prefixes', () => {
    for (const f of ['ip.addr == 10.0.0.0/8', 'ip.src == 10.0.0.1/0', 'ipv6.addr == fe80::/10', 'ipv6.src == ::ffff:1.2.3.4', 'ipv6.src > ::', 'eth.src == 00:1b:21:aa:bb:cc', 'eth.src == 00-1b-21-aa-bb-cc', 'eth.src == 001b.21aa.bbcc', 'eth.src == 00.1b.21.aa.bb.cc', 'eth.src == 001b21aabbcc', 'eth.src contains 6c']) accepts(f);
    expect(error('ip.src == 10.0.0.0/33')).toEqual({ message: 'Netmask bits in a CIDR IPv4 address should be <= 32, not 33', start: 10, end: 21 });
    expect(msg('ip.src == 10.0.0')).toBe('"10.0.0" is not a valid hostname or IPv4 address.');
    expect(msg('ip.src == localhost')).toBe('"localhost" is not a valid hostname or IPv4 address.');
    expect(msg('ip.src == "10.0.0.1"')).toBe('IPv4 address cannot be converted from a string ("10.0.0.1").');
    expect(msg('ipv6.addr == fd00::/129')).toBe('Prefix in a IPv6 address should be <= 128, not 129');
    expect(msg('ipv6.src == 1.2.3.4')).toBe('"1.2.3.4" is not a valid hostname or IPv6 address.');
    expect(msg('ipv6.src == "fd00::1"')).toBe('IPv6 address cannot be converted from a string ("fd00::1").');
    expect(msg('ipv6.src == fe80::1%eth0')).toBe('FT_IPv6 cannot %.');
    expect(msg('eth.src == ff:ff:ff:ff:ff')).toBe('"ff:ff:ff:ff:ff" contains too few bytes to be a valid Ethernet address.');
    expect(msg('eth.src == ff:ff:ff:ff:ff:ff:ff')).toBe('"ff:ff:ff:ff:ff:ff:ff" contains too many bytes to be a valid Ethernet address.');
    expect(msg('eth.src == 020000990001x')).toBe('"020000990001x" is not a valid Ethernet address.');
    expect(msg('eth.src == "a"')).toBe('Ethernet or other MAC address cannot be converted from a string ("a").');
  });

  it('reads byte strings and strings', () => {
    for (const f of ['tcp.payload contains 47:45:54', 'tcp.payload contains 4745', 'tcp.payload contains 47-45', 'tcp.payload contains 4', 'tcp.payload[0] == "G"', "tcp.payload[0] == 'G'", 'dns.qry.name == www.example.com', 'dns.qry.name contains 67:6f', 'frame contains "GET"', 'tcp == 1', 'tcp > 00']) accepts(f);
    expect(error('tcp.payload contains GET')).toEqual({ message: '"GET" is not a valid byte string.', start: 21, end: 24 });
    expect(msg('tcp.payload contains 47::45')).toBe('"47::45" is not a valid byte string.');
  });

  it('reads times', () => {
    for (const f of ['frame.time_relative > 1.5', 'frame.time_delta < 0.001', 'frame.time_relative > -1', 'frame.time >= "2023-01-01"', 'frame.time >= "Jan  1, 2023 00:00:00.5"', 'frame.time >= "2011-07-04 12:34:56"', 'frame.time_epoch > 1400000000']) accepts(f);
    expect(msg('frame.time == "abc"')).toBe('"abc" is not a valid absolute time. Example: "Nov 12, 1999 08:55:44.123" or "2011-07-04 12:34:56"');
    expect(msg('frame.time_relative >= "1.5"')).toBe('Time offset cannot be converted from a string ("1.5").');
    expect(msg('frame.time_epoch == "1700000000"')).toBe('Time offset cannot be converted from a string ("1700000000").');
  });

  it('checks field against field', () => {
    for (const f of ['tcp.srcport == tcp.dstport', 'tcp.port in {tcp.srcport}', 'ip.src == ip.dst', 'tcp[0:2] == eth.src[0:2]', 'arp.src.hw_mac == eth.src', 'len(frame) == frame.len', 'tcp contains ip']) accepts(f);
    expect(msg('ip.src == tcp.port')).toBe('ip.src and tcp.port are not of compatible types.');
    expect(msg('tcp == ip.src')).toBe('tcp and ip.src are not of compatible types.');
    expect(msg('tcp.port in {ip.src}')).toBe('tcp.port and ip.src are not of compatible types.');
    expect(msg('tcp[0:2] == tcp.srcport')).toBe('"tcp.srcport" is a Unsigned integer (2 bytes) and cannot be converted into a sequence of bytes.');
    // An unknown name on the right is a literal of the left side's type.
    expect(msg('ip.src == ip.sorc')).toBe('"ip.sorc" is not a valid hostname or IPv4 address.');
  });

  it('allows contains and matches only on strings and bytes', () => {
    expect(error('tcp.port contains 80')).toEqual({ message: 'tcp.port (type=Unsigned integer (2 bytes)) cannot participate in contains comparison.', start: 0, end: 8 });
    expect(msg('dns.a matches "x"')).toBe('dns.a (type=IPv4 address) cannot participate in matches comparison.');
    expect(msg('eth.src contains "x"')).toBe('Ethernet or other MAC address cannot be converted from a string ("x").');
    expect(error('frame matches GET')).toEqual({ message: 'Matches requires a double quoted string on the right side.', start: 14, end: 17 });
    expect(msg('tcp.payload matches "("')).toBe('Regex compilation error: missing closing parenthesis.');
    for (const f of ['frame matches "(?i)get"', 'eth.src matches "x"', 'frame.protocols matches r"\\Aeth"', 'tcp.payload matches "[[:alpha:]]"', 'tcp.payload matches "(?P<x>GET)"']) accepts(f);
  });

  it('slices only byte-like values', () => {
    for (const f of ['eth.src[0:3] == 00:1b:21', 'ip.src[0] == 0a', 'ipv6.src[0:2] == fe:80', 'dns.qry.name[0:3] == "www"', 'tcp[0:2] == 00:50', 'frame[-4:] == 00:00:00:00', 'tcp[0]']) accepts(f);
    expect(error('tcp.port[0] == 1')).toEqual({ message: '"tcp.port" is a Unsigned integer (2 bytes) and cannot be sliced into a sequence of bytes.', start: 0, end: 8 });
  });

  it('checks functions', () => {
    for (const f of ['len(tcp.payload) > 1', 'count(ip.addr) == 2', 'string(ip.src) == "10.0.0.1"', 'string(tcp.port) == "80"', 'upper(frame.protocols) contains "TCP"', 'lower(dns.qry.name) == "a"', 'max(tcp.srcport, tcp.dstport) > 1', 'min(udp.srcport, udp.dstport) == 53', 'abs(tcp.port) == 80', 'len(frame.number) == 4']) accepts(f);
    expect(error('foo(frame.number) == 1')).toEqual({ message: "Function 'foo' does not exist", start: 0, end: 3 });
    expect(msg('len(tcp.port, ip.src) == 1')).toBe('Function len can only accept 1 arguments.');
    expect(msg('len() == 1')).toBe('Function len needs at least 1 arguments.');
    expect(msg('len(tcp.payload[0:2]) == 1')).toBe('Only fields can be used as parameter for len()');
    expect(msg('count(nosuchfield) == 0')).toBe('Only fields can be used as parameter for count()');
    expect(msg('string("abc") == "abc"')).toBe('Only fields can be used as parameter for string()');
    expect(msg('string(tcp.flags.syn) == "1"')).toBe('String conversion for field "tcp.flags.syn" is not supported');
    expect(msg('string(dns.qry.name) == "a"')).toBe('String conversion for field "dns.qry.name" is not supported');
    expect(msg('upper(tcp.port) == "1"')).toBe('Only string type fields can be used as parameter for upper()');
    expect(msg('max(tcp.port, frame.number) > 1')).toBe("Arguments to 'max' must have the same type (expected FT_UINT16, got FT_UINT32)");
    expect(msg('abs(-3) == 3')).toBe('Constant arithmetic expression on the LHS is invalid.');
    expect(error('len(frame.number)')).toEqual({ message: 'You cannot test whether a function is present.', start: 0, end: 3 });
  });

  it('checks arithmetic', () => {
    for (const f of ['tcp.port + 1 == 81', '{tcp.port + 1} == 81', 'tcp.port == 10 + 70', 'frame.number % 100 == 0', '-frame.number == -10', 'tcp.flags bitwise_and 0x02', 'frame.time_relative + 1 > 2', 'tcp.port / 0 == 1']) accepts(f);
    expect(error('ip.src + 1 == 1.2.3.4')).toEqual({ message: 'FT_IPv4 cannot +.', start: 0, end: 6 });
    expect(msg('frame.time_relative * 2 > 2')).toBe('FT_RELATIVE_TIME cannot *.');
  });

  it('accepts layers, references, quantifiers, sets and xor', () => {
    for (const f of ['ip.src#2 == 1.2.3.4', 'ip.src#[1-2] == 1.2.3.4', 'ip#1', 'tcp.port == ${tcp.port}', 'all tcp.port == 80', 'any tcp.port == 80', 'tcp.port in {80, 443, 8000..8080}', 'frame.len in {-1..100}', 'tcp xor udp', 'tcp ^^ udp', '_ws.expert', '_ws.expert.message contains "x"']) accepts(f);
  });
  it('takes EUI-64 fields as tshark does: 8 bytes or a 64-bit number, no contains, matches or slices', () => {
    accepts('dns.eui64 == 00:11:22:33:44:55:66:77');
    accepts('dns.eui64 == 00-11-22-33-44-55-66-77');
    accepts('dns.eui64 == 0011.2233.4455.6677');
    accepts('dns.eui64 == 0x0011223344556677');
    accepts('dns.eui64 > 00:11:22:33:44:55:66:76');
    accepts('len(dns.eui64) == 8');
    expect(msg('dns.eui64 == 00:11:22')).toBe('"00:11:22" is not a valid EUI-64 address.');
    expect(msg('dns.eui64 contains 44:55')).toBe('dns.eui64 (type=EUI64 address) cannot participate in contains comparison.');
    expect(msg('dns.eui64 matches "a"')).toBe('dns.eui64 (type=EUI64 address) cannot participate in matches comparison.');
    expect(msg('dns.eui64[0:3] == 02:00:5e')).toBe('"dns.eui64" is a EUI64 address and cannot be sliced into a sequence of bytes.');
    expect(msg('dns.eui64 == eth.src')).toBe('dns.eui64 and eth.src are not of compatible types.');
  });
});

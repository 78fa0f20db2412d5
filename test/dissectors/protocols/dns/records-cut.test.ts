/**
 * DNS records that Wireshark 4.0 shows part of: what it adds before a record cut short (or odd)
 * fails, item by item, and the text quirks of its C strings — each message a mutation of one of
 * fixtures/own/dns-records.pcap, dns-udp.pcap or crafted ones that differential fuzzing against
 * tshark turned up. Lines as tshark -V prints them, and every truncation.
 */

import { describe, expect, it } from 'vitest';
import { hexDump } from '../../../helpers/hex.js';
import { answerLines, dns, truncations } from '../../../helpers/dns-message.js';

// an SOA whose second name runs past the message: the primary name server is shown (and on the record's label) before the failure
const SOA_CUT = hexDump(`
0000  20 07 85 83 00 01 00 00 00 01 00 00 07 6e 6f 74   ............not
0010  68 69 6e 67 0a 70 61 63 6b 65 74 6c 6f 6f 6d 04  hing.packetloom.
0020  74 65 73 74 00 00 01 00 01 c0 14 00 06 00 01 00  test............
0030  00 01 2c 00 26 02 6e 73 c0 14 0b 68 6f 73 74 6d  ..,.&.ns...hostm
0040  61 73 74 65 72 c0 14 78 c2 75 f5 00 00 0e 10 00  aster..x.u......
0050  00 02 58 00 01 51 80 00 00 01 2c                 ..X..Q....,
`);

// a record whose type became SRV: priority, weight and port are added before the target name fails
const SRV_CUT = hexDump(`
0000  20 03 85 80 00 01 00 02 00 00 00 05 0a 70 61 63   ............pac
0010  6b 65 74 6c 6f 6f 37 04 74 65 73 74 00 00 0f 00  ketloo7.test....
0020  01 c0 0c 00 0f 00 01 00 00 01 2c 00 09 00 0a 04  ..........,.....
0030  6d 61 69 6c c0 0c c0 0c 00 0f 00 01 00 00 01 2c  mail...........,
0040  00 0b 00 14 06 62 61 63 6b 75 70 c0 2f c0 2f 00  .....backup././.
0050  01 00 01 00 00 01 2c 00 04 0a 63 00 19 c0 2f 00  ......,...c.../.
0060  01 00 01 00 00 01 2c 00 04 0a 43 00 1a c0 2f 00  ......,...C.../.
0070  1c 00 01 00 00 01 2c 00 10 fd 00 00 99 00 00 00  ......,.........
0080  00 00 00 00 00 00 00 00 25 c0 44 00 21 00 01 00  ........%.D.!...
0090  00 01 2c 00 04 0a 63 00 1b 00 00 29 04 d0 00 00  ..,...c....)....
00a0  00 00 00 00                                      ....
`);

// an NSEC whose type bitmap runs past the message: the label already names the next domain
const NSEC_CUT = hexDump(`
0000  20 05 85 80 00 01 00 02 00 3c 00 02 05 5f 68 74   ........<..._ht
0010  74 70 04 5f 74 63 70 0a 70 61 63 6b 65 74 6c 6f  tp._tcp.packetlo
0020  6f 6d 04 74 65 73 74 00 00 21 00 01 c0 0c 00 2f  om.test..!...../
0030  00 01 00 00 01 2c 00 1b 00 00 00 05 00 50 03 77  .....,.......P.w
0040  65 62 0a 70 61 63 6b 65 74 6c 6f 6f 6d 04 74 65  eb.packetloom.te
0050  73 74 00 c0 2c 00 21 00 01 00 00 01 2c 00 1b 00  st..,.!.....,...
0060  0a 00 01 1f 90 03 77 77 77 0a 70 61 63 6b 65 74  ......www.packet
0070  6c 6f 6f 6d 04 74 65 73 74 00 c0 3e 00 01 00 01  loom.test..>....
0080  00 00 01 2c 00 04 0a 63 00 02 c0 3e 00 1c 00 01  ...,...c...>....
0090  00 00 01 2c 00 10 fd 00 00 99 00 00 00 00 00 00  ...,............
00a0  00 00 00 00 00 02                                ......
`);

// a name whose first label starts with a NUL, read through a compression pointer: <Root> (where the name takes 2 bytes); in the question it is shown escaped
const NUL_NAME_POINTER = hexDump(`
0000  20 02 85 80 00 01 00 02 00 00 00 00 03 00 77 77   .............ww
0010  0a 70 61 63 6b 65 74 6c 6f 6f 2d 04 74 65 73 74  .packetloo-.test
0020  00 00 1c 00 01 c0 0c 00 05 00 01 00 00 01 2c 00  ..............,.
0030  06 03 77 65 62 c0 10 c0 31 00 1c 00 95 00 00 01  ..web...1.......
0040  2c 00 10 fd 00 00 99 00 00 00 00 00 00 00 00 00  ,...............
0050  00 00 02                                         ...
`);

// a NAPTR whose regexp is a single NUL: the string ends at the NUL
const NAPTR_NUL = hexDump(`
0000  00 09 a1 80 00 00 00 02 00 00 00 00 01 61 04 74  .............a.t
0010  65 73 74 00 00 0d 00 01 00 00 01 2c 00 05 03 78  est........,...x
0020  38 36 00 01 61 04 74 65 73 74 00 00 23 00 01 00  86..a.test..#...
0030  00 01 2c 00 08 00 01 00 02 00 00 01 00           ..,..........
`);

// an ALPN value with a NUL inside: the value ends there, the rest is trailing stray characters
const ALPN_STRAY = hexDump(`
0000  30 01 85 80 00 01 00 01 00 00 00 00 0a 70 61 63  0............pac
0010  6b 65 74 6c 6f 6f 6d 04 74 65 73 74 00 00 41 00  ketloom.test..A.
0020  01 c0 0c 00 41 00 01 00 00 01 2c 00 2f 00 01 00  ....A.....,./...
0030  00 01 00 06 0a 68 32 02 68 33 00 03 00 02 01 bb  .....h2.h3......
0040  00 04 00 04 0a 63 00 02 00 06 00 10 fd 00 00 99  .....c..........
0050  00 00 00 00 00 01 00 00 00 00 00 02              ............
`);

// a mandatory list that makes the SvcParam label longer than Wireshark's label buffer: cut without a [truncated] mark
const SVCB_LONG_LABEL = hexDump(`
0000  30 03 85 80 00 01 00 01 00 00 00 00 04 5f 64 6e  0............_dn
0010  73 0a 70 61 63 6b 65 74 6c 6f 6f 6d 04 74 65 63  s.packetloom.tec
0020  74 00 00 40 00 01 c0 0c 00 40 00 01 00 00 01 2c  t..@.....@.....,
0030  00 65 00 01 03 64 6e 73 0a 70 61 63 6b 65 74 6c  .e...dns.packetl
0040  6f 6f 6d 04 74 65 73 74 00 00 00 00 42 00 01 10  oom.test....B...
0050  03 00 01 00 08 03 64 6f 74 03 64 6f 71 00 02 00  ......dot.doq...
0060  00 00 03 00 02 03 55 00 05 00 18 ec 45 ff ae 2b  ......U.....E..+
0070  db 09 59 c3 db 56 ef a7 d1 1d 65 f4 36 2e c4 48  ..Y..V....e.6..H
0080  19 a8 5c 00 07 00 10 2f 64 6e 73 2d 71 75 65 72  ......./dns-quer
0090  79 7b 3f 64 6e 73 7d                             y{?dns}
`);

// a DNSKEY of 3 bytes at the end of the message: its public key (length -1, to the end) finds no byte there
const DNSKEY_TO_END = hexDump(`
0000  00 05 81 80 00 00 00 02 00 00 00 00 01 61 04 74  .............a.t
0010  65 73 74 00 00 30 00 01 00 00 01 2c 00 03 01 01  est..0.....,....
0020  03 01                                            ..
`);

// an SRV answer whose target name runs on over the following records: its label, longer than Wireshark's 240-byte buffer, is cut with no [truncated] mark (a formatted label, as appended text)
const LONG_RR_LABEL = hexDump(`
0000  20 05 85 80 00 01 00 02 00 00 00 02 05 5f 68 74   ............_ht
0010  74 70 04 5f 74 63 70 0a 70 61 63 6b 65 74 6c 6f  tp._tcp.packetlo
0020  6f 6d 04 74 65 73 74 00 00 21 00 01 c0 0c 00 21  om.test..!.....!
0030  00 01 00 00 01 2c 00 1b 00 00 00 05 00 50 03 77  .....,.......P.w
0040  65 62 0a 70 61 63 a7 65 74 6c 6f 6f 6d 04 74 65  eb.pac.etloom.te
0050  73 74 00 c0 0c 00 21 00 01 00 00 01 2c 00 1b 00  st....!.....,...
0060  0a 00 01 1f 90 03 77 77 77 0a 70 61 63 6b 65 74  ......www.packet
0070  6c 6f 6f 6d 2d 74 65 73 74 00 c0 3e 00 01 00 01  loom-test..>....
0080  00 00 01 2c 00 04 0a 63 00 02 c0 3e 00 1c 00 01  ...,...c...>....
0090  00 00 01 2c 00 10 fd 00 00 99 00 00 00 00 00 00  ...,............
00a0  00 00 00 00 00 02                                ......
`);

describe('DNS records cut short or odd, as tshark 4.0 shows them', () => {
  it('SOA: mname item and label suffix before the rname fails', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(SOA_CUT, 'Authoritative nameservers');
    expect(got.lines).toEqual([
      'packetloom.test: type SOA, class IN, mname ns.packetloom.test',
      'Name: packetloom.test',
      'Type: SOA (Start Of a zone of Authority) (6)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 38',
      'Primary name server: ns.packetloom.test',
    ]);
    expect(got.error).toBe('BoundsError');
    truncations(SOA_CUT);
  });
  it('SRV: the numbers before the target', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(SRV_CUT, 'Additional records');
    expect(got.lines).toEqual([
      'mail.packetloo7.test: type A, class IN, addr 10.99.0.25',
      'Name: mail.packetloo7.test',
      'Type: A (Host Address) (1)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 4',
      'Address: 10.99.0.25',
      'mail.packetloo7.test: type A, class IN, addr 10.67.0.26',
      'Name: mail.packetloo7.test',
      'Type: A (Host Address) (1)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 4',
      'Address: 10.67.0.26',
      'mail.packetloo7.test: type AAAA, class IN, addr fd00:99::25',
      'Name: mail.packetloo7.test',
      'Type: AAAA (IPv6 Address) (28)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 16',
      'AAAA Address: fd00:99::25',
      'backup.mail.packetloo7.test: type SRV, class IN',
      'Service: backup',
      'Protocol: mail',
      'Name: packetloo7.test',
      'Type: SRV (Server Selection) (33)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 4',
      'Priority: 2659',
      'Weight: 27',
      'Port: 0',
    ]);
    expect(got.error).toBe('BoundsError');
    truncations(SRV_CUT);
  });
  it('NSEC: label suffix before the bitmap fails', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(NSEC_CUT);
    expect(got.lines).toEqual([
      '_http._tcp.packetloom.test: type NSEC, class IN, next domain name <Root>',
      'Name: _http._tcp.packetloom.test',
      'Type: NSEC (Next Secure) (47)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 27',
      'Next Domain Name: <Root>',
      'RR type in bit map: Unknown (20481)',
      'RR type in bit map: Unknown (20482)',
      'RR type in bit map: Unknown (20483)',
      'RR type in bit map: Unknown (20485)',
      'RR type in bit map: Unknown (20486)',
      'RR type in bit map: Unknown (20487)',
      'RR type in bit map: Unknown (20489)',
      'RR type in bit map: Unknown (20490)',
      'RR type in bit map: Unknown (20493)',
      'RR type in bit map: Unknown (20495)',
      'RR type in bit map: Unknown (20497)',
      'RR type in bit map: Unknown (20498)',
      'RR type in bit map: Unknown (20502)',
      'RR type in bit map: Unknown (2561)',
      'RR type in bit map: Unknown (2562)',
      'RR type in bit map: Unknown (2567)',
      'RR type in bit map: Unknown (2569)',
      'RR type in bit map: Unknown (2570)',
      'RR type in bit map: Unknown (2574)',
      'RR type in bit map: Unknown (2575)',
      'RR type in bit map: Unknown (2577)',
      'RR type in bit map: Unknown (2578)',
      'RR type in bit map: Unknown (2580)',
      'RR type in bit map: Unknown (2582)',
      'RR type in bit map: Unknown (2583)',
      'RR type in bit map: Unknown (2585)',
      'RR type in bit map: Unknown (2586)',
      'RR type in bit map: Unknown (2589)',
      'RR type in bit map: Unknown (2591)',
      'RR type in bit map: Unknown (2593)',
      'RR type in bit map: Unknown (2594)',
      'RR type in bit map: Unknown (2595)',
      'RR type in bit map: Unknown (2597)',
      'RR type in bit map: Unknown (2601)',
      'RR type in bit map: Unknown (2602)',
      'RR type in bit map: Unknown (2604)',
      'RR type in bit map: Unknown (2605)',
      'RR type in bit map: Unknown (2609)',
      'RR type in bit map: Unknown (2610)',
      'RR type in bit map: Unknown (2612)',
      'RR type in bit map: Unknown (2613)',
      'RR type in bit map: Unknown (2614)',
      'RR type in bit map: Unknown (2615)',
      'RR type in bit map: Unknown (2617)',
      'RR type in bit map: Unknown (2618)',
      'RR type in bit map: Unknown (2620)',
      'RR type in bit map: Unknown (2621)',
      'RR type in bit map: Unknown (2622)',
      'RR type in bit map: Unknown (2623)',
      'RR type in bit map: Unknown (2625)',
      'RR type in bit map: Unknown (2626)',
      'RR type in bit map: Unknown (2628)',
      'RR type in bit map: Unknown (2629)',
      'RR type in bit map: Unknown (2631)',
      'RR type in bit map: Unknown (2637)',
      'RR type in bit map: Unknown (2641)',
      'RR type in bit map: Unknown (2642)',
      'RR type in bit map: Unknown (2643)',
      'RR type in bit map: Unknown (2645)',
      'RR type in bit map: Unknown (2649)',
      'RR type in bit map: Unknown (2650)',
      'RR type in bit map: Unknown (2653)',
      'RR type in bit map: Unknown (2655)',
      'RR type in bit map: Unknown (2657)',
      'RR type in bit map: Unknown (2658)',
      'RR type in bit map: Unknown (2659)',
      'RR type in bit map: Unknown (2662)',
      'RR type in bit map: Unknown (2663)',
      'RR type in bit map: Unknown (2665)',
      'RR type in bit map: Unknown (2666)',
      'RR type in bit map: Unknown (2667)',
      'RR type in bit map: Unknown (2669)',
      'RR type in bit map: Unknown (2680)',
      'RR type in bit map: Unknown (2681)',
      'RR type in bit map: Unknown (2690)',
      'RR type in bit map: Unknown (2692)',
      'RR type in bit map: Unknown (2693)',
      'RR type in bit map: Unknown (2706)',
      'RR type in bit map: Unknown (2711)',
      'RR type in bit map: Unknown (2727)',
      'RR type in bit map: Unknown (2751)',
      'RR type in bit map: Unknown (2754)',
      'RR type in bit map: Unknown (2756)',
      'RR type in bit map: Unknown (2757)',
      'RR type in bit map: Unknown (2771)',
      'RR type in bit map: Unknown (2772)',
      'RR type in bit map: Unknown (2774)',
      'RR type in bit map: Unknown (2775)',
      'RR type in bit map: Unknown (2788)',
      'RR type in bit map: Unknown (2790)',
      'RR type in bit map: Unknown (2807)',
      'RR type in bit map: Unknown (2811)',
      'RR type in bit map: Unknown (2812)',
      'RR type in bit map: Unknown (2813)',
      'RR type in bit map: Unknown (2814)',
      'RR type in bit map: Unknown (2815)',
      'RR type in bit map: Unknown (2816)',
      'RR type in bit map: Unknown (2819)',
      'RR type in bit map: Unknown (2830)',
      'RR type in bit map: Unknown (2831)',
      'RR type in bit map: Unknown (2833)',
      'RR type in bit map: Unknown (2834)',
      'RR type in bit map: Unknown (2835)',
      'RR type in bit map: Unknown (2837)',
      'RR type in bit map: Unknown (2838)',
      'RR type in bit map: Unknown (2839)',
      'RR type in bit map: Unknown (2841)',
      'RR type in bit map: Unknown (2842)',
      'RR type in bit map: Unknown (2843)',
      'RR type in bit map: Unknown (2845)',
      'RR type in bit map: Unknown (2846)',
      'RR type in bit map: Unknown (2847)',
      'RR type in bit map: Unknown (2849)',
      'RR type in bit map: Unknown (2850)',
      'RR type in bit map: Unknown (2851)',
      'RR type in bit map: Unknown (2853)',
      'RR type in bit map: Unknown (2854)',
      'RR type in bit map: Unknown (2855)',
      'RR type in bit map: Unknown (2860)',
      'RR type in bit map: Unknown (2862)',
      'RR type in bit map: Unknown (2865)',
      'RR type in bit map: Unknown (2866)',
      'RR type in bit map: Unknown (2867)',
      'RR type in bit map: Unknown (2873)',
      'RR type in bit map: Unknown (2874)',
      'RR type in bit map: Unknown (2879)',
      'RR type in bit map: Unknown (2881)',
      'RR type in bit map: Unknown (2882)',
      'RR type in bit map: Unknown (2886)',
      'RR type in bit map: Unknown (2887)',
      'RR type in bit map: Unknown (2889)',
      'RR type in bit map: Unknown (2890)',
      'RR type in bit map: Unknown (2892)',
      'RR type in bit map: Unknown (2894)',
      'RR type in bit map: Unknown (2895)',
      'RR type in bit map: Unknown (2897)',
      'RR type in bit map: Unknown (2898)',
      'RR type in bit map: Unknown (2901)',
      'RR type in bit map: Unknown (2903)',
      'RR type in bit map: Unknown (2905)',
      'RR type in bit map: Unknown (2906)',
      'RR type in bit map: Unknown (2907)',
      'RR type in bit map: Unknown (2909)',
      'RR type in bit map: Unknown (2913)',
      'RR type in bit map: Unknown (2914)',
      'RR type in bit map: Unknown (2916)',
      'RR type in bit map: Unknown (2917)',
      'RR type in bit map: Unknown (2921)',
      'RR type in bit map: Unknown (2922)',
      'RR type in bit map: Unknown (2924)',
      'RR type in bit map: Unknown (2925)',
      'RR type in bit map: Unknown (2926)',
      'RR type in bit map: Unknown (2927)',
      'RR type in bit map: Unknown (2929)',
      'RR type in bit map: Unknown (2930)',
      'RR type in bit map: Unknown (2932)',
      'RR type in bit map: Unknown (2933)',
      'RR type in bit map: Unknown (2934)',
      'RR type in bit map: Unknown (2935)',
      'RR type in bit map: Unknown (2937)',
      'RR type in bit map: Unknown (2938)',
      'RR type in bit map: Unknown (2940)',
      'RR type in bit map: Unknown (2941)',
      'RR type in bit map: Unknown (2943)',
      'RR type in bit map: Unknown (2949)',
      'RR type in bit map: Unknown (2953)',
      'RR type in bit map: Unknown (2954)',
      'RR type in bit map: Unknown (2955)',
      'RR type in bit map: Unknown (2957)',
      'RR type in bit map: Unknown (2961)',
      'RR type in bit map: Unknown (2962)',
      'RR type in bit map: Unknown (2965)',
      'RR type in bit map: Unknown (2967)',
      'RR type in bit map: Unknown (2969)',
      'RR type in bit map: Unknown (2970)',
      'RR type in bit map: Unknown (2971)',
      'RR type in bit map: Unknown (2974)',
      'RR type in bit map: Unknown (2975)',
      'RR type in bit map: Unknown (2977)',
      'RR type in bit map: Unknown (2978)',
      'RR type in bit map: Unknown (2979)',
      'RR type in bit map: Unknown (2981)',
      'RR type in bit map: Unknown (2992)',
      'RR type in bit map: Unknown (2993)',
      'RR type in bit map: Unknown (3002)',
      'RR type in bit map: Unknown (3003)',
      'RR type in bit map: Unknown (3004)',
      'RR type in bit map: Unknown (3005)',
      'RR type in bit map: Unknown (3006)',
      'RR type in bit map: Unknown (3023)',
      'RR type in bit map: Unknown (3039)',
      'RR type in bit map: Unknown (3063)',
      'RR type in bit map: Unknown (3066)',
      'RR type in bit map: Unknown (3068)',
      'RR type in bit map: Unknown (3069)',
      'RR type in bit map: Unknown (3085)',
      'RR type in bit map: Unknown (3092)',
      'RR type in bit map: Unknown (3094)',
      'RR type in bit map: Unknown (3097)',
      'RR type in bit map: Unknown (3098)',
      'RR type in bit map: Unknown (3102)',
      'RR type in bit map: Unknown (3103)',
      'RR type in bit map: Unknown (3118)',
      'RR type in bit map: Unknown (3120)',
      'RR type in bit map: Unknown (3121)',
      'RR type in bit map: Unknown (3130)',
      'RR type in bit map: Unknown (3131)',
      'RR type in bit map: Unknown (3132)',
      'RR type in bit map: Unknown (3133)',
      'RR type in bit map: Unknown (3134)',
      'RR type in bit map: Unknown (3147)',
      'RR type in bit map: Unknown (3148)',
      'RR type in bit map: Unknown (3149)',
      'RR type in bit map: Unknown (3167)',
      'RR type in bit map: Unknown (3191)',
      'RR type in bit map: Unknown (3194)',
      'RR type in bit map: Unknown (3196)',
      'RR type in bit map: Unknown (3197)',
      'RR type in bit map: Unknown (3211)',
      'RR type in bit map: Unknown (3216)',
      'RR type in bit map: Unknown (3217)',
      'RR type in bit map: Unknown (3218)',
      'RR type in bit map: Unknown (3219)',
      'RR type in bit map: Unknown (3220)',
      'RR type in bit map: Unknown (3221)',
      'RR type in bit map: Unknown (3223)',
      'RR type in bit map: Unknown (3240)',
      'RR type in bit map: Unknown (3243)',
      'RR type in bit map: Unknown (3244)',
      'RR type in bit map: Unknown (3247)',
      'RR type in bit map: Unknown (3342)',
    ]);
    expect(got.error).toBe('BoundsError');
    truncations(NSEC_CUT);
  });
  it('a NUL-led name through a pointer is <Root>', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(NUL_NAME_POINTER);
    expect(got.lines).toEqual([
      '<Root>: type CNAME, class IN, cname web.packetloo-.test',
      'Name: <Root>',
      'Type: CNAME (Canonical NAME for an alias) (5)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 6',
      'CNAME: web.packetloo-.test',
      'web.packetloo-.test: type AAAA, class Unknown, addr fd00:99::2',
      'Name: web.packetloo-.test',
      'Type: AAAA (IPv6 Address) (28)',
      'Class: Unknown (0x0095)',
      'Time to live: 300 (5 minutes)',
      'Data length: 16',
      'AAAA Address: fd00:99::2',
    ]);
    expect(got.error).toBe(null);
    truncations(NUL_NAME_POINTER);
  });
  it('strings end at their first NUL', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(NAPTR_NUL);
    expect(got.lines).toEqual([
      'a.test: type HINFO, class IN, CPU x86, OS',
      'Name: a.test',
      'Type: HINFO (host information) (13)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 5',
      'CPU Length: 3',
      'CPU: x86',
      'OS Length: 0',
      'OS:',
      'a.test: type NAPTR, class IN',
      'Name: a.test',
      'Type: NAPTR (Naming Authority Pointer) (35)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 8',
      'Order: 1',
      'Preference: 2',
      'Flags Length: 0',
      'Flags:',
      'Service Length: 0',
      'Service:',
      'Regex Length: 1',
      'Regex:',
    ]);
    expect(got.error).toBe('BoundsError');
    truncations(NAPTR_NUL);
  });
  it('a NUL with more after it: Trailing stray characters', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(ALPN_STRAY);
    expect(got.lines).toEqual([
      'packetloom.test: type HTTPS, class IN',
      'Name: packetloom.test',
      'Type: HTTPS (HTTPS Specific Service Endpoints) (65)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 47',
      'SvcPriority: 1',
      'TargetName: <Root>',
      'SvcParam: alpn=h2h3',
      'SvcParamKey: alpn (1)',
      'SvcParamValue length: 6',
      'ALPN length: 10',
      'ALPN: h2\\002h3',
      '[Expert Info (Warning/Undecoded): Trailing stray characters]',
      '[Trailing stray characters]',
      '[Severity level: Warning]',
      '[Group: Undecoded]',
      'SvcParam: key47872',
      'SvcParamKey: Unknown (47872)',
      'SvcParamValue length: 1024',
    ]);
    expect(got.error).toBe('BoundsError');
    truncations(ALPN_STRAY);
  });
  it('a long appended label is cut at 240 bytes, unmarked', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(SVCB_LONG_LABEL);
    expect(got.lines).toEqual([
      '_dns.packetloom.tect: type SVCB, class IN',
      'Name: _dns.packetloom.tect',
      'Type: SVCB (General Purpose Service Endpoints) (64)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 101',
      'SvcPriority: 1',
      'TargetName: dns.packetloom.test',
      'SvcParam: mandatory=alpn,key4099,alpn,key8,key868,key28532,key868,key28529,no-default-alpn,mandatory,port,no-default-alpn,key853,echconfig,key24,key60485,key65454,key11227,key2393,key50139,key22255,key42961,key7525,key62518,key11972,key184',
      'SvcParamKey: mandatory (0)',
      'SvcParamValue length: 66',
      'Mandatory key: alpn (1)',
      'Mandatory key: Unknown (4099)',
      'Mandatory key: alpn (1)',
      'Mandatory key: Unknown (8)',
      'Mandatory key: Unknown (868)',
      'Mandatory key: Unknown (28532)',
      'Mandatory key: Unknown (868)',
      'Mandatory key: Unknown (28529)',
      'Mandatory key: no-default-alpn (2)',
      'Mandatory key: mandatory (0)',
      'Mandatory key: port (3)',
      'Mandatory key: no-default-alpn (2)',
      'Mandatory key: Unknown (853)',
      'Mandatory key: echconfig (5)',
      'Mandatory key: Unknown (24)',
      'Mandatory key: Unknown (60485)',
      'Mandatory key: Unknown (65454)',
      'Mandatory key: Unknown (11227)',
      'Mandatory key: Unknown (2393)',
      'Mandatory key: Unknown (50139)',
      'Mandatory key: Unknown (22255)',
      'Mandatory key: Unknown (42961)',
      'Mandatory key: Unknown (7525)',
      'Mandatory key: Unknown (62518)',
      'Mandatory key: Unknown (11972)',
      'Mandatory key: Unknown (18457)',
      'Mandatory key: Unknown (43100)',
      'Mandatory key: Unknown (7)',
      'Mandatory key: Unknown (16)',
      'Mandatory key: Unknown (12132)',
      'Mandatory key: Unknown (28275)',
      'Mandatory key: Unknown (11633)',
      'Mandatory key: Unknown (30053)',
      'SvcParam: key29305',
      'SvcParamKey: Unknown (29305)',
      'SvcParamValue length: 31551',
    ]);
    expect(got.error).toBe('BoundsError');
    truncations(SVCB_LONG_LABEL);
  });
  it('a key \'to the end\' of a message that has ended: malformed', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(DNSKEY_TO_END);
    expect(got.lines).toEqual([
      'a.test: type DNSKEY, class IN',
      'Name: a.test',
      'Type: DNSKEY (DNS Public Key) (48)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 3',
      'Flags: 0x0101',
      '.... ...1 .... .... = Zone Key: This is the zone key for specified zone',
      '.... .... 0... .... = Key Revoked: No',
      '.... .... .... ...1 = Key Signing Key: Yes',
      '0000 000. .000 000. = Key Signing Key: 0x0000',
      'Protocol: 3',
      'Algorithm: RSA/MD5 (1)',
      '[Buffer too short to compute a key id]',
      '[Expert Info (Warning/Protocol): Buffer too short to compute a key id]',
      '[Buffer too short to compute a key id]',
      '[Severity level: Warning]',
      '[Group: Protocol]',
    ]);
    expect(got.error).toBe('BoundsError');
    truncations(DNSKEY_TO_END);
  });
  it('a long record label is cut unmarked', () => {
    // tshark 4.0's -V lines for this message's answers.
    const got = answerLines(LONG_RR_LABEL);
    expect(got.lines).toEqual([
      '_http._tcp.packetloom.test: type SRV, class IN, priority 0, weight 5, port 80, target web.pac�etloom.test',
      'Service: _http',
      'Protocol: _tcp',
      'Name: packetloom.test',
      'Type: SRV (Server Selection) (33)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 27',
      'Priority: 0',
      'Weight: 5',
      'Port: 80',
      'Target: web.pac�etloom.test',
      '_http._tcp.packetloom.test: type SRV, class IN, priority 10, weight 1, port 8080, target www.packetloom.test\\000�>\\000\\001\\000\\001\\000\\000\\001,\\000\\004\\nc\\000\\002�>\\000\\034\\000\\001\\000\\000\\001,\\000\\020�\\000\\000�\\000\\000\\000\\000\\000',
      'Service: _http',
      'Protocol: _tcp',
      'Name: packetloom.test',
      'Type: SRV (Server Selection) (33)',
      'Class: IN (0x0001)',
      'Time to live: 300 (5 minutes)',
      'Data length: 27',
      'Priority: 10',
      'Weight: 1',
      'Port: 8080',
      'Target: www.packetloom.test\\000�>\\000\\001\\000\\001\\000\\000\\001,\\000\\004\\nc\\000\\002�>\\000\\034\\000\\001\\000\\000\\001,\\000\\020�\\000\\000�\\000\\000\\000\\000\\000\\000\\000\\000',
    ]);
    expect(got.error).toBe(null);
    truncations(LONG_RR_LABEL);
  });
});

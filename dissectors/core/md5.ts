/**
 * MD5 (RFC 1321) of a string's UTF-8 bytes, as lowercase hex: what Wireshark's JA3/JA3S
 * fingerprints hash (g_compute_checksum_for_string). Not for security: a fingerprint's name.
 */

const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const K = new Int32Array(64);
for (let i = 0; i < 64; i++) K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0;

export function md5Hex(text: string): string {
  const msg = new TextEncoder().encode(text);
  const n = ((msg.length + 8) >>> 6) + 1;
  const words = new Int32Array(n * 16);
  for (let i = 0; i < msg.length; i++) words[i >> 2]! |= msg[i]! << ((i % 4) * 8);
  words[msg.length >> 2]! |= 0x80 << ((msg.length % 4) * 8);
  const bits = msg.length * 8;
  words[n * 16 - 2] = bits | 0;
  words[n * 16 - 1] = Math.floor(bits / 2 ** 32) | 0;
  let a0 = 0x67452301, b0 = 0xefcdab89 | 0, c0 = 0x98badcfe | 0, d0 = 0x10325476;
  for (let blk = 0; blk < words.length; blk += 16) {
    let a = a0, b = b0, c = c0, d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number, g: number;
      if (i < 16) { f = (b & c) | (~b & d); g = i; }
      else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
      else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) % 16; }
      else { f = c ^ (b | ~d); g = (7 * i) % 16; }
      const tmp = d;
      d = c;
      c = b;
      const x = (a + f + K[i]! + words[blk + g]!) | 0;
      const s = S[(i >> 4) * 4 + (i % 4)]!;
      b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
      a = tmp;
    }
    a0 = (a0 + a) | 0; b0 = (b0 + b) | 0; c0 = (c0 + c) | 0; d0 = (d0 + d) | 0;
  }
  let out = '';
  for (const w of [a0, b0, c0, d0]) for (let k = 0; k < 4; k++) out += ((w >>> (8 * k)) & 0xff).toString(16).padStart(2, '0');
  return out;
}

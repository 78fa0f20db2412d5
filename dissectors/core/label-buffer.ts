/**
 * Wireshark formats labels and expert messages into buffers of ITEM_LABEL_LENGTH bytes (with the
 * NUL): text longer than that is cut there. Shared by the tree's labels (output/text.ts) and the
 * expert items (pinfo.ts).
 */

/** Wireshark's ITEM_LABEL_LENGTH. */
export const ITEM_LABEL_LENGTH = 240;

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/**
 * `text` cut as a formatted write into the 240-byte buffer cuts it (proto_item_append_text, an
 * expert item's message): at 239 bytes, with no mark, never splitting a character.
 */
export function fitLabelBuffer(text: string): string {
  // A string this short cannot reach 240 bytes in UTF-8.
  if (text.length < ITEM_LABEL_LENGTH / 3) return text;
  const bytes = utf8.encode(text);
  if (bytes.length < ITEM_LABEL_LENGTH) return text;
  let end = ITEM_LABEL_LENGTH - 1;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return utf8Decoder.decode(bytes.subarray(0, end));
}

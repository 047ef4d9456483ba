/**
 * Reading a 6-digit sign-in code out of what people type or paste: "123 456", "123-456",
 * "Your code is 123456", or digits from an Arabic or full-width keyboard ("١٢٣٤٥٦").
 */

/** Arabic-Indic (U+0660…), Eastern Arabic-Indic (U+06F0…) and full-width (U+FF10…) digits: each block's low four bits are the digit. */
const OTHER_DIGITS = /[\u0660-\u0669\u06F0-\u06F9\uFF10-\uFF19]/g;

function asciiDigits(text: string): string {
  return text.replace(OTHER_DIGITS, (digit) => String(digit.charCodeAt(0) & 0xf));
}

/** Only the digits of `text`, as ASCII. */
export function digitsOf(text: string): string {
  return asciiDigits(text).replace(/\D/g, '');
}

/**
 * The 6-digit code in `text`: six digits standing alone, or split in two halves by a space, dash or
 * dot; otherwise all the digits of `text` when there are exactly six. `null` when there is no code.
 */
export function codeIn(text: string): string | null {
  const normal = asciiDigits(text);
  const standing = /(?<!\d)(\d{3})[\s.\-\u2010-\u2015]?(\d{3})(?!\d)/.exec(normal);
  if (standing) return `${standing[1]}${standing[2]}`;
  const digits = digitsOf(normal);
  return digits.length === 6 ? digits : null;
}

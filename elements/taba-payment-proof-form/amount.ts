import { minorUnits } from '../../sdk/contract/money.js';
import { formatLocale } from '../shared/localize.js';

/** The most digits an amount in minor units has (the contract's `amount` pattern: 1–15 digits). */
const MAX_MINOR_DIGITS = 15;

/** Why an amount typed was refused. */
export type AmountProblem = 'missing' | 'invalid' | 'decimals' | 'zero' | 'tooLarge';

export type ParsedAmount = { minor: number } | { problem: AmountProblem };

const separatorCache = new Map<string, { group: string; decimal: string }>();

/** The locale's digit-group and decimal separators, e.g. `,` and `.` for en-US, `.` and `,` for de-DE. */
export function separators(locale: string = formatLocale()): { group: string; decimal: string } {
  const key = locale;
  let found = separatorCache.get(key);
  if (!found) {
    const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(12345.6);
    found = {
      group: parts.find((part) => part.type === 'group')?.value ?? ',',
      decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
    };
    separatorCache.set(key, found);
  }
  return found;
}

/** Arabic-Indic (٠–٩) and Persian (۰–۹) digits as ASCII digits; Arabic separators (٬ ٫) as `,` and `.`. */
function westernDigits(text: string): string {
  return text
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/\u066c/g, ',')
    .replace(/\u066b/g, '.');
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Reads an amount as a person types it in major units ("1,234.50" in en-US, "1.234,50" in de-DE)
 * into integer minor units of `currency`, by string arithmetic alone (never a float): digits,
 * optionally grouped by threes with the locale's group separator, then optionally the locale's
 * decimal separator and at most the currency's minor digits (none for JPY, two for USD, three for
 * KWD). Spaces are ignored; Arabic-Indic digits and separators (١٬٢٣٤٫٥٠) read as Western ones. Zero,
 * a sign, and more than 15 minor digits are refused.
 */
export function parseMajorAmount(text: string, currency: string, locale: string = formatLocale()): ParsedAmount {
  // Bidi marks (an Arabic amount copied from elsewhere) are invisible: ignored like spaces.
  const compact = westernDigits(text.replace(/[\s\u00a0\u202f\u200e\u200f\u061c]/g, ''));
  if (compact === '') return { problem: 'missing' };
  const separator = separators(locale);
  // Arabic digits and separators are read as their Western forms (people type either).
  const group = westernDigits(separator.group);
  const decimal = westernDigits(separator.decimal);
  // A space-like group separator (fr-FR's narrow no-break space) is already gone with the spaces.
  const grouped = /\s/.test(group) ? '' : `(?:${escaped(group)}\\d{3})*`;
  const match = new RegExp(`^(\\d{1,3}${grouped}|\\d+)(?:${escaped(decimal)}(\\d*))?$`).exec(compact);
  if (!match) return { problem: 'invalid' };
  const whole = match[1]!.split(group).join('');
  const fraction = match[2] ?? '';
  const digits = minorUnits(currency);
  if (fraction.length > digits) return { problem: 'decimals' };
  const minor = `${whole}${fraction.padEnd(digits, '0')}`.replace(/^0+/, '');
  if (minor === '') return { problem: 'zero' };
  if (minor.length > MAX_MINOR_DIGITS) return { problem: 'tooLarge' };
  // At most 15 digits: an exact integer (below 2^53).
  return { minor: Number(minor) };
}

/** An example of an amount as the parser reads it in `locale`, e.g. "1,234.56" (USD, en-US) or "1.234" (JPY, de-DE). */
export function amountExample(currency: string, locale: string = formatLocale()): string {
  const digits = minorUnits(currency);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    (digits === 0 ? '1234' : `1234.${'56789'.slice(0, digits)}`) as Intl.StringNumericLiteral,
  );
}

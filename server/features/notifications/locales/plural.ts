/** The plural category of a count in a language (`one`, `two`, `few`, `many`…), by `Intl.PluralRules`. */
export function pluralOf(locale: string, count: number): Intl.LDMLPluralRule {
  return new Intl.PluralRules(locale).select(count);
}

import { LOCALE_STATUS_EVENT, configureLocalization, msg as litMsg, type StrResult } from '@lit/localize';

/** The languages the elements speak: English (the source) and the complete catalogues in elements/locales/. */
export const SOURCE_LOCALE = 'en';
export const TARGET_LOCALES = ['de', 'ar'] as const;
export type PortalLanguage = typeof SOURCE_LOCALE | (typeof TARGET_LOCALES)[number];
const LANGUAGES: readonly PortalLanguage[] = [SOURCE_LOCALE, ...TARGET_LOCALES];

/** Languages written right to left. */
const RTL_LANGUAGES = new Set<string>(['ar']);

// Each catalogue is a chunk of its own in the browser bundle, fetched only when its language is chosen.
const { getLocale, setLocale } = configureLocalization({
  sourceLocale: SOURCE_LOCALE,
  targetLocales: TARGET_LOCALES,
  loadLocale: (language) => (language === 'de' ? import('../locales/de.js') : import('../locales/ar.js')),
});

/** The full BCP 47 tag last asked for (`de-CH`), which `Intl` formats with; its language is `getLocale()`. */
let formatTag: string = SOURCE_LOCALE;
/** Whether a language was chosen (by a `locale` attribute, the page, or the browser's once). */
let chosen = false;
/** The catalogue being fetched, settled (never rejected) once it is in or has failed. */
let loading: Promise<void> | undefined;

/**
 * The portal language for a BCP 47 tag: its language subtag when the elements speak it (`de-AT` →
 * `de`), otherwise English. Without a tag, the browser's preferred languages decide, in order.
 */
export function portalLanguage(tag?: string | null): PortalLanguage {
  const candidates = tag ? [tag] : typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const candidate of candidates) {
    const language = candidate.toLowerCase().split(/[-_]/)[0] as PortalLanguage;
    if (LANGUAGES.includes(language)) return language;
  }
  return SOURCE_LOCALE;
}

/** Tells every element on the page to render again (they listen through `updateWhenLocaleChanges`). */
function announceReady(): void {
  if (typeof window === 'undefined') return;
  window.dispatchEvent(new CustomEvent(LOCALE_STATUS_EVENT, { detail: { status: 'ready', readyLocale: getLocale() } }));
}

/**
 * Switches every element on the page to the language of `tag` (or the browser's, without one),
 * loading its catalogue first; elements re-render when it is in. Money, dates and numbers are then
 * formatted for `tag` itself when its language is spoken here (`de-CH` keeps Swiss grouping), and for
 * the chosen language otherwise. Rejects if the catalogue cannot be fetched (the elements then keep
 * the language they had).
 */
export async function setPortalLocale(tag?: string | null): Promise<PortalLanguage> {
  chosen = true;
  const language = portalLanguage(tag);
  const requested = tag || (typeof navigator === 'undefined' ? undefined : navigator.language);
  const formattedBefore = formatLocale();
  const languageBefore = getLocale();
  formatTag = requested && portalLanguage(requested) === language && isValidTag(requested) ? requested : language;
  const fetching = language !== languageBefore || loading !== undefined;
  const switching = setLocale(language);
  if (fetching) {
    const settled = switching.then(
      () => undefined,
      () => undefined,
    );
    loading = settled;
    void settled.then(() => {
      if (loading === settled) loading = undefined;
    });
  }
  await switching;
  // Same language, other region (`de` → `de-CH`): no catalogue to load, but amounts and dates change.
  if (language === languageBefore && formatLocale() !== formattedBefore) announceReady();
  return language;
}

/**
 * Applies the browser's preferred language, once, unless a language was already chosen: the first
 * element to render without a `locale` attribute calls it.
 */
export function adoptBrowserLocale(): void {
  if (chosen) return;
  setPortalLocale().catch(() => undefined);
}

/** While a catalogue is being fetched, a promise that settles when it is in (or failed); else `undefined`. */
export function localeLoading(): Promise<void> | undefined {
  return loading;
}

function isValidTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** The language the elements speak now (`en`, `de` or `ar`). */
export function portalLocale(): PortalLanguage {
  return getLocale() as PortalLanguage;
}

/** The BCP 47 tag `Intl` formats with now: the tag given to `setPortalLocale`, or the language. */
export function formatLocale(): string {
  return portalLanguage(formatTag) === portalLocale() ? formatTag : portalLocale();
}

/** `rtl` for a language written right to left (Arabic), else `ltr`. */
export function textDirection(language: string = portalLocale()): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(portalLanguage(language)) ? 'rtl' : 'ltr';
}

/** A tenant's own wordings, by language and message id. */
const customMessages = new Map<PortalLanguage, Map<string, string>>();

/**
 * Replaces messages of one language with a tenant's own wording, by id (the ids are in
 * elements/locales/de/*.ts and docs/languages.md): `{0}`, `{1}` in a text stand for the message's
 * values in the order of the English template (`'invoice.dueOn': 'Zahlbar bis {0}'`). A plural
 * message is given per form (`'projectList.documentCount.other'`). Elements on the page re-render.
 * An empty object removes the language's custom wordings.
 */
export function setPortalMessages(tag: string, messages: Readonly<Record<string, string>>): void {
  const language = portalLanguage(tag);
  const entries = Object.entries(messages).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  if (entries.length === 0) customMessages.delete(language);
  else customMessages.set(language, new Map([...(customMessages.get(language) ?? []), ...entries]));
  if (language === portalLocale()) announceReady();
}

/**
 * The text of message `id` in the language shown: the tenant's own wording (`setPortalMessages`),
 * else the catalogue's, else the English `source`. Every message has an explicit id (`<area>.<key>`).
 */
export function msg(source: string | StrResult, options: { id: string; desc?: string }): string {
  const custom = customMessages.get(portalLocale())?.get(options.id);
  if (custom === undefined) return litMsg(source as StrResult, options);
  const values = typeof source === 'string' ? [] : source.values;
  return custom.replace(/\{(\d+)\}/g, (placeholder, index: string) => (Number(index) < values.length ? String(values[Number(index)]) : placeholder));
}

const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * A message that depends on a count, with the plural forms of the language shown: the id used is
 * `${id}.${category}` (`zero`, `one`, `two`, `few`, `many` or `other`, by `Intl.PluralRules`), so a
 * catalogue gives each form its language has (Arabic all six) while English gives `one` and `other`.
 *
 *   plural(count, 'home.unread', { one: str`${count} unread message`, other: str`${count} unread messages` })
 */
export function plural(
  count: number,
  id: string,
  forms: { one: string | StrResult; other: string | StrResult },
): string {
  const language = portalLocale();
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
  const category = rules.select(count);
  return msg(category === 'one' ? forms.one : forms.other, { id: `${id}.${category}` });
}

export { str, updateWhenLocaleChanges } from '@lit/localize';

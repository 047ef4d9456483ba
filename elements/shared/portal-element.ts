import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import {
  adoptBrowserLocale,
  formatLocale,
  localeLoading,
  portalLocale,
  setPortalLocale,
  textDirection,
  updateWhenLocaleChanges,
} from './localize.js';

/**
 * The base of every taba element: it speaks the portal's language (elements/shared/localize.ts) and
 * renders again when the language changes.
 *
 * - `locale` (attribute): a BCP 47 tag (`de`, `de-CH`, `ar`). The language is page-wide: setting it
 *   on one element switches every taba element on the page. Without a `locale` anywhere, the
 *   browser's preferred language applies.
 * - The host gets `dir` (`rtl` for Arabic) and `lang` from the language shown, unless the page set
 *   them on the element itself.
 * - While a chosen language's catalogue is being fetched the element waits with its update (no
 *   English flash), and `updateComplete` resolves once it has rendered in that language.
 */
export class PortalElement extends LitElement {
  /** The language of every taba element on the page, as a BCP 47 tag; default: the browser's. */
  @property({ reflect: true })
  accessor locale: string | undefined;

  /** The `locale` applied last (`null`: none yet). */
  #appliedLocale: string | undefined | null = null;
  /** The `dir` and `lang` this element set on its host, to tell them from the page's own. */
  #ownDir: string | null = null;
  #ownLang: string | null = null;
  /** The language and format tag of the last render, to catch up after being disconnected. */
  #renderedIn = '';

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A language change while disconnected reached no listener: render again in the language now.
    if (this.#renderedIn && this.#renderedIn !== languageKey()) this.requestUpdate();
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    this.#applyLocale();
    const loading = localeLoading();
    if (!loading) return this.#update();
    return loading.then(() => this.#update());
  }

  #update(): void | Promise<unknown> {
    this.#followLanguage();
    this.#renderedIn = languageKey();
    return super.scheduleUpdate();
  }

  /** Sets the page's language from `locale` when it changed; the first element without one adopts the browser's. */
  #applyLocale(): void {
    const locale = this.locale || undefined;
    if (locale === this.#appliedLocale) return;
    const first = this.#appliedLocale === null;
    this.#appliedLocale = locale;
    // A catalogue that cannot be fetched leaves the elements in the language they had.
    if (locale) setPortalLocale(locale).catch(() => undefined);
    else if (first) adoptBrowserLocale();
    else setPortalLocale().catch(() => undefined);
  }

  /** Sets `dir` and `lang` on the host for the language shown, unless the page set its own. */
  #followLanguage(): void {
    this.#ownDir = ownAttribute(this, 'dir', this.#ownDir, textDirection());
    this.#ownLang = ownAttribute(this, 'lang', this.#ownLang, portalLocale());
  }
}

function languageKey(): string {
  return `${portalLocale()}|${formatLocale()}`;
}

/** Sets `name` to `value` unless the page has put another value there than the one set before; answers what is set by us. */
function ownAttribute(host: HTMLElement, name: string, setBefore: string | null, value: string): string | null {
  const current = host.getAttribute(name);
  if (current !== null && current !== setBefore) return null;
  if (current !== value) host.setAttribute(name, value);
  return value;
}

/**
 * Whether `element` lays out right to left (its computed `direction`, so a `dir` the page set counts):
 * the arrow keys then move the other way (ArrowLeft to the next tab).
 */
export function isRightToLeft(element: Element): boolean {
  return getComputedStyle(element).direction === 'rtl';
}

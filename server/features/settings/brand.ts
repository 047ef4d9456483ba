import type { UpdateWorkspaceBrand } from '../../../sdk/contract/settings.js';
import { Problem } from '../../lib/problem.js';
import { parseOrigin } from './origin.js';

/** The brand columns a change sets; a field left out of the change is left out here too. */
export interface BrandColumns {
  brand_name?: string | null;
  brand_logo_url?: string | null;
  brand_accent_color?: string | null;
}

const NAME_MAX = 80;
const LOGO_URL_MAX = 2000;
// http is for a developer's own machine only; a portal on the internet must not load mixed content.
const HTTP_LOGO_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Checks a brand change and returns the columns to write, or a 400 `invalid_brand` naming the field. */
export function brandColumns(brand: UpdateWorkspaceBrand): BrandColumns {
  const columns: BrandColumns = {};
  if (brand.name !== undefined) columns.brand_name = brand.name === null ? null : brandName(brand.name);
  if (brand.logoUrl !== undefined) columns.brand_logo_url = brand.logoUrl === null ? null : logoUrl(brand.logoUrl);
  if (brand.accentColor !== undefined) columns.brand_accent_color = brand.accentColor === null ? null : accentColor(brand.accentColor);
  return columns;
}

function brandName(value: string): string {
  const name = value.trim();
  const length = [...name].length;
  if (length < 1 || length > NAME_MAX) throw invalidBrand('name', `The brand name must be 1–${NAME_MAX} characters once trimmed; it has ${length}.`);
  if (/\p{Cc}/u.test(name)) throw invalidBrand('name', 'The brand name must not contain control characters such as line breaks or tabs.');
  return name;
}

function logoUrl(value: string): string {
  const refuse = (why: string) => invalidBrand('logoUrl', `The brand logo ${JSON.stringify(value.slice(0, 200))} ${why}; use an https URL of an image.`);
  if (value.length > LOGO_URL_MAX) throw refuse(`is longer than ${LOGO_URL_MAX} characters`);
  if (/[\s\p{Cc}]/u.test(value)) throw refuse('contains spaces or control characters');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse('is not a URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && HTTP_LOGO_HOSTS.has(url.hostname))) {
    throw refuse(url.protocol === 'http:' ? 'uses http, allowed only for localhost and 127.0.0.1' : `uses ${url.protocol.slice(0, -1)}`);
  }
  if (url.username || url.password) throw refuse('contains a user name or password');
  const origin = parseOrigin(url.origin);
  if (typeof origin !== 'string') throw refuse(`has an invalid host: ${origin.reason}`);
  return url.href;
}

function accentColor(value: string): string {
  if (!/^#[0-9a-fA-F]{6}$/.test(value)) throw invalidBrand('accentColor', `The brand accent colour must be #rrggbb, e.g. #0f766e; ${JSON.stringify(value)} is not.`);
  return value.toLowerCase();
}

const invalidBrand = (field: 'name' | 'logoUrl' | 'accentColor', detail: string) =>
  new Problem(400, 'invalid_brand', 'Invalid brand', detail, [{ field: `body.brand.${field}`, message: detail }]);

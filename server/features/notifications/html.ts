import type { ContactLocale } from '../../../sdk/contract/contacts.js';
import { emailDirection } from './locales/index.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value placed in an email's HTML goes through this: names and titles are tenant or customer input. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

/**
 * One plain, accessible HTML layout for every notification: paragraphs and at most one button link,
 * in the email's language and its direction (Arabic right to left). The direction is repeated on a
 * wrapper because some mail clients drop the `<html>` element's attributes.
 */
export function htmlDocument(input: { title: string; paragraphs: string[]; action?: { label: string; url: string }; locale?: ContactLocale }): string {
  const locale = input.locale ?? 'en';
  const language = `lang="${locale}" dir="${emailDirection(locale)}"`;
  const paragraphs = input.paragraphs.map((paragraph) => `<p style="margin:0 0 16px">${escapeHtml(paragraph)}</p>`).join('\n');
  const action = input.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(input.action.url)}" style="background:#1f4fd1;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(input.action.label)}</a></p>\n<p dir="ltr" style="margin:0 0 16px;font-size:13px;color:#555">${escapeHtml(input.action.url)}</p>`
    : '';
  return `<!doctype html>
<html ${language}><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title></head>
<body style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">
<div ${language}>
${paragraphs}
${action}
</div>
</body></html>
`;
}

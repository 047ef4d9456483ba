const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value placed in an email's HTML goes through this: names and titles are tenant or customer input. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

/** One plain, accessible HTML layout for every notification: paragraphs and at most one button link. */
export function htmlDocument(input: { title: string; paragraphs: string[]; action?: { label: string; url: string } }): string {
  const paragraphs = input.paragraphs.map((paragraph) => `<p style="margin:0 0 16px">${escapeHtml(paragraph)}</p>`).join('\n');
  const action = input.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(input.action.url)}" style="background:#1f4fd1;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(input.action.label)}</a></p>\n<p style="margin:0 0 16px;font-size:13px;color:#555">${escapeHtml(input.action.url)}</p>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title></head>
<body style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">
${paragraphs}
${action}
</body></html>
`;
}

// Writes docs/elements.md from custom-elements.json (made by the analyzer from the elements' JSDoc),
// so the reference cannot drift from the code.
import fs from 'node:fs';

const manifest = JSON.parse(fs.readFileSync('custom-elements.json', 'utf8'));

/**
 * Each `--taba-*` token's fallback, read from `var(--taba-x, fallback)` in the elements' styles
 * files, so the defaults column follows the code. Fails on a token with two different fallbacks.
 */
function tokenDefaults() {
  const defaults = new Map();
  const files = fs.readdirSync('elements', { recursive: true }).filter((file) => String(file).endsWith('.styles.ts'));
  for (const file of files) {
    const source = fs.readFileSync(`elements/${file}`, 'utf8');
    for (const match of source.matchAll(/var\((--taba-[a-z-]+),/g)) {
      // The fallback runs to the parenthesis that closes this var(), nested var()s included.
      let depth = 1;
      let end = match.index + match[0].length;
      for (; end < source.length && depth > 0; end++) depth += source[end] === '(' ? 1 : source[end] === ')' ? -1 : 0;
      const fallback = source.slice(match.index + match[0].length, end - 1).trim();
      const known = defaults.get(match[1]);
      if (known !== undefined && known !== fallback) throw new Error(`${match[1]} has two fallbacks: ${known} and ${fallback} (elements/${file})`);
      defaults.set(match[1], fallback);
    }
  }
  return defaults;
}
const defaults = tokenDefaults();
const defaultOf = (property) => {
  const fallback = defaults.get(property.name);
  if (fallback === undefined) throw new Error(`${property.name} is documented but no styles file gives it a fallback`);
  return `\`${fallback}\``;
};
const rows = (items, columns) =>
  items.length
    ? [`| ${columns.map((c) => c[0]).join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`, ...items.map((item) => `| ${columns.map((c) => String(c[1](item) ?? '').replaceAll('|', '\\|').replaceAll('\n', ' ')).join(' | ')} |`)].join('\n')
    : '_none_';

const out = [
  '# Elements',
  '',
  'Generated from the elements\' JSDoc by `npm run analyze` (custom-elements.json); do not edit by hand.',
  '',
  'Load everything with `<script type="module" src="…/portal/assets/taba-portal.js">` or `import \'taba-portal/elements\'`.',
  'Every widget takes its client from the nearest `<taba-portal>` (or any element providing the `taba-portal/client` context).',
  'Style with the `--taba-*` custom properties and `::part(…)`; events bubble and are composed.',
  'Every element also takes `locale` (a BCP 47 tag, `en`, `de` or `ar`; page-wide; default: the browser\'s language) and lays out right to left in Arabic: see [languages.md](languages.md#in-the-elements).',
  '',
  'The pictures are of the demo workspace (what `npm start` shows) in Chromium, light and dark, in English and Arabic. `npm run screenshots` makes them again into docs/screenshots/ (examples/screenshots.e2e.test.ts, which `npm test` runs too, checking each one).',
  '',
];

/** The element's four pictures (light and dark, English and Arabic) as a table, when docs/screenshots/ has them. */
function pictures(tag) {
  const variants = [['light', 'en', 'Light, English'], ['dark', 'en', 'Dark, English'], ['light', 'ar', 'Light, Arabic'], ['dark', 'ar', 'Dark, Arabic']];
  const files = variants.map(([scheme, language]) => `screenshots/${tag}.${scheme}.${language}.png`);
  if (!files.every((file) => fs.existsSync(`docs/${file}`))) return [];
  const cell = (index) => `<img src="${files[index]}" width="400" alt="${tag}, ${variants[index][2].toLowerCase()}">`;
  return [`| ${variants[0][2]} | ${variants[1][2]} |`, '|---|---|', `| ${cell(0)} | ${cell(1)} |`, `| **${variants[2][2]}** | **${variants[3][2]}** |`, `| ${cell(2)} | ${cell(3)} |`, ''];
}
// By tag name: the analyzer lists modules in the order its glob found them, which varies.
const elements = manifest.modules
  .flatMap((mod) => mod.declarations ?? [])
  .filter((d) => d.customElement)
  .sort((a, b) => a.tagName.localeCompare(b.tagName));
for (const d of elements) {
  out.push(`## \`<${d.tagName}>\``, '', d.summary ?? '', '', ...pictures(d.tagName), d.description ?? '', '');
  out.push('**Attributes**', '', rows(d.attributes ?? [], [['name', (a) => `\`${a.name}\``], ['type', (a) => a.type?.text], ['description', (a) => a.description]]), '');
  out.push('**Events**', '', rows(d.events ?? [], [['name', (e) => `\`${e.name}\``], ['description', (e) => e.description]]), '');
  out.push('**CSS parts**', '', rows(d.cssParts ?? [], [['part', (p) => `\`${p.name}\``], ['description', (p) => p.description]]), '');
  out.push('**CSS custom properties**', '', rows(d.cssProperties ?? [], [['property', (p) => `\`${p.name}\``], ['description', (p) => p.description], ['default', defaultOf]]), '');
  if (d.slots?.length) out.push('**Slots**', '', rows(d.slots, [['slot', (s) => `\`${s.name || '(default)'}\``], ['description', (s) => s.description]]), '');
}
fs.writeFileSync('docs/elements.md', out.join('\n').replace(/\n{3,}/g, '\n\n'));

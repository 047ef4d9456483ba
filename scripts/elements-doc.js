// Writes docs/elements.md from custom-elements.json (made by the analyzer from the elements' JSDoc),
// so the reference cannot drift from the code.
import fs from 'node:fs';

const manifest = JSON.parse(fs.readFileSync('custom-elements.json', 'utf8'));
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
  '',
];
for (const mod of manifest.modules) {
  for (const d of mod.declarations ?? []) {
    if (!d.customElement) continue;
    out.push(`## \`<${d.tagName}>\``, '', d.summary ?? '', '', d.description ?? '', '');
    out.push('**Attributes**', '', rows(d.attributes ?? [], [['name', (a) => `\`${a.name}\``], ['type', (a) => a.type?.text], ['description', (a) => a.description]]), '');
    out.push('**Events**', '', rows(d.events ?? [], [['name', (e) => `\`${e.name}\``], ['description', (e) => e.description]]), '');
    out.push('**CSS parts**', '', rows(d.cssParts ?? [], [['part', (p) => `\`${p.name}\``], ['description', (p) => p.description]]), '');
    out.push('**CSS custom properties**', '', rows(d.cssProperties ?? [], [['property', (p) => `\`${p.name}\``], ['description', (p) => p.description], ['default', (p) => p.default]]), '');
    if (d.slots?.length) out.push('**Slots**', '', rows(d.slots, [['slot', (s) => `\`${s.name || '(default)'}\``], ['description', (s) => s.description]]), '');
  }
}
fs.writeFileSync('docs/elements.md', out.join('\n').replace(/\n{3,}/g, '\n\n'));

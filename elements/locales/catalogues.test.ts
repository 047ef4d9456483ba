import type { LocaleModule, StrResult } from '@lit/localize';
import { expect } from '@open-wc/testing';
import { readFile } from '@web/test-runner-commands';
import { templates as arabic } from './ar.js';
import { templates as arHome } from './ar/home.js';
import { templates as arShell } from './ar/shell.js';
import { templates as arSignIn } from './ar/sign-in.js';
import { templates as arWidgets } from './ar/widgets.js';
import { templates as german } from './de.js';
import { templates as deHome } from './de/home.js';
import { templates as deShell } from './de/shell.js';
import { templates as deSignIn } from './de/sign-in.js';
import { templates as deWidgets } from './de/widgets.js';

// Every message the elements can show, read from their sources, against the German and Arabic
// catalogues: each id there exactly once, in its area's file, with the English template's
// placeholders, and a plural id with every form the language has (Intl.PluralRules).

type Templates = LocaleModule['templates'];

/** One message of the sources: `msg(<english>, { id })`, or a plural's `one`/`other` forms. */
interface SourceMessage {
  id: string;
  file: string;
  /** How many values the English template has (`${…}` in a `str` template). */
  placeholders: number;
  /** For a plural id: how many values its `one` form has (the `other` form's are `placeholders`). */
  onePlaceholders?: number;
  /** The English template as written (the `other` form's for a plural). */
  english: string;
}

const AREAS = ['shell', 'home', 'sign-in'] as const;
type Area = (typeof AREAS)[number] | 'widgets';

/** Ids outside their prefix's area: the home section's label is the home area's. */
const AREA_OF: Readonly<Record<string, Area>> = { 'section.home': 'home' };

/** The catalogue file an id belongs in: `shell.*`, `home.*` and `sign-in.*` have their own, the rest is widgets. */
function areaOf(id: string): Area {
  if (AREA_OF[id]) return AREA_OF[id];
  const first = id.split('.')[0] as Area;
  return (AREAS as readonly string[]).includes(first) ? first : 'widgets';
}

const TEMPLATE = String.raw`(str)?(\x60(?:[^\x60\\]|\\.)*\x60|'(?:[^'\\]|\\.)*')`;
const MSG = new RegExp(String.raw`\bmsg\(\s*` + TEMPLATE + String.raw`\s*,\s*\{\s*id:\s*'([^']+)'`, 'g');
const PLURAL = new RegExp(
  String.raw`\bplural\(\s*[^,]+,\s*'([^']+)'\s*,\s*\{\s*one:\s*` + TEMPLATE + String.raw`\s*,\s*other:\s*` + TEMPLATE,
  'g',
);
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)'(\.{1,2}\/[\w./-]+\.js)'/gm;

function valuesIn(template: string, tagged: boolean): number {
  return tagged ? (template.match(/\$\{/g) ?? []).length : 0;
}

/** The code of a source without its comments (a doc comment may show `msg(…)` as an example). */
function withoutComments(source: string): string {
  return source.replace(/^\s*\/\*[\s\S]*?\*\//gm, '').replace(/^\s*\/\/.*$/gm, '');
}

function resolve(from: string, specifier: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..' && parts.length > 0 && parts.at(-1) !== '..') parts.pop();
    else if (part === '..') parts.push(part);
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/').replace(/\.js$/, '.ts');
}

/**
 * Every message of the element sources reachable from the package's entry (elements/index.ts, and
 * browser.ts for the bundle), following relative imports, static and dynamic. The catalogues
 * themselves and localize.ts (which builds ids) are not read.
 */
async function sourceMessages(): Promise<{ messages: Map<string, SourceMessage>; problems: string[] }> {
  const messages = new Map<string, SourceMessage>();
  const problems: string[] = [];
  const seen = new Set<string>();
  let wave = ['index.ts', 'browser.ts'];
  while (wave.length > 0) {
    const files = [...new Set(wave)].filter(
      (file) => !seen.has(file) && !file.startsWith('locales/') && file !== 'shared/localize.ts' && !file.startsWith('../'),
    );
    for (const file of files) seen.add(file);
    wave = [];
    // Paths are relative to this test file, in elements/locales/; one wave of imports at a time.
    const sources = await Promise.all(files.map((file) => readFile({ path: `../${file}` })));
    for (const [index, file] of files.entries()) {
      const source = sources[index];
      if (source === undefined) {
        problems.push(`${file}: imported but not found`);
        continue;
      }
      read(file, source, wave);
    }
  }
  return { messages, problems };

  function read(file: string, source: string, wave: string[]): void {
    const code = withoutComments(source);
    for (const match of code.matchAll(IMPORT)) wave.push(resolve(file, match[1]!));
    const add = (message: SourceMessage) => {
      const before = messages.get(message.id);
      if (before && (before.english !== message.english || before.onePlaceholders !== message.onePlaceholders)) {
        problems.push(`${message.id}: used in ${before.file} and ${file} for different English texts`);
      }
      if (!message.id.includes('.')) problems.push(`${message.id} (${file}): an id is <area>.<key>`);
      if (/^['`]['`]$/.test(message.english)) problems.push(`${message.id} (${file}): empty English text`);
      messages.set(message.id, message);
    };
    let found = 0;
    for (const match of code.matchAll(MSG)) {
      found++;
      add({ id: match[3]!, file, placeholders: valuesIn(match[2]!, match[1] !== undefined), english: match[2]! });
    }
    for (const match of code.matchAll(PLURAL)) {
      add({
        id: match[1]!,
        file,
        onePlaceholders: valuesIn(match[3]!, match[2] !== undefined),
        placeholders: valuesIn(match[5]!, match[4] !== undefined),
        english: match[5]!,
      });
    }
    // A call this test cannot read (no literal id, a variable as template) would escape it.
    const calls = (code.match(/\bmsg\(/g) ?? []).length;
    if (calls !== found) problems.push(`${file}: ${calls - found} msg() call(s) without a literal template and { id: '…' }`);
  }
}

/** The placeholder indexes a catalogue entry uses (`${0}`, `${1}`). */
function placeholdersOf(entry: unknown): number[] {
  if (typeof entry === 'string') return [];
  return [...new Set((entry as StrResult).values as number[])].sort((a, b) => a - b);
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}

/** What is wrong with `catalogue` (the language's merged templates) for the messages of `area`. */
function check(language: 'de' | 'ar', catalogue: Templates, messages: Map<string, SourceMessage>, area: Area): string[] {
  const problems: string[] = [];
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const expected = new Set<string>();
  for (const message of messages.values()) {
    if (areaOf(message.id) !== area) continue;
    const forms =
      message.onePlaceholders === undefined
        ? [{ id: message.id, count: message.placeholders, mayOmit: false }]
        : categories.map((category) => ({
            id: `${message.id}.${category}`,
            count: category === 'one' ? message.onePlaceholders! : message.placeholders,
            // "one", "two", "zero" often say the number in words ("حرفان", "ein Zeichen").
            mayOmit: category === 'zero' || category === 'one' || category === 'two',
          }));
    for (const form of forms) {
      expected.add(form.id);
      const entry = catalogue[form.id];
      if (entry === undefined) {
        problems.push(`${language}: missing ${form.id}`);
        continue;
      }
      const used = placeholdersOf(entry);
      const wanted = range(form.count);
      const unknown = used.filter((index) => index >= form.count);
      const left = form.mayOmit ? [] : wanted.filter((index) => !used.includes(index));
      if (unknown.length > 0 || left.length > 0) {
        problems.push(`${language}: ${form.id} uses placeholders [${used.join(', ')}], the English template has [${wanted.join(', ')}]`);
      }
      if (typeof entry === 'string' ? entry.trim() === '' : (entry as StrResult).strings.join('').trim() === '' && used.length === 0) {
        problems.push(`${language}: ${form.id} is empty`);
      }
    }
  }
  for (const id of Object.keys(catalogue)) {
    if (areaOf(id) === area && !expected.has(id)) problems.push(`${language}: ${id} is in the catalogue but no element uses it`);
  }
  return problems;
}

/** Ids an area's file holds that belong in another area's file, or that two files both hold. */
function misplaced(language: string, files: Record<Area, Templates>): string[] {
  const problems: string[] = [];
  const owner = new Map<string, Area>();
  for (const [area, templates] of Object.entries(files) as [Area, Templates][]) {
    for (const id of Object.keys(templates)) {
      if (areaOf(id) !== area) problems.push(`${language}/${area}.ts holds ${id}, which belongs in ${language}/${areaOf(id)}.ts`);
      const other = owner.get(id);
      if (other) problems.push(`${id} is in both ${language}/${other}.ts and ${language}/${area}.ts`);
      owner.set(id, area);
    }
  }
  return problems;
}

describe('message catalogues', () => {
  let messages: Map<string, SourceMessage>;
  let sourceProblems: string[];

  before(async function () {
    // Some 200 files, read through the test runner.
    this.timeout(30_000);
    ({ messages, problems: sourceProblems } = await sourceMessages());
  });

  it('reads every message of the sources, each with a literal id', () => {
    expect(sourceProblems).to.deep.equal([]);
    // The sources have hundreds of messages; a broken reader would find none.
    expect(messages.size).to.be.greaterThan(300);
    expect(messages.get('common.retry')?.file).to.equal('shared/strings.ts');
    expect(messages.get('projectList.documentCount')?.onePlaceholders).to.equal(1);
  });

  it('knows the plural forms of each language', () => {
    expect(new Intl.PluralRules('de').resolvedOptions().pluralCategories.sort()).to.deep.equal(['one', 'other']);
    expect(new Intl.PluralRules('ar').resolvedOptions().pluralCategories.sort()).to.deep.equal(['few', 'many', 'one', 'other', 'two', 'zero']);
  });

  it('keeps each id in its area’s file, once', () => {
    expect(misplaced('de', { widgets: deWidgets, shell: deShell, home: deHome, 'sign-in': deSignIn })).to.deep.equal([]);
    expect(misplaced('ar', { widgets: arWidgets, shell: arShell, home: arHome, 'sign-in': arSignIn })).to.deep.equal([]);
  });

  for (const area of ['widgets', ...AREAS] as const) {
    it(`has every ${area} message in German and Arabic, with its placeholders and plural forms, and no other`, () => {
      expect(check('de', german, messages, area)).to.deep.equal([]);
      expect(check('ar', arabic, messages, area)).to.deep.equal([]);
    });
  }

  it('finds a missing id, an extra id, a wrong placeholder and a missing plural form', () => {
    const sample = new Map<string, SourceMessage>([
      ['common.retry', { id: 'common.retry', file: 'x', placeholders: 0, english: "'Retry'" }],
      ['proposalList.sentOn', { id: 'proposalList.sentOn', file: 'x', placeholders: 1, english: '`Sent ${date}`' }],
      [
        'projectList.documentCount',
        { id: 'projectList.documentCount', file: 'x', placeholders: 1, onePlaceholders: 1, english: '`${count} shared documents`' },
      ],
    ]);
    const sentOn = { strTag: true, strings: Object.assign(['Gesendet am ', ''], { raw: [] }), values: [1] } as unknown as StrResult;
    const catalogue: Templates = {
      'proposalList.sentOn': sentOn,
      'projectList.documentCount.one': 'ein Dokument',
      'common.unused': 'x',
    };
    expect(check('de', catalogue, sample, 'widgets')).to.deep.equal([
      'de: missing common.retry',
      'de: proposalList.sentOn uses placeholders [1], the English template has [0]',
      'de: missing projectList.documentCount.other',
      'de: common.unused is in the catalogue but no element uses it',
    ]);
  });
});

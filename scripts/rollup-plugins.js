/**
 * Rollup plugins for the browser bundles (rollup.config.js).
 *
 * `leanEndpoints`: the SDK calls an endpoint by its method, path and
 * multipart flag only, so in `sdk/contract/` it drops every other field of an `endpoint({...})`
 * declaration (schemas and the OpenAPI texts), and marks TypeBox's `Type.*` calls pure, so the
 * schemas nothing else reads fall out of the bundle. The server and the npm package keep the full
 * declarations (they come from tsc, not from here).
 */
import path from 'node:path';
import { minifyHTMLLiterals } from 'minify-html-literals';

/** What `sdk/transport.ts` and the clients read from a declaration at run time. */
const KEPT = new Set(['method', 'path', 'multipart', 'operationId', 'surface']);

const CONTRACT_DIR = `${path.sep}sdk${path.sep}contract${path.sep}`;

export function leanEndpoints() {
  return {
    name: 'lean-endpoints',
    transform(code, id) {
      if (!id.includes(CONTRACT_DIR)) return null;
      const removals = [];
      visit(this.parse(code), (node) => {
        if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'endpoint') return;
        const [spec] = node.arguments;
        if (spec?.type !== 'ObjectExpression') return;
        spec.properties.forEach((property, index) => {
          const name = property.type === 'Property' && !property.computed ? (property.key.name ?? property.key.value) : undefined;
          if (name === undefined || KEPT.has(name)) return;
          // From the property to the start of the next one, or past its own trailing comma if it is the last.
          const next = spec.properties[index + 1];
          const trailingComma = /^\s*,/.exec(code.slice(property.end));
          removals.push([property.start, next ? next.start : property.end + (trailingComma?.[0].length ?? 0)]);
        });
      });
      let lean = '';
      let at = 0;
      for (const [start, end] of removals.sort((a, b) => a[0] - b[0])) {
        lean += code.slice(at, start);
        at = end;
      }
      lean += code.slice(at);
      // Schema builders and declarations have no side effects: annotated, rollup drops those no
      // bundle reads. (manualPureFunctions cannot name them: \`Type\` is a namespace re-export, so
      // its calls reach rollup as the bare TypeBox functions.)
      return { code: lean.replace(/(?<![\w.$])(Type\.\w+|endpoint)\(/g, '/*#__PURE__*/ $1('), map: null };
    },
  };
}

/**
 * Minifies the HTML and CSS inside Lit's html`` and css`` templates of the elements (terser
 * leaves template text alone): collapses whitespace and drops comments, keeping every binding.
 */
export function minifyTemplates() {
  const ELEMENTS_DIR = `${path.sep}elements${path.sep}`;
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!id.includes(ELEMENTS_DIR)) return null;
      const minified = minifyHTMLLiterals(code, { fileName: id, generateSourceMap: false });
      return minified ? { code: minified.code, map: null } : null;
    },
  };
}

function visit(node, enter) {
  if (!node || typeof node.type !== 'string') return;
  enter(node);
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (Array.isArray(value)) for (const child of value) visit(child, enter);
    else if (value && typeof value === 'object' && typeof value.type === 'string') visit(value, enter);
  }
}

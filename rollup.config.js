// Builds the browser bundles. The unbundled ESM for bundler users comes from `tsc -p tsconfig.build.json`.
import fs from 'node:fs';
import path from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { leanEndpoints, minifyTemplates } from './scripts/rollup-plugins.js';

/** Transpile only: type-checking is `npm run typecheck`, declarations come from tsc. Also the host examples' build (examples/hosts.rollup.config.js). */
export const typescriptOptions = {
  tsconfig: false,
  include: ['elements/**/*.ts', 'sdk/**/*.ts'],
  exclude: ['**/*.test.ts', '**/test-support/**'],
  noEmitOnError: false,
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    types: [],
    useDefineForClassFields: true,
    importHelpers: true,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    skipLibCheck: true,
    noCheck: true,
    declaration: false,
    sourceMap: false,
  },
};

/** The minified ES module(s) of one entry, Lit inlined: `output` is one file, or a directory with chunks. */
function build(input, output, extraPlugins = []) {
  return {
    input,
    // The chunks import what they share with the entry from the entry itself (already loaded),
    // rather than from a further chunk every page would fetch.
    preserveEntrySignatures: 'allow-extension',
    output: { format: 'es', ...output },
    // leanEndpoints keeps of each declaration what the SDK reads and marks the schema builders
    // pure; reading a property has no side effect in this code (no getters that act), and TypeBox's
    // modules have none when imported, so rollup may drop every schema no bundle uses.
    treeshake: { propertyReadSideEffects: false, moduleSideEffects: (id) => !id.includes(`${path.sep}node_modules${path.sep}typebox${path.sep}`) },
    plugins: [
      ...extraPlugins,
      nodeResolve({ browser: true }),
      typescript(typescriptOptions),
      leanEndpoints(),
      minifyTemplates(),
      terser({ ecma: 2022, module: true, format: { comments: false } }),
    ],
  };
}

/**
 * A single widget, to keep its size in check: one file with everything it runs, and the German and
 * Arabic catalogues (fetched only in those languages) as chunks in dist/widgets/locales/.
 */
function bundle(input, file) {
  return build(input, { dir: path.dirname(file), entryFileNames: path.basename(file), chunkFileNames: 'locales/[name]-[hash].js' });
}

/** Chunks carry a hash of their content in their names: a build removes the previous build's. */
function cleanChunks(dir) {
  return {
    name: 'clean-chunks',
    buildStart() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export default [
  // For a tenant site: <script type="module" src=".../taba-portal.js"> defines the shell, sign-in and
  // the SDK; each section's elements are a chunk in dist/chunks/, imported (relative to the entry's
  // URL) when the section is first shown, and the rest when the browser is idle (elements/browser.ts).
  build(
    'elements/browser.ts',
    { dir: 'dist', entryFileNames: 'taba-portal.js', chunkFileNames: 'chunks/[name]-[hash].js', experimentalMinChunkSize: 2048 },
    [cleanChunks('dist/chunks'), cleanChunks('dist/widgets/locales')],
  ),
  // One widget alone, to keep its size in check.
  bundle('elements/taba-proposal-list/taba-proposal-list.ts', 'dist/widgets/taba-proposal-list.js'),
  bundle('elements/taba-message-threads/taba-message-threads.ts', 'dist/widgets/taba-message-threads.js'),
  bundle('elements/taba-message-thread/taba-message-thread.ts', 'dist/widgets/taba-message-thread.js'),
  bundle('elements/taba-project-list/taba-project-list.ts', 'dist/widgets/taba-project-list.js'),
  bundle('elements/taba-project-detail/taba-project-detail.ts', 'dist/widgets/taba-project-detail.js'),
  bundle('elements/taba-document-list/taba-document-list.ts', 'dist/widgets/taba-document-list.js'),
  bundle('elements/taba-comment-thread/taba-comment-thread.ts', 'dist/widgets/taba-comment-thread.js'),
  bundle('elements/taba-acceptance-list/taba-acceptance-list.ts', 'dist/widgets/taba-acceptance-list.js'),
  bundle('elements/taba-acceptance-card/taba-acceptance-card.ts', 'dist/widgets/taba-acceptance-card.js'),
  bundle('elements/taba-acceptance-review/taba-acceptance-review.ts', 'dist/widgets/taba-acceptance-review.js'),
  bundle('elements/taba-request-list/taba-request-list.ts', 'dist/widgets/taba-request-list.js'),
  bundle('elements/taba-request-progress/taba-request-progress.ts', 'dist/widgets/taba-request-progress.js'),
  bundle('elements/taba-request-detail/taba-request-detail.ts', 'dist/widgets/taba-request-detail.js'),
  bundle('elements/taba-estimate-list/taba-estimate-list.ts', 'dist/widgets/taba-estimate-list.js'),
  bundle('elements/taba-estimate-detail/taba-estimate-detail.ts', 'dist/widgets/taba-estimate-detail.js'),
  bundle('elements/taba-invoice-list/taba-invoice-list.ts', 'dist/widgets/taba-invoice-list.js'),
  bundle('elements/taba-invoice-detail/taba-invoice-detail.ts', 'dist/widgets/taba-invoice-detail.js'),
  bundle('elements/taba-payment-proof-form/taba-payment-proof-form.ts', 'dist/widgets/taba-payment-proof-form.js'),
  bundle('elements/taba-statement/taba-statement.ts', 'dist/widgets/taba-statement.js'),
  bundle('elements/taba-delivery-list/taba-delivery-list.ts', 'dist/widgets/taba-delivery-list.js'),
  bundle('elements/taba-delivery-timeline/taba-delivery-timeline.ts', 'dist/widgets/taba-delivery-timeline.js'),
];

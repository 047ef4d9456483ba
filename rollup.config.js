// Builds the browser bundles. The unbundled ESM for bundler users comes from `tsc -p tsconfig.build.json`.
import path from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { leanEndpoints, minifyTemplates } from './scripts/rollup-plugins.js';

/** Transpile only: type-checking is `npm run typecheck`, declarations come from tsc. */
const typescriptOptions = {
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

/** One self-contained, minified ES module (Lit inlined) per entry. */
function bundle(input, file) {
  return {
    input,
    output: { file, format: 'es' },
    // leanEndpoints keeps of each declaration what the SDK reads and marks the schema builders
    // pure; reading a property has no side effect in this code (no getters that act), and TypeBox's
    // modules have none when imported, so rollup may drop every schema no bundle uses.
    treeshake: { propertyReadSideEffects: false, moduleSideEffects: (id) => !id.includes(`${path.sep}node_modules${path.sep}typebox${path.sep}`) },
    plugins: [
      nodeResolve({ browser: true }),
      typescript(typescriptOptions),
      leanEndpoints(),
      minifyTemplates(),
      terser({ ecma: 2022, module: true, format: { comments: false } }),
    ],
  };
}

export default [
  // For a tenant site: <script type="module" src=".../taba-portal.js"> defines every element.
  bundle('elements/index.ts', 'dist/taba-portal.js'),
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
];

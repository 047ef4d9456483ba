// Bundles the three host examples (React, Vue, SDK only) into dist/hosts/, one ES module each,
// with the code they share in dist/hosts/chunks/:
//
//   node node_modules/rollup/dist/bin/rollup -c examples/hosts.rollup.config.js
//
// What a tenant's own bundler does for their app: resolve the npm packages (React ships CommonJS,
// hence the commonjs plugin), say it is a production build (process.env.NODE_ENV; Vue's
// compile-time flags), and leave out nothing the page evaluates later: no template compiler, no
// eval, so the pages run under `script-src 'self'`. The examples import the elements and the SDK
// from this repository's sources (a tenant imports `taba-portal/react` and `taba-portal/sdk`).
import fs from 'node:fs';
import path from 'node:path';
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import typescript from '@rollup/plugin-typescript';
import { typescriptOptions } from '../rollup.config.js';
import { leanEndpoints } from '../scripts/rollup-plugins.js';

const HOST_APPS = ['react-host', 'vue-host', 'sdk-host'];

// eslint-disable-next-line no-restricted-syntax -- rollup reads a config file's default export
export default {
  input: Object.fromEntries(HOST_APPS.map((app) => [app, `examples/${app}/app.ts`])),
  output: { dir: 'dist/hosts', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
  // Same as the elements bundle (rollup.config.js): no schema reaches the browser.
  treeshake: { propertyReadSideEffects: false, moduleSideEffects: (id) => !id.includes(`${path.sep}node_modules${path.sep}typebox${path.sep}`) },
  plugins: [
    {
      name: 'clean-hosts',
      // Chunk names carry a hash of their content: a build removes the previous build's.
      buildStart: () => fs.rmSync('dist/hosts', { recursive: true, force: true }),
    },
    replace({
      preventAssignment: true,
      values: {
        'process.env.NODE_ENV': JSON.stringify('production'),
        __VUE_OPTIONS_API__: 'false',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      },
    }),
    nodeResolve({ browser: true }),
    commonjs(),
    // The elements bundle's options (rollup.config.js), with the examples' own sources.
    typescript({ ...typescriptOptions, include: [...typescriptOptions.include, 'examples/*-host/**/*.ts'] }),
    leanEndpoints(),
  ],
};

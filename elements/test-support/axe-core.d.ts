// axe-core's minified UMD build, imported for its side effect of defining window.axe.
declare module 'axe-core/axe.min.js';

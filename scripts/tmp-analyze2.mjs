import { rollup } from 'rollup';
import zlib from 'node:zlib';
import { minify } from 'terser';
import configs from '../rollup.config.js';
const cfg = configs[Number(process.argv[2])];
const b = await rollup({ ...cfg, plugins: cfg.plugins.filter(p => p.name !== 'clean-chunks' && p.name !== 'terser') });
const { output } = await b.generate(Array.isArray(cfg.output) ? cfg.output[0] : cfg.output);
const chunk = output[0];
const rows = [];
for (const [id, m] of Object.entries(chunk.modules)) {
  if (!m.code) continue;
  const min = (await minify(m.code, { module: true, ecma: 2022, compress: false, mangle: false })).code ?? '';
  rows.push([zlib.gzipSync(min, { level: 9 }).length, min.length, id.replace(process.cwd() + '/', '').replace('node_modules/', 'npm:')]);
}
rows.sort((a, b) => b[0] - a[0]);
let total = 0; for (const r of rows) total += r[0];
console.log('sum of per-module gz', total);
for (const r of rows.slice(0, 45)) console.log(String(r[0]).padStart(6), String(r[1]).padStart(7), r[2]);

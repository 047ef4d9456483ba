import { rollup } from 'rollup';
import zlib from 'node:zlib';
import configs from '../rollup.config.js';
const which = process.argv[2] ?? '0';
const cfg = configs[Number(which)];
const b = await rollup({ ...cfg, plugins: cfg.plugins.filter(p => p.name !== 'clean-chunks') });
const { output } = await b.generate(Array.isArray(cfg.output) ? cfg.output[0] : cfg.output);
for (const chunk of output) {
  if (chunk.type !== 'chunk') continue;
  const groups = {};
  for (const [id, m] of Object.entries(chunk.modules)) {
    let key = id.replace(process.cwd() + '/', '');
    const nm = key.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
    if (nm) key = 'npm:' + nm[1];
    else key = key.split('/').slice(0, 2).join('/');
    groups[key] = (groups[key] ?? 0) + m.renderedLength;
  }
  console.log(`== ${chunk.fileName} ${chunk.code.length} min, ${zlib.gzipSync(chunk.code,{level:9}).length} gz`);
  if (chunk.fileName.includes('taba-portal') || process.argv[3]) for (const [k, v] of Object.entries(groups).sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(String(v).padStart(8), k);
}

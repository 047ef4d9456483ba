// Writes the generated sections of docs/security.md (permissions, routes by action, rate limits)
// from the code, on an app over a throwaway SQLite database; server/security/docs.test.ts checks them.
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../server/lib/package-root.js';
import { generatedSections, withSections } from '../server/security/doc-tables.js';
import { securityApp } from '../server/security/harness.js';

const file = path.join(packageRoot, 'docs', 'security.md');
const s = await securityApp('sqlite');
try {
  const doc = fs.readFileSync(file, 'utf8');
  const updated = withSections(doc, generatedSections(s.routes));
  if (updated === doc) console.log('docs/security.md is up to date');
  else {
    fs.writeFileSync(file, updated);
    console.log('docs/security.md: generated sections rewritten');
  }
} finally {
  await s.close();
}

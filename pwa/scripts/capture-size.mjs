// The capture route's JavaScript, gzipped, must stay within its budget (40 KB): a cheap phone on
// a bad connection is the design target. Capture is the home screen, so its JavaScript is what
// index.html loads — the entry script and the chunks it preloads — and nothing lazy.
// Usage: node scripts/capture-size.mjs (after `npm run build`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 40 * 1024;
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [
  ...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
].map((m) => m[1]);
if (scripts.length === 0) {
  console.error('no script in dist/index.html: build first (npm run build)');
  process.exit(1);
}
let total = 0;
for (const file of scripts) {
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(6)} KB  ${file}`);
}
console.log(`${(total / 1024).toFixed(1).padStart(6)} KB  capture route, gzipped (budget ${BUDGET / 1024} KB)`);
if (total > BUDGET) {
  console.error(`over budget by ${((total - BUDGET) / 1024).toFixed(1)} KB`);
  process.exit(1);
}

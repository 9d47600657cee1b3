// The console's initial JavaScript, gzipped: every script index.html loads (<script src>) and
// every module it preloads (<link rel="modulepreload">), read from the built dist/apps/console.
// Lazy route chunks are listed apart: they load later. Prints figures; asserts nothing.
// Usage: npm run bench:console-size   (builds the console first)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { machineLine } from './lib/harness.mjs';

const dir = ['dist/apps/console/browser', 'dist/apps/console'].find((d) => existsSync(join(d, 'index.html')));
if (!dir) throw new Error('dist/apps/console has no index.html: run `npx nx build console`');
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const attr = (tag, name) => tag.match(new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i'))?.[1];
const initial = new Set();
for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
  const src = attr(tag, 'src');
  if (src) initial.add(src);
}
for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
  if (/modulepreload/i.test(attr(tag, 'rel') ?? '') && attr(tag, 'href')) initial.add(attr(tag, 'href'));
}
const local = (src) => src.replace(/^\.?\//, '').split(/[?#]/)[0];
const size = (file) => {
  const body = readFileSync(join(dir, file));
  return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
};
const rows = [...initial].filter((s) => !/^[a-z]+:\/\//i.test(s)).map((s) => ({ file: local(s), ...size(local(s)) }));
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip }), { raw: 0, gzip: 0 });
const lazy = readdirSync(dir).filter((f) => f.endsWith('.js') && !rows.some((r) => r.file === f)).map((f) => size(f));
const lazyTotal = lazy.reduce((a, r) => a + r.gzip, 0);

console.log(machineLine());
console.log(`console initial JavaScript (${dir}/index.html: ${rows.length} files, gzip -9):`);
for (const r of rows.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${r.file.padEnd(28)} ${kb(r.raw).padStart(10)} raw  ${kb(r.gzip).padStart(9)} gzipped`);
console.log(`  total ${kb(total.raw)} raw, ${kb(total.gzip)} gzipped = ${((100 * total.gzip) / 250_000).toFixed(0)} % of the 250 kB budget`);
console.log(`lazy chunks, loaded later: ${lazy.length} files, ${kb(lazyTotal)} gzipped`);

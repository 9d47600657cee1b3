// Summarises .cpuprofile files (node --cpu-prof) by package and by function, counting only the
// samples inside the measured phase when the directory holds a phase.json from the benchmark.
// Usage: node bench/lib/profile-summary.mjs DIR [top=30]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const top = Number(process.argv[3] ?? 30);
const phase = existsSync(join(dir, 'phase.json')) ? JSON.parse(readFileSync(join(dir, 'phase.json'), 'utf8')) : null;
const byPackage = new Map();
const byFunction = new Map();
let total = 0;
const add = (m, k, t) => m.set(k, (m.get(k) ?? 0) + t);
for (const f of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
  const p = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  let t = p.startTime;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    t += dt;
    if (phase && (t < phase.start || t > phase.end)) return;
    const cf = nodes.get(id).callFrame;
    if (cf.functionName === '(idle)') return;
    total += dt;
    const url = cf.url || '';
    const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    add(byPackage, m ? m[1] : url.includes('dist/apps/api') ? 'latchkey api' : url.startsWith('node:') ? 'node core' : cf.functionName || '(native)', dt);
    add(byFunction, `${cf.functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${cf.lineNumber + 1}`, dt);
  });
}
const show = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top)
  .forEach(([k, t]) => console.log(`${(t / 1000).toFixed(0).padStart(8)} ms ${((100 * t) / total).toFixed(1).padStart(5)} %  ${k}`));
console.log(`busy ${(total / 1000).toFixed(0)} ms${phase ? ' in the measured phase' : ''}; by package:`);
show(byPackage);
console.log('by function (self time):');
show(byFunction);

/**
 * @module `node bench/profile.mjs <file.cpuprofile> [top=25]`: the functions with the most self
 * time in a V8 CPU profile (from `node --cpu-prof`, e.g. `npm run bench -- --quick --cpu-prof=<dir>`),
 * with the share of the non-idle samples and where each function lives.
 *
 *   42.1%  12.3%  writev  (native)
 *    7.5%   2.2%  writeResponse  dist/server/adapter/write-response.js:61
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const [file, topArg] = process.argv.slice(2);
if (file === undefined) {
  console.error('usage: node bench/profile.mjs <file.cpuprofile> [top]');
  process.exit(1);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const hits = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  const dt = profile.timeDeltas[i] ?? 0;
  hits.set(id, (hits.get(id) ?? 0) + dt);
}

const selfByFunction = new Map();
let total = 0;
let idle = 0;
for (const [id, time] of hits) {
  const { callFrame } = byId.get(id);
  total += time;
  if (callFrame.functionName === '(idle)') {
    idle += time;
    continue;
  }
  const where = callFrame.url ? `${shorten(callFrame.url)}:${callFrame.lineNumber + 1}` : '(native)';
  const key = `${callFrame.functionName || '(anonymous)'}  ${where}`;
  selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + time);
}

function shorten(url) {
  const path = url.replace(/^file:\/\//, '');
  const nodeModules = path.lastIndexOf('node_modules/');
  if (nodeModules !== -1) return path.slice(nodeModules + 'node_modules/'.length);
  if (path.startsWith('node:')) return path;
  return relative(process.cwd(), path);
}

const busy = total - idle;
console.log(`${(busy / 1e6).toFixed(2)} s busy of ${(total / 1e6).toFixed(2)} s sampled; self time, share of busy:`);
const sorted = [...selfByFunction].sort((a, b) => b[1] - a[1]).slice(0, top);
for (const [key, time] of sorted) console.log(`${((time / busy) * 100).toFixed(1).padStart(5)}%  ${key}`);

// Self time grouped by where the code lives: engine, express, undici, node internals, native, GC.
const groups = new Map();
for (const [key, time] of selfByFunction) {
  const where = key.split('  ')[1];
  const group = /^\(native\)/.test(where)
    ? key.startsWith('(garbage collector)')
      ? 'GC'
      : key.startsWith('(program)')
        ? '(program)'
        : 'native'
    : where.startsWith('dist/') || where.startsWith('server/')
      ? 'nextpress'
      : where.startsWith('node:internal/deps/undici')
        ? 'undici'
        : where.startsWith('node:')
          ? 'node core'
          : where.split('/')[0];
  groups.set(group, (groups.get(group) ?? 0) + time);
}
console.log('\nby origin:');
for (const [group, time] of [...groups].sort((a, b) => b[1] - a[1])) console.log(`${((time / busy) * 100).toFixed(1).padStart(5)}%  ${group}`);

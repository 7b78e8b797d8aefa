/**
 * @module `node bench/profile.mjs <file.cpuprofile> [top=25]`: the functions with the most self
 * time in a V8 CPU profile (from `node --cpu-prof`, e.g. `npm run bench -- --quick --cpu-prof=<dir>`),
 * with the share of the non-idle samples and where each function lives.
 *
 *   42.1%  12.3%  writev  (native)
 *    7.5%   2.2%  writeResponse  server/adapter/write-response.ts:61
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [file, topArg] = process.argv.slice(2);
if (file === undefined) {
  console.error('usage: node bench/profile.mjs <file.cpuprofile> [top]');
  process.exit(1);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));

const sourceMaps = new Map(); // file -> its SourceMap, or undefined
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
  const where = callFrame.url ? locate(callFrame) : '(native)';
  const key = `${callFrame.functionName || '(anonymous)'}  ${where}`;
  selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + time);
}

/** Where a frame's code was written: through the file's source map (the engine bundle's names its sources), else the file itself. */
function locate({ url, lineNumber, columnNumber }) {
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const entry = url.startsWith('node:') ? undefined : sourceMapOf(file)?.findEntry(lineNumber, columnNumber);
  if (entry?.originalSource === undefined) return `${shorten(url)}:${lineNumber + 1}`;
  const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : resolve(dirname(file), entry.originalSource);
  return `${shorten(source)}:${entry.originalLine + 1}`;
}

function sourceMapOf(file) {
  if (!sourceMaps.has(file)) {
    let map;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = undefined; // no map beside it
    }
    sourceMaps.set(file, map);
  }
  return sourceMaps.get(file);
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
    : /^(dist|server|config|middleware)\//.test(where)
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

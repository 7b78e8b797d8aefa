/**
 * @module What the benchmark scripts (run.mjs, cache.mjs) share: pinning to a core, a free port,
 * a process's CPU time, one load run in its own process, and the median.
 *
 *   pin(0, 'node', ['server.js'])  -> ['taskset', ['-c', '0', 'node', 'server.js']]   (Linux, >= 2 cores)
 *                                  -> ['node', ['server.js']]                         (elsewhere)
 *   median([3, 1, 2])              -> 2
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

export const hasTaskset = process.platform === 'linux' && os.cpus().length >= 2 && spawnSync('taskset', ['-V']).status === 0;

/** `[command, args]` that runs `command` on `core` when taskset is there, else as it is. */
export const pin = (core, command, args) => (hasTaskset ? ['taskset', ['-c', String(core), command, ...args]] : [command, args]);

/** Every child still running; a script kills them on exit. */
export const children = new Set();

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** CPU time (user + system) the process has used, in ms; undefined off Linux. */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND; // utime, stime
  } catch {
    return undefined;
  }
}

/** One autocannon run (load.mjs) pinned to core 1; resolves with its JSON line. */
export function runLoad(spec) {
  const [command, args] = pin(1, process.execPath, [join(HERE, 'load.mjs'), JSON.stringify(spec)]);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    children.add(child);
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => {
      children.delete(child);
      if (code === 0) resolve(JSON.parse(out));
      else reject(new Error(`load generator exited with ${code} for ${spec.url}`));
    });
  });
}

/** The median of the defined values; undefined when there are none. */
export function median(values) {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

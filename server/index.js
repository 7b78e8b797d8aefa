/**
 * @module `node server <command> ...`: the CLI, run from a clone of this repo (plain CommonJS, so
 * Node runs it before anything is built).
 *   1. dist/ is missing, or older than the sources (server/, config/, middleware/, the build script)
 *      → build it as `npm run build` does (scripts/build.mjs, with the local esbuild);
 *   2. run dist/server/cli.js, which reads the same process.argv.
 * Cluster workers re-run this file: the primary has built already, so they go straight to step 2.
 *
 * Not the front door: TypeScript and jest resolve `./server` to server/index.ts (jest.config.js
 * lists .ts before .js); only Node, which never picks index.ts, runs this file. The build reads
 * index.ts, never this file: dist/server/index.js is the compiled index.ts.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const cluster = require('node:cluster');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'server', 'cli.js');
const SOURCES = ['server', 'config', 'middleware', path.join('scripts', 'build.mjs')];

/** The newest mtime (ms) of a file or folder tree; folders count too, so a deleted file is a change. */
function newest(target) {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (stat === undefined) return 0;
  let time = stat.mtimeMs;
  if (!stat.isDirectory()) return time;
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    if (entry.name !== 'node_modules') time = Math.max(time, newest(path.join(target, entry.name)));
  }
  return time;
}

function build(reason) {
  try {
    require.resolve('esbuild', { paths: [ROOT] });
  } catch {
    process.stderr.write(
      `[nextpress] ${reason}, and esbuild is not installed to build it (a production install?). Run \`npm ci\`, or \`npm run build\` where the dev dependencies are.\n`,
    );
    process.exit(1);
  }
  process.stderr.write(`[nextpress] ${reason}: building it (npm run build)\n`);
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    process.stderr.write(
      `[nextpress] The build failed (${result.error?.message ?? `exit code ${result.status}`}): fix the error above, then run the command again.\n`,
    );
    process.exit(1);
  }
}

if (cluster.isPrimary) {
  const built = fs.statSync(CLI, { throwIfNoEntry: false });
  if (built === undefined) build('dist/ is missing');
  else if (Math.max(...SOURCES.map((source) => newest(path.join(ROOT, source)))) > built.mtimeMs) build('dist/ is older than the sources');
}
require(CLI);

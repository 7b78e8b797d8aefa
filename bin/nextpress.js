#!/usr/bin/env node
/**
 * @module The `nextpress` bin (`npx nextpress start`), the same CLI as `node server` in a clone:
 *   1. an installed package (no sources, no build tools): run the built CLI, dist/server/cli.js, directly;
 *   2. a clone of the repository (server/index.js is there): run that launcher, which builds dist/
 *      first when it is missing or older than the sources.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const launcher = path.join(root, 'server', 'index.js');
const cli = path.join(root, 'dist', 'server', 'cli.js');

if (fs.existsSync(launcher)) {
  require(launcher);
} else if (fs.existsSync(cli)) {
  require(cli);
} else {
  process.stderr.write(`[nextpress] ${cli} is missing: this copy of nextpress was packed without its build. Reinstall it from a tarball made by \`npm pack\` (its prepack script builds dist/).\n`);
  process.exit(1);
}

'use strict';
// node_modules/next (the package root) at run time: nothing. It exists for `import type { NextConfig } from 'next'`,
// and so that an import of it that a transpiler kept does not fail.
module.exports = {};

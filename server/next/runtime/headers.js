'use strict';
// node_modules/next/headers at run time: the compiled nextpress module (npm run build makes dist/).
module.exports = require('../../../dist/server/next/headers.js');

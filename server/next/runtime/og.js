'use strict';
// node_modules/next/og at run time: the compiled nextpress module (npm run build makes dist/).
module.exports = require('../../../dist/server/next/og.js');

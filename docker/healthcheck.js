'use strict';
// The image's HEALTHCHECK (the image has no curl): GET HEALTH_PATH on PORT, exit 0 on a 2xx answer,
// 1 otherwise (no answer within 4 s, refused, or any other status). Reads the same variables as
// the server, with the same defaults.
const http = require('node:http');

const port = Number(process.env.PORT || 3000);
const path = process.env.HEALTH_PATH || '/healthz';
const bound = (process.env.HOST || '').trim();
// Listening on every interface: ask over loopback. Otherwise ask the address it is bound to.
const host = bound === '' || bound === '0.0.0.0' ? '127.0.0.1' : bound === '::' ? '::1' : bound;

const req = http.get({ host, port, path, timeout: 4000, headers: { 'user-agent': 'docker-healthcheck' } }, (res) => {
  res.resume();
  process.exit(res.statusCode >= 200 && res.statusCode < 300 ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error('timed out')));
req.on('error', (error) => {
  process.stderr.write(`healthcheck: http://${host.includes(':') ? `[${host}]` : host}:${port}${path}: ${error.message}\n`);
  process.exit(1);
});

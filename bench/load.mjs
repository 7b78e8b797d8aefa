/**
 * @module One load run (started by run.mjs as `taskset -c 1 node bench/load.mjs '<json>'`, so the
 * load generator never shares the server's core): autocannon against one URL, then one JSON line
 * on stdout with what run.mjs keeps.
 *
 *   {"url":"http://127.0.0.1:4100/text","method":"GET","connections":50,"duration":5}
 *     -> {"rps":4123.4,"p50":11,"p99":19,"requests":20617,"non2xx":0,"errors":0,"timeouts":0}
 */
import autocannon from 'autocannon';

const { url, method = 'GET', body, headers, connections = 50, duration = 5 } = JSON.parse(process.argv[2]);

const result = await autocannon({ url, method, body, headers, connections, duration, pipelining: 1 });

process.stdout.write(
  JSON.stringify({
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }) + '\n',
);

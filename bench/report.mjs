/**
 * @module The benchmark's result -> text: the console table and bench/RESULTS.md (one Markdown
 * table, so both read the same).
 */

const fixed = (value, digits) => (value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits));
const signed = (value, digits) => (value === undefined ? '-' : `${value > 0 ? '+' : ''}${value.toFixed(digits)}`);

function throughputTable(result) {
  const lines = [
    '| Endpoint | System | req/s | p50 ms | p99 ms | peak RSS MB | server CPU µs/req | / Express (req/s) | (CPU/req) |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const row of result.rows) {
    lines.push(
      `| ${row.label} | ${row.systemLabel} | ${fixed(row.rps, 0)} | ${fixed(row.p50, 0)} | ${fixed(row.p99, 0)} | ${fixed(row.peakRssMb, 1)} | ${fixed(row.cpuUsPerRequest, 0)} | ${row.ratio === undefined ? '' : `**${fixed(row.ratio, 2)}x**`} | ${row.cpuRatio === undefined ? '' : `${fixed(row.cpuRatio, 2)}x`} |`,
    );
  }
  return lines.join('\n');
}

function coldTable(result) {
  if (result.coldStart.length === 0) return '';
  const lines = ['| Cold start: spawn to first 200 (RSS then) | Express 5 | nextpress | nextpress, first start (compile cache empty) |', '|---|--:|--:|--:|'];
  for (const c of result.coldStart) {
    const cell = (ms, rss) => `${fixed(ms, 0)} ms (${fixed(rss, 0)} MB)`;
    lines.push(
      `| ${c.routes}, \`GET ${c.path}\` | ${cell(c.express.medianMs, c.express.rssAtReadyMb)} | ${cell(c.nextpress.medianMs, c.nextpress.rssAtReadyMb)} | ${cell(c.nextpressFirst.ms, c.nextpressFirst.rssAtReadyMb)} |`,
    );
  }
  return lines.join('\n');
}

function targetList(result) {
  return result.targets
    .map((t) => {
      const value = /RSS/.test(t.target)
        ? `${signed(t.value, 1)} MB`
        : /p99/.test(t.target)
          ? `${signed(t.value, 0)} ms`
          : /cold/.test(t.target)
            ? `${fixed(t.value, 0)} ms`
            : `${fixed(t.value, 2)}`;
      return `- ${t.met ? 'met' : '**missed**'}: ${t.target} (measured ${value})`;
    })
    .join('\n');
}

function setup(result) {
  const m = result.machine;
  return [
    `${result.date.slice(0, 10)}, ${result.mode.name} mode: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}, Node ${m.node}.`,
    `${result.pinned ? 'Server pinned to core 0, autocannon to core 1' : 'Not pinned (no taskset)'}; ${result.connections} connections; ` +
      `${result.mode.rounds} interleaved rounds of ${result.mode.duration} s after a ${result.mode.warmup} s warm-up per pair; medians of the rounds ` +
      `(peak RSS: the highest VmHWM of any round, reset before each); the ratios are the median of the per-round ratios (each pair ran back to back). ` +
      `Load average before/after: ${result.loadAverage.before.join(' ')} / ${result.loadAverage.after.join(' ')}.`,
    'Every server runs with NODE_ENV=production. nextpress runs in its default configuration: LOG_LEVEL=info, one pino JSON line per request ' +
      "(to /dev/null), the engine lane (no Express middleware on the app); the variant rows turn the request log off or force Express's router. " +
      'Express keeps its defaults (etag, x-powered-by) and has no request logger; Hono 4 runs on @hono/node-server as its docs show. ' +
      'Each route-file endpoint is written both ways: the platform Response / Response.json, and NextResponse. ' +
      "The 1,000-route row's last line is its reference: a 10-route nextpress server on GET /text (the same handler), run right before or after the 1,000-route one in every round.",
    'nextpress compiles each TypeScript route file on first use (jiti, cached on disk): the route files are compiled once before the throughput runs, ' +
      'as on any restart; the last cold-start column is a start with an empty cache.',
    "Server CPU µs/req is the server process's user + system CPU time (from /proc) divided by the requests it answered in the run; its ratio (Express / nextpress, " +
      'above 1 when nextpress spends less) depends far less on other load on the machine than req/s does.',
  ].join('\n');
}

export function formatTable(result) {
  return [setup(result), '', throughputTable(result), '', coldTable(result), '', targetList(result)].join('\n');
}

/** Everything in RESULTS.md after this line is hand-written and kept when the tables are rewritten. */
export const NOTES_MARKER = '<!-- notes: kept as they are by npm run bench -->';

/** RESULTS.md: the generated tables, then the notes of the previous file (if it had any). */
export function formatMarkdown(result, previous = '') {
  const at = previous.indexOf(NOTES_MARKER);
  const notes = at === -1 ? '' : `\n${previous.slice(at)}`;
  return tables(result) + notes;
}

function tables(result) {
  return `# Benchmark: nextpress vs bare Express 5 (and Hono)

Written by \`npm run bench\` (full mode); \`npm run bench -- --quick\` is for development and leaves this file alone.
What it runs is described at the top of \`bench/run.mjs\`; the endpoints are in \`bench/apps.mjs\`.

${setup(result)}

${throughputTable(result)}

${coldTable(result)}

## Targets

${targetList(result)}
`;
}

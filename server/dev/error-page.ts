/**
 * @module sendErrorPage: development's readable 500, in the form the client asked for (Express's
 * `req.accepts`, JSON first so a client that accepts anything gets JSON):
 *
 *   Accept: text/html,...,*\/*;q=0.8 (a browser) -> text/html: the message, the route file, the
 *                                                  code frame and the stack, every value escaped
 *   Accept: application/json, *\/*, text/plain, none -> application/json:
 *       {"error":"<message>","name":"Error","route":"api/x/route.ts","file":"app/api/x/route.ts",
 *        "line":8,"column":11,"codeFrame":"...","stack":["GET (app/api/x/route.ts:8:11)"]}
 * Both carry Cache-Control: no-store (a page about one failure is never reused).
 */
import type { Request, Response } from 'express';
import escapeHtml from 'escape-html';
import type { ErrorDescription } from './describe-error';

export function sendErrorPage(req: Request, res: Response, status: number, error: ErrorDescription): void {
  const html = req.accepts(['json', 'html']) === 'html';
  const { message, ...rest } = error;
  const body = html ? renderHtml(status, error) : JSON.stringify({ error: message, ...rest });
  res.writeHead(status, {
    'content-type': html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
  });
  res.end(body);
}

function renderHtml(status: number, error: ErrorDescription): string {
  const where = error.file === undefined ? '' : `${error.file}:${error.line}:${error.column}`;
  const rows = [
    error.route === undefined ? '' : `<p>Route file: <code>${escapeHtml(error.route)}</code></p>`,
    where === '' ? '' : `<p>Thrown at: <code>${escapeHtml(where)}</code></p>`,
    error.codeFrame === undefined ? '' : `<pre class="frame">${escapeHtml(error.codeFrame)}</pre>`,
    error.stack.length === 0 ? '' : `<h2>Stack</h2><pre>${escapeHtml(error.stack.join('\n'))}</pre>`,
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${status}: ${escapeHtml(error.message)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}h1{font-size:1.3rem;color:#b00020}pre{background:#f5f5f5;padding:1rem;overflow:auto}.frame{border-left:4px solid #b00020}</style>
</head>
<body>
<h1>${escapeHtml(error.name)}: ${escapeHtml(error.message)}</h1>
${rows.filter((row) => row !== '').join('\n')}
<p>This page is shown in development only; in production the response is an empty 500.</p>
</body>
</html>
`;
}

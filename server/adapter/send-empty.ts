/**
 * @module sendEmpty: a bare status with no body and no content-type (Next's 500, 404, 405 shape);
 * if the headers are already out, the only honest signal left is to cut the connection.
 */
import type { ServerResponse } from 'node:http';

export function sendEmpty(res: ServerResponse, status: number): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status);
  res.end();
}

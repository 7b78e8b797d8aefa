/**
 * @module sendPermanentRedirect: the 308 Next answers for a URL it normalises (trailing slash,
 * repeated slashes, backslashes): the location as the body and a Refresh header, no content-type.
 *
 *   '/users' -> 308, location: /users, refresh: 0;url=/users, content-length: 6, body '/users'
 */
import type { ServerResponse } from 'node:http';

export function sendPermanentRedirect(res: ServerResponse, location: string): void {
  res.writeHead(308, { location, refresh: `0;url=${location}`, 'content-length': String(Buffer.byteLength(location)) });
  res.end(res.req.method === 'HEAD' ? undefined : location);
}

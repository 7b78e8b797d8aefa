/**
 * @module requestView: Express's `req` plus the current query -> what has/missing conditions read
 * (HasInput). Cookies and the query are parsed on first read only.
 *   cookie 'a=1; b=2'      -> cookie('b') === '2'
 *   query '?x=1&x=2'       -> query('x') === '2' (the last value, as Next)
 *   Host 'Example.com:80'  -> host === 'example.com'
 */
import type { IncomingMessage } from 'node:http';
import type { HasInput } from './match-has';

export class RequestView implements HasInput {
  readonly #req: IncomingMessage;
  #search: string;
  #query: Array<[string, string]> | undefined = undefined;
  #cookies: Map<string, string> | undefined = undefined;

  constructor(req: IncomingMessage, search: string) {
    this.#req = req;
    this.#search = search;
  }

  /** After a rewrite the query is the destination's. */
  setSearch(search: string): void {
    this.#search = search;
    this.#query = undefined;
  }

  get search(): string {
    return this.#search;
  }

  /** The query's pairs, in order (decoded). */
  get pairs(): Array<[string, string]> {
    return (this.#query ??= [...new URLSearchParams(this.#search)]);
  }

  header(name: string): string | undefined {
    const value = this.#req.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  cookie(name: string): string | undefined {
    if (this.#cookies === undefined) {
      this.#cookies = new Map();
      for (const part of (this.#req.headers.cookie ?? '').split(';')) {
        const eq = part.indexOf('=');
        if (eq === -1) continue;
        const key = part.slice(0, eq).trim();
        if (this.#cookies.has(key)) continue;
        let value = part.slice(eq + 1).trim();
        if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
        try {
          value = decodeURIComponent(value);
        } catch {
          // kept as sent
        }
        this.#cookies.set(key, value);
      }
    }
    return this.#cookies.get(name);
  }

  query(name: string): string | undefined {
    let found: string | undefined;
    for (const [key, value] of this.pairs) if (key === name) found = value;
    return found;
  }

  get host(): string | undefined {
    return this.#req.headers.host?.split(':')[0].toLowerCase();
  }
}

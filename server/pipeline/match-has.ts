/**
 * @module matchHas: a route's `has` / `missing` conditions against a request -> the values they
 * capture, or undefined when the route does not apply. Next's rules:
 *   - header (name case-insensitive), cookie, query (by key), host (without the port, lowercase);
 *   - no `value`: the item is present; its value is captured under its key (letters only);
 *   - a `value` is a regex matched whole (`^value$`); its named groups are captured, and for
 *     `host` without groups the whole host is captured as `host`;
 *   - every `has` must match and no `missing` may.
 *   has [{ type: 'header', key: 'x-tenant' }]           , x-tenant: acme -> { xtenant: 'acme' }
 *   has [{ type: 'query', key: 'v', value: '(?<v>\\d)' }], ?v=2         -> { v: '2' }
 *   missing [{ type: 'cookie', key: 'session' }]         , session=1    -> undefined
 */
import type { Params } from './compile-source';

export interface RouteHas {
  type: 'header' | 'cookie' | 'query' | 'host';
  key?: string;
  value?: string;
}

/** What the conditions read from a request. */
export interface HasInput {
  header(name: string): string | undefined;
  cookie(name: string): string | undefined;
  query(name: string): string | undefined;
  /** The Host header without its port, lowercase. */
  host: string | undefined;
}

export function matchHas(input: HasInput, has: RouteHas[] | undefined, missing: RouteHas[] | undefined): Params | undefined {
  const captured: Params = {};
  for (const item of has ?? []) if (!test(input, item, captured)) return undefined;
  for (const item of missing ?? []) if (test(input, item, {})) return undefined;
  return captured;
}

function test(input: HasInput, item: RouteHas, captured: Params): boolean {
  const key = item.type === 'header' ? (item.key ?? '').toLowerCase() : (item.key ?? '');
  const value = read(input, item.type, key);
  if (value === undefined || value === '') return false;
  if (item.value === undefined || item.value === '') {
    captured[safeName(item.type === 'host' ? 'host' : key)] = value;
    return true;
  }
  const found = valueRegExp(item).exec(value);
  if (found === null) return false;
  if (found.groups !== undefined) {
    for (const [name, group] of Object.entries(found.groups)) if (group !== undefined) captured[name] = group;
  } else if (item.type === 'host') {
    captured.host = found[0];
  }
  return true;
}

const compiled = new WeakMap<RouteHas, RegExp>();

/** `value` as a whole-value regex, compiled once per item; an invalid one throws (checked at start by compileCustomRoutes). */
export function valueRegExp(item: RouteHas): RegExp {
  let regexp = compiled.get(item);
  if (regexp === undefined) {
    regexp = new RegExp(`^${item.value}$`);
    compiled.set(item, regexp);
  }
  return regexp;
}

function read(input: HasInput, type: RouteHas['type'], key: string): string | undefined {
  switch (type) {
    case 'header':
      return input.header(key);
    case 'cookie':
      return input.cookie(key);
    case 'query':
      return input.query(key);
    case 'host':
      return input.host;
    default:
      return undefined;
  }
}

/** Next interpolates only letters: 'x-tenant' -> 'xtenant'. */
function safeName(name: string): string {
  return name.replace(/[^A-Za-z]/g, '');
}

/**
 * @module checkConflicts: refuses a set of route files Next would refuse, with Next's own words.
 */
import { NextpressError } from '../errors';
import type { RouteFile } from './types';

interface Slug {
  name: string;
  route: RouteFile;
}

/** One URL level. Static children are keyed by value; the three dynamic kinds have one slot each. */
interface Level {
  own: RouteFile | undefined;
  children: Map<string, Level>;
  param: Slug | undefined;
  catchAll: Slug | undefined;
  optional: Slug | undefined;
}

/**
 * Throws NextpressError ROUTE_CONFLICT for the first clash, quoting Next's message, then the route
 * files involved and the fix. Checks, in Next's order: one URL served twice, then the router-tree
 * rules of Next's route sorter (slug names, catch-all placement), then a route beside an optional
 * catch-all. Routes are visited in relativeFile order, so the message does not depend on input order.
 *
 *   (a)/x/route.ts + (b)/x/route.ts              -> Conflicting routes at /x: route at /(a)/x/route and route at /(b)/x/route
 *   u/[id]/route.ts + u/[userId]/a/route.ts      -> You cannot use different slug names for the same dynamic path ('id' !== 'userId').
 *   [...slug]/x/route.ts                         -> Catch-all must be the last part of the URL.
 *   d/[...a]/route.ts + d/[[...b]]/route.ts      -> You cannot use both an required and optional catch-all route at the same level ("[...a]" and "[[...b]]" ).
 *   x/route.ts + x/[[...s]]/route.ts             -> You cannot define a route with the same specificity as a optional catch-all route ("/x" and "/x[[...s]]").
 *   [id]/x/[id]/route.ts                         -> You cannot have the same slug name "id" repeat within a single dynamic path
 *   [a-b]/[ab]/route.ts                          -> You cannot have the slug names "a-b" and "ab" differ only by non-word symbols within a single dynamic path
 *   [id]/route.ts + [...rest]/route.ts           -> no error (a param and a catch-all may share a level)
 */
export function checkConflicts(routes: RouteFile[]): void {
  const ordered = [...routes].sort((a, b) => (a.relativeFile < b.relativeFile ? -1 : a.relativeFile > b.relativeFile ? 1 : 0));

  const byPattern = new Map<string, RouteFile>();
  for (const route of ordered) {
    const first = byPattern.get(route.pattern);
    if (first === undefined) {
      byPattern.set(route.pattern, route);
      continue;
    }
    throw conflict(
      `Conflicting routes at ${route.pattern}: route at ${appPage(first)} and route at ${appPage(route)}`,
      [first, route],
      `Both answer ${route.pattern} (groups and @slots are not part of the URL): delete or move one of them.`,
    );
  }

  const root = newLevel();
  for (const route of ordered) insert(root, route);
  checkOptionalSpecificity(root);
}

function insert(root: Level, route: RouteFile): void {
  const slugNames: string[] = [];
  let level = root;
  const { segments } = route;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const previous = segments[i - 1];
    if (previous !== undefined && (previous.kind === 'catchAll' || previous.kind === 'optionalCatchAll')) {
      const folder = previous.kind === 'catchAll' ? `[...${previous.name}]` : `[[...${previous.name}]]`;
      throw conflict(
        'Catch-all must be the last part of the URL.',
        [route],
        `The catch-all folder '${folder}' already matches every path below it: move the route file up into '${folder}' and read the rest of the URL from params.${previous.name}.`,
      );
    }
    let key: string;
    switch (segment.kind) {
      case 'static':
        key = segment.value;
        break;
      case 'param':
        level.param = claimSlug(level.param, segment.name, route, slugNames, (name) => `[${name}]`);
        key = '[]';
        break;
      case 'catchAll':
        if (level.optional !== undefined) {
          throw conflict(
            `You cannot use both an optional and required catch-all route at the same level ("[[...${level.optional.name}]]" and "[...${segment.name}]").`,
            [level.optional.route, route],
            `'[[...${level.optional.name}]]' already matches everything '[...${segment.name}]' matches (and the bare parent too): keep only one of them.`,
          );
        }
        level.catchAll = claimSlug(level.catchAll, segment.name, route, slugNames, (name) => `[...${name}]`);
        key = '[...]';
        break;
      case 'optionalCatchAll':
        if (level.catchAll !== undefined) {
          throw conflict(
            `You cannot use both an required and optional catch-all route at the same level ("[...${level.catchAll.name}]" and "[[...${segment.name}]]" ).`,
            [level.catchAll.route, route],
            `'[[...${segment.name}]]' already matches everything '[...${level.catchAll.name}]' matches (and the bare parent too): keep only one of them.`,
          );
        }
        level.optional = claimSlug(level.optional, segment.name, route, slugNames, (name) => `[[...${name}]]`);
        key = '[[...]]';
        break;
    }
    let child = level.children.get(key);
    if (child === undefined) {
      child = newLevel();
      level.children.set(key, child);
    }
    level = child;
  }
  level.own ??= route;
}

/** Next's slug rules: one name per dynamic level, and no name repeated (even up to symbols) in a path. */
function claimSlug(existing: Slug | undefined, name: string, route: RouteFile, slugNames: string[], folder: (name: string) => string): Slug {
  if (existing !== undefined && existing.name !== name) {
    throw conflict(
      `You cannot use different slug names for the same dynamic path ('${existing.name}' !== '${name}').`,
      [existing.route, route],
      `Use one parameter name at this level: rename '${folder(name)}' to '${folder(existing.name)}' (or the other way round).`,
    );
  }
  for (const slug of slugNames) {
    if (slug === name) {
      throw conflict(
        `You cannot have the same slug name "${name}" repeat within a single dynamic path`,
        [route],
        'Give each parameter in one path its own name.',
      );
    }
    if (slug.replace(/\W/g, '') === name.replace(/\W/g, '')) {
      throw conflict(
        `You cannot have the slug names "${slug}" and "${name}" differ only by non-word symbols within a single dynamic path`,
        [route],
        'Give the parameters names that differ by more than punctuation.',
      );
    }
  }
  slugNames.push(name);
  return existing ?? { name, route };
}

/** A folder's own route and an optional catch-all below it would both answer the folder's URL. */
function checkOptionalSpecificity(level: Level): void {
  if (level.own !== undefined && level.optional !== undefined) {
    const r = level.own.pattern;
    const { name, route } = level.optional;
    throw conflict(
      `You cannot define a route with the same specificity as a optional catch-all route ("${r}" and "${r}[[...${name}]]").`,
      [level.own, route],
      `Both answer ${r}: delete '${level.own.relativeFile}', or rename '[[...${name}]]' to '[...${name}]' so it needs at least one segment.`,
    );
  }
  for (const key of [...level.children.keys()].sort()) checkOptionalSpecificity(level.children.get(key)!);
}

/** 'api/(a)/x/route.ts' -> '/api/(a)/x/route' (how Next names a route entry); 'route.ts' -> '/route'. */
function appPage(route: RouteFile): string {
  const slash = route.relativeFile.lastIndexOf('/');
  return slash === -1 ? '/route' : `/${route.relativeFile.slice(0, slash)}/route`;
}

function conflict(nextMessage: string, routes: RouteFile[], fix: string): NextpressError {
  const files = routes.map((route) => `'${route.relativeFile}'`).join(' and ');
  const label = routes.length === 1 ? 'Route file' : 'Route files';
  const stop = /[.)]$/.test(nextMessage) ? ' ' : '. ';
  return new NextpressError(`${nextMessage}${stop}${label}: ${files}. ${fix}`, { code: 'ROUTE_CONFLICT' });
}

function newLevel(): Level {
  return { own: undefined, children: new Map(), param: undefined, catchAll: undefined, optional: undefined };
}
